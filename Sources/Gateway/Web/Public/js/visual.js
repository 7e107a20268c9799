// The copilot's chart spec (`visual`) drawn from its result (`data`): line, bar, grouped_bar or kpi.
import { el } from "./dom.js";
import { lineChart, barChart, groupedBarChart } from "./charts.js";
import { metricValue, metricLabel, delta } from "./format.js";

export function renderVisual(visual, data) {
  if (!visual || !data) return null;
  const metrics = visual.metrics || Object.keys(data.totals || {});
  const format = (metric) => (value) => metricValue(metric, value, { compact: true });
  switch (visual.type) {
    case "line": {
      const series = metrics.map((metric) => ({
        name: metricLabel(metric),
        points: (data.timeseries || []).map((p) => ({ x: new Date(p.ts.length === 10 ? `${p.ts}T00:00:00` : p.ts), y: p.values[metric] })),
      }));
      if (!series.length || !series[0].points.length) return null;
      return lineChart({ series, format: format(metrics[0]), label: `${metrics.map(metricLabel).join(", ")} over time` });
    }
    case "bar": {
      const metric = visual.y || metrics[0];
      // Rows with nothing to show (a store campaign without spend in a spend ranking) are left out.
      const items = (data.breakdown || []).filter((row) => row.values[metric])
        .map((row) => ({ label: row.label || row.key, value: row.values[metric] }));
      return items.length ? barChart(items, { format: format(metric), label: `${metricLabel(metric)} by item` }) : null;
    }
    case "grouped_bar": {
      const names = ["Current", "Comparison"];
      const items = visual.x === "label"
        ? (data.breakdown || []).map((row) => ({ label: row.label || row.key, values: [row.values[metrics[0]], (row.comparison_values || {})[metrics[0]]] }))
        : metrics.map((metric) => ({ label: metricLabel(metric), values: [data.totals[metric], (data.comparison_totals || {})[metric]] }));
      return items.length ? groupedBarChart(items, names, { format: format(metrics[0]), label: "Current against comparison" }) : null;
    }
    default: {
      const totals = data.totals || {};
      return el("div", { class: "cards chart", role: "group", "aria-label": "Key numbers" }, metrics.filter((m) => m in totals).map((metric) => {
        const previous = (data.comparison_totals || {})[metric];
        const change = previous ? delta(totals[metric] / previous - 1, metric) : null;
        return el("div", { class: "kpi" }, el("div", { class: "label" }, metricLabel(metric)),
          el("div", { class: "value" }, metricValue(metric, totals[metric])),
          change ? el("div", { class: `delta ${change.tone}` }, change.text) : null);
      }));
    }
  }
}

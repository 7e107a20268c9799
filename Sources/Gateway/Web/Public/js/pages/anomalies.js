// Anomalies: what the monitor found, each with its series, the expected band and the flagged
// points; and the checker, which scores any values pasted into it.
import { api } from "../api.js";
import { el, show, loading, empty, errorBox, table } from "../dom.js";
import { lineChart } from "../charts.js";
import { metricValue, metricLabel, dateTime, percent } from "../format.js";

/** Filters that select an anomaly's entity ("google:campaign:c1", "meta", "workspace"). */
function entityFilters(key) {
  const parts = (key || "").split(":");
  if (parts.length >= 3) return [{ dimension: "provider", op: "in", values: [parts[0]] }, { dimension: parts[1], op: "in", values: [parts.slice(2).join(":")] }];
  if (parts.length === 1 && parts[0] && parts[0] !== "workspace") return [{ dimension: "provider", op: "in", values: [parts[0]] }];
  return [];
}

const day = (date) => date.toISOString().slice(0, 10);

async function detail(anomaly, box) {
  show(box, loading("Loading the series…"));
  try {
    const at = new Date(anomaly.ts);
    const hourly = at.getUTCHours() !== 0 || at.getUTCMinutes() !== 0;
    const start = new Date(at.getTime() - (hourly ? 14 : 90) * 86400000);
    const end = new Date(at.getTime() + (hourly ? 1 : 7) * 86400000);
    const result = await api("/qa/semantic", {
      method: "POST",
      body: { metrics: [anomaly.metric], time_range: { start: day(start), end: day(end) }, granularity: hourly ? "hour" : "day",
        filters: entityFilters(anomaly.entity_key), include_timeseries: true },
    });
    const points = (result.data.timeseries || []).map((p) => ({ ts: p.ts.length === 10 ? `${p.ts}T00:00:00Z` : p.ts, value: p.values[anomaly.metric] ?? 0 }))
      .filter((p) => new Date(p.ts) <= end);
    if (points.length < 3) { show(box, empty("Not enough history to draw this series.")); return; }
    // The band comes from the checker (the same detector, replayed on this series); the marked
    // points are the anomalies the monitor stored for this metric and entity.
    const [checked, stored] = await Promise.all([
      api("/anomaly/check", { method: "POST", body: { points } }),
      api("/anomalies", { query: { metric: anomaly.metric, entity_key: anomaly.entity_key, since: start.toISOString(), limit: 100 } }),
    ]);
    const floor = Math.min(0, ...points.map((p) => p.value));
    const judged = checked.points.filter((p) => Number.isFinite(p.lower) && Number.isFinite(p.upper));
    const format = (v) => metricValue(anomaly.metric, v, { compact: true });
    const found = [...(stored.items || []), anomaly].filter((a) => new Date(a.ts) <= end);
    const marks = [...new Map(found.map((a) => [a.id, a])).values()]
      .map((a) => ({ x: new Date(a.ts), y: a.observed, label: `${dateTime(a.ts)}: ${format(a.observed)} (expected ${format(a.expected)})` }));
    show(box,
      el("h2", {}, `${metricLabel(anomaly.metric)} · ${anomaly.entity_label || anomaly.entity_key}`),
      el("p", {}, `${dateTime(anomaly.ts)}: ${metricValue(anomaly.metric, anomaly.observed)} where about ${metricValue(anomaly.metric, anomaly.expected)} was expected `,
        el("span", { class: `badge ${anomaly.severity}` }, anomaly.severity), ` score ${anomaly.score.toFixed(2)}`),
      lineChart({
        label: `${metricLabel(anomaly.metric)} with its expected band`,
        series: [{ name: metricLabel(anomaly.metric), points: checked.points.map((p) => ({ x: new Date(p.ts), y: p.value })) }],
        band: judged.map((p) => ({ x: new Date(p.ts), low: Math.max(p.lower, floor), high: p.upper })), marks, format,
      }),
      el("p", { class: "muted" }, "Shaded: the range the detector expected from the points before each one. Red: the anomalies found on this series."),
      el("div", { class: "toolbar" }, ["acknowledged", "resolved"].map((status) => el("button", {
        type: "button", class: "ghost", disabled: anomaly.status === status,
        onclick: async (event) => {
          try { await api(`/anomalies/${anomaly.id}`, { method: "PATCH", body: { status } }); anomaly.status = status; event.target.textContent = `Marked ${status}`; }
          catch (error) { box.append(errorBox(error)); }
        },
      }, status === "acknowledged" ? "Acknowledge" : "Resolve"))));
  } catch (error) {
    show(box, errorBox(error));
  }
}

function checker() {
  const values = el("textarea", { id: "checker-values", "aria-label": "Values", placeholder: "One value per line or separated by commas, oldest first: 10, 11, 10, 12, 11, 40, 11" });
  // The season the detector compares against: a week of daily values unless told otherwise.
  const period = el("input", { id: "checker-period", type: "number", min: "2", max: "1000", value: "7", required: true, style: "width: 90px" });
  const out = el("div", { id: "checker-result" });
  const form = el("form", {
    onsubmit: async (event) => {
      event.preventDefault();
      const numbers = values.value.split(/[\s,;]+/).filter(Boolean).map(Number);
      if (numbers.some((n) => !Number.isFinite(n))) { show(out, errorBox(new Error("values: only numbers, please"))); return; }
      show(out, loading("Scoring…"));
      try {
        const result = await api("/anomaly/check", { method: "POST", body: { values: numbers, period: Number(period.value) } });
        const points = result.points.map((p, i) => ({ ...p, index: i + 1 }));
        show(out,
          (result.notes || []).map((note) => el("p", { class: "notice" }, note)),
          lineChart({
            label: "Checked values", formatX: (x) => `#${x}`, series: [{ name: "Value", points: points.map((p) => ({ x: p.index, y: p.value })) }],
            band: points.filter((p) => Number.isFinite(p.lower)).map((p) => ({ x: p.index, low: p.lower, high: p.upper })),
            marks: points.filter((p) => p.anomaly).map((p) => ({ x: p.index, y: p.value, label: `#${p.index}: ${p.value}` })),
          }),
          table([
            { key: "index", label: "#", num: true },
            { key: "value", label: "Value", num: true },
            { key: "expected", label: "Expected", num: true, format: (r) => (Number.isFinite(r.expected) ? r.expected.toFixed(2) : "–") },
            { key: "score", label: "Score", num: true, format: (r) => percent(r.score, 0) },
            { key: "anomaly", label: "Anomaly", format: (r) => (r.anomaly ? el("span", { class: "badge high" }, "anomaly") : "") },
          ], points, { caption: "Scores" }));
      } catch (error) {
        show(out, errorBox(error));
      }
    },
  }, el("label", { for: "checker-values" }, "Values"), values,
  el("div", { class: "toolbar", style: "margin: 8px 0" }, el("label", { for: "checker-period" }, "Season length in points (7 for daily values, 24 for hourly)"), period, el("button", { type: "submit" }, "Check")));
  return el("section", { class: "panel", style: "margin-top: 16px", "aria-labelledby": "checker-title" }, el("h2", { id: "checker-title" }, "Anomaly checker"), form, out);
}

export async function render(view) {
  const list = el("div", {}, loading("Loading anomalies…"));
  const box = el("section", { class: "panel", id: "anomaly-detail", "aria-live": "polite" }, el("p", { class: "muted" }, "Select an anomaly below to see its series against what was expected."));
  const severity = el("select", { id: "severity", "aria-label": "Minimum severity", onchange: () => load() },
    [["", "Any severity"], ["medium", "Medium and high"], ["high", "High only"]].map(([value, label]) => el("option", { value }, label)));
  show(view,
    el("div", { class: "page-head" }, el("h1", {}, "Anomalies"), el("div", { class: "toolbar" }, severity)),
    box,
    el("section", { class: "panel", style: "margin-top: 16px" }, list),
    checker());
  async function load() {
    show(list, loading("Loading anomalies…"));
    try {
      const items = (await api("/anomalies", { query: { limit: 50, min_severity: severity.value } })).items || [];
      show(list, items.length ? table([
        { key: "ts", label: "When", format: (r) => dateTime(r.ts) },
        { key: "metric", label: "Metric", format: (r) => metricLabel(r.metric) },
        { key: "entity_label", label: "Where", format: (r) => r.entity_label || r.entity_key },
        { key: "direction", label: "Move", format: (r) => (r.direction === "up" ? "▲ up" : "▼ down") },
        { key: "severity", label: "Severity", format: (r) => el("span", { class: `badge ${r.severity}` }, r.severity) },
        { key: "score", label: "Score", num: true, format: (r) => r.score.toFixed(2) },
      ], items, { sortKey: "ts", onRow: (row) => { detail(row, box); box.scrollIntoView({ block: "nearest" }); }, caption: "Anomalies" })
        : empty("No anomalies found. The monitor checks your key metrics after every sync."));
    } catch (error) {
      show(list, errorBox(error));
    }
  }
  await load();
}

// Campaigns: drill down provider → account → campaign → ad set → ad, with any period's metrics
// against the period before, through /qa/semantic.
import { api } from "../api.js";
import { el, show, loading, empty, errorBox, table } from "../dom.js";
import { metricValue, metricLabel, delta } from "../format.js";
import { timeframePicker } from "./dashboard.js";

const LEVELS = ["provider", "account", "campaign", "adset", "ad"];
const LEVEL_NAMES = { provider: "Providers", account: "Accounts", campaign: "Campaigns", adset: "Ad sets", ad: "Ads" };
const METRICS = ["spend", "impressions", "clicks", "ctr", "cpc", "conversions", "cpa", "revenue", "roas"];

export async function render(view) {
  let timeframe = sessionStorage.getItem("metricx.timeframe") || "last_7_days";
  const path = [];  // [{level, key, label}] chosen so far
  const crumbs = el("nav", { class: "crumbs", "aria-label": "Drill-down path" });
  const body = el("div");
  show(view,
    el("div", { class: "page-head" }, el("h1", {}, "Campaigns"),
      el("div", { class: "toolbar" }, timeframePicker(timeframe, (value) => { timeframe = value; sessionStorage.setItem("metricx.timeframe", value); load(); }))),
    el("section", { class: "panel" }, crumbs, body));

  function renderCrumbs() {
    const parts = [el("button", { type: "button", onclick: () => { path.length = 0; load(); } }, "All providers")];
    path.forEach((step, index) => {
      parts.push(el("span", { class: "muted", "aria-hidden": "true" }, "›"));
      parts.push(index === path.length - 1 ? el("strong", {}, step.label)
        : el("button", { type: "button", onclick: () => { path.length = index + 1; load(); } }, step.label));
    });
    show(crumbs, parts);
  }

  let generation = 0;
  async function load() {
    const mine = ++generation;
    renderCrumbs();
    const level = LEVELS[path.length];
    show(body, loading(`Loading ${LEVEL_NAMES[level].toLowerCase()}…`));
    try {
      const result = await api("/qa/semantic", {
        method: "POST",
        body: {
          metrics: METRICS, time_range: { preset: timeframe },
          filters: path.map((step) => ({ dimension: step.level, op: "in", values: [step.key] })),
          breakdown: { dimension: level, limit: 100, order_by: "spend", order: "desc" },
          comparison: { type: "previous_period" },
        },
      });
      if (mine !== generation) return;
      const rows = (result.data.breakdown || []).filter((row) => Object.values(row.values).some((v) => v)).map((row) => {
        const out = { key: row.key, label: row.label || row.key, ...row.values };
        for (const metric of ["spend", "revenue", "roas"]) {
          const before = (row.comparison_values || {})[metric];
          out[`${metric}_change`] = before ? row.values[metric] / before - 1 : null;
        }
        return out;
      });
      if (!rows.length) { show(body, empty("Nothing ran in this period at this level.")); return; }
      const columns = [{ key: "label", label: LEVEL_NAMES[level].replace(/s$/, "") }];
      for (const metric of METRICS) {
        columns.push({ key: metric, label: metricLabel(metric), num: true, format: (r) => metricValue(metric, r[metric]) });
        if (["spend", "revenue", "roas"].includes(metric)) {
          columns.push({ key: `${metric}_change`, label: `${metricLabel(metric)} Δ`, num: true, format: (r) => {
            const change = delta(r[`${metric}_change`], metric);
            return el("span", { class: `delta ${change.tone}` }, r[`${metric}_change`] === null ? "–" : change.text);
          } });
        }
      }
      const drill = path.length < LEVELS.length - 1
        ? (row) => { path.push({ level, key: row.key, label: row.label }); load(); } : undefined;
      show(body,
        el("p", { class: "muted" }, `${result.resolved.start} – ${result.resolved.end}, compared with ${result.resolved.comparison.start} – ${result.resolved.comparison.end}.`,
          drill ? " Select a row to drill down." : ""),
        table(columns, rows, { sortKey: "spend", onRow: drill, caption: LEVEL_NAMES[level] }));
    } catch (error) {
      if (mine === generation) show(body, errorBox(error));
    }
  }
  await load();
}

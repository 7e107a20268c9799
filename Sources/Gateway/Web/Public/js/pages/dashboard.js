// The dashboard: one call to /dashboard/unified for KPIs, the daily chart, top campaigns, the
// spend mix and — with a store connected — attribution.
import { api } from "../api.js";
import { el, show, loading, empty, errorBox, table } from "../dom.js";
import { lineChart, donut } from "../charts.js";
import { metricValue, metricLabel, delta, money, multiple, percent } from "../format.js";

export const TIMEFRAMES = [
  ["today", "Today"], ["yesterday", "Yesterday"], ["this_week", "This week"], ["last_week", "Last week"],
  ["last_7_days", "Last 7 days"], ["last_14_days", "Last 14 days"], ["last_30_days", "Last 30 days"],
  ["last_90_days", "Last 90 days"], ["this_month", "This month"], ["last_month", "Last month"],
  ["this_quarter", "This quarter"], ["this_year", "This year"],
];

export function timeframePicker(value, onChange, id = "timeframe") {
  return el("span", {},
    el("label", { for: id, class: "visually-hidden" }, "Timeframe"),
    el("select", { id, onchange: (event) => onChange(event.target.value) },
      TIMEFRAMES.map(([key, label]) => el("option", { value: key, selected: key === value }, label))));
}

// Timeframes that end today and so run only to now (the rest are whole days).
const RUNNING = new Set(["today", "this_week", "this_month", "this_quarter", "this_year"]);
// The stored measures: sums, which grow through the day (a ratio of part of a day is still a ratio).
const SUMS = new Set(["spend", "revenue", "clicks", "impressions", "conversions", "leads", "installs", "purchases", "visitors", "profit"]);

function kpiCard(kpi, running) {
  const previous = `previous: ${metricValue(kpi.metric, kpi.previous)}`;
  // A sum so far against a whole previous period would read "spend −96%" every morning.
  const soFar = running && SUMS.has(kpi.metric);
  const change = soFar ? { text: "so far", tone: "flat" } : delta(kpi.delta_ratio, kpi.metric);
  return el("article", { class: "panel kpi", "data-metric": kpi.metric },
    el("div", { class: "label" }, metricLabel(kpi.metric)),
    el("div", { class: "value" }, metricValue(kpi.metric, kpi.value)),
    el("div", { class: `delta ${change.tone}`, title: soFar ? `today is not over; ${previous}` : previous },
      change.arrow ? `${change.arrow} ` : "", change.text,
      el("span", { class: "muted" }, soFar ? " (today is not over)" : " vs previous")));
}

function dailyChart(daily) {
  const points = (name) => daily.map((d) => ({ x: new Date(`${d.ts}T00:00:00`), y: d.values[name] }));
  return lineChart({
    label: "Spend, revenue and ROAS by day",
    series: [
      { name: "Spend", points: points("spend") },
      { name: "Revenue", points: points("revenue") },
      { name: "ROAS", points: points("roas"), axis: "right", color: "var(--c4)" },
    ],
    format: (v) => money(v, { compact: true }), formatRight: multiple,
  });
}

function attribution(block) {
  return el("section", { class: "panel", "aria-labelledby": "attr-title" },
    el("h2", { id: "attr-title" }, "Attribution (store orders matched to ad campaigns)"),
    el("div", { class: "cards" },
      [["Store revenue", money(block.store_revenue)], ["Attributed to ads", money(block.attributed_store_revenue)],
        ["Unattributed", money(block.unattributed_store_revenue)], ["Platform-reported revenue", money(block.platform_revenue)],
        ["Blended ROAS", multiple(block.blended_roas)]]
        .map(([label, value]) => el("div", { class: "kpi" }, el("div", { class: "label" }, label), el("div", { class: "value" }, value)))),
    table([
      { key: "label", label: "Campaign" },
      { key: "spend", label: "Spend", num: true, format: (r) => money(r.spend) },
      { key: "platform_revenue", label: "Platform revenue", num: true, format: (r) => money(r.platform_revenue) },
      { key: "store_revenue", label: "Store revenue", num: true, format: (r) => money(r.store_revenue) },
      { key: "store_roas", label: "Store ROAS", num: true, format: (r) => multiple(r.store_roas) },
    ], (block.by_campaign || []).map((c) => ({ label: c.label, ...c.values })), { sortKey: "spend", caption: "Attribution by campaign" }));
}

export async function render(view) {
  let timeframe = sessionStorage.getItem("metricx.timeframe") || "last_7_days";
  const body = el("div");
  const resolved = el("span", { class: "muted" });
  show(view,
    el("div", { class: "page-head" }, el("h1", {}, "Dashboard"),
      el("div", { class: "toolbar" }, resolved, timeframePicker(timeframe, (value) => {
        timeframe = value;
        sessionStorage.setItem("metricx.timeframe", value);
        load();
      }))),
    body);
  let generation = 0;
  async function load() {
    const mine = ++generation;
    show(body, loading("Loading the dashboard…"));
    try {
      const data = await api("/dashboard/unified", { query: { timeframe } });
      if (mine !== generation) return;
      resolved.textContent = data.resolved ? `${data.resolved.start} – ${data.resolved.end}` : "";
      const kpis = data.kpis || [];
      if (!kpis.length || kpis.every((k) => !k.value && !k.previous)) {
        show(body, empty("No data for this period yet. Connect an ad account or upload a CSV under Connections."));
        return;
      }
      const mix = (data.spend_mix || []).map((m) => ({ label: m.provider, value: m.spend }));
      show(body,
        el("div", { class: "grid kpis", id: "kpis" }, kpis.map((kpi) => kpiCard(kpi, RUNNING.has(timeframe)))),
        el("div", { class: "grid two" },
          el("section", { class: "panel", "aria-labelledby": "daily-title" }, el("h2", { id: "daily-title" }, "Daily"),
            (data.daily || []).length ? dailyChart(data.daily) : empty("No daily numbers.")),
          el("section", { class: "panel", "aria-labelledby": "mix-title" }, el("h2", { id: "mix-title" }, "Spend mix"),
            mix.length ? donut(mix, { format: money, label: "Spend by provider" }) : empty("No spend."))),
        el("section", { class: "panel", style: "margin-top: 16px", "aria-labelledby": "top-title" },
          el("h2", { id: "top-title" }, "Top campaigns"),
          table([
            { key: "label", label: "Campaign" },
            { key: "spend", label: "Spend", num: true, format: (r) => money(r.spend) },
            { key: "share", label: "Share of spend", num: true, format: (r) => percent(r.share, 1) },
            { key: "revenue", label: "Revenue", num: true, format: (r) => money(r.revenue) },
            { key: "roas", label: "ROAS", num: true, format: (r) => multiple(r.roas) },
            { key: "conversions", label: "Conversions", num: true, format: (r) => metricValue("conversions", r.conversions) },
            { key: "cpa", label: "CPA", num: true, format: (r) => money(r.cpa) },
          ], (data.top_campaigns || []).map((c) => ({ label: c.label, share: c.share, ...c.values })), { sortKey: "spend", caption: "Top campaigns" })),
        data.attribution ? el("div", { style: "margin-top: 16px" }, attribution(data.attribution)) : null);
    } catch (error) {
      if (mine === generation) show(body, errorBox(error));
    }
  }
  await load();
}

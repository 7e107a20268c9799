// Numbers as a marketer reads them: money in the workspace currency, rates as percents,
// ratios as multiples, counts with separators.

let currency = "USD";
export function setCurrency(code) { currency = code || "USD"; }

const MONEY = new Set(["spend", "revenue", "profit", "cpa", "cpc", "cpm", "cpl", "cpi", "cpp", "aov", "arpv",
  "platform_revenue", "store_revenue", "attributed_store_revenue", "unattributed_store_revenue"]);
const PERCENT = new Set(["ctr", "cvr", "share"]);
const MULTIPLE = new Set(["roas", "poas", "store_roas", "blended_roas"]);

/** How a metric's values are shown: money, percent, multiple or count. */
export function unitOf(metric) {
  if (MONEY.has(metric)) return "money";
  if (PERCENT.has(metric)) return "percent";
  if (MULTIPLE.has(metric)) return "multiple";
  return "count";
}

export function money(value, { compact = false } = {}) {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return new Intl.NumberFormat(undefined, {
    style: "currency", currency, notation: compact ? "compact" : "standard",
    maximumFractionDigits: compact ? 1 : Math.abs(value) >= 1000 ? 0 : 2,
  }).format(value);
}

export function percent(ratio, digits = 2) {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return "–";
  return new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: digits }).format(ratio);
}

export function count(value, { compact = false } = {}) {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return new Intl.NumberFormat(undefined, { notation: compact ? "compact" : "standard", maximumFractionDigits: compact ? 1 : 2 }).format(value);
}

export function multiple(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return `${value.toFixed(2)}×`;
}

/** `value` of `metric` in its unit. */
export function metricValue(metric, value, options) {
  switch (unitOf(metric)) {
    case "money": return money(value, options);
    case "percent": return percent(value);
    case "multiple": return multiple(value);
    default: return count(value, options);
  }
}

const LABELS = { roas: "ROAS", poas: "POAS", cpa: "CPA", cpc: "CPC", cpm: "CPM", ctr: "CTR", cvr: "CVR", cpl: "CPL",
  cpi: "CPI", cpp: "CPP", aov: "AOV", arpv: "ARPV" };
export function metricLabel(metric) {
  return LABELS[metric] || metric.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
}

/** A change as "+4.2%" with its direction, for costs a rise is bad. */
export function delta(ratio, metric) {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return { text: "no comparison", tone: "flat" };
  const costs = new Set(["spend", "cpa", "cpc", "cpm", "cpl", "cpi", "cpp"]);
  const tone = Math.abs(ratio) < 0.0005 ? "flat" : (ratio > 0) !== costs.has(metric) ? "up" : "down";
  const sign = ratio > 0 ? "+" : "";
  return { text: `${sign}${(ratio * 100).toFixed(1)}%`, tone, arrow: ratio > 0 ? "▲" : ratio < 0 ? "▼" : "" };
}

export function dateTime(iso) {
  if (!iso) return "–";
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** Text made safe for innerHTML. */
export function escape(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

// Small SVG charts drawn from data: a line chart (with an optional expected band and marked
// points), horizontal bars and a donut. Each returns an element sized by its container.

const NS = "http://www.w3.org/2000/svg";
export const PALETTE = ["var(--c1)", "var(--c2)", "var(--c3)", "var(--c4)", "var(--c5)", "var(--c6)"];

export function svg(tag, attributes = {}, children = []) {
  const node = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
}

function text(x, y, content, attributes = {}) {
  const node = svg("text", { x, y, ...attributes });
  node.textContent = content;
  return node;
}

/** `text` cut to `length` characters, the last an ellipsis, so a label fits its slot. */
export function truncate(text, length) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function title(content) {
  const node = svg("title");
  node.textContent = content;
  return node;
}

/** Round-number ticks covering [low, high]. */
export function ticks(low, high, count = 4) {
  if (!(high > low)) { high = low + 1; }
  const raw = (high - low) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) || raw;
  const result = [];
  const last = Math.ceil(high / step - 1e-9) * step;  // the top tick is at or above the highest value
  for (let value = Math.floor(low / step) * step; value <= last + step * 1e-9; value += step) result.push(+value.toFixed(10));
  return result;
}

function wrap(node, legend) {
  const figure = document.createElement("figure");
  figure.className = "chart";
  figure.style.margin = "0";
  figure.append(node);
  if (legend && legend.length > 1) {
    const box = document.createElement("figcaption");
    box.className = "legend";
    for (const item of legend) {
      const entry = document.createElement("span");
      const swatch = document.createElement("i");
      swatch.style.background = item.color;
      entry.append(swatch, item.name);
      box.append(entry);
    }
    figure.append(box);
  }
  return figure;
}

/**
 * Lines over time. `series`: [{name, points: [{x: Date|number, y}], color?, axis?: "right"}];
 * `band`: [{x, low, high}] drawn behind; `marks`: [{x, y, label}] drawn as red dots.
 */
const shortDate = (x) => new Date(+x).toLocaleDateString(undefined, { month: "short", day: "numeric" });

export function lineChart({ series, band = [], marks = [], format = (v) => v, formatRight, formatX = shortDate, height = 240, label = "Chart" }) {
  const width = 720;
  const pad = { left: 64, right: formatRight ? 64 : 16, top: 12, bottom: 28 };
  const xs = series.flatMap((s) => s.points.map((p) => +p.x)).concat(band.map((b) => +b.x));
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const domain = (values) => {
    const finite = values.filter(Number.isFinite);
    if (!finite.length) return [0, 1];
    const low = Math.min(0, ...finite), high = Math.max(...finite);
    return high > low ? [low, high] : [low, low + 1];
  };
  const left = series.filter((s) => s.axis !== "right");
  const right = series.filter((s) => s.axis === "right");
  const leftTicks = ticks(...domain(left.flatMap((s) => s.points.map((p) => p.y)).concat(band.flatMap((b) => [b.low, b.high]))));
  const rightTicks = right.length ? ticks(...domain(right.flatMap((s) => s.points.map((p) => p.y)))) : [];
  const scaleX = (x) => pad.left + (x1 > x0 ? ((+x - x0) / (x1 - x0)) : 0.5) * (width - pad.left - pad.right);
  const scaler = (t) => (y) => height - pad.bottom - ((y - t[0]) / (t[t.length - 1] - t[0] || 1)) * (height - pad.top - pad.bottom);
  const scaleLeft = scaler(leftTicks), scaleRight = rightTicks.length ? scaler(rightTicks) : scaleLeft;

  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label });
  for (const t of leftTicks) {
    const y = scaleLeft(t);
    root.append(svg("line", { x1: pad.left, x2: width - pad.right, y1: y, y2: y, class: "axis" }));
    root.append(text(pad.left - 6, y + 4, format(t), { "text-anchor": "end" }));
  }
  rightTicks.forEach((t) => root.append(text(width - pad.right + 6, scaleRight(t) + 4, formatRight(t))));
  const labelled = Math.max(1, Math.ceil(xs.length / series.length / 7));
  const firstPoints = (series[0] || { points: [] }).points;
  firstPoints.forEach((p, i) => {
    if (i % labelled) return;
    root.append(text(scaleX(p.x), height - 8, formatX(p.x), { "text-anchor": "middle" }));
  });
  if (band.length) {
    const upper = band.map((b) => `${scaleX(b.x)},${scaleLeft(b.high)}`);
    const lower = band.slice().reverse().map((b) => `${scaleX(b.x)},${scaleLeft(b.low)}`);
    root.append(svg("polygon", { points: upper.concat(lower).join(" "), fill: "rgba(79, 70, 229, 0.14)", class: "band" }, [title("expected range")]));
  }
  series.forEach((s, index) => {
    const scale = s.axis === "right" ? scaleRight : scaleLeft;
    const color = s.color || PALETTE[index % PALETTE.length];
    const path = s.points.filter((p) => Number.isFinite(p.y)).map((p, i) => `${i ? "L" : "M"}${scaleX(p.x).toFixed(1)},${scale(p.y).toFixed(1)}`).join("");
    root.append(svg("path", { d: path, fill: "none", stroke: color, "stroke-width": 2, class: "series" }));
    for (const p of s.points.length <= 62 ? s.points : []) {
      if (!Number.isFinite(p.y)) continue;
      const fmt = s.axis === "right" ? formatRight : format;
      root.append(svg("circle", { cx: scaleX(p.x), cy: scale(p.y), r: 2.5, fill: color },
        [title(`${s.name} ${formatX(p.x)}: ${fmt(p.y)}`)]));
    }
  });
  for (const m of marks) {
    root.append(svg("circle", { cx: scaleX(m.x), cy: scaleLeft(m.y), r: 5, fill: "var(--bad)", stroke: "#fff", "stroke-width": 1.5, class: "mark" },
      [title(m.label || format(m.y))]));
  }
  return wrap(root, series.map((s, i) => ({ name: s.name, color: s.color || PALETTE[i % PALETTE.length] })));
}

/** Horizontal bars: [{label, value}], biggest first as given. */
export function barChart(items, { format = (v) => v, label = "Bar chart" } = {}) {
  const width = 720, row = 26, labelWidth = 190, pad = 8;
  const height = items.length * row + pad * 2;
  const max = Math.max(...items.map((i) => Math.abs(i.value)), 0) || 1;
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label });
  items.forEach((item, index) => {
    const y = pad + index * row;
    const w = (Math.abs(item.value) / max) * (width - labelWidth - 90);
    root.append(text(labelWidth - 8, y + 16, truncate(item.label, 28), { "text-anchor": "end" }));
    root.append(svg("rect", { x: labelWidth, y: y + 4, width: Math.max(w, 1), height: row - 10, rx: 3, fill: PALETTE[0], class: "bar" },
      [title(`${item.label}: ${format(item.value)}`)]));
    root.append(text(labelWidth + w + 6, y + 16, format(item.value)));
  });
  return wrap(root);
}

/** A donut of shares: [{label, value}]. */
export function donut(items, { format = (v) => v, label = "Share" } = {}) {
  const size = 180, radius = 70, inner = 44, c = size / 2;
  const total = items.reduce((sum, i) => sum + Math.max(i.value, 0), 0) || 1;
  const root = svg("svg", { viewBox: `0 0 ${size} ${size}`, role: "img", "aria-label": label, style: "max-width: 220px; margin: 0 auto;" });
  let angle = -Math.PI / 2;
  items.forEach((item, index) => {
    const sweep = (Math.max(item.value, 0) / total) * Math.PI * 2;
    const end = angle + Math.min(sweep, Math.PI * 2 - 1e-4);
    const large = sweep > Math.PI ? 1 : 0;
    const point = (r, a) => `${c + r * Math.cos(a)},${c + r * Math.sin(a)}`;
    const d = `M${point(radius, angle)} A${radius},${radius} 0 ${large} 1 ${point(radius, end)} L${point(inner, end)} A${inner},${inner} 0 ${large} 0 ${point(inner, angle)} Z`;
    root.append(svg("path", { d, fill: PALETTE[index % PALETTE.length], class: "slice" }, [title(`${item.label}: ${format(item.value)} (${((item.value / total) * 100).toFixed(1)}%)`)]));
    angle += sweep;
  });
  return wrap(root, items.map((item, i) => ({ name: `${item.label} ${((item.value / total) * 100).toFixed(0)}%`, color: PALETTE[i % PALETTE.length] })));
}

/** Bars side by side per item: [{label, values: [current, comparison]}], `names` of the two. */
export function groupedBarChart(items, names, { format = (v) => v, label = "Comparison" } = {}) {
  const width = 720, group = 44, labelWidth = 190, pad = 8, bar = 15;
  const height = items.length * group + pad * 2;
  const max = Math.max(...items.flatMap((i) => i.values.map((v) => Math.abs(v || 0))), 0) || 1;
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label });
  items.forEach((item, index) => {
    const y = pad + index * group;
    root.append(text(labelWidth - 8, y + group / 2, truncate(item.label, 28), { "text-anchor": "end" }));
    item.values.forEach((value, series) => {
      const w = (Math.abs(value || 0) / max) * (width - labelWidth - 90);
      const top = y + 4 + series * (bar + 2);
      root.append(svg("rect", { x: labelWidth, y: top, width: Math.max(w, 1), height: bar, rx: 3, fill: PALETTE[series], class: "bar" },
        [title(`${item.label} (${names[series]}): ${format(value)}`)]));
      root.append(text(labelWidth + w + 6, top + 12, format(value)));
    });
  });
  return wrap(root, names.map((name, i) => ({ name, color: PALETTE[i] })));
}

// A tiny element builder: text is always set as text, never parsed as HTML.

/** `el("div", {class: "x", onclick: f}, "text", child, [more])`. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, value);
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : String(child));
  }
}

export function loading(text = "Loading…") { return el("div", { class: "loading", role: "status" }, text); }
export function empty(text) { return el("div", { class: "empty" }, text); }
export function errorBox(error) { return el("div", { class: "error", role: "alert" }, error.message || String(error)); }

/** Replaces what `node` shows. */
export function show(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

/** A sortable table: columns [{key, label, num?, format?(row)}], rows of objects; `onRow` makes rows clickable. */
export function table(columns, rows, { sortKey, descending = true, onRow, caption } = {}) {
  let key = sortKey, down = descending;
  const wrap = el("div", { class: "table-wrap" });
  const render = () => {
    const sorted = key ? rows.slice().sort((a, b) => {
      const [x, y] = [a[key], b[key]];
      const order = typeof x === "number" && typeof y === "number" ? x - y : String(x ?? "").localeCompare(String(y ?? ""));
      return down ? -order : order;
    }) : rows;
    const head = el("tr", {}, columns.map((column) => el("th", {
      class: column.num ? "num" : undefined, scope: "col",
      "aria-sort": column.key === key ? (down ? "descending" : "ascending") : undefined,
    }, el("button", { type: "button", class: "sort", onclick: () => { down = column.key === key ? !down : true; key = column.key; render(); } }, column.label))));
    const body = sorted.map((row) => el("tr", {
      class: onRow ? "clickable" : undefined, tabindex: onRow ? "0" : undefined,
      onclick: onRow ? () => onRow(row) : undefined,
      onkeydown: onRow ? (event) => { if (event.key === "Enter") onRow(row); } : undefined,
    }, columns.map((column) => el("td", { class: column.num ? "num" : undefined }, column.format ? column.format(row) : row[column.key]))));
    show(wrap, el("table", {}, caption ? el("caption", { class: "visually-hidden" }, caption) : null, el("thead", {}, head), el("tbody", {}, body)));
  };
  render();
  return wrap;
}

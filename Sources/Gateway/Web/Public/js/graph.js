// The lineage graph in SVG: sources on the left, metrics to the right by depth; pan by dragging
// the background, zoom with the wheel or the buttons, drag nodes to rearrange.
import { svg, truncate } from "./charts.js";

const NODE_W = 150, NODE_H = 26, COL = 210, ROW = 36;

/** Columns by longest path from a source, rows by order within a column. */
function layout(nodes, edges) {
  const incoming = new Map(nodes.map((n) => [n.id, []]));
  for (const e of edges) incoming.get(e.to)?.push(e.from);
  const depth = new Map();
  const visit = (id, trail = new Set()) => {
    if (depth.has(id)) return depth.get(id);
    if (trail.has(id)) return 0;  // a cycle would be a bug upstream; draw it anyway
    trail.add(id);
    const parents = incoming.get(id) || [];
    const d = parents.length ? 1 + Math.max(...parents.map((p) => visit(p, trail))) : 0;
    depth.set(id, d);
    return d;
  };
  nodes.forEach((n) => visit(n.id));
  const columns = new Map();
  for (const n of nodes) {
    const d = depth.get(n.id);
    if (!columns.has(d)) columns.set(d, []);
    columns.get(d).push(n);
  }
  // Columns are centred on the tallest one, so the few metrics sit beside the middle of the many sources.
  const tallest = Math.max(...[...columns.values()].map((c) => c.length));
  const positions = new Map();
  for (const [d, column] of columns) {
    column.sort((a, b) => a.label.localeCompare(b.label));
    const top = ((tallest - column.length) * ROW) / 2;
    column.forEach((n, i) => positions.set(n.id, { x: 20 + d * COL, y: 20 + top + i * ROW }));
  }
  return positions;
}

/**
 * Draws `graph` ({nodes, edges}) into `container`; `onSelect(node)` on a click. Returns
 * {highlight(scores, brokenId), select(id), clear(), zoom(factor)}.
 */
export function drawGraph(container, graph, { onSelect } = {}) {
  const positions = layout(graph.nodes, graph.edges);
  const root = svg("svg", { role: "img", "aria-label": "Metric lineage graph" });
  const scene = svg("g", { class: "scene" });
  root.append(scene);
  const edgeLayer = svg("g"), nodeLayer = svg("g");
  scene.append(edgeLayer, nodeLayer);
  let view = { x: 0, y: 0, k: 1 };
  const apply = () => scene.setAttribute("transform", `translate(${view.x},${view.y}) scale(${view.k})`);

  const edgePath = (e) => {
    const a = positions.get(e.from), b = positions.get(e.to);
    if (!a || !b) return "";
    const [x1, y1, x2, y2] = [a.x + NODE_W, a.y + NODE_H / 2, b.x, b.y + NODE_H / 2];
    const mid = (x1 + x2) / 2;
    return `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`;
  };
  const edgeNodes = graph.edges.map((e) => {
    const path = svg("path", { class: "edge", d: edgePath(e), "data-from": e.from, "data-to": e.to });
    edgeLayer.append(path);
    return { edge: e, path };
  });
  const nodeElements = new Map();
  for (const node of graph.nodes) {
    const p = positions.get(node.id);
    const title = svg("title");
    title.textContent = `${node.label} (${node.kind})`;
    const label = svg("text", { x: 8, y: 17 });
    label.textContent = truncate(node.label, 22);
    const group = svg("g", {
      class: `node ${node.kind}`, transform: `translate(${p.x},${p.y})`, "data-id": node.id, tabindex: "0", role: "button",
      "aria-label": `${node.label}, ${node.kind}`,
    }, [svg("rect", { width: NODE_W, height: NODE_H, rx: 6 }), label, title]);
    nodeLayer.append(group);
    nodeElements.set(node.id, group);
    group.addEventListener("keydown", (event) => { if (event.key === "Enter") onSelect?.(node); });
  }

  // One pointer handler: on a node it drags the node (a click when it did not move), elsewhere it pans.
  let drag = null;
  root.addEventListener("pointerdown", (event) => {
    const group = event.target.closest(".node");
    drag = { id: group?.dataset.id, x: event.clientX, y: event.clientY, moved: false, start: group ? { ...positions.get(group.dataset.id) } : { ...view } };
    root.setPointerCapture(event.pointerId);
  });
  root.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const [dx, dy] = [event.clientX - drag.x, event.clientY - drag.y];
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    if (!drag.moved) return;
    if (drag.id) {
      const p = { x: drag.start.x + dx / view.k, y: drag.start.y + dy / view.k };
      positions.set(drag.id, p);
      nodeElements.get(drag.id).setAttribute("transform", `translate(${p.x},${p.y})`);
      for (const { edge, path } of edgeNodes) if (edge.from === drag.id || edge.to === drag.id) path.setAttribute("d", edgePath(edge));
    } else {
      view = { ...view, x: drag.start.x + dx, y: drag.start.y + dy };
      apply();
    }
  });
  root.addEventListener("pointerup", () => {
    if (drag && drag.id && !drag.moved) onSelect?.(graph.nodes.find((n) => n.id === drag.id));
    drag = null;
  });
  const zoom = (factor, cx = root.clientWidth / 2, cy = root.clientHeight / 2) => {
    const k = Math.min(3, Math.max(0.25, view.k * factor));
    view = { k, x: cx - ((cx - view.x) * k) / view.k, y: cy - ((cy - view.y) * k) / view.k };
    apply();
  };
  root.addEventListener("wheel", (event) => {
    event.preventDefault();
    const box = root.getBoundingClientRect();
    zoom(event.deltaY < 0 ? 1.1 : 1 / 1.1, event.clientX - box.left, event.clientY - box.top);
  }, { passive: false });

  container.replaceChildren(root);
  // Fit the graph's width (legible labels matter more than seeing every source at once) and
  // centre it vertically; the rest is a pan away.
  const all = [...positions.values()];
  const width = Math.max(...all.map((p) => p.x)) + NODE_W + 40, height = Math.max(...all.map((p) => p.y)) + NODE_H + 40;
  const [boxW, boxH] = [container.clientWidth || 800, container.clientHeight || 560];
  const k = Math.min(1, Math.max(0.45, boxW / width));
  view = { k, x: Math.max(0, (boxW - width * k) / 2), y: (boxH - height * k) / 2 };
  apply();

  return {
    zoom,
    select(id) {
      for (const [nodeID, group] of nodeElements) group.classList.toggle("selected", nodeID === id);
    },
    /** Paints a break at `brokenId` and its blast radius (`impacted`: [{node, score}]). */
    highlight(brokenId, impacted) {
      const hit = new Map(impacted.map((i) => [i.node, i.score]));
      for (const [id, group] of nodeElements) {
        group.classList.toggle("broken", id === brokenId);
        group.classList.toggle("impacted", hit.has(id));
        group.classList.toggle("dim", id !== brokenId && !hit.has(id));
        const title = group.querySelector("title");
        const node = graph.nodes.find((n) => n.id === id);
        title.textContent = hit.has(id) ? `${node.label}: impact score ${hit.get(id).toFixed(2)}` : `${node.label} (${node.kind})`;
      }
      const reach = new Set([brokenId, ...hit.keys()]);
      for (const { edge, path } of edgeNodes) path.classList.toggle("hot", reach.has(edge.from) && reach.has(edge.to));
    },
    clear() {
      for (const group of nodeElements.values()) group.classList.remove("broken", "impacted", "dim");
      for (const { path } of edgeNodes) path.classList.remove("hot");
    },
  };
}

// Lineage: the metric graph; a node's definition and what it feeds or is fed by; "simulate a
// break" paints its blast radius with impact scores; recorded changes on a timeline.
import { api } from "../api.js";
import { el, show, loading, empty, errorBox } from "../dom.js";
import { drawGraph } from "../graph.js";
import { dateTime } from "../format.js";

export async function render(view) {
  const canvas = el("div", { class: "panel graph", id: "graph" }, loading("Drawing the lineage graph…"));
  const details = el("aside", { class: "panel details", "aria-live": "polite" }, el("p", { class: "muted" }, "Select a node to see its definition, its inputs and what depends on it."));
  const timeline = el("section", { class: "panel", style: "margin-top: 16px", "aria-labelledby": "changes-title" }, el("h2", { id: "changes-title" }, "Change events"), loading());
  show(view,
    el("div", { class: "page-head" }, el("h1", {}, "Lineage"),
      el("p", { class: "muted", style: "margin: 0" }, "Drag to pan, scroll to zoom, drag a node to move it.")),
    el("div", { class: "lineage" }, canvas, details),
    timeline);

  let graph;
  try {
    graph = await api("/lineage/graph");
  } catch (error) {
    show(canvas, errorBox(error));
    return;
  }
  if (!graph.nodes.length) { show(canvas, empty("No metrics defined.")); return; }
  const drawn = drawGraph(canvas, graph, { onSelect: select });
  canvas.append(el("div", { class: "zoom" },
    el("button", { type: "button", class: "ghost", "aria-label": "Zoom in", onclick: () => drawn.zoom(1.25) }, "+"),
    el("button", { type: "button", class: "ghost", "aria-label": "Zoom out", onclick: () => drawn.zoom(0.8) }, "−")));
  loadChanges();

  const labelOf = (id) => graph.nodes.find((n) => n.id === id)?.label || id;

  async function select(node) {
    drawn.select(node.id);
    drawn.clear();
    const simulate = el("button", { type: "button", id: "simulate-break" }, "Simulate a break");
    const impact = el("div");
    simulate.addEventListener("click", async () => {
      show(impact, loading("Tracing the blast radius…"));
      try {
        const result = await api("/lineage/impact", { query: { node: node.id } });
        const impacted = result.impacted || [];
        drawn.highlight(node.id, impacted);
        show(impact, impacted.length
          ? el("div", {}, el("h2", { style: "margin-top: 12px" }, `Blast radius: ${impacted.length} downstream`),
            el("ol", { id: "impacted" }, impacted.map((i) => el("li", {}, `${labelOf(i.node)} — score ${i.score.toFixed(2)}, ${i.distance} step${i.distance === 1 ? "" : "s"} away`))))
          : el("p", { class: "muted" }, "Nothing depends on it."));
      } catch (error) {
        show(impact, errorBox(error));
      }
    });
    const info = el("div", {}, loading());
    show(details, el("h2", {}, node.label), el("p", {}, el("span", { class: `badge ${node.criticality || ""}` }, node.kind),
      node.criticality ? el("span", { class: "muted" }, ` · ${node.criticality} criticality`) : null), info, simulate, impact);
    try {
      const [definition, upstream, downstream] = await Promise.all([
        node.kind === "source" ? null : api(`/lineage/definitions/${encodeURIComponent(node.label)}`).catch(() => null),
        api("/lineage/traverse", { query: { node: node.id, direction: "upstream", depth: 1 } }),
        api("/lineage/traverse", { query: { node: node.id, direction: "downstream", depth: 1 } }),
      ]);
      const direct = (traversal, key, other) => [...new Set((traversal.edges || []).filter((e) => e[key] === node.id).map((e) => labelOf(e[other])))];
      const inputs = direct(upstream, "to", "from"), outputs = direct(downstream, "from", "to");
      show(info, el("dl", {},
        definition?.description ? [el("dt", {}, "About"), el("dd", {}, definition.description)] : null,
        definition?.formula ? [el("dt", {}, "Formula"), el("dd", {}, el("code", {}, definition.formula))] : null,
        definition?.sql ? [el("dt", {}, "SQL"), el("dd", {}, el("code", {}, definition.sql))] : null,
        definition?.unit ? [el("dt", {}, "Unit"), el("dd", {}, definition.unit)] : null,
        definition && !definition.builtin ? [el("dt", {}, "Version"), el("dd", {}, `v${definition.version} by ${definition.owner || "unknown"}`)] : null,
        el("dt", {}, "Upstream"), el("dd", {}, inputs.length ? inputs.join(", ") : "none"),
        el("dt", {}, "Downstream"), el("dd", {}, outputs.length ? outputs.join(", ") : "none")));
    } catch (error) {
      show(info, errorBox(error));
    }
  }

  async function loadChanges() {
    try {
      const changes = (await api("/lineage/changes", { query: { limit: 50 } })).items || [];
      show(timeline, el("h2", { id: "changes-title" }, "Change events"), changes.length
        ? el("ul", { class: "timeline" }, changes.map((c) => el("li", {},
          el("strong", {}, c.title), " ", el("span", { class: "badge" }, c.kind),
          el("div", { class: "muted" }, `${dateTime(c.occurred_at)}${c.actor ? ` · ${c.actor}` : ""} · ${(c.nodes || []).map(labelOf).join(", ")}`),
          c.description ? el("div", {}, c.description) : null)))
        : el("p", { class: "muted" }, "No changes recorded yet. Definition edits, connector changes and deploys appear here."));
    } catch (error) {
      show(timeline, el("h2", {}, "Change events"), errorBox(error));
    }
  }
}

// The copilot: ask in plain English; the answer streams token by token from /qa/agent/sse with
// its chart drawn inline; past conversations on the side.
import { api, stream } from "../api.js";
import { el, show, loading, empty, errorBox } from "../dom.js";
import { renderVisual } from "../visual.js";

const SUGGESTIONS = [
  "How much did we spend last 7 days?",
  "Top 5 campaigns by ROAS this month",
  "Compare CPC this week vs last week",
  "Revenue trend over the last 30 days",
  "Why did CPA rise last week?",
  "Anything unusual in the last 7 days?",
];

export async function render(view) {
  let conversationID = "";
  let controller = null;
  const history = el("nav", { class: "history", "aria-label": "Conversations" });
  const messages = el("div", { class: "messages", id: "messages" });
  const input = el("input", { id: "question", type: "text", placeholder: "Ask about your numbers…", autocomplete: "off", "aria-label": "Question" });
  const send = el("button", { type: "submit" }, "Ask");
  const form = el("form", { class: "ask", onsubmit: (event) => { event.preventDefault(); ask(input.value); } }, input, send);
  const suggestions = el("div", { class: "suggestions", "aria-label": "Suggested questions" },
    SUGGESTIONS.map((question) => el("button", { type: "button", onclick: () => ask(question) }, question)));
  show(view,
    el("div", { class: "page-head" }, el("h1", {}, "Copilot"),
      el("button", { type: "button", class: "ghost", onclick: () => { conversationID = ""; show(messages, welcome()); markCurrent(); input.focus(); } }, "New conversation")),
    el("div", { class: "chat" },
      el("aside", { class: "panel" }, el("h2", {}, "History"), history),
      el("section", { class: "panel" }, messages, form, suggestions)));
  show(messages, welcome());
  loadHistory();
  input.focus();

  function welcome() {
    return empty("Ask a question about spend, revenue, ROAS, campaigns or anomalies — or pick a suggestion below.");
  }

  function markCurrent() {
    for (const button of history.querySelectorAll("button")) button.setAttribute("aria-current", String(button.dataset.id === conversationID));
  }

  async function loadHistory() {
    try {
      const list = await api("/conversations", { query: { limit: 30 } });
      const items = list.items || [];
      show(history, items.length ? items.map((c) => el("button", { type: "button", "data-id": c.id, title: c.title, onclick: () => open(c.id) }, c.title || "Untitled"))
        : el("p", { class: "muted" }, "No conversations yet."));
      markCurrent();
    } catch (error) {
      show(history, errorBox(error));
    }
  }

  async function open(id) {
    conversationID = id;
    markCurrent();
    show(messages, loading());
    try {
      const conversation = await api(`/conversations/${encodeURIComponent(id)}`);
      show(messages, (conversation.messages || []).map((m) => el("div", { class: `msg ${m.role === "user" ? "user" : "assistant"}` }, m.text)));
    } catch (error) {
      show(messages, errorBox(error));
    }
  }

  async function ask(question) {
    question = question.trim();
    if (!question || controller) return;
    input.value = "";
    if (messages.querySelector(".empty")) messages.replaceChildren();
    messages.append(el("div", { class: "msg user" }, question));
    const stage = el("div", { class: "stage", role: "status" }, "Understanding…");
    const text = el("div", { class: "answer-text" });
    const chart = el("div", { class: "answer-chart" });
    const bubble = el("div", { class: "msg assistant", "aria-busy": "true" }, stage, text, chart);
    messages.append(bubble);
    bubble.scrollIntoView({ block: "nearest" });
    controller = new AbortController();
    send.disabled = true;
    let data = null, visual = null;
    const stages = { understand: "Understanding…", fetch_data: "Fetching data…", respond: "Writing the answer…" };
    try {
      await stream("/qa/agent/sse", { question, conversation_id: conversationID || undefined }, (event) => {
        switch (event.type) {
          case "stage": stage.textContent = stages[event.stage] || event.stage; break;
          case "token": text.append(event.text); break;
          case "data": data = event.data; break;
          case "visual": visual = event.visual; break;
          case "done": {
            conversationID = event.conversation_id || conversationID;
            data = event.data || data;
            visual = event.visual || visual;
            if (!text.textContent && event.answer) text.textContent = event.answer;
            break;
          }
          case "error": throw new Error((event.error && event.error.message) || "the answer failed; ask again");
        }
      }, { signal: controller.signal });
      stage.remove();
      const drawn = renderVisual(visual, data);
      if (drawn) chart.append(drawn);
      loadHistory();
    } catch (error) {
      stage.remove();
      bubble.append(errorBox(error));
    } finally {
      bubble.removeAttribute("aria-busy");
      controller = null;
      send.disabled = false;
      input.focus();
    }
  }

  return () => controller?.abort();
}

// Connections: connect Meta, Google Ads or Shopify (OAuth), upload a CSV (with each rejected
// row's reason), see sync status and history, sync now.
import { api } from "../api.js";
import { el, show, loading, empty, errorBox, table } from "../dom.js";
import { dateTime, count } from "../format.js";

const PROVIDERS = [
  { id: "meta", name: "Meta Ads", account: "Ad account id (act_…)" },
  { id: "google", name: "Google Ads", account: "Customer id (123-456-7890)" },
  { id: "shopify", name: "Shopify", account: "Store domain (shop.myshopify.com)" },
];

function connectForm(provider, message) {
  const account = el("input", { id: `account-${provider.id}`, required: true, placeholder: provider.account, "aria-label": provider.account });
  return el("form", {
    class: "panel", "aria-label": `Connect ${provider.name}`,
    onsubmit: async (event) => {
      event.preventDefault();
      try {
        const started = await api(`/oauth/${provider.id}/start`, { method: "POST", body: { account_ref: account.value.trim(), name: provider.name } });
        location.assign(started.authorize_url);
      } catch (error) {
        show(message, errorBox(error));
      }
    },
  }, el("h2", {}, provider.name), account, el("div", { style: "margin-top: 8px" }, el("button", { type: "submit" }, `Connect ${provider.name}`)));
}

function uploader(onImported) {
  const input = el("input", { id: "csv-file", type: "file", accept: ".csv,text/csv" });
  const result = el("div", { id: "csv-result", "aria-live": "polite" });
  const zone = el("div", { class: "dropzone" },
    el("p", {}, "Drop a CSV here or ", el("label", { for: "csv-file", style: "color: var(--accent); cursor: pointer; text-decoration: underline" }, "choose a file"), "."),
    input, el("p", { class: "muted" }, "Columns: timestamp, provider, account_id, campaign_id, adset_id, ad_id and any of spend, impressions, clicks, conversions, revenue, leads, installs, purchases, visitors, profit (names optional). Importing the same file twice changes nothing."));
  async function upload(file) {
    if (!file) return;
    show(result, loading(`Importing ${file.name}…`));
    try {
      const outcome = await api("/imports/csv", { method: "POST", raw: file, contentType: "text/csv" });
      show(result,
        el("p", { class: outcome.rows_rejected ? "error" : "notice", role: "status" },
          `${count(outcome.rows_accepted)} rows imported, ${count(outcome.rows_rejected)} rejected.`),
        outcome.errors.length ? table([
          { key: "line", label: "Line", num: true }, { key: "column", label: "Column" }, { key: "reason", label: "Why" },
        ], outcome.errors, { caption: "Rejected rows" }) : null,
        outcome.errors_truncated ? el("p", { class: "muted" }, "Only the first errors are listed.") : null);
      onImported();
    } catch (error) {
      show(result, errorBox(error));
    }
  }
  input.addEventListener("change", () => upload(input.files[0]));
  zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => { event.preventDefault(); zone.classList.remove("over"); upload(event.dataTransfer.files[0]); });
  return el("section", { class: "panel", "aria-labelledby": "csv-title" }, el("h2", { id: "csv-title" }, "Upload a CSV"), zone, result);
}

export async function render(view, { params = [] } = {}) {
  const message = el("div");
  const problems = el("div");
  const list = el("div", {}, loading("Loading connections…"));
  const runs = el("section", { class: "panel", style: "margin-top: 16px", id: "runs", "aria-live": "polite" });
  show(view,
    el("div", { class: "page-head" }, el("h1", {}, "Connections")),
    message, problems,
    el("section", { class: "panel", "aria-labelledby": "connected-title" }, el("h2", { id: "connected-title" }, "Connected"), list),
    runs,
    el("h2", { style: "margin: 20px 0 10px" }, "Add a source"),
    el("div", { class: "cards" }, PROVIDERS.map((p) => connectForm(p, message))),
    el("div", { style: "margin-top: 16px" }, uploader(() => {})));

  // Back from a provider's consent screen: /#/connections/<id>.
  const connected = params[0];
  if (connected) show(message, el("p", { class: "notice" }, "Connected. The first sync has started."));

  async function act(connection, action) {
    try {
      await api(`/connections/${connection.id}/${action}`, { method: "POST" });
      await load();
      if (action === "sync") history(connection);
    } catch (error) {
      show(message, errorBox(error));
    }
  }

  async function history(connection) {
    show(runs, el("h2", {}, `Sync history · ${connection.name}`), loading());
    try {
      const items = (await api(`/connections/${connection.id}/runs`, { query: { limit: 20 } })).items || [];
      show(runs, el("h2", {}, `Sync history · ${connection.name}`), items.length ? table([
        { key: "started_at", label: "Started", format: (r) => dateTime(r.started_at) },
        { key: "kind", label: "Kind" }, { key: "trigger", label: "Trigger" },
        { key: "status", label: "Status", format: (r) => el("span", { class: `badge ${r.status}` }, r.status) },
        { key: "rows", label: "Rows", num: true, format: (r) => count(r.rows) },
        { key: "error", label: "Error", format: (r) => r.error || "" },
      ], items, { sortKey: "started_at", caption: "Sync runs" }) : empty("No runs yet."));
    } catch (error) {
      show(runs, errorBox(error));
    }
  }

  async function load() {
    try {
      const items = (await api("/connections", { query: { limit: 100 } })).items || [];
      show(list, items.length ? table([
        { key: "name", label: "Name" }, { key: "provider", label: "Provider" }, { key: "account_ref", label: "Account" },
        { key: "status", label: "Status", format: (r) => el("span", { class: `badge ${r.status}` }, r.status.replace("_", " ")) },
        { key: "last_success_at", label: "Last sync", format: (r) => dateTime(r.last_success_at) },
        { key: "rows_synced", label: "Rows", num: true, format: (r) => count(r.rows_synced) },
        { key: "actions", label: "", format: (r) => el("span", { class: "toolbar" },
          el("button", { type: "button", class: "ghost", disabled: r.status !== "active", onclick: (e) => { e.stopPropagation(); act(r, "sync"); } }, "Sync now"),
          el("button", { type: "button", class: "ghost", onclick: (e) => { e.stopPropagation(); act(r, r.status === "paused" ? "resume" : "pause"); } }, r.status === "paused" ? "Resume" : "Pause"),
          el("button", { type: "button", class: "ghost", onclick: (e) => { e.stopPropagation(); history(r); } }, "History")) },
      ], items, { onRow: history, caption: "Connections" })
        : empty("Nothing connected yet. Connect an ad account or a store below, or upload a CSV."));
      if (items.length && !runs.childElementCount) history(items.find((item) => item.id === connected) || items[0]);
      show(problems, items.filter((item) => item.last_error).map((item) => el("p", { class: "error" }, `${item.name}: ${item.last_error}`)));
    } catch (error) {
      show(list, errorBox(error));
    }
  }
  await load();
}

// The app shell: sign-in, the workspace switcher and a hash router over the pages.
import { api, session } from "./api.js";
import { el, show, errorBox } from "./dom.js";
import { setCurrency } from "./format.js";
import { renderSignIn, finishOIDC } from "./pages/signin.js";

const pages = {
  dashboard: () => import("./pages/dashboard.js"),
  copilot: () => import("./pages/copilot.js"),
  campaigns: () => import("./pages/campaigns.js"),
  lineage: () => import("./pages/lineage.js"),
  anomalies: () => import("./pages/anomalies.js"),
  connections: () => import("./pages/connections.js"),
};

const view = document.getElementById("view");
const topbar = document.querySelector(".topbar");
const switcher = document.getElementById("workspace");
let current = null;  // the page's cleanup

/** The signed-in workspace (name, currency, timezone), shared with the pages. */
export const context = { workspace: null };

async function loadWorkspaces() {
  const me = await api("/workspace");
  context.workspace = me;
  setCurrency(me.currency);
  let items = [];
  try { items = (await api("/workspaces")).items || []; } catch { items = []; }
  if (!items.some((item) => item.workspace.id === me.id)) items.unshift({ workspace: me, role: "" });
  switcher.replaceChildren(...items.map((item) => el("option", { value: item.workspace.id, selected: item.workspace.id === me.id }, item.workspace.name)));
  switcher.disabled = items.length < 2;
}

async function route() {
  if (current) { current(); current = null; }
  if (!session.token) {
    topbar.hidden = true;
    renderSignIn(view, () => start());
    return;
  }
  topbar.hidden = false;
  const [name, ...rest] = location.hash.replace(/^#\/?/, "").split("/");
  const page = pages[name] ? name : "dashboard";
  for (const link of document.querySelectorAll(".nav a")) {
    link.toggleAttribute("aria-current", link.dataset.page === page);
    if (link.dataset.page === page) link.setAttribute("aria-current", "page");
  }
  document.title = `${page[0].toUpperCase()}${page.slice(1)} · metricx`;
  try {
    const module = await pages[page]();
    current = (await module.render(view, { ...context, params: rest.map(decodeURIComponent) })) || null;
  } catch (error) {
    show(view, errorBox(error));
  }
}

async function start() {
  try {
    await loadWorkspaces();
  } catch (error) {
    if (error.status === 401 || error.status === 403) { session.signOut(); }
    topbar.hidden = true;
    renderSignIn(view, () => start(), error);
    return;
  }
  await route();
}

switcher.addEventListener("change", async () => {
  session.useWorkspace(switcher.value);
  await start();
});
document.getElementById("sign-out").addEventListener("click", () => {
  session.signOut();
  context.workspace = null;
  route();
});
window.addEventListener("hashchange", route);
window.addEventListener("metricx:unauthorized", () => {
  if (!session.token) return;
  session.signOut();
  route();
});

finishOIDC().then(start, (error) => { topbar.hidden = true; renderSignIn(view, () => start(), error); });

// Sign-in: paste an API key, or — when the deployment names an OpenID Connect provider — sign in
// there (authorization code flow with PKCE; the ID token becomes the bearer token).
import { session } from "../api.js";
import { el, show, errorBox } from "../dom.js";

const PENDING = "metricx.oidc";

async function config() {
  const response = await fetch("/ui/config.json");
  return response.ok ? response.json() : {};
}

async function discovery(issuer) {
  const response = await fetch(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`the sign-in provider did not answer (${response.status})`);
  return response.json();
}

/** Unpadded base64url, as PKCE and OAuth state values are written. */
function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomString(bytes = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

async function challenge(verifier) {
  return base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
}

async function startOIDC(oidc) {
  const provider = await discovery(oidc.issuer);
  const pending = { verifier: randomString(), state: randomString(16), tokenEndpoint: provider.token_endpoint, clientID: oidc.client_id };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(provider.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: "code", client_id: oidc.client_id, redirect_uri: `${location.origin}/`, scope: "openid email profile",
    state: pending.state, code_challenge: await challenge(pending.verifier), code_challenge_method: "S256",
  }).toString();
  location.assign(url);
}

/** Completes a sign-in the provider redirected back from (`/?code=...&state=...`), if any. */
export async function finishOIDC() {
  const query = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || "null");
  if (!query.has("code") && !query.has("error")) return;
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, "", `/${location.hash}`);
  if (query.has("error")) throw new Error(`sign-in was refused: ${query.get("error_description") || query.get("error")}`);
  if (!pending || pending.state !== query.get("state")) throw new Error("that sign-in link is stale; sign in again");
  const response = await fetch(pending.tokenEndpoint, {
    method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code: query.get("code"), redirect_uri: `${location.origin}/`,
      client_id: pending.clientID, code_verifier: pending.verifier }),
  });
  if (!response.ok) throw new Error(`the sign-in provider refused the code (${response.status})`);
  const tokens = await response.json();
  session.signIn(tokens.id_token || tokens.access_token);
}

export function renderSignIn(view, done, problem) {
  const input = el("input", { id: "api-key", type: "password", autocomplete: "off", required: true, placeholder: "mx_…", spellcheck: "false" });
  const message = el("div");
  if (problem) show(message, errorBox(problem));
  const form = el("form", {
    onsubmit: (event) => {
      event.preventDefault();
      const key = input.value.trim();
      if (!key) { show(message, errorBox(new Error("paste an API key"))); return; }
      session.signIn(key);
      session.useWorkspace("");
      done();
    },
  },
  el("label", { for: "api-key" }, "API key"),
  input,
  el("button", { type: "submit" }, "Sign in"),
  el("p", { class: "muted" }, "The key stays in this browser. Workspace admins create keys under API keys."));
  const sso = el("div");
  const panel = el("section", { class: "panel signin", "aria-labelledby": "signin-title" },
    el("h1", { id: "signin-title" }, "Sign in to metricx"), el("p", { class: "muted" }, "Marketing numbers from every channel, in one place."),
    message, form, sso);
  show(view, panel);
  input.focus();
  config().then((settings) => {
    if (!settings.oidc) return;
    show(sso, el("p", { class: "or" }, "or"), el("button", {
      type: "button", class: "ghost", style: "width: 100%",
      onclick: () => startOIDC(settings.oidc).catch((error) => show(message, errorBox(error))),
    }, "Sign in with your company account"));
  }).catch(() => {});
}

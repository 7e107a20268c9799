// The gateway's HTTP API as the page uses it: the signed-in token and workspace on every call,
// errors as ApiError carrying the field the server named.

const TOKEN = "metricx.token";
const WORKSPACE = "metricx.workspace";

export const session = {
  get token() { return localStorage.getItem(TOKEN) || ""; },
  get workspace() { return localStorage.getItem(WORKSPACE) || ""; },
  signIn(token) { localStorage.setItem(TOKEN, token); },
  useWorkspace(id) { id ? localStorage.setItem(WORKSPACE, id) : localStorage.removeItem(WORKSPACE); },
  signOut() { localStorage.removeItem(TOKEN); localStorage.removeItem(WORKSPACE); },
};

export class ApiError extends Error {
  constructor(status, message, field) {
    super(field ? `${field}: ${message}` : message);
    this.status = status;
    this.field = field;
  }
}

function headers(extra = {}) {
  const result = { ...extra };
  if (session.token) result.Authorization = `Bearer ${session.token}`;
  if (session.workspace) result["X-Workspace-Id"] = session.workspace;
  return result;
}

async function failure(response) {
  let message = response.statusText || `HTTP ${response.status}`;
  let field;
  try {
    const body = await response.json();
    if (body && body.error) { message = body.error.message || message; field = body.error.field; }
  } catch { /* not JSON: keep the status text */ }
  if (response.status === 401) window.dispatchEvent(new CustomEvent("metricx:unauthorized"));
  return new ApiError(response.status, message, field);
}

/** GET/POST/... `path` (with `query` parameters); JSON in, JSON out. */
export async function api(path, { method = "GET", query, body, raw, contentType, signal } = {}) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, value);
  }
  const init = { method, headers: headers(), signal };
  if (raw !== undefined) {
    init.body = raw;
    init.headers["Content-Type"] = contentType || "application/octet-stream";
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers["Content-Type"] = "application/json";
  }
  const response = await fetch(url, init);
  if (!response.ok) throw await failure(response);
  if (response.status === 204) return null;
  return response.json();
}

/**
 * POSTs `body` to an SSE endpoint and calls `onEvent` with each `data:` payload as it arrives.
 * (EventSource cannot POST or send headers, so the stream is read from fetch.)
 */
export async function stream(path, body, onEvent, { signal } = {}) {
  const response = await fetch(path, {
    method: "POST", signal,
    headers: headers({ "Content-Type": "application/json", Accept: "text/event-stream" }),
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split("\n").filter((line) => line.startsWith("data:")).map((line) => line.slice(5).trimStart()).join("\n");
      if (data) onEvent(JSON.parse(data));
    }
  }
}

// The console's only way to the worker: Kafka Connect's public REST API (Apache's endpoints and
// Ferry's documented additions in docs/REST.md), on the worker that served the page.
//
//   import { api, ApiError, connectorPath } from './api.js';
//   const names = await api.get('/connectors');
//   await api.put(connectorPath(name, '/pause'));
//   const info = await api.post('/connectors', { name, config });
//
// Every call resolves to the parsed JSON body (null for 202/204 answers without a body) or
// rejects with an ApiError whose message is the worker's own (Apache's {"error_code","message"}
// body), so pages can show it as it is. Under REST authentication (rest.extension.classes with
// Apache's basic-auth extension) a 401 asks the app for credentials once (the sign-in dialog),
// then the call is retried with them; they are kept in sessionStorage for this tab only.

/** The REST API's root: the path before /ui/, so the console also works behind a path prefix. */
export const API_ROOT = location.pathname.replace(/ui(\/.*)?$/, '');

const CREDENTIALS_KEY = 'ferry.console.authorization';
/** A worker waits up to 90 s for its herder; give it that and a little more. */
const DEFAULT_TIMEOUT_MS = 100_000;

/** A REST call that did not succeed: HTTP status, Apache's error_code and the worker's message. */
export class ApiError extends Error {
  constructor(status, message, { errorCode = status, body = null, method = 'GET', path = '' } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.errorCode = errorCode;
    this.body = body;
    this.method = method;
    this.path = path;
  }
}

let authHandler = null;
let pendingAuth = null;

/**
 * Registers the function that asks the user for credentials: called with the 401's message,
 * returns a Promise of {user, password}, or null when the user gives up.
 */
export function onAuthRequired(handler) {
  authHandler = handler;
}

/** Stores credentials for Basic authentication (this browser tab only). */
export function setCredentials(user, password) {
  sessionStorage.setItem(CREDENTIALS_KEY, 'Basic ' + btoa(unescape(encodeURIComponent(user + ':' + password))));
}

export function clearCredentials() {
  sessionStorage.removeItem(CREDENTIALS_KEY);
}

export function hasCredentials() {
  return sessionStorage.getItem(CREDENTIALS_KEY) !== null;
}

/** '/connectors/<name><suffix>' with the name encoded (names may hold '/', spaces, anything). */
export function connectorPath(name, suffix = '') {
  return '/connectors/' + encodeURIComponent(name) + suffix;
}

/** '/connector-plugins/<class or alias><suffix>'. */
export function pluginPath(plugin, suffix = '') {
  return '/connector-plugins/' + encodeURIComponent(plugin) + suffix;
}

/**
 * One REST call. `path` starts with '/' (relative to the API root), may carry a query string;
 * `options.query` adds parameters ({expand: ['status','info']} repeats a key); `options.body` is
 * sent as JSON; `options.signal` aborts it (pages pass ctx.signal so leaving the page cancels).
 */
export async function request(method, path, options = {}) {
  const url = buildUrl(path, options.query);
  // X-Requested-With: Ferry's authentication then sends no Basic challenge, which would make the browser show
  // its own sign-in prompt over the console's dialog.
  const headers = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  for (let attempt = 0; ; attempt++) {
    const authorization = sessionStorage.getItem(CREDENTIALS_KEY);
    if (authorization) headers.Authorization = authorization;
    else delete headers.Authorization;
    const response = await fetchWithTimeout(url, init, options.signal, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, method, path);
    if (response.status === 401 && attempt < 3 && authHandler && !options.noAuthPrompt) {
      const message = await readText(response);
      if (await askForCredentials(message || 'The REST API asks for credentials.')) continue;
      throw new ApiError(401, message || 'Sign-in required', { method, path });
    }
    return parse(response, method, path);
  }
}

export const api = {
  request,
  get: (path, options) => request('GET', path, options),
  post: (path, body, options = {}) => request('POST', path, { ...options, body }),
  put: (path, body, options = {}) => request('PUT', path, { ...options, body }),
  patch: (path, body, options = {}) => request('PATCH', path, { ...options, body }),
  delete: (path, options) => request('DELETE', path, options),
};

function buildUrl(path, query) {
  const url = new URL(API_ROOT.replace(/\/$/, '') + path, location.origin);
  for (const [key, value] of Object.entries(query || {})) {
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v));
  }
  return url.toString();
}

async function fetchWithTimeout(url, init, signal, timeoutMs, method, path) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('timeout', 'TimeoutError')), timeoutMs);
  const onAbort = () => controller.abort(signal.reason);
  if (signal) {
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener('abort', onAbort, { once: true });
  }
  try {
    return await fetch(url, { ...init, signal: controller.signal });
  } catch (error) {
    if (signal && signal.aborted) throw error; // the page was left: callers ignore AbortError
    if (error && error.name === 'TimeoutError' || controller.signal.aborted) {
      throw new ApiError(0, `${method} ${path} got no answer within ${Math.round(timeoutMs / 1000)} s; the worker may be busy or down.`, { method, path });
    }
    throw new ApiError(0, `Cannot reach the worker (${method} ${path}): ${error.message}. Is it running?`, { method, path });
  } finally {
    clearTimeout(timer);
    if (signal) signal.removeEventListener('abort', onAbort);
  }
}

async function parse(response, method, path) {
  const text = await readText(response);
  let body = null;
  if (text) {
    try { body = JSON.parse(text); } catch (_) { body = text; }
  }
  if (response.ok) return body;
  const message = body && typeof body === 'object' && typeof body.message === 'string'
    ? body.message
    : (typeof body === 'string' && body.trim() ? body.trim() : `HTTP ${response.status} ${response.statusText}`.trim());
  const errorCode = body && typeof body === 'object' && body.error_code ? body.error_code : response.status;
  throw new ApiError(response.status, message, { errorCode, body, method, path });
}

async function readText(response) {
  try { return await response.text(); } catch (_) { return ''; }
}

/** One prompt for all calls that met a 401 at the same time; true when new credentials were given. */
function askForCredentials(message) {
  if (!pendingAuth) {
    pendingAuth = Promise.resolve(authHandler(message)).then(credentials => {
      if (credentials && credentials.user) {
        setCredentials(credentials.user, credentials.password || '');
        return true;
      }
      return false;
    }).finally(() => { pendingAuth = null; });
  }
  return pendingAuth;
}

/** True for the rejection of a call that was aborted because its page was left. */
export function isAbort(error) {
  return error && (error.name === 'AbortError' || error.name === 'PageLeft');
}

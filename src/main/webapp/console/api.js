// The console's calls to /api: the session cookie goes along by itself; every call says
// X-Requested-With (so a 401 never brings up the browser's login dialog) and every call that
// changes something repeats the session's CSRF token.

import { t } from './i18n.js';

export const API = new URL('../api/', import.meta.url);

let csrfToken = null;
let onLoggedOut = () => {};

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.error = body && body.error;
    this.fields = (body && body.fields) || null;
    this.body = body;
  }
}

export function setCsrfToken(token) {
  csrfToken = token;
}

/** Called when a request finds the session gone (401), so the app can show the login again. */
export function onUnauthorized(handler) {
  onLoggedOut = handler;
}

export function url(path, query) {
  const u = new URL(path.replace(/^\//, ''), API);
  if (query) {
    for (const [k, v] of Object.entries(query)) if (v != null && v !== '') u.searchParams.set(k, v);
  }
  return u;
}

/**
 * api('queues') → parsed JSON; api('contacts/x/comments', {method: 'POST', body: {...}}).
 * Throws ApiError for any non-2xx answer (after a 401 the login is shown too).
 */
export async function api(path, { method = 'GET', body, query, accept = 'application/json', raw = false, quiet401 = false } = {}) {
  const send = async () => {
    const headers = { 'X-Requested-With': 'fetch', Accept: accept };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (!['GET', 'HEAD'].includes(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
    return fetch(url(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  };
  let res;
  try {
    res = await send();
  } catch (e) {
    throw new ApiError(0, { error: 'network', message: t("Can't reach the server. Check your connection.") });
  }
  if (res.status === 403 && method !== 'GET') {
    const problem = await res.clone().json().catch(() => ({}));
    if (problem.error === 'csrf' && (await refreshToken())) res = await send();
  }
  if (res.ok) {
    if (raw) return res;
    if (res.status === 204) return null;
    const text = await res.text();
    return text ? JSON.parse(text) : null;
  }
  const problem = await res.json().catch(() => ({ message: res.statusText || `HTTP ${res.status}` }));
  if (res.status === 401 && !quiet401) onLoggedOut();
  throw new ApiError(res.status, problem);
}

/** The token can be stale after the server restarted the session; ask once more. */
async function refreshToken() {
  try {
    const res = await fetch(url('session'), { headers: { 'X-Requested-With': 'fetch', Accept: 'application/json' }, cache: 'no-store' });
    if (!res.ok) return false;
    const session = await res.json();
    csrfToken = session.csrfToken;
    return true;
  } catch {
    return false;
  }
}

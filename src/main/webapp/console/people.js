// Who works in a queue and what its form asks, read once and kept for a few minutes: the handover
// list, the handler's display name and the answers' labels need them on every contact shown.

import { api } from './api.js';
import { t, currentLanguage } from './i18n.js';

const KEEP_MS = 5 * 60_000;
const members = new Map(); // queueId → {at, promise}
const forms = new Map(); // queueId → {at, promise}
const names = new Map(); // username → display name, from every member list read so far

function cached(map, key, load) {
  const hit = map.get(key);
  if (hit && Date.now() - hit.at < KEEP_MS) return hit.promise;
  const promise = load().catch((e) => {
    map.delete(key); // a failure is not kept: the next view asks again
    throw e;
  });
  map.set(key, { at: Date.now(), promise });
  return promise;
}

/** [{username, displayName}] of the queue, by display name (GET /api/queues/{id}/members). */
export function membersOf(queueId) {
  return cached(members, queueId, async () => {
    const list = await api(`queues/${encodeURIComponent(queueId)}/members`);
    for (const m of list) names.set(m.username, m.displayName || m.username);
    return list;
  });
}

/** The members of all these queues, each once, by display name. */
export async function membersOfAll(queueIds) {
  const lists = await Promise.all(queueIds.map((id) => membersOf(id).catch(() => [])));
  const seen = new Map();
  for (const m of lists.flat()) seen.set(m.username, m);
  return [...seen.values()].sort((a, b) => a.displayName.localeCompare(b.displayName) || a.username.localeCompare(b.username));
}

/** The display name of a username the console has met in a member list, else the username. */
export function displayName(username) {
  if (!username) return '';
  return names.get(username) || username;
}

export function rememberName(username, name) {
  if (username && name) names.set(username, name);
}

/**
 * The queue's form as the chat window gets it (field types, option labels in the agent's language), to
 * show a select's label instead of its value and "Yes"/"No" for a tick box. Null if unreadable.
 */
export function formOf(queueId) {
  const lang = currentLanguage();
  return cached(forms, `${queueId}\n${lang}`, async () => {
    const queue = await api(`public/queues/${encodeURIComponent(queueId)}`, { query: { lang } });
    return (queue && queue.form) || { fields: [] };
  }).catch(() => null);
}

/** How an answer reads: {text, email} where email is set for an e-mail answer. */
export function answerText(answer, form) {
  const field = form && (form.fields || []).find((f) => f.name === answer.name);
  const value = answer.value == null ? '' : String(answer.value);
  if (!field) return { text: value };
  if (field.type === 'checkbox' || field.type === 'consent') {
    if (value === 'true') return { text: t('Yes') };
    if (value === 'false') return { text: t('No') };
  }
  if (field.type === 'select') {
    const option = (field.options || []).find((o) => o.value === value);
    // an option removed from the form since keeps its stored value
    return { text: option && option.label ? option.label : value };
  }
  if (field.type === 'email' && /^[^\s@]+@[^\s@]+$/.test(value)) return { text: value, email: value };
  return { text: value };
}

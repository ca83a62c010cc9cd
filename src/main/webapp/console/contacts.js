// #/contacts?queue=&status=&handler=&overdue=&from=&to=&q=: the contacts of one queue or of all
// the agent's queues, newest first, with filters and a search box for what a visitor quotes (a
// reference or an e-mail address). The filters live in the address, so Back and a shared link
// show the same list. The list never holds answers; a row opens the contact (#/contacts/{id}).
//
// handler in the address: "me", "nobody" or a username. from/to are days in the agent's own time
// zone, both included.

import { h, append, replace } from '../common/dom.js';
import { api } from './api.js';
import { when, fullTime, statusLabel, STATUSES, isoDay, startOfDay, addDays } from './format.js';
import { membersOf, membersOfAll, displayName } from './people.js';
import { t } from './i18n.js';

const PAGE = 50;

// what the last change asked for, carried over the re-render that the new address brings
let focusNext = null;
let searchedHash = null;

export async function contactsView(main, ctx, query) {
  const queueId = ctx.queues.some((q) => q.id === query.get('queue')) ? query.get('queue') : '';
  const state = {
    queue: queueId,
    status: STATUSES.includes(query.get('status')) ? query.get('status') : '',
    handler: query.get('handler') || '',
    overdue: query.get('overdue') === 'true',
    from: validDay(query.get('from')),
    to: validDay(query.get('to')),
    q: (query.get('q') || '').trim(),
  };
  const queueName = (id) => (ctx.queues.find((q) => q.id === id) || {}).name || id;

  const heading = h('h1', { tabindex: '-1', id: 'contacts-title' }, t('Contacts'), h('span', { class: 'muted light' }, ` · ${state.queue ? queueName(state.queue) : t('All my queues')}`));

  // ---- search
  const search = h('input', {
    type: 'search',
    id: 'contacts-search',
    testid: 'contacts-search',
    value: state.q,
    placeholder: t('K7Q-4MX2 or visitor@example.com'),
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'contacts-search-help contacts-search-error',
  });
  const searchError = h('p', { class: 'field-error', id: 'contacts-search-error', role: 'alert', testid: 'contacts-search-error' });
  const searchForm = h(
    'form',
    { class: 'contacts-search', role: 'search', testid: 'contacts-search-form', novalidate: true },
    h('label', { for: 'contacts-search' }, t('Find a contact')),
    h('div', { class: 'row gap' }, search, h('button', { type: 'submit', class: 'button primary', testid: 'contacts-search-submit' }, t('Find')), state.q && h('a', { class: 'button ghost small', href: hashOf({ ...state, q: '' }), testid: 'contacts-search-clear' }, t('Clear'))),
    h('p', { class: 'muted small', id: 'contacts-search-help' }, t('The reference the visitor quotes, or their e-mail address.')),
    searchError,
  );
  searchForm.addEventListener('submit', (e) => {
    e.preventDefault();
    // what a reference or an address is, the server decides (a 422 on q, shown under the box)
    go({ ...state, q: search.value.trim() }, true);
  });

  // ---- filters
  const queueSelect = h(
    'select',
    { id: 'contacts-queue', testid: 'contacts-filter-queue' },
    h('option', { value: '' }, t('All my queues')),
    ctx.queues.map((q) => h('option', { value: q.id, selected: q.id === state.queue }, q.name)),
  );
  const statusSelect = h(
    'select',
    { id: 'contacts-status', testid: 'contacts-filter-status' },
    h('option', { value: '' }, t('Any')),
    STATUSES.map((s) => h('option', { value: s, selected: s === state.status }, statusLabel(s))),
  );
  const handlerSelect = h('select', { id: 'contacts-handler', testid: 'contacts-filter-handler' });
  const fillHandlers = (members) => {
    const choices = [
      ['', t('Any')],
      ['nobody', t('Nobody')],
      ['me', t('Me ({name})', { name: ctx.user.displayName || ctx.user.username })],
      ...members.filter((m) => m.username !== ctx.user.username).map((m) => [m.username, m.displayName]),
    ];
    if (state.handler && !choices.some(([v]) => v === state.handler)) choices.push([state.handler, displayName(state.handler)]);
    replace(handlerSelect, choices.map(([value, label]) => h('option', { value, selected: value === state.handler }, label)));
  };
  fillHandlers([]);
  const overdueBox = h('input', { type: 'checkbox', id: 'contacts-overdue', testid: 'contacts-filter-overdue', checked: state.overdue });
  const fromInput = h('input', { type: 'date', id: 'contacts-from', testid: 'contacts-from', value: state.from || '', max: isoDay(new Date()) });
  const toInput = h('input', { type: 'date', id: 'contacts-to', testid: 'contacts-to', value: state.to || '', max: isoDay(new Date()) });
  const filters = h(
    'form',
    { class: 'contacts-filters', testid: 'contacts-filters', 'aria-label': t('Filters') },
    h('label', { class: 'inline' }, t('Queue '), queueSelect),
    h('label', { class: 'inline' }, t('Status '), statusSelect),
    h('label', { class: 'inline' }, t('Handler '), handlerSelect),
    h('label', { class: 'check' }, overdueBox, t(' Overdue only')),
    h('span', { class: 'date-range' }, h('label', { class: 'inline' }, t('Received from '), fromInput), h('label', { class: 'inline' }, t('to '), toInput)),
  );
  const readFilters = () => ({
    ...state,
    queue: queueSelect.value,
    status: statusSelect.value,
    handler: handlerSelect.value,
    overdue: overdueBox.checked,
    from: fromInput.value || null,
    to: toInput.value || null,
  });
  for (const el of [queueSelect, statusSelect, handlerSelect, overdueBox, fromInput, toInput]) {
    el.addEventListener('change', () => go(readFilters(), false, el.id));
  }
  filters.addEventListener('submit', (e) => e.preventDefault());

  // ---- the table
  const body = h('tbody', { testid: 'contacts-rows' });
  const table = h(
    'table',
    { class: 'table contacts-table', testid: 'contacts-table', hidden: true },
    h('caption', { class: 'sr' }, t('Contacts, newest first')),
    h('thead', null, h('tr', null, [t('Reference'), t('Queue'), t('Received'), t('Status'), t('Handler'), t('Overdue')].map((t) => h('th', { scope: 'col' }, t)))),
    body,
  );
  const status = h('p', { class: 'muted small', role: 'status', testid: 'contacts-message' }, t('Loading…'));
  const more = h('button', { type: 'button', class: 'button', testid: 'contacts-load-more', hidden: true }, t('Load more'));

  replace(
    main,
    h(
      'div',
      { class: 'page contacts-page' },
      h(
        'div',
        { class: 'page-head' },
        heading,
        state.queue && h('a', { class: 'button small', href: `#/queues/${encodeURIComponent(state.queue)}`, testid: 'contacts-queue-log' }, `← ${t('Activity log')}`),
      ),
      searchForm,
      filters,
      h('div', { class: 'table-scroll' }, table),
      status,
      h('div', { class: 'log-foot' }, more),
    ),
  );
  const focusEl = focusNext && main.querySelector(`#${CSS.escape(focusNext)}`);
  focusNext = null;
  (focusEl || heading).focus();

  const handlerQueues = state.queue ? [state.queue] : ctx.queues.map((q) => q.id);
  const members = (state.queue ? membersOf(state.queue) : membersOfAll(handlerQueues)).catch(() => []);
  members.then((list) => {
    if (!ctx.isCurrent()) return;
    fillHandlers(list);
    // handler names may have arrived after the first rows
    for (const cell of body.querySelectorAll('[data-handler]')) cell.textContent = cell.dataset.handler ? displayName(cell.dataset.handler) : '—';
  });

  let next = null;
  let shown = 0;
  const load = async (before) => {
    more.disabled = true;
    let page;
    try {
      page = await api(state.handler === 'nobody' ? 'contacts?handler=' : 'contacts', { query: { ...apiQuery(state, ctx), limit: PAGE, before } });
    } catch (e) {
      if (!ctx.isCurrent()) return null;
      more.disabled = false;
      if (e.status === 422 && e.fields && e.fields.q) showSearchError(`“${state.q}” ${e.fields.q}.`);
      else if (e.status === 422 && e.fields) status.textContent = Object.entries(e.fields).map(([k, v]) => `${fieldName(k)}: ${v}`).join(' · ');
      else if (e.status === 404) status.textContent = t("This queue doesn't exist or you're not a member of it.");
      else status.textContent = t('The contacts could not be loaded: {message}', { message: e.message });
      return null;
    }
    if (!ctx.isCurrent()) return null;
    append(body, page.contacts.map((c) => row(c, ctx, queueName)));
    shown += page.contacts.length;
    next = page.next;
    table.hidden = shown === 0;
    more.hidden = !next;
    more.disabled = false;
    status.textContent = shown === 0 ? emptyText(state) : before ? `${page.contacts.length} more loaded.` : '';
    return page;
  };
  more.addEventListener('click', () => next && load(next));

  function showSearchError(text) {
    searchError.textContent = text;
    search.setAttribute('aria-invalid', 'true');
    search.focus();
  }

  function go(next, searched, focus) {
    const hash = hashOf(next);
    focusNext = focus || (searched ? 'contacts-search' : null);
    searchedHash = searched ? hash : null;
    ctx.navigate(hash, { force: true });
  }

  const first = await load(null);
  // A search for one reference that finds it opens it at once, as the visitor's reference is meant
  // to; coming back (Back) to the same search shows the list instead.
  const searched = searchedHash === location.hash;
  searchedHash = null;
  if (first && searched && state.q && !state.q.includes('@') && first.contacts.length === 1) {
    ctx.navigate(`#/contacts/${encodeURIComponent(first.contacts[0].id)}`);
  }
}

function row(c, ctx, queueName) {
  const link = `#/contacts/${encodeURIComponent(c.id)}`;
  const tr = h(
    'tr',
    { class: ['contact-row', c.overdue && 'overdue'], testid: 'contacts-row', dataset: { contactId: c.id, reference: c.reference, overdue: String(!!c.overdue) } },
    h('td', null, h('a', { href: link, class: 'reference', testid: 'contacts-open' }, c.reference)),
    h('td', null, queueName(c.queueId)),
    h('td', { class: 'nowrap' }, h('time', { datetime: c.createdAt, title: fullTime(c.createdAt) }, when(c.createdAt))),
    h('td', null, h('span', { class: `badge small status-${c.status}` }, statusLabel(c.status))),
    h('td', { dataset: { handler: c.handler || '' }, testid: 'contacts-handler' }, c.handler ? displayName(c.handler) : '—'),
    h('td', null, c.overdue ? overdueMark() : h('span', { class: 'sr' }, t('No'))),
  );
  // the whole row opens the contact for a mouse; keyboards and screen readers use the link
  tr.addEventListener('click', (e) => {
    if (e.target.closest('a')) return;
    ctx.navigate(link);
  });
  return tr;
}

/** The overdue mark says it in words, so it does not rest on its colour. */
export function overdueMark() {
  return h('span', { class: 'badge small overdue-mark', testid: 'overdue-mark' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), t('Overdue'));
}

function apiQuery(state, ctx) {
  const query = { queue: state.queue, status: state.status, q: state.q };
  if (state.handler === 'me') query.handler = ctx.user.username;
  else if (state.handler && state.handler !== 'nobody') query.handler = state.handler;
  if (state.overdue) query.overdue = 'true';
  // days in the agent's time zone (Settings), both included
  if (state.from) query.from = startOfDay(state.from).toISOString();
  if (state.to) query.to = startOfDay(addDays(state.to, -1)).toISOString();
  return query;
}

export function hashOf(state) {
  const p = new URLSearchParams();
  for (const key of ['queue', 'status', 'handler', 'from', 'to', 'q']) if (state[key]) p.set(key, state[key]);
  if (state.overdue) p.set('overdue', 'true');
  const text = p.toString();
  return text ? `#/contacts?${text}` : '#/contacts';
}

function emptyText(state) {
  if (state.q) return t('No contact found for “{q}” in your queues.', { q: state.q });
  const filtered = state.status || state.handler || state.overdue || state.from || state.to;
  return filtered ? t('No contacts match these filters.') : t('No contacts yet.');
}

function fieldName(key) {
  return { from: t('From'), to: t('To'), status: t('Status'), handler: t('Handler'), overdue: t('Overdue'), queue: t('Queue'), before: t('Page') }[key] || key;
}

function validDay(value) {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

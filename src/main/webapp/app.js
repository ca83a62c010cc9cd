// The agent console: login, the frame (top bar, queues, pages) and the hash routes.
//
//   #/queues/{id}        the queue's activity log
//   #/contacts           contacts of all my queues, or one (?queue=), filtered and searched
//   #/contacts/{id}      a contact beside its queue's log (the link in notification e-mails)
//   #/settings           notification settings
//   #/stats/{id}         statistics and questionnaire answers
//   #/admin/queues, #/admin/queues/{id}, #/admin/users, #/admin/webhooks
//
// The route asked for survives the login: an e-mail link to /#/contacts/{id} lands on that contact.

import { h, replace } from './common/dom.js';
import { t, plural, loadLanguage } from './console/i18n.js';
import { api, setCsrfToken, onUnauthorized } from './console/api.js';
import { Live, bellPanel } from './console/live.js';
import { Workspace, fetchContact, notFound } from './console/workspace.js';
import { settingsView } from './console/settings.js';
import { statsView } from './console/stats.js';
import { contactsView } from './console/contacts.js';
import { adminQueuesView, adminQueueView, adminUsersView } from './console/admin.js';
import { adminWebhooksView } from './console/webhooks.js';

const app = document.getElementById('app');

const ctx = {
  user: null,
  queues: [],
  isAdmin: false,
  live: null,
  navigate,
  refreshQueues,
  refreshOverdue,
  setDirtyCheck: (fn) => (dirtyCheck = fn),
  relabel,
  isCurrent: () => true,
};

let main = null;
let nav = null;
let bell = null;
let bellCount = null;
let bellPopover = null;
let workspace = null;
let routeSeq = 0;
let lastHash = null;
let dirtyCheck = null;
let revertingHash = false;
let queuePoll = null;
const overdue = new Map(); // queueId → {count, capped}

ctx.live = new Live({ navigate, onChange: updateCounts, onEscalated: refreshOverdue });
onUnauthorized(() => signedOut(t('Your session has ended. Please sign in again.')));
window.addEventListener('hashchange', route);
window.addEventListener('beforeunload', (e) => {
  if (dirtyCheck && dirtyCheck()) {
    e.preventDefault();
    e.returnValue = '';
  }
});

// WCAG 2.2, 2.4.11 (focus not obscured): a control that gets focus under a sticky bar, the top
// bar or the queue page's Save bar, is scrolled clear of it
document.addEventListener('focusin', (e) => keepClearOfStickyBars(e.target));

start();

function keepClearOfStickyBars(control) {
  if (!(control instanceof Element)) return;
  const r = control.getBoundingClientRect();
  for (const bar of document.querySelectorAll('.top, .save-bar')) {
    const b = bar.getBoundingClientRect();
    if (bar.contains(control) || r.top >= b.bottom || r.bottom <= b.top) continue;
    const atTheBottom = b.top > window.innerHeight / 2;
    window.scrollBy(0, atTheBottom ? r.bottom - b.top + 12 : r.top - b.bottom - 12);
    return;
  }
}

async function start() {
  await loadLanguage(); // the agent's choice in this browser, else the browser's language
  try {
    const session = await api('session', { quiet401: true });
    await signedIn(session);
  } catch (e) {
    if (e.status === 401) showLogin();
    else showLogin(t('The server could not be reached ({message}). Try again in a moment.', { message: e.message }));
  }
}

// ---------------------------------------------------------------------------------------------
// Login

function showLogin(message) {
  document.title = t('Sign in — ContactDesk');
  const username = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false', testid: 'login-username' });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, testid: 'login-password' });
  const error = h('p', { class: 'form-error', role: 'alert', testid: 'login-error' }, message || '');
  const submit = h('button', { type: 'submit', class: 'button primary wide', testid: 'login-submit' }, t('Sign in'));
  const form = h(
    'form',
    { class: 'login-card', testid: 'login-form', novalidate: true },
    h('h1', null, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), 'ContactDesk'),
    h('p', { class: 'muted' }, t('Sign in to see your queues.')),
    h('label', { for: 'login-username' }, t('Username')),
    username,
    h('label', { for: 'login-password' }, t('Password')),
    password,
    error,
    submit,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!username.value.trim() || !password.value) {
      error.textContent = t('Enter your username and password.');
      (username.value.trim() ? password : username).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t('Signing in…');
    error.textContent = '';
    try {
      const session = await api('session', { method: 'POST', body: { username: username.value.trim(), password: password.value }, quiet401: true });
      ctx.live.unlockAudio(); // a click is the moment a browser lets a page make sound later
      await signedIn(session);
    } catch (err) {
      submit.disabled = false;
      submit.textContent = t('Sign in');
      if (err.status === 401) error.textContent = t('Wrong username or password.');
      else if (err.status === 429) error.textContent = t('Too many failed attempts. Try again in {wait}.', { wait: retryIn(err) });
      else error.textContent = err.message;
      password.select();
      password.focus();
    }
  });
  app.className = 'login-page';
  replace(app, h('main', { class: 'login-main' }, form));
  username.focus();
}

async function signedIn(session) {
  setCsrfToken(session.csrfToken);
  ctx.user = session.user;
  ctx.isAdmin = (session.user.roles || []).includes('admin');
  try {
    ctx.queues = await api('queues');
  } catch {
    ctx.queues = [];
  }
  buildShell();
  ctx.live.start(ctx.queues);
  overdue.clear(); // another user may have signed in in this tab
  refreshOverdue();
  clearInterval(queuePoll);
  queuePoll = setInterval(() => {
    if (document.visibilityState === 'visible') {
      refreshQueues();
      refreshOverdue();
    }
  }, 60_000);
  lastHash = null;
  route();
}

/** Draws the frame and the page again, after the agent chose another language or time zone. */
function relabel() {
  if (!ctx.user) return;
  teardownWorkspace();
  buildShell();
  ctx.live.setState(ctx.live.state); // the new frame's live dot
  lastHash = null;
  route();
}

function signedOut(message) {
  if (!ctx.user) return;
  ctx.user = null;
  clearInterval(queuePoll);
  ctx.live.stop();
  teardownWorkspace();
  dirtyCheck = null;
  showLogin(message);
}

async function logout() {
  try {
    await api('session', { method: 'DELETE', quiet401: true });
  } catch {
    // gone already
  }
  signedOut(t('You have signed out.'));
}

// ---------------------------------------------------------------------------------------------
// The frame

function buildShell() {
  app.className = 'shell';
  main = h('main', { id: 'main', class: 'main', tabindex: '-1' });
  nav = h('nav', { id: 'nav', class: 'side', 'aria-label': t('Queues and pages') });
  bellCount = h('span', { class: 'bell-count', testid: 'bell-count', 'aria-hidden': 'true' }, '0');
  bell = h(
    'button',
    { type: 'button', class: 'bell', testid: 'bell', 'aria-haspopup': 'true', 'aria-expanded': 'false', 'aria-controls': 'bell-popover' },
    bellIcon(),
    bellCount,
  );
  bellPopover = h('div', { id: 'bell-popover', class: 'popover', hidden: true, testid: 'bell-popover' });
  bell.addEventListener('click', () => toggleBell());
  document.addEventListener('click', (e) => {
    if (!bellPopover.hidden && !bellPopover.contains(e.target) && !bell.contains(e.target)) toggleBell(false);
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && bellPopover && !bellPopover.hidden) {
      toggleBell(false);
      bell.focus();
    }
  });
  const menu = h('button', { type: 'button', class: 'menu-button', 'aria-controls': 'nav', 'aria-expanded': 'false', 'aria-label': t('Menu'), testid: 'menu' }, '☰');
  menu.addEventListener('click', () => {
    const open = !app.classList.contains('nav-open');
    app.classList.toggle('nav-open', open);
    menu.setAttribute('aria-expanded', String(open));
  });
  const top = h(
    'header',
    { class: 'top' },
    h('a', { class: 'skip', href: '#main', onclick: (e) => { e.preventDefault(); main.focus(); } }, t('Skip to content')),
    menu,
    h('a', { class: 'brand', href: '#/', 'aria-label': 'ContactDesk' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), h('span', { class: 'brand-text' }, 'ContactDesk')),
    h('span', { class: 'spacer' }),
    h('span', { class: 'live-state', testid: 'live-state', role: 'img', dataset: { state: 'off' } }),
    h('span', { class: 'bell-wrap' }, bell, bellPopover),
    h('span', { class: 'who', testid: 'current-user', title: ctx.user.email || '' }, ctx.user.displayName || ctx.user.username),
    h('button', { type: 'button', class: 'button small ghost', testid: 'logout', onclick: logout }, t('Sign out')),
  );
  replace(app, top, nav, main);
  renderNav();
}

function bellIcon() {
  const ns = 'http://www.w3.org/2000/svg';
  const svgEl = document.createElementNS(ns, 'svg');
  svgEl.setAttribute('viewBox', '0 0 24 24');
  svgEl.setAttribute('width', '20');
  svgEl.setAttribute('height', '20');
  svgEl.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', 'M12 3a6 6 0 0 0-6 6v3.6L4.3 15.5A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6zm-2.5 15a2.5 2.5 0 0 0 5 0z');
  path.setAttribute('fill', 'currentColor');
  svgEl.append(path);
  return svgEl;
}

function toggleBell(force) {
  const open = force ?? bellPopover.hidden;
  bellPopover.hidden = !open;
  bell.setAttribute('aria-expanded', String(open));
  if (open) {
    replace(
      bellPopover,
      h('h2', { class: 'popover-title' }, t('Not opened yet')),
      bellPanel(ctx.live, (id) => (ctx.queues.find((q) => q.id === id) || {}).name || id),
    );
    bellPopover.querySelectorAll('a').forEach((a) => a.addEventListener('click', () => toggleBell(false)));
  }
}

function renderNav() {
  if (!nav) return;
  const queueLinks = ctx.queues.map((q) =>
    h(
      'li',
      null,
      h(
        'a',
        { href: `#/queues/${encodeURIComponent(q.id)}`, class: 'nav-link', testid: `nav-queue-${q.id}`, dataset: { queueId: q.id } },
        h('span', { class: q.open ? 'state-dot open' : 'state-dot', title: q.open ? t('Open now') : t('Closed now') }, h('span', { class: 'sr' }, q.open ? t('Open: ') : t('Closed: '))),
        h('span', { class: 'nav-label' }, q.name),
        h('span', { class: 'count overdue-count', testid: `nav-overdue-${q.id}`, dataset: { overdueQueueId: q.id } }),
        h('span', { class: 'count', testid: `nav-unread-${q.id}`, dataset: { queueId: q.id } }),
      ),
    ),
  );
  replace(
    nav,
    h('h2', { class: 'nav-title' }, t('Queues')),
    ctx.queues.length ? h('ul', { class: 'nav-list', testid: 'nav-queues' }, queueLinks) : h('p', { class: 'muted small pad' }, t('You are not in any queue yet.')),
    ctx.queues.length ? h('ul', { class: 'nav-list' }, h('li', null, h('a', { href: '#/contacts', class: 'nav-link', testid: 'nav-contacts' }, t('Contacts')))) : null,
    h('h2', { class: 'nav-title' }, t('You')),
    h('ul', { class: 'nav-list' }, h('li', null, h('a', { href: '#/settings', class: 'nav-link', testid: 'nav-settings' }, t('Settings')))),
    ctx.isAdmin &&
      h(
        'div',
        null,
        h('h2', { class: 'nav-title' }, t('Admin')),
        h(
          'ul',
          { class: 'nav-list' },
          h('li', null, h('a', { href: '#/admin/queues', class: 'nav-link', testid: 'nav-admin-queues' }, t('Queues'))),
          h('li', null, h('a', { href: '#/admin/users', class: 'nav-link', testid: 'nav-admin-users' }, t('Users and members'))),
          h('li', null, h('a', { href: '#/admin/webhooks', class: 'nav-link', testid: 'nav-admin-webhooks' }, t('Webhooks'))),
        ),
      ),
  );
  updateCounts();
  markCurrentNav();
}

function updateCounts() {
  if (!nav) return;
  for (const el of nav.querySelectorAll('.count[data-queue-id]')) {
    const n = ctx.live.count(el.dataset.queueId);
    const text = ctx.live.countText(el.dataset.queueId);
    el.textContent = n ? text : '';
    el.title = n ? t('{n} not opened yet', { n: text }) : '';
    el.setAttribute('aria-label', n ? `, ${t('{n} not opened yet', { n: text })}` : '');
  }
  for (const el of nav.querySelectorAll('.count[data-overdue-queue-id]')) {
    const o = overdue.get(el.dataset.overdueQueueId);
    const text = o && o.count ? `${o.count}${o.capped ? '+' : ''}` : '';
    el.textContent = text ? `⚠ ${text}` : '';
    el.title = text ? t('{n} overdue', { n: text }) : '';
    el.setAttribute('aria-label', text ? `, ${t('{n} overdue', { n: text })}` : '');
  }
  const total = ctx.live.count();
  if (bellCount) {
    bellCount.textContent = ctx.live.countText();
    bellCount.hidden = total === 0;
    bell.setAttribute('aria-label', total ? plural(total, '{count} contact not opened yet', '{count} contacts not opened yet', { count: ctx.live.countText() }) : t('No contacts waiting to be opened'));
    bell.classList.toggle('has-unread', total > 0);
  }
  document.title = document.title.replace(/^\(\d+\) /, '');
  if (total) document.title = `(${total}) ${document.title}`;
  if (workspace && main && main.contains(workspace.el)) workspace.renderLog();
}

function markCurrentNav() {
  if (!nav) return;
  const hash = location.hash || '#/';
  let current = hash;
  if (workspace && main.contains(workspace.el)) current = `#/queues/${encodeURIComponent(workspace.queueId)}`;
  if (hash.startsWith('#/admin/queues/')) current = '#/admin/queues';
  if (hash === '#/contacts' || hash.startsWith('#/contacts?')) current = '#/contacts';
  for (const a of nav.querySelectorAll('a.nav-link')) {
    if (a.getAttribute('href') === current.split('?')[0]) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function refreshQueues() {
  try {
    const queues = await api('queues');
    const before = JSON.stringify(ctx.queues);
    ctx.queues = queues;
    ctx.live.setQueues(queues);
    if (JSON.stringify(queues) !== before) renderNav();
  } catch {
    // the next poll tries again
  }
}

/**
 * The overdue contacts of each queue, for the marks in the queue list: one short page each (at most
 * 200 are counted; more show as "200+").
 */
async function refreshOverdue() {
  const queues = ctx.queues;
  await Promise.all(
    queues.map(async (q) => {
      try {
        const page = await api('contacts', { query: { queue: q.id, overdue: 'true', limit: 200 } });
        overdue.set(q.id, { count: page.contacts.length, capped: page.next != null });
      } catch {
        // the next poll tries again
      }
    }),
  );
  updateCounts();
}

function setTitle(text) {
  const total = ctx.live.count();
  document.title = `${total ? `(${total}) ` : ''}${text} — ContactDesk`;
}

// ---------------------------------------------------------------------------------------------
// Routes

function navigate(hash, { force = false } = {}) {
  if (location.hash === hash) {
    if (force) {
      lastHash = null;
      route();
    }
  } else {
    location.hash = hash;
  }
}

function teardownWorkspace() {
  if (workspace) workspace.destroy();
  workspace = null;
}

async function route() {
  if (!ctx.user || !main) return;
  const hash = location.hash || '#/';
  if (revertingHash) {
    revertingHash = false;
    return;
  }
  if (hash === lastHash) return;
  if (dirtyCheck && dirtyCheck() && lastHash !== null) {
    if (!confirm(t('You have unsaved changes. Leave this page without saving them?'))) {
      revertingHash = true;
      location.hash = lastHash;
      return;
    }
  }
  dirtyCheck = null;
  lastHash = hash;
  app.classList.remove('nav-open');
  if (bellPopover && !bellPopover.hidden) toggleBell(false);
  const [path, queryString] = hash.replace(/^#/, '').split('?');
  const query = new URLSearchParams(queryString || '');
  const parts = path.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  routeSeq += 1;
  const seq = routeSeq;
  const view = { ...ctx, isCurrent: () => seq === routeSeq && ctx.user != null };

  try {
    if (parts.length === 0) {
      home();
    } else if (parts[0] === 'queues' && parts[1]) {
      await showQueue(parts[1], view);
    } else if (parts[0] === 'contacts' && parts[1]) {
      await showContact(parts[1], view);
    } else if (parts[0] === 'contacts') {
      leave(t('Contacts'));
      await contactsView(main, view, query);
    } else if (parts[0] === 'settings') {
      leave(t('Settings'));
      await settingsView(main, view);
    } else if (parts[0] === 'stats' && parts[1]) {
      leave(t('Statistics'));
      await statsView(main, view, parts[1], query);
    } else if (parts[0] === 'admin' && ctx.isAdmin) {
      if (parts[1] === 'users') {
        leave(t('Users'));
        await adminUsersView(main, view);
      } else if (parts[1] === 'webhooks') {
        leave(t('Webhooks'));
        await adminWebhooksView(main, view);
      } else if (parts[1] === 'queues' && parts[2]) {
        leave(t('Queue settings'));
        await adminQueueView(main, view, parts[2]);
      } else {
        leave(t('Queues'));
        await adminQueuesView(main, view);
      }
    } else {
      leave(t('Not found'));
      replace(main, h('div', { class: 'page' }, h('h1', { tabindex: '-1' }, t('Not found')), h('p', null, t('There is no such page here. '), h('a', { href: '#/' }, t('Go to your queues')), '.')));
    }
  } catch (e) {
    if (view.isCurrent()) replace(main, h('div', { class: 'page' }, h('h1', null, t('Something went wrong')), h('p', { class: 'form-error', role: 'alert' }, e.message)));
  }
  markCurrentNav();
}

function leave(title) {
  teardownWorkspace();
  setTitle(title);
}

function home() {
  if (ctx.queues.length) {
    location.replace(`#/queues/${encodeURIComponent(ctx.queues[0].id)}`);
    return;
  }
  leave(t('Welcome'));
  replace(
    main,
    h(
      'div',
      { class: 'page narrow' },
      h('h1', { tabindex: '-1' }, t('Welcome, {name}', { name: ctx.user.displayName || ctx.user.username })),
      h('p', null, t('You are not a member of any queue yet, so there is nothing to show. Ask an admin to add you to a queue.')),
      ctx.isAdmin ? h('p', null, h('a', { href: '#/admin/queues' }, t('Manage queues')), ' · ', h('a', { href: '#/admin/users' }, t('Users and members'))) : null,
    ),
  );
}

async function showQueue(queueId, view) {
  const name = (ctx.queues.find((q) => q.id === queueId) || {}).name || queueId;
  setTitle(name);
  if (workspace && workspace.queueId === queueId && main.contains(workspace.el)) {
    workspace.showList();
    workspace.refreshTop(false);
    workspace.logTitle.focus();
    return;
  }
  teardownWorkspace();
  workspace = new Workspace(ctx, queueId);
  replace(main, workspace.el);
  workspace.showList();
  await workspace.start();
  if (view.isCurrent()) workspace.logTitle.focus();
}

async function showContact(contactId, view) {
  const inWorkspace = workspace && main.contains(workspace.el);
  if (inWorkspace) {
    workspace.el.classList.add('has-contact');
    workspace.contactPane.setAttribute('aria-busy', 'true');
    replace(workspace.contactPane, h('p', { class: 'muted pad' }, t('Loading the contact…')));
  } else {
    teardownWorkspace();
    replace(main, h('div', { class: 'page' }, h('p', { class: 'muted' }, t('Loading the contact…'))));
  }
  setTitle(t('Contact'));
  let contact;
  try {
    contact = await fetchContact(contactId);
  } catch (e) {
    if (!view.isCurrent()) return;
    const target = inWorkspace ? workspace.contactPane : main;
    replace(target, h('div', { class: 'page' }, h('p', { class: 'form-error', role: 'alert' }, t('The contact could not be loaded: {message}', { message: e.message }))));
    return;
  }
  if (!view.isCurrent()) return;
  if (workspace) workspace.contactPane.setAttribute('aria-busy', 'false');
  if (!contact) {
    setTitle(t('Not found'));
    if (workspace && main.contains(workspace.el)) {
      workspace.showNotFound();
      workspace.contactPane.querySelector('h2').focus();
    } else {
      replace(main, h('div', { class: 'page' }, notFound(null, 'h1')));
      main.querySelector('h1').focus();
    }
    return;
  }
  setTitle(contact.reference ? t('Contact {reference}', { reference: contact.reference }) : t('Contact'));
  if (!(workspace && workspace.queueId === contact.queueId && main.contains(workspace.el))) {
    teardownWorkspace();
    workspace = new Workspace(ctx, contact.queueId);
    replace(main, workspace.el);
    workspace.start();
  }
  workspace.showContact(contact, true);
  markCurrentNav();
}

/** "2 minutes" from a 429's message ("… try again in 120 s"), or "a minute" when it says nothing. */
function retryIn(err) {
  const seconds = Number((/(\d+) s\b/.exec(err.message || '') || [])[1]);
  if (!seconds) return t('a minute');
  return seconds < 90 ? plural(seconds, '{n} second', '{n} seconds') : plural(Math.ceil(seconds / 60), '{n} minute', '{n} minutes');
}

// The visitor's chat window (/widget/?queue=support&lang=fi&prefill.customerNo=123).
//
// Open queue: says the chat is available. Closed queue: what the queue is configured to show — the
// contact form (FORM), the offline message with opening hours (MESSAGE), or the bot (BOT), which
// can take a message too by asking the form's fields one at a time.
//
// Everything the visitor types and everything the queue's configuration says goes into the page as
// text (see common/dom.js); nothing is parsed as markup.

import { h, append, replace, fill } from '../common/dom.js';
import { pickLanguage } from './strings.js';
import { check, isTicked, translateServerMessage } from './validate.js';
import { when, shortWhen, dayNames, zoneLabel, DAYS } from './time.js';

const API = new URL('../api/', import.meta.url);
const params = new URLSearchParams(location.search);
const queueId = (params.get('queue') || '').trim();
const { lang, t, uiLang } = pickLanguage(params.get('lang'), navigator.languages || [navigator.language]);
const embedded = window.parent !== window;
const prefill = readPrefill(params);
let pageUrl = cleanPageUrl(params.get('page') || document.referrer);

const chat = document.getElementById('chat');
const titleEl = document.getElementById('title');
const stateEl = document.getElementById('state');
const closeButton = document.getElementById('close');
const body = document.getElementById('body');

let queue = null;
let focusWhenReady = false;
let fillsScreen = false; // the embedding page shows this window over the whole screen (a phone)

document.documentElement.lang = uiLang;
closeButton.setAttribute('aria-label', t.close);
closeButton.title = t.close;
closeButton.hidden = !embedded;
closeButton.addEventListener('click', closeWindow);
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && embedded) closeWindow();
  if (e.key === 'Tab' && fillsScreen) keepFocusInside(e);
});
window.addEventListener('message', (e) => {
  if (e.source !== window.parent || !e.data) return;
  // the embedding page tells us when the window is shown, so focus can move into it
  if (e.data.type === 'contactdesk:opened') {
    if (queue) focusFirst();
    else focusWhenReady = true;
  }
  if (e.data.type === 'contactdesk:opened' || e.data.type === 'contactdesk:layout') fillsScreen = e.data.fillsScreen === true;
});

/**
 * Over the whole screen the chat window is all the visitor sees: Tab and Shift+Tab go round its
 * own controls instead of on to the page hidden behind it (Escape or the close button leave).
 */
function keepFocusInside(e) {
  const controls = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')].filter(
    (c) => !c.disabled && c.getClientRects().length > 0,
  );
  if (controls.length === 0) return;
  const first = controls[0];
  const last = controls[controls.length - 1];
  const inside = controls.includes(document.activeElement);
  if (e.shiftKey && (document.activeElement === first || !inside)) {
    last.focus();
    e.preventDefault();
  } else if (!e.shiftKey && (document.activeElement === last || !inside)) {
    first.focus();
    e.preventDefault();
  }
}

load();

// ---------------------------------------------------------------------------------------------
// Loading and the frame around each mode

async function load() {
  chat.setAttribute('aria-busy', 'true');
  replace(body, h('p', { class: 'muted' }, t.loading));
  if (!queueId) {
    problem(t.noQueue, false);
    return;
  }
  let res;
  try {
    res = await fetch(new URL(`public/queues/${encodeURIComponent(queueId)}?lang=${encodeURIComponent(lang)}`, API), {
      headers: { Accept: 'application/json' },
    });
  } catch {
    problem(t.loadFailed, true);
    return;
  }
  if (res.status === 404) {
    problem(t.unavailable, false);
    return;
  }
  if (!res.ok) {
    problem(t.loadFailed, true);
    return;
  }
  queue = await res.json();
  render();
}

function problem(message, retry) {
  chat.setAttribute('aria-busy', 'false');
  stateEl.textContent = '';
  replace(
    body,
    h(
      'div',
      { class: 'panel', role: 'alert' },
      h('p', null, message),
      retry && h('button', { type: 'button', class: 'button', onclick: load }, t.tryAgain),
    ),
  );
}

function render() {
  chat.setAttribute('aria-busy', 'false');
  titleEl.textContent = queue.name;
  document.title = `${queue.name} — ${t.chat}`;
  renderState();
  const offline = queue.offline || {};
  if (queue.open) {
    replace(body, openView());
  } else if (offline.mode === 'BOT') {
    replace(body, botView());
  } else if (offline.mode === 'MESSAGE') {
    replace(body, messageView());
  } else {
    replace(body, formView());
  }
  if (focusWhenReady) {
    focusWhenReady = false;
    focusFirst();
  }
}

/**
 * The zone the window's times are in: the message view's weekly hours are the queue's, so there
 * every time is in the queue's zone (and says so); elsewhere times are in the visitor's own.
 */
function shownZone() {
  const offline = queue.offline || {};
  return !queue.open && offline.mode === 'MESSAGE' && queue.timeZone ? queue.timeZone : undefined;
}

function renderState() {
  const next = queue.offline && queue.offline.nextOpening;
  replace(
    stateEl,
    h('span', { class: queue.open ? 'dot dot-open' : 'dot dot-closed', 'aria-hidden': 'true' }),
    queue.open ? t.stateOpen : t.stateClosed,
    !queue.open && next ? ` · ${fill(t.opens, { when: shortWhen(next, uiLang, shownZone()) })}` : '',
  );
}

function visibleFields() {
  return ((queue.form && queue.form.fields) || []).filter((f) => !f.hidden);
}

function takesMessages() {
  return visibleFields().length > 0;
}

function message() {
  const text = queue.offline && queue.offline.message;
  return text ? h('p', { class: 'message', testid: 'widget-message' }, text) : null;
}

function openView() {
  const wrap = h('div', { class: 'panel' }, h('p', { class: 'message', testid: 'widget-open' }, t.openText));
  if (takesMessages()) {
    append(
      wrap,
      h(
        'button',
        {
          type: 'button',
          class: 'button secondary',
          testid: 'widget-leave-instead',
          onclick: () => replace(body, formView({ intro: false })),
        },
        t.leaveInstead,
      ),
    );
  }
  return wrap;
}

function messageView() {
  const offline = queue.offline || {};
  const wrap = h('div', { class: 'panel' }, message());
  const hours = offline.openingHours || [];
  if (hours.length) {
    const names = dayNames(uiLang);
    const rows = DAYS.map((day) => {
      const slots = hours.filter((s) => s.day === day).sort((a, b) => a.from.localeCompare(b.from));
      return h(
        'tr',
        null,
        h('th', { scope: 'row' }, capitalise(names[day])),
        h('td', null, slots.length ? slots.map((s) => `${s.from}–${s.to}`).join(', ') : t.closedDay),
      );
    });
    append(
      wrap,
      h('table', { class: 'hours', testid: 'widget-hours' }, h('caption', null, t.hoursTitle), h('tbody', null, rows)),
    );
  }
  const zone = shownZone();
  if (offline.nextOpening) {
    append(
      wrap,
      h('p', { class: 'next', testid: 'widget-next-opening' }, fill(t.nextOpening, { when: when(offline.nextOpening, uiLang, t, new Date(), zone) })),
    );
  }
  if (zone && (hours.length || offline.nextOpening)) {
    // one zone for the table and the next opening, named, whatever the visitor's own
    append(wrap, h('p', { class: 'muted small', testid: 'widget-hours-zone' }, fill(t.hoursZone, { zone: zoneLabel(zone, uiLang) })));
  }
  return wrap;
}

function capitalise(text) {
  return text ? text.charAt(0).toLocaleUpperCase(uiLang) + text.slice(1) : text;
}

// ---------------------------------------------------------------------------------------------
// Sending a contact (shared by the form and the bot)

let pageUrlRefused = false;

/**
 * POSTs the answers. The same Idempotency-Key on a retry means the server stores the message at
 * most once, however often the visitor presses the button or the network fails.
 */
async function sendContact(answers, source, key) {
  const payload = { answers, language: lang, source };
  if (pageUrl && !pageUrlRefused) payload.pageUrl = pageUrl;
  let res;
  try {
    res = await fetch(new URL(`public/queues/${encodeURIComponent(queue.id)}/contacts`, API), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify(payload),
    });
  } catch {
    return { kind: 'network' };
  }
  if (res.status === 201 || res.status === 200) {
    return { kind: 'ok', receipt: await res.json() };
  }
  let error = {};
  try {
    error = await res.json();
  } catch {
    // not JSON (a proxy's error page); the status says enough
  }
  if (res.status === 422) {
    const fields = { ...(error.fields || {}) };
    if (fields.pageUrl) {
      // the embedding page's address is ours to send, not the visitor's to fix: leave it out
      delete fields.pageUrl;
      pageUrlRefused = true;
      if (Object.keys(fields).length === 0) return sendContact(answers, source, key);
    }
    return { kind: 'invalid', fields, message: error.message };
  }
  if (res.status === 429) return { kind: 'rate', seconds: retryAfterSeconds(res) };
  if (res.status === 403) return { kind: 'origin' };
  if (res.status === 413) return { kind: 'tooLarge' };
  if (res.status === 404) return { kind: 'gone' };
  return { kind: 'server', message: error.message };
}

function retryAfterSeconds(res) {
  const value = res.headers.get('Retry-After');
  if (value) {
    const seconds = Number(value);
    if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return Math.max(1, Math.ceil((date - Date.now()) / 1000));
  }
  return 30;
}

function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // randomUUID needs a secure context; plain http on a LAN address still gets a random v4 id
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Hidden fields' values from ?prefill.<name>= (names matched without regard to case). */
function hiddenAnswers() {
  const answers = {};
  for (const field of (queue.form && queue.form.fields) || []) {
    if (!field.hidden) continue;
    const value = prefill.get(field.name.toLowerCase());
    if (value == null || value === '') continue;
    answers[field.name] = isTicked(field.type) ? /^(true|on|yes|1)$/i.test(value) : value;
  }
  return answers;
}

function readPrefill(search) {
  const map = new Map();
  for (const [key, value] of search) {
    if (key.startsWith('prefill.')) map.set(key.slice(8).toLowerCase(), value);
  }
  return map;
}

function cleanPageUrl(value) {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    url.username = '';
    url.password = '';
    let text = url.href;
    if (text.length > 2000) {
      url.search = '';
      text = url.href;
    }
    return text.length > 2000 ? null : text;
  } catch {
    return null;
  }
}

/** Builds a sentence where {ref} is an element: fillNodes('Your reference is {ref}.', {ref: node}). */
function fillNodes(template, nodes) {
  const parts = [];
  let last = 0;
  template.replace(/\{(\w+)\}/g, (m, name, offset) => {
    parts.push(template.slice(last, offset), nodes[name] ?? m);
    last = offset + m.length;
    return m;
  });
  parts.push(template.slice(last));
  return parts;
}

function nextOpeningSentence(receipt) {
  const next = (receipt && receipt.nextOpening) || (queue.offline && queue.offline.nextOpening);
  return next ? fill(t.openAgain, { when: when(next, uiLang, t) }) : t.backSoon;
}

// ---------------------------------------------------------------------------------------------
// FORM mode

function formView({ intro = true } = {}) {
  const fields = visibleFields();
  const controls = new Map(); // name → {field, input, error}
  let key = null; // one Idempotency-Key per message, kept across retries
  let sending = false;
  let attempted = false;
  let rateTimer = null;

  const alert = h('div', { class: 'alert', role: 'alert', testid: 'widget-alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'button primary', testid: 'widget-submit' }, t.send);
  const honeypot = h('input', {
    type: 'text',
    name: 'website_url',
    tabindex: '-1',
    autocomplete: 'off',
    'aria-hidden': 'true',
    testid: 'widget-honeypot',
  });
  const form = h(
    'form',
    { class: 'contact-form', novalidate: true, testid: 'widget-form', 'aria-label': queue.name },
    h('div', { class: 'hp', 'aria-hidden': 'true' }, h('label', null, t.honeypot, honeypot)),
    alert,
  );

  fields.forEach((field, i) => {
    const control = fieldControl(field, i);
    controls.set(field.name, control);
    form.append(control.wrap);
  });
  form.append(h('div', { class: 'actions' }, submit));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (sending) return;
    attempted = true;
    hideAlert();
    const answers = hiddenAnswers();
    let firstBad = null;
    for (const control of controls.values()) {
      const result = check(control.field, control.read(), t);
      control.show(result.error);
      if (result.error && !firstBad) firstBad = control;
      if (!result.error && result.value !== undefined) answers[control.field.name] = result.value;
    }
    if (firstBad) {
      showAlert(t.errSummary, false);
      firstBad.input.focus();
      return;
    }
    if (honeypot.value) {
      // a form-filling robot: pretend all went well and store nothing
      replace(body, thanksView(null));
      return;
    }
    key = key || newKey();
    setSending(true);
    const result = await sendContact(answers, 'FORM', key);
    setSending(false);
    switch (result.kind) {
      case 'ok':
        key = null;
        replace(body, thanksView(result.receipt));
        break;
      case 'invalid': {
        let first = null;
        let empty = false;
        const other = [];
        for (const [name, text] of Object.entries(result.fields)) {
          const control = controls.get(name);
          if (control) {
            control.show(translateServerMessage(text, control.field, t));
            first = first || control;
          } else if (name === 'answers') {
            empty = true;
          } else {
            other.push(`${name}: ${text}`);
          }
        }
        if (other.length) showAlert(fill(t.errSetup, { detail: other.join('; ') }), true);
        else if (empty && !first) showAlert(t.errEmpty, true);
        else showAlert(t.errSummary, false);
        if (first) firstInOrder().input.focus();
        break;
      }
      case 'rate':
        rateLimited(result.seconds);
        break;
      case 'origin':
        showAlert(t.errOrigin, true);
        break;
      case 'tooLarge':
        showAlert(t.errTooLarge, true);
        break;
      case 'gone':
        showAlert(t.unavailable, true);
        break;
      case 'network':
        showAlert(t.errNetwork, true);
        submit.textContent = t.tryAgain;
        break;
      default:
        showAlert(t.errServer, true);
        submit.textContent = t.tryAgain;
    }
  });

  function firstInOrder() {
    return [...controls.values()].find((c) => c.hasError());
  }

  function setSending(on) {
    sending = on;
    submit.disabled = on || rateTimer != null;
    form.setAttribute('aria-busy', on ? 'true' : 'false');
    if (on) submit.textContent = t.sending;
    else if (submit.textContent === t.sending) submit.textContent = t.send;
  }

  function showAlert(text, important) {
    alert.hidden = false;
    alert.className = important ? 'alert alert-error' : 'alert alert-info';
    // validation problems are announced by each field; only failures to send are urgent
    alert.setAttribute('role', important ? 'alert' : 'status');
    alert.textContent = text;
  }

  function hideAlert() {
    alert.hidden = true;
    alert.textContent = '';
  }

  function rateLimited(seconds) {
    let left = seconds;
    submit.disabled = true;
    showAlert(fill(t.errRate, { n: left }), true);
    rateTimer = setInterval(() => {
      left -= 1;
      if (left <= 0) {
        clearInterval(rateTimer);
        rateTimer = null;
        submit.disabled = sending;
        submit.textContent = t.tryAgain;
        alert.setAttribute('role', 'status');
        alert.textContent = t.errRateDone;
      } else {
        // the visible count goes down; screen readers were told once
        alert.setAttribute('role', 'presentation');
        alert.textContent = fill(t.errRate, { n: left });
      }
    }, 1000);
  }

  // live feedback after the first attempt, or when a field has been left
  for (const control of controls.values()) {
    const recheck = () => {
      const result = check(control.field, control.read(), t);
      if (!result.error || attempted || control.hasError()) control.show(result.error);
    };
    control.input.addEventListener('blur', () => {
      if (control.touched()) recheck();
    });
    control.input.addEventListener(isTicked(control.field.type) || control.field.type === 'select' ? 'change' : 'input', () => {
      if (control.hasError()) recheck();
    });
  }

  const wrap = h('div', { class: 'panel' }, intro && message(), form);
  return wrap;
}

function fieldControl(field, index) {
  const id = `f-${index}`;
  const errorId = `${id}-err`;
  const ticked = isTicked(field.type);
  const error = h('p', { class: 'field-error', id: errorId, 'aria-live': 'polite', testid: `widget-error-${field.name}` });
  const requiredMark = field.required
    ? [h('span', { class: 'req', 'aria-hidden': 'true' }, '*'), h('span', { class: 'sr' }, ` (${t.required})`)]
    : h('span', { class: 'opt' }, ` (${t.optional})`);
  const common = {
    id,
    name: field.name,
    'aria-describedby': errorId,
    'aria-invalid': 'false',
    'aria-required': field.required ? 'true' : null,
    testid: `widget-field-${field.name}`,
  };
  const initial = prefill.get(field.name.toLowerCase());
  let input;
  let wrap;
  let counter = null;
  if (ticked) {
    input = h('input', { ...common, type: 'checkbox', checked: initial != null && /^(true|on|yes|1)$/i.test(initial) });
    wrap = h(
      'div',
      { class: ['field', 'field-check', field.type === 'consent' && 'field-consent'], dataset: { field: field.name } },
      h('div', { class: 'check-row' }, input, h('label', { for: id }, h('span', { class: 'label-text' }, field.label), requiredMark)),
      error,
    );
  } else {
    if (field.type === 'textarea') {
      input = h('textarea', { ...common, rows: 5, value: initial || '' });
      counter = h('span', { class: 'counter', 'aria-hidden': 'true' });
      const update = () => {
        counter.textContent = fill(t.counter, { n: input.value.length, max: field.maxLength });
        counter.classList.toggle('over', input.value.length > field.maxLength);
      };
      input.addEventListener('input', update);
      update();
    } else if (field.type === 'select') {
      input = h(
        'select',
        common,
        h('option', { value: '' }, t.choose),
        (field.options || []).map((o) => h('option', { value: o.value, selected: initial === o.value }, o.label || o.value)),
      );
    } else {
      const type = { email: 'email', phone: 'tel' }[field.type] || 'text';
      const autocomplete =
        { email: 'email', phone: 'tel' }[field.type] || ({ name: 'name', company: 'organization' }[field.name.toLowerCase()] ?? 'off');
      input = h('input', {
        ...common,
        type,
        inputmode: field.type === 'phone' ? 'tel' : field.type === 'email' ? 'email' : null,
        autocomplete,
        spellcheck: field.type === 'email' || field.type === 'phone' ? 'false' : null,
        value: initial || '',
      });
    }
    wrap = h(
      'div',
      { class: 'field', dataset: { field: field.name } },
      h('label', { for: id }, h('span', { class: 'label-text' }, field.label), requiredMark),
      input,
      h('div', { class: 'field-foot' }, error, counter),
    );
  }
  let touched = false;
  input.addEventListener('change', () => (touched = true));
  input.addEventListener('input', () => (touched = true));
  return {
    field,
    input,
    wrap,
    read: () => (ticked ? input.checked : input.value),
    touched: () => touched,
    hasError: () => error.textContent !== '',
    show(message) {
      error.textContent = message || '';
      input.setAttribute('aria-invalid', message ? 'true' : 'false');
      wrap.classList.toggle('invalid', Boolean(message));
    },
  };
}

function thanksView(receipt) {
  const ref = receipt && receipt.reference;
  const heading = h('h2', { tabindex: '-1' }, t.thanksTitle);
  const view = h(
    'section',
    { class: 'panel thanks', testid: 'widget-thanks', 'aria-live': 'polite' },
    heading,
    h(
      'p',
      null,
      t.thanks,
      ref ? [' ', fillNodes(t.reference, { ref: h('strong', { class: 'reference', testid: 'widget-reference' }, ref) })] : null,
    ),
    h('p', { testid: 'widget-thanks-next' }, nextOpeningSentence(receipt)),
    h(
      'div',
      { class: 'actions' },
      embedded && h('button', { type: 'button', class: 'button primary', onclick: closeWindow }, t.backToSite),
      h('button', { type: 'button', class: embedded ? 'button secondary' : 'button primary', onclick: render }, t.another),
    ),
  );
  queueMicrotask(() => heading.focus());
  return view;
}

// ---------------------------------------------------------------------------------------------
// BOT mode

function botView() {
  const offline = queue.offline || {};
  const topics = (offline.topics || []).filter(Boolean);
  const fields = visibleFields();

  // a log of bubbles, not a list: role="log" on an <ol> takes the list semantics its <li> need
  // focusable, so that a keyboard can scroll it too
  const log = h('div', { class: 'bot-log', role: 'log', tabindex: 0, 'aria-live': 'polite', 'aria-label': t.conversation, testid: 'bot-log' });
  const quick = h('div', { class: 'quick', testid: 'bot-quick' });
  const input = h('textarea', {
    id: 'bot-input',
    rows: 1,
    class: 'bot-input',
    placeholder: t.botPlaceholder,
    autocomplete: 'off',
    testid: 'bot-input',
  });
  const sendButton = h('button', { type: 'submit', class: 'button primary', testid: 'bot-send' }, t.botSend);
  const composer = h(
    'form',
    { class: 'composer', novalidate: true },
    h('label', { for: 'bot-input', class: 'sr' }, t.botInput),
    input,
    sendButton,
  );
  const leave = h(
    'button',
    { type: 'button', class: 'button secondary leave', testid: 'bot-leave-message', hidden: fields.length === 0 },
    t.leaveMessage,
  );
  const view = h('div', { class: 'bot' }, log, h('div', { class: 'bot-foot' }, quick, composer, h('div', { class: 'bot-actions' }, leave)));

  let mode = 'chat'; // chat | form | sending
  let pending = []; // fields still to ask
  let current = null;
  let answers = {};
  let key = null;
  let offered = false;

  function bubble(from, content, extra = {}) {
    const item = h(
      'div',
      { class: ['bubble', `from-${from}`, extra.class], testid: 'bot-bubble', dataset: { from, kind: extra.kind || 'text' } },
      h('span', { class: 'sr' }, `${from === 'bot' ? t.bot : t.you}: `),
      content,
    );
    log.append(item);
    scrollDown();
    return item;
  }

  function scrollDown() {
    // after layout, since the composer may have changed height too (never scrollIntoView: it would
    // scroll the customer's page around the frame as well)
    log.scrollTop = log.scrollHeight;
    requestAnimationFrame(() => (log.scrollTop = log.scrollHeight));
  }

  const say = (text, extra) => bubble('bot', text, extra);
  const said = (text) => bubble('you', text);

  function typing() {
    const item = h('div', { class: 'bubble from-bot typing', 'aria-hidden': 'true' }, h('span'), h('span'), h('span'));
    log.append(item);
    scrollDown();
    return item;
  }

  function quickButtons(buttons) {
    requestAnimationFrame(scrollDown);
    replace(
      quick,
      buttons.map((b) =>
        h('button', { type: 'button', class: ['chip', b.class], testid: b.testid || 'bot-quick-reply', disabled: b.disabled, onclick: b.onclick }, b.label),
      ),
    );
  }

  function showTopics() {
    offered = false;
    quickButtons(
      topics.map((topic) => ({ label: capitalise(topic), testid: 'bot-topic', onclick: () => ask(topic, capitalise(topic)) })),
    );
  }

  function showOffer() {
    offered = true;
    quickButtons([
      { label: t.leaveMessage, class: 'chip-primary', testid: 'bot-offer-yes', onclick: () => startForm(t.leaveMessage) },
      { label: t.noThanks, testid: 'bot-offer-no', onclick: () => { said(t.noThanks); say(t.botNoThanks); showTopics(); } },
    ]);
  }

  function setMode(next) {
    mode = next;
    leave.hidden = next !== 'chat' || fields.length === 0;
    input.disabled = next === 'sending';
    sendButton.disabled = next === 'sending';
    input.placeholder = next === 'form' ? t.botAnswerPlaceholder : t.botPlaceholder;
    if (next === 'chat') {
      input.rows = 1;
      input.setAttribute('inputmode', 'text');
      input.setAttribute('autocomplete', 'off');
    }
    scrollDown();
  }

  async function ask(text, shown = text) {
    said(shown);
    if (offered && /^(yes|y|ok|sure|kyllä|joo|ja|gärna)\b/i.test(text.trim())) {
      startForm(null);
      return;
    }
    quickButtons([]);
    const dots = typing();
    let reply;
    try {
      const res = await fetch(new URL(`public/queues/${encodeURIComponent(queue.id)}/bot`, API), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ text: text.slice(0, 1000), language: lang }),
      });
      if (!res.ok) throw new Error(String(res.status));
      reply = await res.json();
    } catch {
      dots.remove();
      say(t.botFailed);
      if (fields.length) showOffer();
      else showTopics();
      return;
    }
    dots.remove();
    say(reply.reply || t.botFailed);
    if (reply.offerForm && fields.length) showOffer();
    else showTopics();
  }

  function startForm(shown) {
    if (fields.length === 0) return;
    if (shown) said(shown);
    setMode('form');
    say(t.botFormIntro);
    answers = hiddenAnswers();
    key = newKey(); // a new message; kept for every retry of it
    pending = fields.slice();
    next();
  }

  function cancel() {
    said(t.cancel);
    pending = [];
    current = null;
    key = null;
    setMode('chat');
    say(t.botCancelled);
    showTopics();
    input.focus();
  }

  function next() {
    if (pending.length === 0) {
      submit();
      return;
    }
    current = pending.shift();
    askField(current);
  }

  function askField(field) {
    const cancelButton = { label: t.cancel, testid: 'bot-cancel', onclick: cancel };
    const skipButton = !field.required && !isTicked(field.type) && { label: t.skip, testid: 'bot-skip', onclick: () => answer('', t.skipped) };
    if (field.type === 'select') {
      say(fill(t.botAskChoice, { label: field.label }), { kind: 'question' });
      quickButtons([
        ...(field.options || []).map((o) => ({ label: o.label || o.value, testid: 'bot-option', onclick: () => answer(o.value, o.label || o.value) })),
        skipButton,
        cancelButton,
      ].filter(Boolean));
    } else if (field.type === 'checkbox') {
      say(field.label, { kind: 'question' });
      quickButtons([
        { label: t.yes, testid: 'bot-yes', onclick: () => answer(true, t.yes) },
        { label: t.no, testid: 'bot-no', onclick: () => answer(false, t.no) },
        cancelButton,
      ]);
    } else if (field.type === 'consent') {
      say(field.label, { kind: 'question', class: 'consent' });
      quickButtons([{ label: t.agree, class: 'chip-primary', testid: 'bot-agree', onclick: () => answer(true, t.agree) }, cancelButton]);
    } else {
      say(field.required ? field.label : fill(t.botAskOptional, { label: field.label }), { kind: 'question' });
      quickButtons([skipButton, cancelButton].filter(Boolean));
    }
    input.setAttribute('inputmode', { email: 'email', phone: 'tel' }[field.type] || 'text');
    input.setAttribute('autocomplete', { email: 'email', phone: 'tel' }[field.type] || 'off');
    input.rows = field.type === 'textarea' ? 3 : 1;
    input.focus();
  }

  function answer(raw, shown) {
    const field = current;
    let value = raw;
    if (field.type === 'select' && typeof raw === 'string' && raw !== '') {
      // typed instead of tapped: accept an option's label or value
      const typed = raw.trim().toLocaleLowerCase();
      const option = (field.options || []).find((o) => o.value.toLocaleLowerCase() === typed || (o.label || '').toLocaleLowerCase() === typed);
      value = option ? option.value : raw;
    }
    if (isTicked(field.type) && typeof raw === 'string') {
      value = /^(yes|y|true|kyllä|joo|ja|ok|i agree|hyväksyn|jag godkänner)$/i.test(raw.trim());
    }
    said(shown);
    const result = check(field, value, t);
    if (result.error) {
      say(result.error, { class: 'error', kind: 'error' });
      askField(field);
      return;
    }
    if (result.value !== undefined) answers[field.name] = result.value;
    else delete answers[field.name];
    next();
  }

  async function submit() {
    current = null;
    setMode('sending');
    quickButtons([]);
    const dots = typing();
    const result = await sendContact(answers, 'BOT', key);
    dots.remove();
    if (result.kind === 'ok') {
      const ref = result.receipt.reference;
      say(
        h(
          'span',
          { testid: 'widget-thanks' },
          t.thanks,
          ref ? [' ', fillNodes(t.reference, { ref: h('strong', { class: 'reference', testid: 'widget-reference' }, ref) })] : null,
          ' ',
          nextOpeningSentence(result.receipt),
        ),
        { class: 'thanks', kind: 'thanks' },
      );
      key = null;
      setMode('chat');
      showTopics();
      return;
    }
    if (result.kind === 'invalid') {
      const failing = fields.filter((f) => result.fields[f.name]);
      const other = Object.entries(result.fields).filter(([name]) => name !== 'answers' && !fields.some((f) => f.name === name));
      if (result.fields.answers && other.length === 0 && failing.length === 0) {
        // every field was skipped: ask again from the top
        say(t.errEmpty, { class: 'error', kind: 'error' });
        setMode('form');
        pending = fields.slice();
        next();
        return;
      }
      if (other.length || failing.length === 0) {
        const detail = other.map(([n, m]) => `${n}: ${m}`).join('; ') || result.message || '';
        say(fill(t.errSetup, { detail }), { class: 'error', kind: 'error' });
        setMode('chat');
        showTopics();
        return;
      }
      setMode('form');
      for (const f of failing) {
        say(fill(t.botFixField, { label: f.label, message: translateServerMessage(result.fields[f.name], f, t) }), { class: 'error', kind: 'error' });
      }
      pending = failing;
      next();
      return;
    }
    const retry = { label: t.tryAgain, class: 'chip-primary', testid: 'bot-retry', onclick: () => submit() };
    const cancelButton = { label: t.cancel, testid: 'bot-cancel', onclick: cancel };
    setMode('form');
    if (result.kind === 'rate') {
      say(fill(t.errRate, { n: result.seconds }), { class: 'error', kind: 'error' });
      quickButtons([{ ...retry, disabled: true }, cancelButton]);
      setTimeout(() => {
        if (mode === 'form' && current == null) quickButtons([retry, cancelButton]);
      }, result.seconds * 1000);
    } else {
      const text = { network: t.errNetwork, origin: t.errOrigin, tooLarge: t.errTooLarge, gone: t.unavailable }[result.kind] || t.errServer;
      say(text, { class: 'error', kind: 'error' });
      quickButtons([retry, cancelButton]);
    }
  }

  composer.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value;
    if (mode === 'sending') return;
    if (mode === 'form' && current) {
      if (text.trim() === '' && current.required) {
        input.focus();
        return;
      }
      input.value = '';
      answer(text, text.trim() === '' ? t.skipped : text);
      return;
    }
    if (text.trim() === '' || mode !== 'chat') return;
    input.value = '';
    ask(text);
  });
  input.addEventListener('keydown', (e) => {
    // Enter sends; Shift+Enter starts a new line where the answer may have several
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      composer.requestSubmit();
    } else if (e.key === 'Enter' && e.shiftKey && !(mode === 'chat' || (current && current.type === 'textarea'))) {
      e.preventDefault();
    }
  });
  leave.addEventListener('click', () => startForm(t.leaveMessage));

  say(offline.greeting || t.botGreeting, { kind: 'greeting' });
  showTopics();
  return view;
}

// ---------------------------------------------------------------------------------------------

function closeWindow() {
  if (embedded) window.parent.postMessage({ type: 'contactdesk:close' }, '*');
}

function focusFirst() {
  const target =
    body.querySelector('#bot-input') || body.querySelector('input:not([tabindex="-1"]), textarea, select, button') || closeButton;
  if (target) target.focus();
}

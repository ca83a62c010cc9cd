// What the console knows without being asked: which contacts I have not opened yet (per queue,
// shown in the nav and on the bell), and new contacts as they arrive over server-sent events, with
// a toast, a short sound and a desktop notification as the agent's settings say.
//
// The server keeps what is unread for whom (GET /api/queues/{id}/unread, docs/api.md): it answers
// the count and the newest unread contacts. Between two answers the console follows what it sees:
// a new contact over SSE adds one, my own "View content" takes one off.

import { h } from '../common/dom.js';
import { api, url } from './api.js';
import { when } from './format.js';
import { t } from './i18n.js';

const UNREAD_PAGE = 50; // unread contacts fetched at a time per queue (the bell shows 30)
const UNREAD_PAGES_TO_COVER = 20; // at most this many more when an old log page needs markers
const POLL_MS = 60_000;
const SEEN_IDS_KEPT = 500;

export class Live {
  constructor({ navigate, onChange, onEscalated = () => {} }) {
    this.navigate = navigate;
    this.onChange = onChange; // called when unread counts change
    this.onEscalated = onEscalated; // called when a contact becomes overdue (SPEC, escalation)
    this.unread = new Map(); // queueId → Map(contactId → at): the newest unread contacts known
    this.counts = new Map(); // queueId → how many are unread in all (the server's count)
    this.capped = new Set(); // queueIds whose count stopped at the server's cap (shown as "1000+")
    this.nextPage = new Map(); // queueId → cursor of the unread contacts not fetched yet, or null
    this.queueNames = new Map();
    this.seenEventIds = new Set();
    this.listeners = new Set(); // (event data) → void, for views that want to refresh
    this.source = null;
    this.retryDelay = 2000;
    this.stopped = true;
    this.state = 'off';
    this.toasts = h('div', { class: 'toasts', 'aria-live': 'polite', 'aria-relevant': 'additions', testid: 'toasts' });
    document.body.append(this.toasts);
    this.unlockAudio = this.unlockAudio.bind(this);
    document.addEventListener('pointerdown', this.unlockAudio, { capture: true });
    document.addEventListener('keydown', this.unlockAudio, { capture: true });
  }

  start(queues) {
    this.stopped = false;
    this.setQueues(queues);
    this.refreshAll();
    this.connect();
    this.poll = setInterval(() => {
      if (document.visibilityState === 'visible') this.refreshAll();
    }, POLL_MS);
    this.onVisible = () => {
      if (document.visibilityState === 'visible') this.refreshAll();
    };
    document.addEventListener('visibilitychange', this.onVisible);
  }

  stop() {
    this.stopped = true;
    clearInterval(this.poll);
    clearTimeout(this.reconnectTimer);
    document.removeEventListener('visibilitychange', this.onVisible);
    if (this.source) this.source.close();
    this.source = null;
    this.unread.clear();
    this.counts.clear();
    this.capped.clear();
    this.nextPage.clear();
    this.toasts.replaceChildren();
    this.setState('off');
  }

  setQueues(queues) {
    for (const q of queues) {
      this.queueNames.set(q.id, q.name);
      if (!this.unread.has(q.id)) this.unread.set(q.id, new Map());
    }
    for (const id of [...this.unread.keys()]) {
      if (queues.some((q) => q.id === id)) continue;
      this.unread.delete(id);
      this.counts.delete(id);
      this.capped.delete(id);
      this.nextPage.delete(id);
    }
  }

  // ---- unread ----

  count(queueId) {
    return queueId ? this.counts.get(queueId) || 0 : [...this.counts.values()].reduce((n, c) => n + c, 0);
  }

  /** The count as shown: "1000+" when the server stopped counting. */
  countText(queueId) {
    const more = queueId ? this.capped.has(queueId) : this.capped.size > 0;
    return `${this.count(queueId)}${more ? '+' : ''}`;
  }

  /** Newest first: [{queueId, contactId, at}] over all queues. */
  list() {
    const all = [];
    for (const [queueId, map] of this.unread) for (const [contactId, at] of map) all.push({ queueId, contactId, at });
    return all.sort((a, b) => String(b.at).localeCompare(String(a.at)));
  }

  async refreshAll() {
    await Promise.all([...this.unread.keys()].map((id) => this.refresh(id)));
  }

  /** The server's word on one queue: the count and the newest unread contacts. */
  async refresh(queueId) {
    let page;
    try {
      page = await api(`queues/${encodeURIComponent(queueId)}/unread`, { query: { limit: UNREAD_PAGE } });
    } catch {
      return; // keep what we had; the next poll tries again
    }
    if (!this.unread.has(queueId)) return; // no longer one of my queues
    this.unread.set(queueId, new Map(page.contacts.map((c) => [c.contactId, c.at])));
    this.counts.set(queueId, page.count);
    if (page.capped) this.capped.add(queueId);
    else this.capped.delete(queueId);
    this.nextPage.set(queueId, page.next);
    this.onChange();
  }

  /**
   * Fetches older unread contacts until those registered since {@code since} are all known, so an
   * older page of the log shows its markers. Resolves true when it learnt something new.
   */
  async cover(queueId, since) {
    const map = this.unread.get(queueId);
    let learnt = false;
    for (let i = 0; map && this.nextPage.get(queueId) && i < UNREAD_PAGES_TO_COVER; i++) {
      const oldest = [...map.values()].reduce((a, b) => (String(a) < String(b) ? a : b), undefined);
      if (oldest !== undefined && String(oldest) < String(since)) break;
      let page;
      try {
        page = await api(`queues/${encodeURIComponent(queueId)}/unread`, { query: { limit: 200, before: this.nextPage.get(queueId) } });
      } catch {
        break;
      }
      for (const c of page.contacts) map.set(c.contactId, c.at);
      this.nextPage.set(queueId, page.next);
      learnt = learnt || page.contacts.length > 0;
    }
    return learnt;
  }

  /** I opened (or deleted) the contact: one fewer for me. */
  markOpened(queueId, contactId) {
    // its toast has done its job (and would cover the comment box at the bottom right)
    for (const toast of this.toasts.querySelectorAll('.toast')) if (toast.dataset.contactId === contactId) toast.remove();
    const map = this.unread.get(queueId);
    if (map && map.delete(contactId)) {
      this.counts.set(queueId, Math.max(0, (this.counts.get(queueId) || 1) - 1));
      this.onChange();
    } else if (map && this.nextPage.get(queueId)) {
      this.refresh(queueId); // perhaps one of those not fetched: the server knows
    }
  }

  isUnread(queueId, contactId) {
    return Boolean(this.unread.get(queueId) && this.unread.get(queueId).has(contactId));
  }

  // ---- server-sent events ----

  connect() {
    if (this.stopped) return;
    const source = new EventSource(url('notifications'));
    this.source = source;
    this.setState('connecting');
    source.onopen = () => {
      this.retryDelay = 2000;
      this.setState('live');
    };
    source.addEventListener('registered-contact', (event) => this.received(event));
    source.addEventListener('contact-escalated', () => this.onEscalated());
    source.onerror = () => {
      if (this.source !== source) return;
      if (source.readyState === EventSource.CLOSED) {
        // the browser gave up (e.g. a 401 or a proxy error page): try again ourselves, slower each time
        this.setState('offline');
        this.reconnectTimer = setTimeout(() => this.reconnect(), this.retryDelay);
        this.retryDelay = Math.min(this.retryDelay * 2, 60_000);
      } else {
        this.setState('connecting'); // EventSource reconnects by itself, with Last-Event-ID
      }
    };
  }

  async reconnect() {
    if (this.stopped) return;
    try {
      await api('session', { quiet401: false });
    } catch (e) {
      if (e.status === 401) return; // the login page takes over
    }
    if (this.source) this.source.close();
    this.connect();
    this.refreshAll(); // catch up on anything missed while away
  }

  setState(state) {
    this.state = state;
    const dot = document.querySelector('[data-testid="live-state"]');
    if (dot) {
      dot.dataset.state = state;
      const text = { live: t('Live notifications on'), connecting: t('Connecting to live notifications…'), offline: t('Live notifications offline — retrying'), off: '' }[state];
      dot.title = text;
      dot.setAttribute('aria-label', text);
    }
  }

  received(event) {
    const id = event.lastEventId;
    if (id) {
      if (this.seenEventIds.has(id)) return; // a replay after reconnecting
      this.seenEventIds.add(id);
      if (this.seenEventIds.size > SEEN_IDS_KEPT) this.seenEventIds.delete(this.seenEventIds.values().next().value);
    }
    let data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    if (!data || !data.contactId) return;
    const queueName = data.queueName || this.queueNames.get(data.queueId) || data.queueId;
    const map = this.unread.get(data.queueId);
    if (map && !map.has(data.contactId)) {
      map.set(data.contactId, data.at || new Date().toISOString());
      this.counts.set(data.queueId, (this.counts.get(data.queueId) || 0) + 1);
      this.onChange();
    }
    this.toast(data, queueName);
    if (data.sound) this.beep();
    if (data.desktop) this.desktop(data, queueName);
    for (const listener of this.listeners) listener(data);
  }

  open(contactId) {
    this.navigate(`#/contacts/${encodeURIComponent(contactId)}`);
  }

  // ---- toast, sound, desktop ----

  toast(data, queueName) {
    const close = () => {
      clearTimeout(timer);
      item.remove();
    };
    const openButton = h(
      'button',
      { type: 'button', class: 'toast-open', testid: 'toast-open', onclick: (e) => { e.stopPropagation(); close(); this.open(data.contactId); } },
      t('Open'),
    );
    const item = h(
      'div',
      { class: 'toast', testid: 'toast', dataset: { contactId: data.contactId } },
      h('span', { class: 'toast-text' }, t('New contact in '), h('strong', null, queueName), ' — '),
      openButton,
      h('time', { class: 'toast-time', datetime: data.at }, when(data.at)),
      h('button', { type: 'button', class: 'toast-close', 'aria-label': t('Dismiss'), title: t('Dismiss'), onclick: (e) => { e.stopPropagation(); close(); } }, '×'),
    );
    item.addEventListener('click', () => {
      close();
      this.open(data.contactId);
    });
    let timer;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(close, 20_000);
    };
    item.addEventListener('mouseenter', () => clearTimeout(timer));
    item.addEventListener('mouseleave', arm);
    item.addEventListener('focusin', () => clearTimeout(timer));
    item.addEventListener('focusout', arm);
    arm();
    this.toasts.append(item);
    while (this.toasts.children.length > 4) this.toasts.firstElementChild.remove();
  }

  unlockAudio() {
    try {
      if (!this.audio) {
        const Context = window.AudioContext || window.webkitAudioContext;
        if (!Context) return;
        this.audio = new Context();
      }
      if (this.audio.state === 'suspended') this.audio.resume();
    } catch {
      // no sound on this browser
    }
  }

  /** Two short tones; Web Audio only, no sound file. */
  beep() {
    this.unlockAudio();
    const audio = this.audio;
    if (!audio) return;
    const t0 = audio.currentTime + 0.01;
    const tone = (freq, start, length) => {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.18, start + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
      osc.connect(gain).connect(audio.destination);
      osc.start(start);
      osc.stop(start + length + 0.02);
    };
    tone(880, t0, 0.14);
    tone(1320, t0 + 0.16, 0.18);
    this.lastBeep = Date.now();
  }

  desktop(data, queueName) {
    if (!('Notification' in window) || Notification.permission !== 'granted') return;
    try {
      const note = new Notification(t('New contact in {queue}', { queue: queueName }), {
        body: t('Received {when}. Click to open it in ContactDesk.', { when: when(data.at) }),
        tag: `contact-${data.contactId}`,
        icon: new URL('favicon.svg', document.baseURI).href,
      });
      note.onclick = () => {
        window.focus();
        if (data.contactId) this.open(data.contactId);
        note.close();
      };
    } catch {
      // some browsers allow notifications only from a service worker; the toast is still there
    }
  }
}

/** The bell's panel: the contacts I have not opened, newest first. */
export function bellPanel(live, queueName) {
  const items = live.list().slice(0, 30);
  if (items.length === 0) return h('p', { class: 'muted pad' }, t('Nothing new. You have opened every contact.'));
  return h(
    'ul',
    { class: 'bell-list' },
    items.map((item) =>
      h(
        'li',
        null,
        h(
          'a',
          { href: `#/contacts/${encodeURIComponent(item.contactId)}`, testid: 'bell-item' },
          h('span', null, t('New contact in '), h('strong', null, queueName(item.queueId))),
          h('time', { datetime: item.at, class: 'muted' }, when(item.at)),
        ),
      ),
    ),
  );
}


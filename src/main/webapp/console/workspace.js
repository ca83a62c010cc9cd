// A queue's activity log with the opened contact beside it (#/queues/{id} and #/contacts/{id}).
// On a phone the contact takes the whole screen, with a way back to the log.
//
// Log entries never carry the visitor's answers; the content is fetched only by "View content",
// which the server logs as CONTENT_VIEWED.

import { h, append, replace } from '../common/dom.js';
import { api, ApiError } from './api.js';
import { when, fullTime, statusLabel, STATUSES } from './format.js';
import { membersOf, formOf, answerText, displayName, rememberName } from './people.js';
import { overdueMark } from './contacts.js';
import { t, msg, plural } from './i18n.js';

const PAGE = 50;
const NOT_FOUND = msg("Not found — this contact doesn't exist or isn't in your queues");

export class Workspace {
  constructor(ctx, queueId) {
    this.ctx = ctx;
    this.queueId = queueId;
    this.entries = [];
    this.next = null;
    this.contact = null;
    this.contactId = null;
    this.loadingLog = false;

    this.logList = h('ol', { class: 'log', testid: 'activity-log', 'aria-label': t('Activity, newest first') });
    this.logStatus = h('p', { class: 'muted small', role: 'status' });
    this.olderButton = h('button', { type: 'button', class: 'button', testid: 'log-load-older', hidden: true, onclick: () => this.loadOlder() }, t('Load older'));
    this.refreshButton = h('button', { type: 'button', class: 'button small ghost', testid: 'log-refresh', onclick: () => this.refreshTop(true) }, t('Refresh'));
    this.logTitle = h('h1', { tabindex: '-1', id: 'log-title' });
    this.logPane = h(
      'section',
      { class: 'pane log-pane', 'aria-labelledby': 'log-title' },
      h(
        'div',
        { class: 'pane-head' },
        this.logTitle,
        h(
          'div',
          { class: 'pane-tools' },
          this.refreshButton,
          h('a', { class: 'button small', href: `#/contacts?queue=${encodeURIComponent(queueId)}`, testid: 'queue-contacts-link' }, t('Contacts')),
          h('a', { class: 'button small', href: `#/stats/${encodeURIComponent(queueId)}`, testid: 'queue-stats-link' }, t('Statistics')),
          ctx.isAdmin && h('a', { class: 'button small', href: `#/admin/queues/${encodeURIComponent(queueId)}`, testid: 'queue-settings-link', title: t('Queue settings'), 'aria-label': t('Queue settings') }, '⚙'),
        ),
      ),
      this.logList,
      this.logStatus,
      h('div', { class: 'log-foot' }, this.olderButton),
    );
    this.contactPane = h('section', { class: 'pane contact-pane', 'aria-label': t('Contact'), 'aria-busy': 'false' });
    this.el = h('div', { class: 'workspace' }, this.logPane, this.contactPane);
    this.onLive = (data) => {
      if (data.queueId === this.queueId) this.refreshTop(false);
    };
    ctx.live.listeners.add(this.onLive);
  }

  destroy() {
    this.ctx.live.listeners.delete(this.onLive);
  }

  queueName() {
    const q = this.ctx.queues.find((x) => x.id === this.queueId);
    return q ? q.name : this.queueId;
  }

  async start() {
    this.logTitle.replaceChildren(this.queueName(), h('span', { class: 'muted light' }, ` · ${t('Activity log')}`));
    this.logStatus.textContent = t('Loading…');
    try {
      const page = await api(`queues/${encodeURIComponent(this.queueId)}/activity`, { query: { limit: PAGE } });
      this.entries = page.entries;
      this.next = page.next;
      this.logStatus.textContent = this.entries.length ? '' : t('Nothing has happened in this queue yet.');
      this.renderLog();
      // the log names people by their display names once the queue's members are known
      membersOf(this.queueId)
        .then(() => this.renderLog())
        .catch(() => {});
      return true;
    } catch (e) {
      if (e.status === 404 || e.status === 403) {
        this.logStatus.textContent = t("This queue doesn't exist or you're not a member of it.");
      } else {
        this.logStatus.textContent = t('The log could not be loaded: {message}', { message: e.message });
      }
      return false;
    }
  }

  showList() {
    this.el.classList.remove('has-contact');
    this.contactId = null;
    this.contact = null;
    replace(
      this.contactPane,
      h('div', { class: 'empty-pane' }, h('p', { class: 'muted' }, t('Choose “View content” in the log to read a contact.'))),
    );
    this.renderLog();
  }

  // ---- the log ----

  renderLog() {
    replace(this.logList, this.entries.map((e) => this.row(e)));
    this.olderButton.hidden = !this.next;
  }

  row(entry) {
    const deleted = this.entries.some((e) => e.type === 'CONTACT_DELETED' && e.contactId === entry.contactId);
    const unread = entry.type === 'CONTACT_REGISTERED' && this.ctx.live.isUnread(this.queueId, entry.contactId);
    const actor = entry.actor ? displayName(entry.actor) : t('Retention');
    // entries written before the server kept references and details read as they did then
    const reference = entry.reference || '';
    const change = entry.detail;
    const nobody = t('nobody');
    const sentence = {
      CONTACT_REGISTERED: () => (reference ? t('New registered contact {reference}', { reference }) : t('New registered contact')),
      COMMENT_ADDED: () => (reference ? t('{actor} commented on {reference}', { actor, reference }) : t('{actor} commented', { actor })),
      STATUS_CHANGED: () =>
        change
          ? reference
            ? t('{actor} set status {from} → {to} on {reference}', { actor, from: statusLabel(change.from), to: statusLabel(change.to), reference })
            : t('{actor} set status {from} → {to}', { actor, from: statusLabel(change.from), to: statusLabel(change.to) })
          : reference
            ? t('{actor} changed the status on {reference}', { actor, reference })
            : t('{actor} changed the status', { actor }),
      HANDLER_CHANGED: () => {
        if (!change) return reference ? t('{actor} changed the handler on {reference}', { actor, reference }) : t('{actor} changed the handler', { actor });
        const values = { actor, from: change.from ? displayName(change.from) : nobody, to: change.to ? displayName(change.to) : nobody, reference };
        return reference ? t('{actor} set handler {from} → {to} on {reference}', values) : t('{actor} set handler {from} → {to}', values);
      },
      CONTACT_ESCALATED: () =>
        reference ? t('Contact {reference} escalated: nobody answered in time', { reference }) : t('Contact escalated: nobody answered in time'),
      CONTENT_VIEWED: () => (reference ? t('Contact {reference} viewed by {actor}', { actor, reference }) : t('Contact viewed by {actor}', { actor })),
      CONTACT_DELETED: () =>
        entry.actor
          ? reference
            ? t('Contact {reference} deleted by {actor}', { actor, reference })
            : t('Contact deleted by {actor}', { actor })
          : reference
            ? t('Contact {reference} deleted (retention period over)', { reference })
            : t('Contact deleted (retention period over)'),
    }[entry.type];
    const text = sentence ? sentence() : entry.type;
    let action = null;
    if (entry.contactId && !deleted) {
      const registered = entry.type === 'CONTACT_REGISTERED';
      action = h(
        'a',
        {
          href: `#/contacts/${encodeURIComponent(entry.contactId)}`,
          class: registered ? 'button small view' : 'subtle-link',
          testid: registered ? 'log-view-content' : 'log-open',
          'aria-label': registered ? t('View content of the contact registered {when}', { when: when(entry.at) }) : t('Open the contact ({what})', { what: text }),
        },
        registered ? t('View content') : t('Open'),
      );
    }
    return h(
      'li',
      {
        class: ['log-row', `t-${entry.type.toLowerCase()}`, unread && 'unread', entry.contactId && entry.contactId === this.contactId && 'current'],
        testid: 'log-row',
        dataset: { type: entry.type, contactId: entry.contactId || '', entryId: entry.id },
      },
      h('time', { datetime: entry.at, title: fullTime(entry.at) }, when(entry.at)),
      h('span', { class: 'what' }, unread && h('span', { class: 'unread-dot', title: t('You have not opened this yet') }, h('span', { class: 'sr' }, t('Unopened: '))), text, deleted && entry.type === 'CONTACT_REGISTERED' ? h('span', { class: 'muted' }, ` (${t('deleted')})`) : null),
      action,
    );
  }

  async loadOlder() {
    if (!this.next || this.loadingLog) return;
    this.loadingLog = true;
    this.olderButton.disabled = true;
    this.olderButton.textContent = t('Loading…');
    try {
      const page = await api(`queues/${encodeURIComponent(this.queueId)}/activity`, { query: { limit: PAGE, before: this.next } });
      const known = new Set(this.entries.map((e) => e.id));
      const older = page.entries.filter((e) => !known.has(e.id));
      this.entries.push(...older);
      this.next = page.next;
      append(this.logList, older.map((e) => this.row(e)));
      this.olderButton.hidden = !this.next;
      this.logStatus.textContent = plural(older.length, '{n} older entry loaded.', '{n} older entries loaded.');
      // markers for contacts older than the unread ones the console knows of
      const registered = older.filter((e) => e.type === 'CONTACT_REGISTERED');
      if (registered.length && (await this.ctx.live.cover(this.queueId, registered[registered.length - 1].at))) this.renderLog();
    } catch (e) {
      this.logStatus.textContent = t('Could not load older entries: {message}', { message: e.message });
    } finally {
      this.loadingLog = false;
      this.olderButton.disabled = false;
      this.olderButton.textContent = t('Load older');
    }
  }

  /** Puts new entries on top (after a live event, a comment, or a view). */
  async refreshTop(announce) {
    try {
      const page = await api(`queues/${encodeURIComponent(this.queueId)}/activity`, { query: { limit: PAGE } });
      const top = this.entries.length ? Number(this.entries[0].id) : -1;
      const fresh = page.entries.filter((e) => Number(e.id) > top);
      if (fresh.length >= page.entries.length && page.next) {
        // more arrived than one page holds: start over from the newest
        this.entries = page.entries;
        this.next = page.next;
      } else {
        this.entries = [...fresh, ...this.entries];
      }
      this.ctx.live.refresh(this.queueId); // the server's count after what these entries say
      this.renderLog();
      if (this.entries.length) this.logStatus.textContent = announce ? (fresh.length ? plural(fresh.length, '{n} new entry.', '{n} new entries.') : t('No new entries.')) : '';
    } catch (e) {
      if (announce) this.logStatus.textContent = t('Could not refresh: {message}', { message: e.message });
    }
  }

  // ---- the contact ----

  /** Shows a contact that was already fetched (and so already logged as viewed). */
  showContact(contact, focus) {
    this.contact = contact;
    this.contactId = contact.id;
    this.el.classList.add('has-contact');
    this.ctx.live.markOpened(this.queueId, contact.id);
    replace(this.contactPane, this.contactView(contact));
    this.renderLog();
    if (focus) {
      const title = this.contactPane.querySelector('h2');
      if (title) title.focus();
    }
    this.refreshTop(false); // shows "Contact viewed by …"
  }

  showNotFound() {
    this.contactId = null;
    this.contact = null;
    this.el.classList.add('has-contact');
    replace(this.contactPane, notFound(this.queueId));
    this.renderLog();
  }

  contactView(c) {
    const me = this.ctx.user.username;
    rememberName(me, this.ctx.user.displayName);
    for (const m of c.comments) rememberName(m.author, m.authorName);
    const statusBadge = h('span', { class: `badge status-${c.status}`, testid: 'contact-status', dataset: { status: c.status } }, statusLabel(c.status));
    const handlerText = h('span', { testid: 'contact-handler', dataset: { handler: c.handler || '' }, title: c.handler || '' }, c.handler ? displayName(c.handler) : t('nobody'));
    const comments = h('ol', { class: 'comments', testid: 'contact-comments' }, c.comments.map((m) => commentItem(m)));
    const noComments = h('p', { class: 'muted', hidden: c.comments.length > 0 }, t('No comments yet.'));

    const textId = 'comment-text';
    const text = h('textarea', { id: textId, rows: 3, testid: 'comment-text', maxlength: 10000, placeholder: t('Write a comment for your team (the visitor does not see it)') });
    const status = h(
      'select',
      { id: 'comment-status', testid: 'comment-status' },
      h('option', { value: '' }, t('Keep ({current})', { current: statusLabel(c.status) })),
      STATUSES.filter((s) => s !== c.status).map((s) => h('option', { value: s }, statusLabel(s))),
    );
    const handler = h('select', { id: 'comment-handler', testid: 'comment-handler' });
    const fillHandlers = (members) => {
      const keep = handler.options.length ? handler.value : '\u0000keep';
      const choices = new Map();
      choices.set('\u0000keep', t('Keep ({current})', { current: c.handler ? displayName(c.handler) : t('nobody') }));
      if (c.handler) choices.set('', t('Nobody'));
      if (c.handler !== me) choices.set(me, t('Me ({name})', { name: displayName(me) }));
      for (const m of members || []) if (m.username !== c.handler && m.username !== me) choices.set(m.username, m.displayName || m.username);
      replace(handler, [...choices].map(([value, label]) => h('option', { value }, label)));
      if (choices.has(keep)) handler.value = keep; // the list came in after a choice was made
    };
    fillHandlers([]);
    // every member of the queue can take the contact over
    membersOf(c.queueId)
      .then((members) => {
        fillHandlers(members);
        if (c.handler) handlerText.textContent = displayName(c.handler);
        for (const el of this.contactPane.querySelectorAll('[data-name-of]')) el.textContent = t('Handler → {name}', { name: displayName(el.dataset.nameOf) });
      })
      .catch(() => {});
    const error = h('p', { class: 'form-error', role: 'alert', testid: 'comment-error' });
    const done = h('p', { class: 'muted small', role: 'status', testid: 'comment-status-message' });
    const submit = h('button', { type: 'submit', class: 'button primary', testid: 'comment-submit' }, t('Add comment'));
    const form = h(
      'form',
      { class: 'comment-form', testid: 'comment-form', novalidate: true },
      h('label', { for: textId }, t('Comment')),
      text,
      h(
        'div',
        { class: 'comment-row' },
        h('label', { class: 'inline' }, t('Status '), status),
        h('label', { class: 'inline' }, t('Handler '), handler),
        submit,
      ),
      error,
      done,
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.textContent = '';
      done.textContent = '';
      const body = { text: text.value };
      if (status.value) body.status = status.value;
      if (handler.value !== '\u0000keep') body.handler = handler.value;
      if (!text.value.trim() && !body.status && body.handler === undefined) {
        error.textContent = t('Write a comment, or change the status or the handler.');
        text.focus();
        return;
      }
      submit.disabled = true;
      try {
        const created = await api(`contacts/${encodeURIComponent(c.id)}/comments`, { method: 'POST', body });
        // The answer holds only the id; reading the contact again would log another "viewed", so
        // the new comment is added here as the server stored it.
        const changedStatus = body.status && body.status !== c.status ? body.status : null;
        const changedHandler = body.handler !== undefined && (body.handler || null) !== (c.handler || null);
        const comment = {
          id: created && created.id,
          author: me,
          at: new Date().toISOString(),
          text: text.value.trim(),
          status: changedStatus,
          handler: changedHandler ? body.handler || null : null,
          handlerChanged: changedHandler,
        };
        c.comments.push(comment);
        if (c.overdue) {
          c.overdue = false; // an answer ends it (SPEC, escalation)
          if (this.ctx.refreshOverdue) this.ctx.refreshOverdue();
        }
        if (changedStatus) c.status = changedStatus;
        if (changedHandler) c.handler = body.handler || null;
        replace(this.contactPane, this.contactView(c));
        const message = this.contactPane.querySelector('[data-testid="comment-status-message"]');
        if (message) message.textContent = t('Comment added.');
        const box = this.contactPane.querySelector('[data-testid="comment-text"]');
        if (box) box.focus();
        this.refreshTop(false);
      } catch (err) {
        submit.disabled = false;
        if (err.fields) error.textContent = Object.entries(err.fields).map(([k, v]) => `${k === 'text' ? t('Comment') : k}: ${v}`).join(' · ');
        else if (err.status === 404) replace(this.contactPane, notFound(this.queueId));
        else error.textContent = err.message;
      }
    });
    text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.requestSubmit();
    });

    const page = pageLink(c.pageUrl);
    const queueName = (this.ctx.queues.find((q) => q.id === c.queueId) || {}).name || c.queueId;
    const article = h(
      'article',
      { class: 'contact', testid: 'contact', dataset: { contactId: c.id }, 'aria-labelledby': 'contact-title' },
      h('a', { class: 'back-link', href: `#/queues/${encodeURIComponent(c.queueId)}`, testid: 'contact-back' }, t('← Back to the log')),
      h(
        'header',
        { class: 'contact-head' },
        h('h2', { id: 'contact-title', tabindex: '-1' }, t('Contact '), h('span', { class: 'reference', testid: 'contact-reference' }, c.reference || '')),
        h('div', { class: 'contact-state' }, statusBadge, c.overdue && overdueMark(), h('span', { class: 'handler' }, t('Handler: '), handlerText)),
      ),
      h(
        'dl',
        { class: 'meta', testid: 'contact-meta' },
        metaRow(t('Received'), h('time', { datetime: c.createdAt }, fullTime(c.createdAt)), 'contact-received'),
        c.escalatedAt && metaRow(t('Escalated'), h('time', { datetime: c.escalatedAt }, fullTime(c.escalatedAt)), 'contact-escalated-at'),
        metaRow(t('Queue'), queueName),
        metaRow(t('Source'), c.source === 'BOT' ? t('Bot') : c.source === 'FORM' ? t('Contact form') : c.source, 'contact-source'),
        metaRow(t('Language'), c.language || '—', 'contact-language'),
        metaRow(t('Page'), page, 'contact-page'),
      ),
      h(
        'section',
        { class: 'answers-section', 'aria-labelledby': 'answers-title' },
        h('h3', { id: 'answers-title' }, t('Answers')),
        c.answers.length ? answersList(c.answers) : h('p', { class: 'muted' }, t('No answers.')),
      ),
      sameVisitorSection(c),
      whoWasToldSection(c),
      h('section', { class: 'comments-section', 'aria-labelledby': 'comments-title' }, h('h3', { id: 'comments-title' }, t('Comments')), comments, noComments, form),
      this.ctx.isAdmin && this.deleteSection(c),
    );
    if (c.answers.length) {
      formOf(c.queueId).then((form) => {
        const shown = article.querySelector('[data-testid="contact-answers"]');
        if (form && shown) labelAnswers(shown, c.answers, form);
      });
    }
    return article;
  }

  deleteSection(c) {
    const button = h('button', { type: 'button', class: 'button danger', testid: 'contact-delete' }, t('Delete contact…'));
    const message = h('p', { class: 'muted small', role: 'status' });
    button.addEventListener('click', async () => {
      if (!confirm(t('Delete contact {reference} for good? Its answers and comments are erased; the log keeps only that it was deleted.', { reference: c.reference || c.id }))) return;
      button.disabled = true;
      try {
        await api(`contacts/${encodeURIComponent(c.id)}`, { method: 'DELETE' });
        this.ctx.live.markOpened(c.queueId, c.id);
        this.contact = null;
        replace(this.contactPane, h('div', { class: 'empty-pane', role: 'status' }, h('p', null, t('Contact {reference} was deleted.', { reference: c.reference || '' }))));
        this.refreshTop(false);
      } catch (e) {
        button.disabled = false;
        message.textContent = t('Could not delete: {message}', { message: e.message });
      }
    });
    return h('section', { class: 'danger-zone' }, h('h3', null, t('Erase')), h('p', { class: 'muted small' }, t('For a GDPR erasure request or spam: removes the answers and comments for good.')), button, message);
  }
}

/** The answers as label and value, as the visitor gave them until the form is known. */
function answersList(answers) {
  return h(
    'dl',
    { class: 'answers', testid: 'contact-answers', dataset: { labelled: 'false' } },
    answers.map((a) =>
      h(
        'div',
        { class: 'answer', testid: 'contact-answer', dataset: { name: a.name } },
        h('dt', null, a.label || a.name),
        h('dd', { testid: 'contact-answer-value' }, a.value),
      ),
    ),
  );
}

/**
 * With the queue's form: a select's option label, Yes/No for a tick box, a mailto link for an
 * e-mail. Filled into the same elements, so nothing that points at them goes stale.
 */
function labelAnswers(list, answers, form) {
  const values = list.querySelectorAll('[data-testid="contact-answer-value"]');
  answers.forEach((a, i) => {
    const dd = values[i];
    if (!dd) return;
    const shown = answerText(a, form);
    if (shown.email) replace(dd, h('a', { href: `mailto:${shown.email}`, testid: 'contact-answer-mailto' }, shown.text));
    else if (shown.text !== (a.value || '')) {
      dd.textContent = shown.text;
      dd.title = a.value; // the stored value, for whoever compares with an export
    }
  });
  list.dataset.labelled = 'true';
}

/** "Also from this visitor": the other contacts with the same e-mail in the caller's queues. */
function sameVisitorSection(c) {
  const others = c.sameVisitor || [];
  if (!others.length) return null;
  return h(
    'section',
    { class: 'same-visitor', 'aria-labelledby': 'same-visitor-title', testid: 'contact-same-visitor' },
    h('h3', { id: 'same-visitor-title' }, t('Also from this visitor')),
    h(
      'ul',
      { class: 'same-visitor-list' },
      others.map((o) =>
        h(
          'li',
          { testid: 'same-visitor-contact', dataset: { contactId: o.id } },
          h('a', { href: `#/contacts/${encodeURIComponent(o.id)}`, class: 'reference' }, o.reference),
          ' ',
          h('time', { datetime: o.createdAt, title: fullTime(o.createdAt), class: 'muted' }, when(o.createdAt)),
          ' ',
          h('span', { class: `badge small status-${o.status}` }, statusLabel(o.status)),
        ),
      ),
    ),
  );
}

const NOTICE_KIND = { NEW_CONTACT: msg('new contact'), ESCALATION: msg('overdue'), FALLBACK: msg('fallback address') };
const NOTICE_STATUS = { queued: msg('queued'), retrying: msg('retrying'), sending: msg('sending'), sent: msg('sent'), failed: msg('failed') };

/**
 * "Who was told": each e-mail owed about the contact, to whom, what about and whether it went out
 * (failed after N attempts, retrying at …), each webhook delivery, and how many open consoles
 * heard of it live.
 */
function whoWasToldSection(c) {
  const notices = c.notifications || [];
  return h(
    'section',
    { class: 'who-was-told', 'aria-labelledby': 'who-was-told-title', testid: 'contact-who-was-told' },
    h('h3', { id: 'who-was-told-title' }, t('Who was told')),
    notices.length
      ? h(
          'ul',
          { class: 'notice-list' },
          notices.map((n) => {
            if (n.channel === 'live') return liveNotice(n);
            const name = n.kind === 'FALLBACK' ? n.recipient : displayName(n.recipient);
            let state = NOTICE_STATUS[n.status] ? t(NOTICE_STATUS[n.status]) : n.status;
            if (n.status === 'failed') state = plural(n.attempts, 'failed after {n} attempt', 'failed after {n} attempts');
            if (n.status === 'retrying') state = t('failed {n}×, retrying', { n: n.attempts });
            const webhook = n.channel === 'webhook';
            return h(
              'li',
              { testid: 'contact-notice', class: `notice notice-${n.status}`, dataset: { status: n.status, kind: n.kind, recipient: n.recipient } },
              h('span', { 'aria-hidden': 'true' }, webhook ? '⇢ ' : '✉ '),
              h('span', { class: 'sr' }, (webhook ? t('Webhook to') : t('E-mail to')) + ' '),
              name,
              h('span', { class: 'muted' }, ` (${NOTICE_KIND[n.kind] ? t(NOTICE_KIND[n.kind]) : n.kind})`),
              ' — ',
              h('span', { class: n.status === 'failed' ? 'notice-failed' : null }, state),
              n.at ? [' ', h('time', { datetime: n.at, title: fullTime(n.at), class: 'muted' }, when(n.at))] : null,
              n.error ? h('div', { class: 'muted small notice-error' }, n.error) : null,
            );
          }),
        )
      : h('p', { class: 'muted small' }, t('Nobody was told of this contact, by e-mail or live.')),
  );
}

/** "Live to 2 open consoles (new contact) 14:02": a push goes to streams, not to one person. */
function liveNotice(n) {
  return h(
    'li',
    { testid: 'contact-notice', class: 'notice notice-sent', dataset: { status: n.status, kind: n.kind, channel: 'live' } },
    h('span', { 'aria-hidden': 'true' }, '◉ '),
    plural(n.attempts, 'Live to {n} open console', 'Live to {n} open consoles'),
    h('span', { class: 'muted' }, ` (${NOTICE_KIND[n.kind] ? t(NOTICE_KIND[n.kind]) : n.kind})`),
    n.at ? [' ', h('time', { datetime: n.at, title: fullTime(n.at), class: 'muted' }, when(n.at))] : null,
  );
}

function metaRow(label, value, testid) {
  return h('div', { class: 'meta-row' }, h('dt', null, label), h('dd', { testid }, value));
}

function pageLink(pageUrl) {
  if (!pageUrl) return '—';
  // a visitor's page address is only a link when it is plainly http(s)
  if (/^https?:\/\//i.test(pageUrl)) {
    return h('a', { href: pageUrl, target: '_blank', rel: 'noopener noreferrer nofollow', class: 'page-url' }, pageUrl);
  }
  return h('span', { class: 'page-url' }, pageUrl);
}

function commentItem(m) {
  const changes = [];
  if (m.status) changes.push(h('span', { class: `badge small status-${m.status}` }, t('Status → {status}', { status: statusLabel(m.status) })));
  if (m.handler) changes.push(h('span', { class: 'badge small', dataset: { nameOf: m.handler } }, t('Handler → {name}', { name: displayName(m.handler) })));
  // a change to no handler is a release (the server says handlerChanged, handler null)
  if (m.handlerChanged && !m.handler) changes.push(h('span', { class: 'badge small', testid: 'comment-released' }, t('Handler → nobody')));
  return h(
    'li',
    { class: 'comment', testid: 'comment', dataset: { commentId: m.id || '' } },
    h('div', { class: 'comment-head' }, h('strong', { title: m.author || '' }, m.authorName || displayName(m.author) || '—'), ' ', h('time', { datetime: m.at, title: fullTime(m.at), class: 'muted' }, when(m.at)), changes.length ? ' ' : null, changes),
    m.text ? h('p', { class: 'comment-text', testid: 'comment-body' }, m.text) : null,
  );
}

/** "Not found" in the contact pane beside a log ({@code h2}), or as a page of its own ({@code h1}). */
export function notFound(queueId, heading = 'h2') {
  return h(
    'div',
    { class: 'not-found', role: 'alert', testid: 'contact-not-found' },
    h(heading, { tabindex: '-1' }, t(NOT_FOUND)),
    h('p', { class: 'muted' }, t('The link may be old, the contact may have been deleted, or it belongs to a queue you are not a member of.')),
    queueId ? h('a', { href: `#/queues/${encodeURIComponent(queueId)}` }, t('← Back to the log')) : h('a', { href: '#/' }, t('Go to your queues')),
  );
}

/** Fetches a contact for "View content"; null when the server says 404. */
export async function fetchContact(id) {
  try {
    return await api(`contacts/${encodeURIComponent(id)}`);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 403)) return null;
    throw e;
  }
}

// Admin pages: #/admin/queues (list, create), #/admin/queues/{id} (one queue, in sections, saved
// as a whole with PUT), #/admin/users (users, create, memberships).

import { h, replace, append } from '../common/dom.js';
import { api } from './api.js';
import { t, msg, plural, locale, dateFormat } from './i18n.js';

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
/** A weekday's name in the agent's language (1 January 2024 was a Monday). */
const dayName = (day) => dateFormat({ weekday: 'long' }, 'UTC').format(new Date(Date.UTC(2024, 0, 1 + DAYS.indexOf(day))));
const BASE_LANGUAGES = ['en', 'fi', 'sv'];
function languageName(tag) {
  try {
    return new Intl.DisplayNames([locale()], { type: 'language' }).of(tag) || tag;
  } catch {
    return tag;
  }
}
const FIELD_TYPES = [
  ['text', msg('Text (one line)')],
  ['textarea', msg('Text (several lines)')],
  ['email', msg('E-mail address')],
  ['phone', msg('Phone number')],
  ['select', msg('Choice (select)')],
  ['checkbox', msg('Checkbox')],
  ['consent', msg('Consent (must be ticked)')],
];
const DEFAULT_MAX = { text: 200, textarea: 5000, email: 254, phone: 40, select: 200 };
const TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

function timeZones() {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC', 'Europe/Helsinki', 'Europe/Stockholm', 'Europe/London', 'Europe/Berlin', 'America/New_York'];
  }
}

function browserZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function zoneList(id) {
  return h('datalist', { id }, timeZones().map((z) => h('option', { value: z })));
}

// =============================================================================================
// Queue list and create

export async function adminQueuesView(main, ctx) {
  const heading = h('h1', { tabindex: '-1' }, t('Queues'));
  const listBox = h('div', null, h('p', { class: 'muted' }, t('Loading…')));
  const nameInput = h('input', { id: 'new-queue-name', required: true, maxlength: 100, testid: 'admin-new-queue-name', autocomplete: 'off' });
  const zoneInput = h('input', { id: 'new-queue-zone', value: browserZone(), list: 'zones-new', testid: 'admin-new-queue-zone', autocomplete: 'off' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const createForm = h(
    'form',
    { class: 'card form-grid', testid: 'admin-new-queue' },
    h('h2', null, t('New queue')),
    h('p', { class: 'muted small span' }, t('It starts with a contact form (name, e-mail, message), open by schedule with no hours yet — so closed until you add some.')),
    h('label', { for: 'new-queue-name' }, t('Name')),
    nameInput,
    h('label', { for: 'new-queue-zone' }, t('Time zone')),
    zoneInput,
    zoneList('zones-new'),
    h('div', { class: 'span' }, h('button', { type: 'submit', class: 'button primary', testid: 'admin-new-queue-submit' }, t('Create queue'))),
    error,
  );
  createForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    try {
      const created = await api('admin/queues', { method: 'POST', body: newQueue(nameInput.value.trim(), zoneInput.value.trim()) });
      await ctx.refreshQueues();
      ctx.navigate(`#/admin/queues/${encodeURIComponent(created.id)}`);
    } catch (err) {
      error.textContent = err.fields ? Object.entries(err.fields).map(([k, v]) => `${k}: ${v}`).join(' · ') : err.message;
    }
  });
  replace(main, h('div', { class: 'page' }, heading, listBox, createForm));
  heading.focus();

  let queues;
  try {
    queues = await api('admin/queues');
  } catch (e) {
    replace(listBox, h('p', { class: 'form-error', role: 'alert' }, t('Could not load the queues: {message}', { message: e.message })));
    return;
  }
  if (!ctx.isCurrent()) return;
  const states = new Map(ctx.queues.map((q) => [q.id, q.open]));
  replace(
    listBox,
    queues.length
      ? h(
          'table',
          { class: 'table', testid: 'admin-queue-list' },
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('Queue')), h('th', { scope: 'col' }, t('Id')), h('th', { scope: 'col' }, t('Now')), h('th', { scope: 'col' }, h('span', { class: 'sr' }, t('Links'))))),
          h(
            'tbody',
            null,
            queues.map((q) =>
              h(
                'tr',
                { testid: 'admin-queue-row', dataset: { queueId: q.id } },
                h('td', null, h('a', { href: `#/admin/queues/${encodeURIComponent(q.id)}` }, q.name)),
                h('td', null, h('code', null, q.id)),
                h('td', null, states.has(q.id) ? (states.get(q.id) ? t('Open') : t('Closed')) : '—'),
                h(
                  'td',
                  { class: 'links' },
                  h('a', { href: `#/queues/${encodeURIComponent(q.id)}` }, t('Activity')),
                  ' · ',
                  h('a', { href: `#/stats/${encodeURIComponent(q.id)}` }, t('Statistics')),
                  ' · ',
                  h('a', { href: `widget/?queue=${encodeURIComponent(q.id)}`, target: '_blank', rel: 'noopener' }, t('Chat window')),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('No queues yet.')),
  );
}

function newQueue(name, timeZone) {
  return {
    name,
    timeZone: timeZone || browserZone(),
    openingHours: [],
    exceptions: [],
    override: 'SCHEDULE',
    offline: {
      mode: 'FORM',
      message: { en: "Leave us a message and we'll get back to you.", fi: 'Jätä meille viesti, niin palaamme asiaan.', sv: 'Lämna ett meddelande så återkommer vi.' }, // content: the new queue's texts
      bot: { greeting: {}, answers: [] },
    },
    form: {
      fields: [
        { name: 'name', label: { en: 'Name', fi: 'Nimi', sv: 'Namn' }, type: 'text', required: true, maxLength: 100, hidden: false, options: [] }, // content: the new queue's texts
        { name: 'email', label: { en: 'Email', fi: 'Sähköposti', sv: 'E-post' }, type: 'email', required: true, hidden: false, options: [] }, // content: the new queue's texts
        { name: 'message', label: { en: 'Message', fi: 'Viesti', sv: 'Meddelande' }, type: 'textarea', required: true, maxLength: 2000, hidden: false, options: [] }, // content: the new queue's texts
      ],
    },
    allowedOrigins: [],
  };
}

// =============================================================================================
// One queue

export async function adminQueueView(main, ctx, queueId) {
  const heading = h('h1', { tabindex: '-1' }, t('Queue settings'));
  replace(main, h('div', { class: 'page' }, heading, h('p', { class: 'muted' }, t('Loading…'))));
  let q;
  let members;
  let users;
  try {
    [q, members, users] = await Promise.all([
      api(`admin/queues/${encodeURIComponent(queueId)}`),
      api(`admin/queues/${encodeURIComponent(queueId)}/members`),
      api('admin/users'),
    ]);
  } catch (e) {
    if (!ctx.isCurrent()) return;
    replace(main, h('div', { class: 'page' }, heading, h('p', { class: 'form-error', role: 'alert' }, e.status === 404 ? t('No such queue.') : t('Could not load the queue: {message}', { message: e.message }))));
    return;
  }
  if (!ctx.isCurrent()) return;
  new QueueEditor(main, ctx, queueId, q, members, users).render();
}

/** Editable copy of a queue, with its form; saved as one PUT. */
class QueueEditor {
  constructor(main, ctx, queueId, q, members, users) {
    this.main = main;
    this.ctx = ctx;
    this.queueId = queueId;
    this.members = members;
    this.users = users;
    this.load(q);
    this.dirty = false;
    ctx.setDirtyCheck(() => this.dirty);
  }

  load(q) {
    this.q = normalise(q);
    this.languages = languagesOf(this.q);
  }

  changed() {
    if (!this.dirty) {
      this.dirty = true;
      if (this.saveState) this.saveState.textContent = t('Unsaved changes');
    }
  }

  render() {
    const q = this.q;
    this.heading = h('h1', { tabindex: '-1', testid: 'admin-queue-title' }, q.name || this.queueId, h('span', { class: 'muted light' }, ` · ${t('Settings')}`));
    this.summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true, testid: 'admin-queue-errors' });
    this.sections = {
      general: h('section', { class: 'card', id: 'sec-general', 'aria-labelledby': 'sec-general-title' }),
      hours: h('section', { class: 'card', id: 'sec-hours', 'aria-labelledby': 'sec-hours-title' }),
      exceptions: h('section', { class: 'card', id: 'sec-exceptions', 'aria-labelledby': 'sec-exceptions-title' }),
      offline: h('section', { class: 'card', id: 'sec-offline', 'aria-labelledby': 'sec-offline-title' }),
      form: h('section', { class: 'card', id: 'sec-form', 'aria-labelledby': 'sec-form-title' }),
      sites: h('section', { class: 'card', id: 'sec-sites', 'aria-labelledby': 'sec-sites-title' }),
      followup: h('section', { class: 'card', id: 'sec-followup', 'aria-labelledby': 'sec-followup-title' }),
      retention: h('section', { class: 'card', id: 'sec-retention', 'aria-labelledby': 'sec-retention-title' }),
    };
    for (const name of Object.keys(this.sections)) this.renderSection(name);
    this.membersSection = h('section', { class: 'card', id: 'sec-members', 'aria-labelledby': 'sec-members-title' });
    this.renderMembers();

    this.saveButton = h('button', { type: 'button', class: 'button primary', testid: 'admin-queue-save', onclick: () => this.save() }, t('Save changes'));
    this.saveState = h('span', { class: 'muted small', role: 'status', testid: 'admin-queue-save-status' });
    const toc = h(
      'nav',
      { class: 'toc', 'aria-label': t('Sections') },
      [
        ['sec-general', t('General')],
        ['sec-hours', t('Opening hours')],
        ['sec-exceptions', t('Exceptions')],
        ['sec-offline', t('Offline')],
        ['sec-form', t('Form')],
        ['sec-sites', t('Web sites')],
        ['sec-followup', t('Follow-up')],
        ['sec-retention', t('Retention')],
        ['sec-members', t('Members')],
      ].map(([id, label]) => h('a', { href: `#${id}`, onclick: (e) => { e.preventDefault(); document.getElementById(id).scrollIntoView({ behavior: 'smooth' }); } }, label)),
    );
    const page = h(
        'div',
        { class: 'page admin-queue' },
        h('div', { class: 'page-head' }, this.heading, h('div', { class: 'row gap' }, h('a', { class: 'button small', href: `#/queues/${encodeURIComponent(this.queueId)}` }, t('Activity log')), h('a', { class: 'button small', href: `widget/?queue=${encodeURIComponent(this.queueId)}`, target: '_blank', rel: 'noopener' }, t('Open chat window ↗')))),
        toc,
        this.summary,
        Object.values(this.sections),
        h('div', { class: 'save-bar' }, this.saveButton, this.saveState),
        this.membersSection,
      );
    replace(this.main, page);
    page.addEventListener('input', () => this.changed());
    page.addEventListener('change', (e) => {
      if (!e.target.closest('#sec-members')) this.changed();
    });
    this.heading.focus();
  }

  renderSection(name) {
    const section = this.sections[name];
    const builders = {
      general: () => this.generalSection(),
      hours: () => this.hoursSection(),
      exceptions: () => this.exceptionsSection(),
      offline: () => this.offlineSection(),
      form: () => this.formSection(),
      sites: () => this.sitesSection(),
      followup: () => this.followUpSection(),
      retention: () => this.retentionSection(),
    };
    replace(section, builders[name]());
  }

  structural(name) {
    this.changed();
    this.clearErrors();
    this.renderSection(name);
  }

  // ---- General ----
  generalSection() {
    const q = this.q;
    const overrides = [
      ['SCHEDULE', t('By the opening hours')],
      ['OPEN', t('Open now, whatever the hours say')],
      ['CLOSED', t('Closed now, whatever the hours say')],
    ];
    return [
      h('h2', { id: 'sec-general-title' }, t('General')),
      h(
        'div',
        { class: 'form-grid' },
        field(t('Name'), input({ value: q.name, path: 'name', testid: 'admin-queue-name', maxlength: 100, oninput: (e) => (q.name = e.target.value) })),
        field(t('Time zone'), input({ value: q.timeZone, path: 'timeZone', list: 'zones-edit', testid: 'admin-queue-zone', oninput: (e) => (q.timeZone = e.target.value) }), t('Opening hours and statistics days are in this time zone.')),
        zoneList('zones-edit'),
      ),
      h(
        'fieldset',
        { class: 'radio-group', 'data-path': 'override', testid: 'admin-queue-override' },
        h('legend', null, t('Open or closed')),
        overrides.map(([value, label]) =>
          h('label', { class: 'radio' }, h('input', { type: 'radio', name: 'override', value, checked: q.override === value, onchange: () => (q.override = value) }), label),
        ),
      ),
    ];
  }

  // ---- Opening hours ----
  hoursSection() {
    const q = this.q;
    const ticks = h('div', { class: 'hour-ticks', 'aria-hidden': 'true' }, [0, 6, 12, 18, 24].map((hr) => h('span', { style: { left: `${(hr / 24) * 100}%` } }, `${String(hr).padStart(2, '0')}`)));
    const rows = DAYS.map((day, dayIndex) => {
      const slots = q.openingHours.map((s, i) => ({ s, i })).filter((x) => x.s.day === day);
      const bar = h('div', { class: 'day-bar', 'aria-hidden': 'true' });
      const drawBar = () => replace(bar, daySegments(q.openingHours, day, DAYS[(dayIndex + 6) % 7]));
      drawBar();
      const slotEditors = slots.map(({ s, i }) => {
        const redraw = () => {
          drawBar();
          this.redrawBars();
        };
        return h(
          'span',
          { class: 'slot', testid: 'admin-slot' },
          timeInput(s.from, `openingHours[${i}].from`, t('{day} opens', { day: dayName(day) }), (v) => { s.from = v; redraw(); }),
          h('span', { 'aria-hidden': 'true' }, '–'),
          timeInput(s.to, `openingHours[${i}].to`, t('{day} closes', { day: dayName(day) }), (v) => { s.to = v; redraw(); }),
          h('button', { type: 'button', class: 'icon-button', 'aria-label': t('Remove {day} {from}–{to}', { day: dayName(day), from: s.from, to: s.to }), title: t('Remove'), onclick: () => { q.openingHours.splice(i, 1); this.structural('hours'); } }, '✕'),
        );
      });
      return h(
        'div',
        { class: 'day-row', testid: `admin-day-${day}`, dataset: { day } },
        h('div', { class: 'day-name' }, dayName(day)),
        bar,
        h(
          'div',
          { class: 'day-slots' },
          slotEditors.length ? slotEditors : h('span', { class: 'muted small' }, t('Closed')),
          h('button', {
            type: 'button',
            class: 'button small ghost',
            testid: `admin-add-slot-${day}`,
            'aria-label': t('Add opening hours on {day}', { day: dayName(day) }),
            onclick: () => {
              const last = slots.length ? slots[slots.length - 1].s : null;
              q.openingHours.push({ day, from: last ? last.to === '24:00' ? '00:00' : last.to : '08:00', to: last ? '24:00' : '16:00' });
              this.structural('hours');
            },
          }, t('+ Hours')),
        ),
      );
    });
    const copy = h(
      'button',
      {
        type: 'button',
        class: 'button small',
        testid: 'admin-copy-monday',
        onclick: () => {
          const monday = q.openingHours.filter((s) => s.day === 'MONDAY');
          q.openingHours = q.openingHours.filter((s) => !['TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].includes(s.day));
          for (const day of ['TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY']) for (const s of monday) q.openingHours.push({ day, from: s.from, to: s.to });
          this.structural('hours');
        },
      },
      t("Copy Monday's hours to Tuesday–Friday"),
    );
    return [
      h('h2', { id: 'sec-hours-title' }, t('Opening hours')),
      h('p', { class: 'muted small' }, t("Weekly hours in the queue's time zone ({zone}). Several slots a day are fine. A slot whose end is before its start runs past midnight (22:00–02:00); 24:00 means the end of the day.", { zone: q.timeZone })),
      h('div', { class: 'week-grid', 'data-path': 'openingHours', testid: 'admin-week-grid' }, h('div', { class: 'day-row head' }, h('span'), ticks, h('span')), rows),
      h('div', { class: 'row gap' }, copy),
    ];
  }

  redrawBars() {
    const bars = this.sections.hours.querySelectorAll('.day-row[data-day]');
    bars.forEach((row, dayIndex) => {
      const day = row.dataset.day;
      replace(row.querySelector('.day-bar'), daySegments(this.q.openingHours, day, DAYS[(dayIndex + 6) % 7]));
    });
  }

  // ---- Exceptions ----
  exceptionsSection() {
    const q = this.q;
    const rows = q.exceptions.map((ex, i) =>
      h(
        'tr',
        { testid: 'admin-exception' },
        h('td', null, input({ type: 'date', value: ex.date || '', path: `exceptions[${i}].date`, 'aria-label': t('Date'), oninput: (e) => (ex.date = e.target.value) })),
        h('td', null, h('input', { type: 'checkbox', checked: Boolean(ex.annual), 'aria-label': t('Every year'), onchange: (e) => (ex.annual = e.target.checked) })),
        h('td', null, h('input', { type: 'checkbox', checked: Boolean(ex.closed), 'aria-label': t('Closed all day'), onchange: (e) => { ex.closed = e.target.checked; this.structural('exceptions'); } })),
        h('td', null, timeInput(ex.from || '', `exceptions[${i}].from`, t('Opens'), (v) => (ex.from = v), ex.closed)),
        h('td', null, timeInput(ex.to || '', `exceptions[${i}].to`, t('Closes'), (v) => (ex.to = v), ex.closed)),
        h('td', null, h('button', { type: 'button', class: 'icon-button', 'aria-label': t('Remove the exception on {date}', { date: ex.date || t('no date') }), title: t('Remove'), onclick: () => { q.exceptions.splice(i, 1); this.structural('exceptions'); } }, '✕')),
      ),
    );
    return [
      h('h2', { id: 'sec-exceptions-title' }, t('Exceptions')),
      h('p', { class: 'muted small' }, t('Days that differ from the week: closed all day, or other hours. "Every year" repeats on the same date (Christmas Eve).')),
      q.exceptions.length
        ? h(
            'table',
            { class: 'table compact exceptions', 'data-path': 'exceptions' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                [t('Date'), t('Every year'), t('Closed all day'), t('Opens'), t('Closes')].map((c) => h('th', { scope: 'col' }, c)),
                h('th', { scope: 'col' }, h('span', { class: 'sr' }, t('Actions'))),
              ),
            ),
            h('tbody', null, rows),
          )
        : h('p', { class: 'muted', 'data-path': 'exceptions' }, t('No exceptions.')),
      h('button', { type: 'button', class: 'button small', testid: 'admin-add-exception', onclick: () => { q.exceptions.push({ date: '', annual: false, closed: true, from: '', to: '' }); this.structural('exceptions'); } }, t('+ Add exception')),
    ];
  }

  // ---- Offline ----
  offlineSection() {
    const q = this.q;
    const off = q.offline;
    const modes = [
      ['FORM', t('Contact form'), t('The visitor fills in the form below.')],
      ['MESSAGE', t('Message'), t('The message, the opening hours and the next opening; no form.')],
      ['BOT', t('Bot'), t('The bot answers common questions and can take a message by asking the form’s fields one by one.')],
    ];
    const answers = off.bot.answers.map((a, i) =>
      h(
        'div',
        { class: 'item-card', testid: 'admin-bot-answer' },
        h('div', { class: 'item-head' }, h('strong', null, t('Answer {n}', { n: i + 1 })), moveButtons(off.bot.answers, i, t('bot answer'), () => this.structural('offline'))),
        field(t('Keywords'), input({ value: a.keywordsText, path: `offline.bot.answers[${i}].keywords`, placeholder: 'opening hours, open, aukiolo', oninput: (e) => (a.keywordsText = e.target.value) }), t('Separated by commas. The visitor’s words are matched against them.')),
        translations(t('Quick-reply button'), a.label, `offline.bot.answers[${i}].label`, this.languages, { help: t('The button visitors tap, per language (e.g. Prices · Hinnat · Priser). Empty: the first keyword.') }),
        translations(t('Reply'), a.reply, `offline.bot.answers[${i}].reply`, this.languages, { multiline: true, rows: 2 }),
      ),
    );
    return [
      h('h2', { id: 'sec-offline-title' }, t('Offline')),
      h('p', { class: 'muted small' }, t('What the chat window shows while the queue is closed.')),
      h(
        'fieldset',
        { class: 'radio-group', 'data-path': 'offline.mode', testid: 'admin-offline-mode' },
        h('legend', null, t('While closed, show')),
        modes.map(([value, label, help]) =>
          h('label', { class: 'radio' }, h('input', { type: 'radio', name: 'offline-mode', value, checked: off.mode === value, onchange: () => (off.mode = value) }), h('span', null, h('strong', null, label), ' — ', h('span', { class: 'muted' }, help))),
        ),
      ),
      translations(t('Offline message'), off.message, 'offline.message', this.languages, { multiline: true, rows: 3, testid: 'admin-offline-message' }),
      h('h3', null, t('Bot')),
      translations(t('Greeting'), off.bot.greeting, 'offline.bot.greeting', this.languages, { multiline: true, rows: 2 }),
      h('div', { class: 'items', 'data-path': 'offline.bot.answers' }, answers.length ? answers : h('p', { class: 'muted' }, t('No answers yet.'))),
      h('button', { type: 'button', class: 'button small', testid: 'admin-add-bot-answer', onclick: () => { off.bot.answers.push({ keywordsText: '', reply: {}, label: {} }); this.structural('offline'); } }, t('+ Add answer')),
    ];
  }

  // ---- Form ----
  formSection() {
    const fields = this.q.form.fields;
    const cards = fields.map((f, i) => {
      const path = `form.fields[${i}]`;
      const ticked = f.type === 'checkbox' || f.type === 'consent';
      const typeSelect = h(
        'select',
        {
          'data-path': `${path}.type`,
          testid: 'admin-field-type',
          onchange: (e) => {
            f.type = e.target.value;
            f.maxLength = '';
            if (f.type === 'consent') f.required = true;
            if (f.type !== 'select') f.options = [];
            else if (!f.options.length) f.options.push({ value: 'option1', label: {} });
            this.structural('form');
          },
        },
        FIELD_TYPES.map(([value, label]) => h('option', { value, selected: f.type === value }, t(label))),
      );
      const options =
        f.type === 'select'
          ? h(
              'div',
              { class: 'options', 'data-path': `${path}.options` },
              h('h4', null, t('Options')),
              f.options.map((o, j) =>
                h(
                  'div',
                  { class: 'option-row', testid: 'admin-field-option' },
                  field(t('Value'), input({ value: o.value, oninput: (e) => (o.value = e.target.value), path: `${path}.options[${j}].value` })),
                  translations(t('Shown as'), o.label, `${path}.options`, this.languages, { compact: true }),
                  h('button', { type: 'button', class: 'icon-button', 'aria-label': t('Remove option {value}', { value: o.value }), title: t('Remove'), onclick: () => { f.options.splice(j, 1); this.structural('form'); } }, '✕'),
                ),
              ),
              h('button', { type: 'button', class: 'button small ghost', onclick: () => { f.options.push({ value: `option${f.options.length + 1}`, label: {} }); this.structural('form'); } }, t('+ Option')),
            )
          : null;
      return h(
        'div',
        { class: 'item-card field-card', testid: 'admin-field', dataset: { name: f.name } },
        h('div', { class: 'item-head' }, h('strong', null, `${i + 1}. `, f.name || t('(no name)')), h('span', { class: 'muted small' }, ` ${f.type}${f.hidden ? `, ${t('hidden')}` : ''}${f.required ? `, ${t('required')}` : ''}`), moveButtons(fields, i, t('field {name}', { name: f.name }), () => this.structural('form'))),
        h(
          'div',
          { class: 'form-grid' },
          field(t('Name (key)'), input({ value: f.name, path: `${path}.name`, testid: 'admin-field-name', oninput: (e) => (f.name = e.target.value) }), t('Letters, digits, _ or -; stays the same when labels change.')),
          field(t('Type'), typeSelect),
        ),
        translations(f.type === 'consent' ? t('Consent text') : t('Label'), f.label, `${path}.label`, this.languages, { multiline: f.type === 'consent', rows: 2 }),
        h(
          'div',
          { class: 'row gap wrap' },
          h('label', { class: 'check' }, h('input', { type: 'checkbox', checked: f.type === 'consent' || f.required, disabled: f.type === 'consent', testid: 'admin-field-required', onchange: (e) => (f.required = e.target.checked) }), t('Required')),
          h('label', { class: 'check' }, h('input', { type: 'checkbox', checked: f.hidden, testid: 'admin-field-hidden', onchange: (e) => { f.hidden = e.target.checked; } }), t('Hidden (filled in by the web page)')),
          ticked
            ? null
            : h('label', { class: 'inline' }, t('Max length '), h('input', { type: 'number', min: 1, max: 10000, class: 'num-input', value: f.maxLength ?? '', placeholder: String(DEFAULT_MAX[f.type] || ''), 'data-path': `${path}.maxLength`, oninput: (e) => (f.maxLength = e.target.value) })),
        ),
        f.hidden ? h('p', { class: 'muted small' }, t('The embedding page sets it with data-prefill-{attribute}="…" (or ?prefill.{name}=… on the chat window’s address).', { attribute: f.name.toLowerCase(), name: f.name })) : null,
        options,
      );
    });
    return [
      h('h2', { id: 'sec-form-title' }, t('Form')),
      h('p', { class: 'muted small' }, t('The questions a visitor answers, in this order (the bot asks them one by one).')),
      h('div', { class: 'items', 'data-path': 'form.fields' }, cards.length ? cards : h('p', { class: 'muted' }, t('No fields: this queue takes no messages.'))),
      h(
        'button',
        {
          type: 'button',
          class: 'button small',
          testid: 'admin-add-field',
          onclick: () => {
            fields.push({ name: `field${fields.length + 1}`, label: {}, type: 'text', required: false, maxLength: '', hidden: false, options: [] });
            this.structural('form');
          },
        },
        t('+ Add field'),
      ),
    ];
  }

  // ---- Web sites ----
  sitesSection() {
    const q = this.q;
    const embedSrc = new URL('widget/embed.js', document.baseURI).href;
    const snippet = `<script src="${embedSrc}" data-queue="${this.queueId}" defer></script>`;
    const snippetBox = h('textarea', { readonly: true, rows: 2, class: 'code', testid: 'admin-embed-snippet', 'aria-label': t('Embed snippet'), value: snippet });
    const copied = h('span', { class: 'muted small', role: 'status' });
    const copy = h(
      'button',
      {
        type: 'button',
        class: 'button small',
        testid: 'admin-copy-snippet',
        onclick: async () => {
          try {
            await navigator.clipboard.writeText(snippet);
          } catch {
            snippetBox.select();
            document.execCommand('copy');
          }
          copied.textContent = t('Copied.');
        },
      },
      t('Copy'),
    );
    return [
      h('h2', { id: 'sec-sites-title' }, t('Web sites')),
      field(
        t('Allowed origins'),
        h('textarea', { rows: 3, class: 'code', 'data-path': 'allowedOrigins', testid: 'admin-origins', placeholder: 'https://www.example.com', value: q.originsText, oninput: (e) => (q.originsText = e.target.value) }),
        t('One per line, like https://www.example.com (no path). Pages there may call the visitor API from the browser.'),
      ),
      h('h3', null, t('Embed snippet')),
      h('p', { class: 'muted small' }, t('Put this line into the web site’s pages. Add data-lang="fi" to fix the language, and data-prefill-<field>="…" for hidden fields.')),
      snippetBox,
      h('div', { class: 'row gap' }, copy, copied),
    ];
  }

  // ---- Follow-up: escalation and the fallback address ----
  followUpSection() {
    const q = this.q;
    // who may be told: the queue's members and the admins (others could not open the contact)
    const candidates = this.users.filter((u) => this.members.includes(u.username) || (u.roles || []).includes('admin'));
    const known = new Set(candidates.map((u) => u.username));
    const missing = q.escalationNotify.filter((n) => !known.has(n)).map((n) => ({ username: n, displayName: n }));
    const people = [...candidates, ...missing];
    const minutes = input({ type: 'number', min: 1, max: 10080, value: q.escalationMinutes, path: 'escalation.afterOpenMinutes', class: 'num-input', testid: 'admin-escalation-minutes', disabled: !q.escalationOn, oninput: (e) => (q.escalationMinutes = e.target.value) });
    return [
      h('h2', { id: 'sec-followup-title' }, t('Follow-up')),
      h(
        'label',
        { class: 'check' },
        h('input', { type: 'checkbox', checked: q.escalationOn, testid: 'admin-escalation-on', onchange: (e) => { q.escalationOn = e.target.checked; this.structural('followup'); } }),
        ' Chase contacts nobody answers',
      ),
      field(t('After this many open minutes'), minutes, t('Only minutes while the queue is open count (its hours, exceptions and open/closed by hand). A contact still New with no comment by then is marked overdue, and the people below get an e-mail with a link.')),
      h(
        'fieldset',
        { class: 'radio-group', 'data-path': 'escalation.notify', testid: 'admin-escalation-notify', disabled: !q.escalationOn },
        h('legend', null, t('Tell')),
        people.length
          ? people.map((u, i) =>
              h(
                'label',
                { class: 'check', 'data-path': `escalation.notify[${q.escalationNotify.indexOf(u.username)}]` },
                h('input', {
                  type: 'checkbox',
                  value: u.username,
                  checked: q.escalationNotify.includes(u.username),
                  onchange: (e) => {
                    q.escalationNotify = e.target.checked ? [...q.escalationNotify, u.username] : q.escalationNotify.filter((n) => n !== u.username);
                  },
                }),
                ` ${u.displayName || u.username} (${u.username})`,
              ),
            )
          : h('p', { class: 'muted small' }, t('Add members first.')),
      ),
      field(
        t('Fallback address'),
        input({ type: 'email', value: q.fallbackEmail, path: 'fallbackEmail', testid: 'admin-fallback-email', placeholder: 'support-team@example.com', maxlength: 254, oninput: (e) => (q.fallbackEmail = e.target.value) }),
        t('Gets the e-mail (a link, never the message) of a new contact that no member would hear of: nobody gets e-mail and nobody is online.'),
      ),
    ];
  }

  // ---- Retention ----
  retentionSection() {
    const q = this.q;
    return [
      h('h2', { id: 'sec-retention-title' }, t('Retention')),
      field(
        t('Keep contacts for (days)'),
        input({ type: 'number', min: 1, max: 3650, value: q.retentionDays ?? '', path: 'retentionDays', class: 'num-input', testid: 'admin-retention', oninput: (e) => (q.retentionDays = e.target.value) }),
        t('Older contacts are erased automatically; the log keeps only that they were deleted.'),
      ),
      this.deleteQueueBox(),
    ];
  }

  // Deleting the queue erases its contacts: confirmed by typing the queue's id.
  deleteQueueBox() {
    const confirmation = h('input', { id: 'queue-delete-confirm', autocomplete: 'off', testid: 'admin-queue-delete-confirm' });
    const button = h('button', { type: 'button', class: 'button danger', testid: 'admin-queue-delete' }, t('Delete this queue'));
    const result = h('p', { class: 'form-error', role: 'alert', testid: 'admin-queue-delete-error' });
    button.addEventListener('click', async () => {
      if (confirmation.value.trim() !== this.queueId) {
        result.textContent = t('Type {id} to confirm.', { id: this.queueId });
        return;
      }
      button.disabled = true;
      try {
        await api(`admin/queues/${encodeURIComponent(this.queueId)}`, { method: 'DELETE' });
        this.dirty = false;
        await this.ctx.refreshQueues();
        this.ctx.navigate('#/admin/queues', { force: true });
      } catch (e) {
        result.textContent = t('Not deleted: {message}', { message: e.message });
        button.disabled = false;
      }
    });
    return h(
      'div',
      { class: 'danger-zone' },
      h('h3', null, t('Delete this queue')),
      h('p', { class: 'muted small' }, t('Erases every contact of the queue with its comments (the log keeps that they were deleted), its members and owed e-mail. The chat window stops working on every site that embeds it. This cannot be undone.')),
      field(t('Type {id} to confirm', { id: this.queueId }), confirmation),
      h('div', { class: 'row gap' }, button),
      result,
    );
  }

  // ---- Members (saved at once, apart from the rest) ----
  renderMembers() {
    const status = h('span', { class: 'muted small', role: 'status' });
    const available = this.users.filter((u) => !this.members.includes(u.username));
    const select = h('select', { id: 'member-add', testid: 'admin-member-select' }, available.map((u) => h('option', { value: u.username }, `${u.displayName || u.username} (${u.username})`)));
    const add = h('button', { type: 'button', class: 'button small', testid: 'admin-member-add', disabled: available.length === 0 }, t('Add'));
    add.addEventListener('click', async () => {
      const username = select.value;
      if (!username) return;
      try {
        await api(`admin/queues/${encodeURIComponent(this.queueId)}/members/${encodeURIComponent(username)}`, { method: 'PUT' });
        this.members = [...this.members, username].sort();
        this.refreshReach();
      } catch (e) {
        status.textContent = t('Could not add: {message}', { message: e.message });
      }
    });
    replace(
      this.membersSection,
      h('h2', { id: 'sec-members-title' }, t('Members')),
      h('p', { class: 'muted small' }, t('Agents who work in this queue: they see its log and contacts and get its notifications. Changes here are saved at once.')),
      this.reachLine(),
      this.members.length
        ? h(
            'ul',
            { class: 'member-list', testid: 'admin-members' },
            this.members.map((m) =>
              h(
                'li',
                null,
                h('span', null, m),
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'button small ghost',
                    'aria-label': t('Remove {name} from this queue', { name: m }),
                    onclick: async () => {
                      try {
                        await api(`admin/queues/${encodeURIComponent(this.queueId)}/members/${encodeURIComponent(m)}`, { method: 'DELETE' });
                        this.members = this.members.filter((x) => x !== m);
                        this.refreshReach();
                      } catch (e) {
                        status.textContent = t('Could not remove: {message}', { message: e.message });
                      }
                    },
                  },
                  t('Remove'),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, t('Nobody yet.')),
      h('div', { class: 'row gap' }, h('label', { for: 'member-add' }, t('Add')), select, add, status),
    );
  }

  /** "3 members · 2 get e-mail · 1 online now", in amber when a new contact would reach nobody. */
  reachLine() {
    const r = this.q.reach;
    if (!r) return null;
    const line = h('p', { class: 'reach-line', testid: 'admin-reach' }, [plural(r.members, '{n} member', '{n} members'), plural(r.email, '{n} gets e-mail', '{n} get e-mail'), t('{n} online now', { n: r.live })].join(' · '));
    if (r.email > 0 || r.live > 0) return line;
    if (this.q.fallbackEmail && this.q.fallbackEmail.trim()) {
      return [line, h('p', { class: 'muted small', testid: 'admin-reach-fallback' }, t('Nobody would be told of a new contact now: it goes to {address}.', { address: this.q.fallbackEmail.trim() }))];
    }
    return [
      line,
      h(
        'p',
        { class: 'reach-warning', role: 'status', testid: 'admin-reach-warning' },
        h('strong', null, t('A new contact would reach nobody.') + ' '),
        t('No member gets e-mail and nobody is online with sound or desktop on. Turn on e-mail for a member, or '),
        h('a', { href: '#sec-followup', onclick: (e) => { e.preventDefault(); document.getElementById('sec-followup').scrollIntoView({ behavior: 'smooth' }); } }, t('set a fallback address')),
        '.',
      ),
    ];
  }

  /** The reach changes with the members: read it again. */
  async refreshReach() {
    try {
      const fresh = await api(`admin/queues/${encodeURIComponent(this.queueId)}`);
      this.q.reach = fresh.reach;
    } catch (e) {
      // the line keeps its last answer
    }
    this.renderMembers();
    this.renderSection('followup');
  }

  // ---- Saving ----
  async save() {
    this.clearErrors();
    this.saveButton.disabled = true;
    this.saveState.textContent = t('Saving…');
    try {
      const saved = await api(`admin/queues/${encodeURIComponent(this.queueId)}`, { method: 'PUT', body: toBody(this.q) });
      this.load({ ...saved, reach: this.q.reach });
      this.dirty = false;
      for (const name of Object.keys(this.sections)) this.renderSection(name);
      this.refreshReach();
      replace(this.heading, this.q.name, h('span', { class: 'muted light' }, ` · ${t('Settings')}`));
      this.saveState.textContent = t('Saved at {time}.', { time: dateFormat({ hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date()) });
      this.ctx.refreshQueues();
    } catch (e) {
      if (e.fields) {
        this.showErrors(e.fields);
        this.saveState.textContent = t('Not saved: see the problems above.');
      } else {
        this.saveState.textContent = t('Not saved: {message}', { message: e.message });
      }
    } finally {
      this.saveButton.disabled = false;
    }
  }

  clearErrors() {
    this.main.querySelectorAll('.field-error.admin').forEach((el) => el.remove());
    this.main.querySelectorAll('[aria-invalid="true"]').forEach((el) => el.setAttribute('aria-invalid', 'false'));
    if (this.summary) {
      this.summary.hidden = true;
      this.summary.replaceChildren();
    }
  }

  showErrors(fields) {
    const items = [];
    for (const [path, message] of Object.entries(fields)) {
      const target = findByPath(this.main, path);
      if (target) {
        target.setAttribute('aria-invalid', 'true');
        const note = h('p', { class: 'field-error admin' }, message);
        const holder = target.closest('.f, .slot, td, fieldset, .items, .options, .week-grid') || target.parentElement;
        holder.append(note);
      }
      items.push(
        h(
          'li',
          null,
          target
            ? h('a', { href: '#', onclick: (e) => { e.preventDefault(); target.scrollIntoView({ block: 'center' }); if (target.focus) target.focus(); } }, `${describePath(path)}: ${message}`)
            : `${describePath(path)}: ${message}`,
        ),
      );
    }
    replace(this.summary, h('p', null, h('strong', null, t('The queue was not saved. Please fix:'))), h('ul', null, items));
    this.summary.hidden = false;
    this.summary.focus();
  }
}

function findByPath(root, path) {
  let p = path;
  while (p) {
    const el = root.querySelector(`[data-path="${CSS.escape(p)}"]`);
    if (el) return el;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return null;
    p = p.slice(0, cut);
  }
  return null;
}

function describePath(path) {
  return path
    .replace(/^form\.fields\[(\d+)\]/, (m, i) => t('Form field {n}', { n: Number(i) + 1 }))
    .replace(/^openingHours\[(\d+)\]/, (m, i) => t('Opening hours slot {n}', { n: Number(i) + 1 }))
    .replace(/^exceptions\[(\d+)\]/, (m, i) => t('Exception {n}', { n: Number(i) + 1 }))
    .replace(/^offline\.bot\.answers\[(\d+)\]/, (m, i) => t('Bot answer {n}', { n: Number(i) + 1 }))
    .replace(/^allowedOrigins\[(\d+)\]/, (m, i) => t('Allowed origin {n}', { n: Number(i) + 1 }))
    .replace(/^escalation\.notify\[(\d+)\]/, (m, i) => t('Follow-up: person {n} to tell', { n: Number(i) + 1 }))
    .replace(/^escalation\.afterOpenMinutes/, t('Follow-up: open minutes'))
    .replace(/^fallbackEmail/, t('Fallback address'));
}

/** The queue as edited: arrays everywhere, keywords and origins as text. */
function normalise(q) {
  const copy = structuredClone(q);
  copy.openingHours = copy.openingHours || [];
  copy.exceptions = (copy.exceptions || []).map((e) => ({ ...e, from: e.from || '', to: e.to || '' }));
  copy.override = copy.override || 'SCHEDULE';
  copy.offline = copy.offline || {};
  copy.offline.mode = copy.offline.mode || 'FORM';
  copy.offline.message = copy.offline.message || {};
  copy.offline.bot = copy.offline.bot || {};
  copy.offline.bot.greeting = copy.offline.bot.greeting || {};
  copy.offline.bot.answers = (copy.offline.bot.answers || []).map((a) => ({ keywordsText: (a.keywords || []).join(', '), reply: a.reply || {}, label: a.label || {} }));
  copy.form = copy.form || {};
  copy.form.fields = (copy.form.fields || []).map((f) => ({
    ...f,
    label: f.label || {},
    options: (f.options || []).map((o) => ({ value: o.value, label: o.label || {} })),
    maxLength: f.maxLength === DEFAULT_MAX[f.type] ? '' : f.maxLength ?? '',
  }));
  copy.originsText = (copy.allowedOrigins || []).join('\n');
  copy.escalationOn = Boolean(copy.escalation);
  copy.escalationMinutes = copy.escalation ? copy.escalation.afterOpenMinutes : 60;
  copy.escalationNotify = copy.escalation ? [...(copy.escalation.notify || [])] : [];
  copy.fallbackEmail = copy.fallbackEmail || '';
  return copy;
}

function languagesOf(q) {
  const langs = new Set(BASE_LANGUAGES);
  const add = (map) => Object.keys(map || {}).forEach((k) => langs.add(k));
  add(q.offline.message);
  add(q.offline.bot.greeting);
  q.offline.bot.answers.forEach((a) => {
    add(a.reply);
    add(a.label);
  });
  q.form.fields.forEach((f) => {
    add(f.label);
    f.options.forEach((o) => add(o.label));
  });
  return [...langs];
}

function cleanTexts(map) {
  const out = {};
  for (const [lang, text] of Object.entries(map || {})) if (text && text.trim()) out[lang] = text.trim();
  return out;
}

function toBody(q) {
  return {
    name: q.name,
    timeZone: q.timeZone,
    openingHours: q.openingHours.map((s) => ({ day: s.day, from: s.from, to: s.to })),
    exceptions: q.exceptions.map((e) => ({ date: e.date, annual: Boolean(e.annual), closed: Boolean(e.closed), from: e.closed ? null : e.from, to: e.closed ? null : e.to })),
    override: q.override,
    offline: {
      mode: q.offline.mode,
      message: cleanTexts(q.offline.message),
      bot: {
        greeting: cleanTexts(q.offline.bot.greeting),
        answers: q.offline.bot.answers.map((a) => ({ keywords: a.keywordsText.split(',').map((k) => k.trim()).filter(Boolean), reply: cleanTexts(a.reply), label: cleanTexts(a.label) })),
      },
    },
    form: {
      fields: q.form.fields.map((f) => ({
        name: f.name,
        label: cleanTexts(f.label),
        type: f.type,
        required: f.type === 'consent' ? true : Boolean(f.required),
        maxLength: f.maxLength === '' || f.maxLength == null || f.type === 'checkbox' || f.type === 'consent' ? null : Number(f.maxLength),
        hidden: Boolean(f.hidden),
        options: f.type === 'select' ? f.options.map((o) => ({ value: o.value, label: cleanTexts(o.label) })) : [],
      })),
    },
    allowedOrigins: q.originsText.split(/[\s,]+/).map((o) => o.trim()).filter(Boolean),
    retentionDays: q.retentionDays === '' || q.retentionDays == null ? null : Number(q.retentionDays),
    escalation: q.escalationOn ? { afterOpenMinutes: q.escalationMinutes === '' ? null : Number(q.escalationMinutes), notify: q.escalationNotify } : null,
    fallbackEmail: q.fallbackEmail.trim() || null,
  };
}

// ---- small builders ----

function input(props) {
  const { path, ...rest } = props;
  return h('input', { type: 'text', autocomplete: 'off', ...rest, 'data-path': path });
}

let fieldCounter = 0;
function field(label, control, help) {
  fieldCounter += 1;
  const id = control.id || `af-${fieldCounter}`;
  control.id = id;
  const helpId = help ? `${id}-help` : null;
  if (helpId) control.setAttribute('aria-describedby', helpId);
  return h('div', { class: 'f' }, h('label', { for: id }, label), control, help ? h('p', { class: 'muted small help', id: helpId }, help) : null);
}

function timeInput(value, path, label, onChange, disabled) {
  const el = h('input', {
    type: 'text',
    class: 'time-input',
    value,
    inputmode: 'numeric',
    placeholder: 'hh:mm',
    maxlength: 5,
    size: 5,
    'aria-label': label,
    'data-path': path,
    disabled,
    autocomplete: 'off',
  });
  el.addEventListener('input', () => {
    const v = el.value.trim();
    if (TIME.test(v)) onChange(v);
    else if (v === '') onChange('');
  });
  el.addEventListener('blur', () => {
    // "8" → 08:00, "830" → 08:30, "8.30" → 08:30
    const v = el.value.trim();
    const m = /^(\d{1,2})(?:[:.]?(\d{2}))?$/.exec(v);
    if (m && !TIME.test(v)) {
      const fixed = `${m[1].padStart(2, '0')}:${m[2] || '00'}`;
      if (TIME.test(fixed)) {
        el.value = fixed;
        onChange(fixed);
      }
    }
    if (v !== '' && !TIME.test(el.value)) onChange(el.value);
  });
  return el;
}

function translations(label, map, path, languages, { multiline = false, rows = 2, compact = false, testid, help } = {}) {
  return h(
    'fieldset',
    { class: ['translations', compact && 'compact', !multiline && 'side-by-side'], 'data-path': path, testid },
    h('legend', null, label),
    help ? h('p', { class: 'muted small help' }, help) : null,
    languages.map((lang) => {
      fieldCounter += 1;
      const id = `tr-${fieldCounter}`;
      const props = { id, 'data-path': `${path}.${lang}`, lang, value: map[lang] || '', oninput: (e) => (map[lang] = e.target.value) };
      return h(
        'div',
        { class: 'f tr' },
        h('label', { for: id }, h('abbr', { title: languageName(lang) }, lang)),
        multiline ? h('textarea', { ...props, rows }) : h('input', { type: 'text', ...props }),
      );
    }),
  );
}

function moveButtons(list, i, what, after) {
  return h(
    'span',
    { class: 'move' },
    h('button', { type: 'button', class: 'icon-button', 'aria-label': t('Move {what} up', { what }), title: t('Move up'), disabled: i === 0, onclick: () => { [list[i - 1], list[i]] = [list[i], list[i - 1]]; after(); } }, '↑'),
    h('button', { type: 'button', class: 'icon-button', 'aria-label': t('Move {what} down', { what }), title: t('Move down'), disabled: i === list.length - 1, onclick: () => { [list[i + 1], list[i]] = [list[i], list[i + 1]]; after(); } }, '↓'),
    h('button', { type: 'button', class: 'icon-button', 'aria-label': t('Remove {what}', { what }), title: t('Remove'), onclick: () => { list.splice(i, 1); after(); } }, '✕'),
  );
}

function minutes(text) {
  if (!TIME.test(text || '')) return null;
  const [hh, mm] = text.split(':').map(Number);
  return hh * 60 + mm;
}

/** The bar segments of one day: its own slots, and the night part of the day before's late slots. */
function daySegments(slots, day, dayBefore) {
  const segments = [];
  for (const s of slots) {
    const from = minutes(s.from);
    let to = minutes(s.to);
    if (from == null || to == null) continue;
    if (to === 0 && s.to !== '24:00') to = from === 0 ? 1440 : 0;
    const overnight = to <= from && !(from === 0 && to === 1440);
    if (s.day === day) {
      segments.push([from, overnight ? 1440 : to, false, s]);
    } else if (s.day === dayBefore && overnight && to > 0) {
      segments.push([0, to, true, s]);
    }
  }
  return segments.map(([a, b, spill, s]) =>
    h('span', { class: ['seg', spill && 'spill'], style: { left: `${(a / 1440) * 100}%`, width: `${((b - a) / 1440) * 100}%` }, title: `${s.from}–${s.to}${spill ? ` (${t('from the day before')})` : ''}` }),
  );
}

// =============================================================================================
// Users and memberships

export async function adminUsersView(main, ctx) {
  const heading = h('h1', { tabindex: '-1' }, t('Users'));
  const body = h('div', null, h('p', { class: 'muted' }, t('Loading…')));
  replace(main, h('div', { class: 'page' }, heading, body));
  heading.focus();
  let users;
  let queues;
  let members;
  try {
    [users, queues] = await Promise.all([api('admin/users'), api('admin/queues')]);
    members = new Map(await Promise.all(queues.map(async (q) => [q.id, new Set(await api(`admin/queues/${encodeURIComponent(q.id)}/members`))])));
  } catch (e) {
    if (!ctx.isCurrent()) return;
    replace(body, h('p', { class: 'form-error', role: 'alert' }, t('Could not load: {message}', { message: e.message })));
    return;
  }
  if (!ctx.isCurrent()) return;

  const status = h('p', { class: 'muted small', role: 'status', testid: 'admin-users-status' });
  // one panel under the table holds whichever editor is open: edit, new password or delete
  const panel = h('div', { testid: 'admin-user-panel' });
  const table = h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'table', testid: 'admin-user-list' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('User')),
          h('th', { scope: 'col' }, t('E-mail')),
          h('th', { scope: 'col' }, t('Roles')),
          h('th', { scope: 'col' }, t('Last login')),
          queues.map((q) => h('th', { scope: 'col', class: 'center' }, q.name)),
          h('th', { scope: 'col' }, h('span', { class: 'sr' }, t('Actions'))),
        ),
      ),
      h(
        'tbody',
        null,
        users.map((u) =>
          h(
            'tr',
            { testid: 'admin-user-row', class: u.disabled ? 'disabled-user' : null, dataset: { username: u.username } },
            h(
              'td',
              null,
              h('strong', null, u.displayName || u.username),
              u.disabled ? h('span', { class: 'badge warn', testid: 'admin-user-disabled' }, t('Disabled')) : null,
              h('br'),
              h('span', { class: 'muted small' }, u.username),
            ),
            h('td', null, u.email || ''),
            h('td', null, (u.roles || []).join(', ')),
            h('td', { class: 'small' }, u.lastLoginAt ? h('time', { datetime: u.lastLoginAt, title: u.lastLoginAt }, new Date(u.lastLoginAt).toLocaleString()) : h('span', { class: 'muted' }, 'never')),
            queues.map((q) => {
              const box = h('input', {
                type: 'checkbox',
                checked: members.get(q.id).has(u.username),
                'aria-label': t('{user} is a member of {queue}', { user: u.username, queue: q.name }),
                testid: `admin-membership-${q.id}-${u.username}`,
              });
              box.addEventListener('change', async () => {
                box.disabled = true;
                try {
                  await api(`admin/queues/${encodeURIComponent(q.id)}/members/${encodeURIComponent(u.username)}`, { method: box.checked ? 'PUT' : 'DELETE' });
                  if (box.checked) members.get(q.id).add(u.username);
                  else members.get(q.id).delete(u.username);
                  status.textContent = `${u.username} ${box.checked ? 'added to' : 'removed from'} ${q.name}.`;
                } catch (e) {
                  box.checked = !box.checked;
                  status.textContent = t('Not changed: {message}', { message: e.message });
                } finally {
                  box.disabled = false;
                }
              });
              return h('td', { class: 'center' }, box);
            }),
            h('td', { class: 'row gap nowrap' }, userActions(u, ctx, panel, status)),
          ),
        ),
      ),
    ),
  );

  const form = newUserForm(ctx);
  replace(
    body,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'users-title' },
      h('h2', { id: 'users-title' }, t('Users and their queues')),
      h('p', { class: 'muted small' }, t('Tick a box to make the user a member of that queue (saved at once). Disabling, deleting or a new password signs the user out everywhere within seconds.')),
      table,
      status,
    ),
    panel,
    form,
  );
}

function userActions(u, ctx, panelEl, status) {
  const path = `admin/users/${encodeURIComponent(u.username)}`;
  const reload = () => ctx.navigate('#/admin/users', { force: true });
  const button = (label, testid, onClick) => {
    const b = h('button', { type: 'button', class: 'button small', testid: `${testid}-${u.username}` }, label);
    b.addEventListener('click', onClick);
    return b;
  };
  const open = (title, fields, submitLabel, submit, danger = false) => {
    const error = h('div', { class: 'form-error', role: 'alert', testid: 'admin-user-panel-error' });
    const cancel = h('button', { type: 'button', class: 'button' }, t('Cancel'));
    cancel.addEventListener('click', () => panelEl.replaceChildren());
    const form = h(
      'form',
      { class: 'card form-grid', novalidate: true, testid: 'admin-user-editor' },
      h('h2', { class: 'span', tabindex: '-1' }, title),
      fields,
      h('div', { class: 'span row gap' }, h('button', { type: 'submit', class: `button ${danger ? 'danger' : 'primary'}`, testid: 'admin-user-editor-submit' }, submitLabel), cancel),
      error,
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.replaceChildren();
      try {
        await submit();
        reload();
      } catch (err) {
        if (err.fields) append(error, h('ul', null, Object.entries(err.fields).map(([k, v]) => h('li', null, `${k}: ${v}`))));
        else error.textContent = err.message;
      }
    });
    panelEl.replaceChildren(form);
    form.querySelector('h2').focus();
  };

  const edit = button(t('Edit'), 'admin-user-edit', () => {
    const name = h('input', { id: 'eu-name', value: u.displayName || '', testid: 'admin-edit-user-name' });
    const email = h('input', { id: 'eu-email', type: 'email', value: u.email || '', testid: 'admin-edit-user-email' });
    const agent = h('input', { type: 'checkbox', value: 'agent', checked: u.roles.includes('agent') });
    const admin = h('input', { type: 'checkbox', value: 'admin', checked: u.roles.includes('admin'), testid: 'admin-edit-user-admin' });
    open(
      t('Edit {user}', { user: u.username }),
      [
        h('label', { for: 'eu-name' }, t('Display name')),
        name,
        h('label', { for: 'eu-email' }, t('E-mail')),
        email,
        h('span', null, t('Roles')),
        h('div', { class: 'row gap' }, h('label', { class: 'check' }, agent, t('Agent')), h('label', { class: 'check' }, admin, t('Admin'))),
      ],
      t('Save'),
      () => api(path, { method: 'PUT', body: { displayName: name.value.trim(), email: email.value.trim(), roles: [agent, admin].filter((b) => b.checked).map((b) => b.value) } }),
    );
  });

  const toggle = button(u.disabled ? t('Enable') : t('Disable'), 'admin-user-toggle', async () => {
    toggle.disabled = true;
    try {
      await api(path, { method: 'PUT', body: { disabled: !u.disabled } });
      reload();
    } catch (e) {
      status.textContent = t('Not changed: {message}', { message: e.message });
      toggle.disabled = false;
    }
  });

  const reset = button(t('New password'), 'admin-user-reset', () => {
    const password = h('input', { id: 'ru-password', type: 'password', autocomplete: 'new-password', minlength: 12, testid: 'admin-reset-password' });
    open(
      t('New password for {user}', { user: u.username }),
      [h('label', { for: 'ru-password' }, t('New password')), h('div', null, password, h('p', { class: 'muted small' }, t('At least 12 characters, not a well-known password. The user is signed out everywhere.')))],
      t('Set password'),
      () => api(`${path}/password`, { method: 'PUT', body: { password: password.value } }),
    );
  });

  const remove = button(t('Delete'), 'admin-user-delete', () => {
    const confirmation = h('input', { id: 'du-confirm', autocomplete: 'off', testid: 'admin-delete-confirm' });
    open(
      t('Delete {user}', { user: u.username }),
      [
        h('p', { class: 'span' }, t('Their memberships, settings and sessions go; their comments keep their name. This cannot be undone.')),
        h('label', { for: 'du-confirm' }, t('Type {id} to confirm', { id: u.username })),
        confirmation,
      ],
      t('Delete user'),
      async () => {
        if (confirmation.value.trim() !== u.username) throw new Error(t('Type {id} to confirm.', { id: u.username }));
        await api(path, { method: 'DELETE' });
      },
      true,
    );
  });

  return [edit, toggle, reset, remove];
}

function newUserForm(ctx) {
  const inputs = {
    username: h('input', { id: 'nu-username', 'data-path': 'username', autocomplete: 'off', required: true, testid: 'admin-new-user-username', pattern: '[a-z0-9._-]{2,40}' }),
    displayName: h('input', { id: 'nu-display', 'data-path': 'displayName', autocomplete: 'off', testid: 'admin-new-user-name' }),
    email: h('input', { id: 'nu-email', type: 'email', 'data-path': 'email', autocomplete: 'off', testid: 'admin-new-user-email' }),
    password: h('input', { id: 'nu-password', type: 'password', 'data-path': 'password', autocomplete: 'new-password', minlength: 12, testid: 'admin-new-user-password' }),
  };
  const agent = h('input', { type: 'checkbox', checked: true, value: 'agent', testid: 'admin-new-user-agent' });
  const admin = h('input', { type: 'checkbox', value: 'admin', testid: 'admin-new-user-admin' });
  const error = h('div', { class: 'form-error', role: 'alert', testid: 'admin-new-user-error' });
  const form = h(
    'form',
    { class: 'card form-grid', testid: 'admin-new-user', novalidate: true },
    h('h2', { class: 'span' }, t('New user')),
    h('label', { for: 'nu-username' }, t('Username')),
    h('div', null, inputs.username, h('p', { class: 'muted small' }, t('2–40 lower-case letters, digits, ".", "_" or "-".'))),
    h('label', { for: 'nu-display' }, t('Display name')),
    inputs.displayName,
    h('label', { for: 'nu-email' }, t('E-mail')),
    inputs.email,
    h('label', { for: 'nu-password' }, t('Password')),
    h('div', null, inputs.password, h('p', { class: 'muted small' }, t('At least 12 characters, not the username or a well-known password. Tell it to the user in person.'))),
    h('span', null, t('Roles')),
    h('div', { class: 'row gap', 'data-path': 'roles' }, h('label', { class: 'check' }, agent, t('Agent')), h('label', { class: 'check' }, admin, t('Admin'))),
    h('div', { class: 'span' }, h('button', { type: 'submit', class: 'button primary', testid: 'admin-new-user-submit' }, t('Create user'))),
    error,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.replaceChildren();
    const body = {
      username: inputs.username.value.trim(),
      displayName: inputs.displayName.value.trim(),
      email: inputs.email.value.trim(),
      password: inputs.password.value,
      roles: [agent, admin].filter((b) => b.checked).map((b) => b.value),
    };
    try {
      await api('admin/users', { method: 'POST', body });
      ctx.navigate('#/admin/users', { force: true });
    } catch (err) {
      if (err.fields) append(error, h('ul', null, Object.entries(err.fields).map(([k, v]) => h('li', null, `${k}: ${v}`))));
      else error.textContent = err.status === 409 ? t('The username {user} is taken.', { user: body.username }) : err.message;
    }
  });
  return form;
}

// #/stats/{queueId}?from=YYYY-MM-DD&to=YYYY-MM-DD&grain=hour|day|month&zone=Area/City
//
// The queue's statistics at a grain and in a time zone (default: day, the queue's zone): counts,
// the medians, registered and escalated contacts per period as a bar chart drawn here as inline SVG
// (no library), the same numbers as a table (for screen readers and copying) and as a CSV made in
// the browser from the same JSON, and "Questionnaire answers" with the server's CSV.

import { h, replace, svg } from '../common/dom.js';
import { api, url } from './api.js';
import { duration, isoDay, addDays, statusLabel, when, fullTime } from './format.js';
import { t, msg, plural, dateFormat, numberFormat, timeZone, browserZone, zones, isZone } from './i18n.js';

const MAX_ROWS_SHOWN = 500;
const GRAINS = [
  ['hour', msg('Hour')],
  ['day', msg('Day')],
  ['month', msg('Month')],
];
const SERIES_TITLE = { hour: msg('Contacts per hour'), day: msg('Contacts per day'), month: msg('Contacts per month') };
const STATUSES = ['NEW', 'IN_PROGRESS', 'DONE'];

export async function statsView(main, ctx, queueId, query) {
  const queue = ctx.queues.find((q) => q.id === queueId);
  const name = queue ? queue.name : queueId;
  const grain = GRAINS.some(([g]) => g === query.get('grain')) ? query.get('grain') : 'day';
  const zone = query.get('zone') && isZone(query.get('zone')) ? query.get('zone') : '';
  // "Today" is the day in the zone the periods are counted in: at 00:30 in Helsinki a contact of
  // a minute ago belongs to a day that has not begun in UTC.
  const todayIn = (chosenZone) => isoDay(new Date(), chosenZone || (queue && queue.timeZone) || undefined);
  const today = todayIn(zone);
  const from = validDay(query.get('from')) || addDays(today, 29);
  const to = validDay(query.get('to')) || today;
  const go = (params) => {
    const next = new URLSearchParams({ from, to, grain, ...(zone ? { zone } : {}), ...params });
    if (!next.get('zone')) next.delete('zone');
    ctx.navigate(`#/stats/${encodeURIComponent(queueId)}?${next}`);
  };

  const heading = h('h1', { tabindex: '-1' }, name, h('span', { class: 'muted light' }, ` · ${t('Statistics')}`));
  const fromInput = h('input', { type: 'date', id: 'stats-from', value: from, max: today, testid: 'stats-from', required: true });
  const toInput = h('input', { type: 'date', id: 'stats-to', value: to, max: today, testid: 'stats-to', required: true });
  const grainSelect = h(
    'select',
    { id: 'stats-grain', testid: 'stats-grain' },
    GRAINS.map(([value, label]) => h('option', { value, selected: value === grain }, t(label))),
  );
  const queueZoneOption = h('option', { value: '' }, t("The queue's time zone"));
  const zoneSelect = h(
    'select',
    { id: 'stats-zone', testid: 'stats-zone' },
    queueZoneOption,
    zones(zone, timeZone(), browserZone(), 'UTC').map((z) => h('option', { value: z, selected: z === zone }, z)),
  );
  const rangeError = h('p', { class: 'form-error', role: 'alert', testid: 'stats-range-error' });
  const rangeForm = h(
    'form',
    { class: 'range', testid: 'stats-range' },
    h('label', { for: 'stats-from' }, t('From')),
    fromInput,
    h('label', { for: 'stats-to' }, t('To')),
    toInput,
    h('label', { for: 'stats-grain' }, t('Per')),
    grainSelect,
    h('label', { for: 'stats-zone' }, t('Time zone')),
    zoneSelect,
    h('button', { type: 'submit', class: 'button primary', testid: 'stats-show' }, t('Show')),
    h('span', { class: 'range-presets' }, preset(t('7 days'), 6), preset(t('30 days'), 29), preset(t('90 days'), 89)),
  );
  function preset(label, days) {
    return h('button', { type: 'button', class: 'button small ghost', onclick: () => go({ from: addDays(today, days), to: today }) }, label);
  }
  rangeForm.addEventListener('submit', (e) => {
    e.preventDefault();
    let a = fromInput.value;
    let b = toInput.value;
    if (!a || !b) return;
    if (a > b) [a, b] = [b, a];
    const nextToday = todayIn(zoneSelect.value);
    if (b === today && nextToday !== today) {
      // a range that ended today keeps ending today in the newly chosen zone
      const shift = (Date.parse(today) - Date.parse(nextToday)) / 86400000;
      [a, b] = [addDays(a, shift), nextToday];
    }
    go({ from: a, to: b, grain: grainSelect.value, zone: zoneSelect.value });
  });
  grainSelect.addEventListener('change', () => rangeForm.requestSubmit());
  zoneSelect.addEventListener('change', () => rangeForm.requestSubmit());

  const download = h('button', { type: 'button', class: 'button', testid: 'stats-download-csv' }, t('Download CSV'));
  const downloadStatus = h('span', { class: 'muted small', role: 'status' });
  download.addEventListener('click', () => downloadAnswers(queueId, from, to, download, downloadStatus));

  const note = h('p', { class: 'muted small', testid: 'stats-zone-note' }, t('Spam is left out of every figure but its own.'));
  const body = h('div', { class: 'stats-body' }, h('p', { class: 'muted' }, t('Loading…')));
  replace(
    main,
    h(
      'div',
      { class: 'page' },
      h('div', { class: 'page-head' }, heading, h('a', { class: 'button small', href: `#/queues/${encodeURIComponent(queueId)}` }, `← ${t('Activity log')}`)),
      rangeForm,
      rangeError,
      note,
      body,
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'answers-title' },
        h('div', { class: 'section-head' }, h('h2', { id: 'answers-title' }, t('Questionnaire answers')), h('div', { class: 'row gap' }, downloadStatus, download)),
        h('div', { class: 'answers-table-wrap', testid: 'stats-answers' }, h('p', { class: 'muted' }, t('Loading…'))),
      ),
    ),
  );
  heading.focus();

  let summary;
  let rows;
  try {
    [summary, rows] = await Promise.all([
      api(`queues/${encodeURIComponent(queueId)}/statistics`, { query: { from, to, granularity: grain, timeZone: zone } }),
      api(`queues/${encodeURIComponent(queueId)}/questionnaire-answers`, { query: { from, to } }),
    ]);
  } catch (e) {
    if (!ctx.isCurrent()) return;
    if (e.status === 404) {
      replace(body, h('p', { class: 'form-error', role: 'alert' }, t("This queue doesn't exist or you're not a member of it.")));
    } else if (e.status === 422 && e.fields) {
      replace(body, '');
      rangeError.textContent = Object.entries(e.fields)
        .map(([field, message]) => `${{ from: t('From'), to: t('To'), granularity: t('Per'), timeZone: t('Time zone') }[field] || field}: ${message}`)
        .join('; ');
    } else {
      replace(body, h('p', { class: 'form-error', role: 'alert' }, t('Could not load: {message}', { message: e.message })));
    }
    replace(main.querySelector('[data-testid="stats-answers"]'), '');
    return;
  }
  if (!ctx.isCurrent()) return;
  const shownZone = summary.timeZone || zone;
  queueZoneOption.textContent = zone ? t("The queue's time zone") : t("The queue's time zone ({zone})", { zone: shownZone });
  note.textContent = t('Periods are counted in {zone}. Spam is left out of every figure but its own.', { zone: shownZone });
  replace(body, summaryView(summary, grain, shownZone, Math.max(300, body.clientWidth - 34), { queueId, from, to }));
  replace(main.querySelector('[data-testid="stats-answers"]'), answersTable(rows));
}

function validDay(value) {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

function summaryView(s, grain, zone, chartWidth, range) {
  const perStatus = s.perStatus || {};
  const openMinutes = s.medianOpenMinutesToFirstComment;
  const tiles = h(
    'div',
    { class: 'tiles' },
    tile(t('Contacts'), numberFormat(s.total ?? 0), 'stats-total'),
    STATUSES.map((st) => tile(statusLabel(st), numberFormat(perStatus[st] ?? 0), `stats-status-${st}`)),
    tile(t('Escalated'), numberFormat(s.escalated ?? 0), 'stats-escalated'),
    tile(t('Spam'), numberFormat(s.spam ?? 0), 'stats-spam'),
    tile(t('Median time to first comment'), duration(s.medianSecondsToFirstComment), 'stats-median'),
    tile(t('Median open time to first comment'), openMinutes == null ? '—' : duration(openMinutes * 60), 'stats-median-open'),
  );
  const buckets = (s.buckets || []).map((b) => ({ ...b, local: localParts(b.start) }));
  const csv = h('button', { type: 'button', class: 'button', testid: 'stats-buckets-csv' }, t('Download CSV'));
  csv.addEventListener('click', () => downloadBuckets(buckets, grain, zone, range));
  return h(
    'div',
    null,
    tiles,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'per-period-title' },
      h('div', { class: 'section-head' }, h('h2', { id: 'per-period-title' }, t(SERIES_TITLE[grain])), csv),
      bucketsView(buckets, grain, zone, chartWidth),
    ),
  );
}

function tile(label, value, testid) {
  return h('div', { class: 'tile' }, h('div', { class: 'tile-value', testid }, String(value ?? 0)), h('div', { class: 'tile-label' }, label));
}

/** The wall-clock parts of a bucket's start as the API writes it (2026-10-25T03:00:00+03:00). */
function localParts(start) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?/.exec(start || '');
  if (!m) return { y: 0, mo: 1, d: 1, hh: 0, offset: '' };
  return { y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]), hh: Number(m[4]), mm: Number(m[5]), offset: m[6] === 'Z' ? '+00:00' : m[6] || '' };
}

function wallClock(p) {
  return new Date(Date.UTC(p.y, p.mo - 1, p.d, p.hh, p.mm || 0));
}

const DAY = { day: 'numeric', month: 'short' };
const DAY_YEAR = { day: 'numeric', month: 'short', year: 'numeric' };
const MONTH = { month: 'short', year: 'numeric' };
const HOUR = { hour: '2-digit', minute: '2-digit' };

/** How a period reads in the table and the bar's tooltip: "3 Dec 2026, 14:00", "Dec 2026". */
function periodLabel(b, grain, repeated) {
  const at = wallClock(b.local);
  if (grain === 'month') return dateFormat(MONTH, 'UTC').format(at);
  if (grain === 'day') return dateFormat(DAY_YEAR, 'UTC').format(at);
  const text = `${dateFormat(DAY_YEAR, 'UTC').format(at)}, ${dateFormat(HOUR, 'UTC').format(at)}`;
  return repeated ? `${text} (UTC${b.local.offset})` : text; // the hour that comes twice when clocks go back
}

/** The short label under a bar: the hour (with the day at midnight), the day, or the month. */
function axisLabel(b, grain, first) {
  const at = wallClock(b.local);
  if (grain === 'month') return dateFormat(MONTH, 'UTC').format(at);
  if (grain === 'day') return dateFormat(DAY, 'UTC').format(at);
  return b.local.hh === 0 || first ? dateFormat(DAY, 'UTC').format(at) : dateFormat(HOUR, 'UTC').format(at);
}

function bucketsView(buckets, grain, zone, width) {
  if (buckets.length === 0) return h('p', { class: 'muted' }, t('No periods in this range.'));
  const seen = new Map();
  for (const b of buckets) {
    const key = `${b.local.y}-${b.local.mo}-${b.local.d}-${b.local.hh}`;
    seen.set(key, (seen.get(key) || 0) + 1);
  }
  const labels = buckets.map((b) => periodLabel(b, grain, seen.get(`${b.local.y}-${b.local.mo}-${b.local.d}-${b.local.hh}`) > 1));
  const registered = buckets.reduce((n, b) => n + (b.registered || 0), 0);
  const escalated = buckets.reduce((n, b) => n + (b.escalated || 0), 0);
  const max = Math.max(1, ...buckets.map((b) => b.registered || 0));
  const top = 16;
  const height = 170;
  const bottom = 22;
  const left = 30;
  const right = 10;
  const slot = (width - left - right) / buckets.length;
  const gap = slot > 6 ? Math.min(4, slot * 0.2) : 0;
  const barWidth = Math.max(1, slot - gap);
  const labelEvery = Math.max(1, Math.ceil(buckets.length / Math.max(2, Math.floor(width / 70))));
  const y = (value) => height - (value / max) * (height - top);
  const summaryText = t('{registered} registered and {escalated} escalated in {periods}, at most {max} in one; times in {zone}.', {
    registered,
    escalated,
    periods: plural(buckets.length, '{n} period', '{n} periods'),
    max,
    zone,
  });
  const chart = svg(
    'svg',
    { viewBox: `0 0 ${width} ${height + bottom}`, class: 'bars', role: 'img', 'aria-label': `${t(SERIES_TITLE[grain])}: ${summaryText}`, 'data-testid': 'stats-svg' },
    svg('line', { x1: left, y1: top + 0.5, x2: width - right, y2: top + 0.5, class: 'grid' }),
    svg('text', { x: left - 4, y: top + 4, class: 'bar-label', 'text-anchor': 'end' }, String(max)),
    svg('text', { x: left - 4, y: height + 4, class: 'bar-label', 'text-anchor': 'end' }, '0'),
    svg('line', { x1: left, y1: height + 0.5, x2: width - right, y2: height + 0.5, class: 'axis' }),
    buckets.map((b, i) => {
      const x = left + i * slot + gap / 2;
      const value = b.registered || 0;
      const esc = b.escalated || 0;
      const title = t('{period}: {registered} registered, {escalated} escalated', { period: labels[i], registered: value, escalated: esc });
      return svg(
        'g',
        { class: 'bucket', 'data-start': b.start, 'data-registered': value, 'data-escalated': esc, 'data-testid': 'stats-bar' },
        svg('title', null, title),
        // the whole slot answers the pointer, so a thin or empty bar still shows its tooltip
        svg('rect', { x: left + i * slot, y: top, width: slot, height: height - top, class: 'hit' }),
        value ? svg('rect', { x, y: y(value), width: barWidth, height: height - y(value), class: 'bar' }) : null,
        // escalations: a narrower, darker bar inside, so the two series differ in shape, not only in colour
        esc ? svg('rect', { x: x + barWidth * 0.2, y: y(esc), width: barWidth * 0.6, height: height - y(esc), class: 'bar escalated' }) : null,
        value && barWidth >= 16 ? svg('text', { x: x + barWidth / 2, y: y(value) - 3, class: 'bar-value', 'text-anchor': 'middle' }, String(value)) : null,
        i % labelEvery === 0 ? svg('text', { x: x + barWidth / 2, y: height + 16, class: 'bar-label', 'text-anchor': 'middle' }, axisLabel(b, grain, i === 0)) : null,
      );
    }),
  );
  const legend = h(
    'p',
    { class: 'legend small', 'aria-hidden': 'true' },
    h('span', { class: 'key key-registered' }),
    t('Registered'),
    h('span', { class: 'key key-escalated' }),
    t('Escalated'),
  );
  const table = h(
    'div',
    { class: 'table-scroll bucket-table', tabindex: '0', role: 'region', 'aria-labelledby': 'bucket-caption' },
    h(
      'table',
      { class: 'table compact', testid: 'stats-buckets-table' },
      h('caption', { id: 'bucket-caption', class: 'muted small' }, `${t('The same numbers as a table')} (${zone})`),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('Period')),
          h('th', { scope: 'col', class: 'num' }, t('Registered')),
          h('th', { scope: 'col', class: 'num' }, t('Escalated')),
          STATUSES.map((st) => h('th', { scope: 'col', class: 'num' }, statusLabel(st))),
        ),
      ),
      h(
        'tbody',
        null,
        buckets.map((b, i) =>
          h(
            'tr',
            { testid: 'stats-bucket-row', dataset: { start: b.start } },
            h('th', { scope: 'row', class: 'nowrap' }, h('time', { datetime: b.start }, labels[i])),
            h('td', { class: 'num' }, String(b.registered || 0)),
            h('td', { class: 'num' }, String(b.escalated || 0)),
            STATUSES.map((st) => h('td', { class: 'num' }, String((b.byStatus || {})[st] || 0))),
          ),
        ),
      ),
    ),
  );
  return h('div', { class: 'chart', testid: 'stats-chart' }, legend, chart, table);
}

function answersTable(rows) {
  if (!rows.length) return h('p', { class: 'muted' }, t('No answers in this range.'));
  // Each row's labels are in its visitor's language; headers prefer the agent's own language.
  const myLanguage = document.documentElement.lang || 'en';
  const columns = [];
  const labels = new Map();
  const mine = new Set();
  for (const row of rows) {
    const ownLanguage = (row.language || '').toLowerCase().split('-')[0] === myLanguage;
    for (const a of row.answers) {
      if (!labels.has(a.name)) columns.push(a.name);
      if (!labels.has(a.name) || (ownLanguage && !mine.has(a.name))) {
        labels.set(a.name, a.label || a.name);
        if (ownLanguage) mine.add(a.name);
      }
    }
  }
  const shown = rows.slice(0, MAX_ROWS_SHOWN);
  return h(
    'div',
    null,
    rows.length > MAX_ROWS_SHOWN ? h('p', { class: 'muted small' }, t('Showing {shown} of {total} rows. The CSV has them all.', { shown: MAX_ROWS_SHOWN, total: rows.length })) : null,
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'table answers-table' },
        h(
          'thead',
          null,
          h('tr', null, [t('Received'), t('Reference'), t('Status'), t('Handler'), t('Source'), t('Language')].map((c) => h('th', { scope: 'col' }, c)), columns.map((c) => h('th', { scope: 'col' }, labels.get(c)))),
        ),
        h(
          'tbody',
          null,
          shown.map((row) => {
            const byName = new Map(row.answers.map((a) => [a.name, a.value]));
            return h(
              'tr',
              { testid: 'stats-answer-row' },
              h('td', { class: 'nowrap' }, h('time', { datetime: row.createdAt, title: fullTime(row.createdAt) }, when(row.createdAt))),
              h('td', { class: 'nowrap' }, h('a', { href: `#/contacts/${encodeURIComponent(row.contactId)}`, class: 'reference' }, row.reference)),
              h('td', null, h('span', { class: `badge small status-${row.status}` }, statusLabel(row.status))),
              h('td', null, row.handler || '—'),
              h('td', null, row.source === 'BOT' ? t('Bot') : t('Form')),
              h('td', null, row.language || ''),
              columns.map((c) => h('td', { class: 'cell-text' }, byName.get(c) ?? '')),
            );
          }),
        ),
      ),
    ),
  );
}

/** A CSV cell as the server writes them: always quoted, quotes doubled. */
function cell(value) {
  return `"${String(value ?? '').replace(/"/g, '""')}"`;
}

/**
 * The buckets as a CSV, made here from the statistics JSON (the API has no CSV of them): one row
 * per period with its start as the API gives it (ISO-8601 with the zone's offset), then the counts.
 */
export function bucketsCsv(buckets, zone) {
  const header = [`Start (${zone})`, 'Registered', 'Escalated', 'New', 'In progress', 'Done'];
  const lines = [header, ...buckets.map((b) => [b.start, b.registered || 0, b.escalated || 0, ...STATUSES.map((st) => (b.byStatus || {})[st] || 0)])];
  return `\uFEFF${lines.map((cells) => cells.map(cell).join(',')).join('\r\n')}\r\n`;
}

function downloadBuckets(buckets, grain, zone, { queueId, from, to }) {
  const blob = new Blob([bucketsCsv(buckets, zone)], { type: 'text/csv;charset=utf-8' });
  save(blob, `statistics-${queueId}-${from}-${to}-${grain}.csv`);
}

function save(blob, name) {
  const href = URL.createObjectURL(blob);
  const link = h('a', { href, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}

/** The CSV needs the session cookie and Accept: text/csv, so it is fetched and saved as a blob. */
async function downloadAnswers(queueId, from, to, button, status) {
  button.disabled = true;
  status.textContent = t('Preparing the CSV…');
  try {
    const res = await fetch(url(`queues/${encodeURIComponent(queueId)}/questionnaire-answers`, { from, to, lang: document.documentElement.lang }), {
      headers: { Accept: 'text/csv', 'X-Requested-With': 'fetch' },
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (!res.ok) {
      const problem = await res.json().catch(() => ({}));
      throw new Error(problem.message || `HTTP ${res.status}`);
    }
    const blob = await res.blob();
    const disposition = res.headers.get('Content-Disposition') || '';
    const match = /filename="?([^";]+)"?/.exec(disposition);
    const name = match ? match[1] : `questionnaire-answers-${queueId}-${from}-${to}.csv`;
    save(blob, name);
    status.textContent = t('Downloaded {name}.', { name });
  } catch (e) {
    status.textContent = t('The CSV could not be downloaded: {message}', { message: e.message });
  } finally {
    button.disabled = false;
  }
}

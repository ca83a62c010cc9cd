// #/stats/{queueId}?from=YYYY-MM-DD&to=YYYY-MM-DD: counts per day and status, the median time to
// the first comment, and "Questionnaire answers" with a CSV download. Days are the queue's days
// (the server counts them in the queue's time zone); spam is left out.

import { h, replace, svg } from '../common/dom.js';
import { api, url } from './api.js';
import { duration, dayLabel, isoDay, statusLabel, when, fullTime } from './format.js';

const MAX_ROWS_SHOWN = 500;

export async function statsView(main, ctx, queueId, query) {
  const queue = ctx.queues.find((q) => q.id === queueId);
  const name = queue ? queue.name : queueId;
  const today = new Date();
  const monthAgo = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29);
  const from = validDay(query.get('from')) || isoDay(monthAgo);
  const to = validDay(query.get('to')) || isoDay(today);

  const heading = h('h1', { tabindex: '-1' }, name, h('span', { class: 'muted light' }, ' · Statistics'));
  const fromInput = h('input', { type: 'date', id: 'stats-from', value: from, max: isoDay(today), testid: 'stats-from', required: true });
  const toInput = h('input', { type: 'date', id: 'stats-to', value: to, max: isoDay(today), testid: 'stats-to', required: true });
  const rangeForm = h(
    'form',
    { class: 'range', testid: 'stats-range' },
    h('label', { for: 'stats-from' }, 'From'),
    fromInput,
    h('label', { for: 'stats-to' }, 'To'),
    toInput,
    h('button', { type: 'submit', class: 'button primary' }, 'Show'),
    h('span', { class: 'range-presets' }, preset('7 days', 6), preset('30 days', 29), preset('90 days', 89)),
  );
  function preset(label, days) {
    return h(
      'button',
      {
        type: 'button',
        class: 'button small ghost',
        onclick: () => {
          const end = new Date();
          const start = new Date(end.getFullYear(), end.getMonth(), end.getDate() - days);
          ctx.navigate(`#/stats/${encodeURIComponent(queueId)}?from=${isoDay(start)}&to=${isoDay(end)}`);
        },
      },
      label,
    );
  }
  rangeForm.addEventListener('submit', (e) => {
    e.preventDefault();
    let a = fromInput.value;
    let b = toInput.value;
    if (!a || !b) return;
    if (a > b) [a, b] = [b, a];
    ctx.navigate(`#/stats/${encodeURIComponent(queueId)}?from=${a}&to=${b}`);
  });

  const download = h('button', { type: 'button', class: 'button', testid: 'stats-download-csv' }, 'Download CSV');
  const downloadStatus = h('span', { class: 'muted small', role: 'status' });
  download.addEventListener('click', () => downloadCsv(queueId, from, to, download, downloadStatus));

  const body = h('div', { class: 'stats-body' }, h('p', { class: 'muted' }, 'Loading…'));
  replace(
    main,
    h(
      'div',
      { class: 'page' },
      h('div', { class: 'page-head' }, heading, h('a', { class: 'button small', href: `#/queues/${encodeURIComponent(queueId)}` }, '← Activity log')),
      rangeForm,
      h('p', { class: 'muted small' }, "Days are counted in the queue's time zone. Spam is left out of every figure but its own."),
      body,
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'answers-title' },
        h('div', { class: 'section-head' }, h('h2', { id: 'answers-title' }, 'Questionnaire answers'), h('div', { class: 'row gap' }, downloadStatus, download)),
        h('div', { class: 'answers-table-wrap', testid: 'stats-answers' }, h('p', { class: 'muted' }, 'Loading…')),
      ),
    ),
  );
  heading.focus();

  let summary;
  let rows;
  try {
    [summary, rows] = await Promise.all([
      api(`queues/${encodeURIComponent(queueId)}/statistics`, { query: { from, to } }),
      api(`queues/${encodeURIComponent(queueId)}/questionnaire-answers`, { query: { from, to } }),
    ]);
  } catch (e) {
    if (!ctx.isCurrent()) return;
    const message = e.fields ? Object.values(e.fields).join('; ') : e.message;
    replace(body, h('p', { class: 'form-error', role: 'alert' }, e.status === 404 ? "This queue doesn't exist or you're not a member of it." : `Could not load: ${message}`));
    replace(main.querySelector('[data-testid="stats-answers"]'), '');
    return;
  }
  if (!ctx.isCurrent()) return;
  replace(body, summaryView(summary, Math.max(300, body.clientWidth - 34)));
  replace(main.querySelector('[data-testid="stats-answers"]'), answersTable(rows));
}

function validDay(value) {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

function summaryView(s, chartWidth) {
  const perStatus = s.perStatus || {};
  const tiles = h(
    'div',
    { class: 'tiles' },
    tile('Contacts', s.total, 'stats-total'),
    ['NEW', 'IN_PROGRESS', 'DONE'].map((st) => tile(statusLabel(st), perStatus[st] ?? 0, `stats-status-${st}`)),
    tile('Spam', s.spam, 'stats-spam'),
    tile('Median time to first comment', duration(s.medianSecondsToFirstComment), 'stats-median'),
  );
  return h('div', null, tiles, h('section', { class: 'card', 'aria-labelledby': 'per-day-title' }, h('h2', { id: 'per-day-title' }, 'Contacts per day'), barChart(s.perDay || {}, chartWidth)));
}

function tile(label, value, testid) {
  return h('div', { class: 'tile' }, h('div', { class: 'tile-value', testid }, String(value ?? 0)), h('div', { class: 'tile-label' }, label));
}

function barChart(perDay, width) {
  const days = Object.keys(perDay).sort();
  if (days.length === 0) return h('p', { class: 'muted' }, 'No days in this range.');
  const max = Math.max(1, ...days.map((d) => perDay[d]));
  const total = days.reduce((n, d) => n + perDay[d], 0);
  const pad = 18; // room for the first and last day's label
  const height = 160;
  const bottom = 22;
  const gap = days.length > 60 ? 1 : 2;
  const barWidth = (width - 2 * pad - gap * days.length) / days.length;
  const labelEvery = Math.ceil(days.length / Math.max(2, Math.floor(width / 90)));
  const chart = svg(
    'svg',
    { viewBox: `0 0 ${width} ${height + bottom}`, class: 'bars', role: 'img', 'aria-label': `Contacts per day: ${total} in ${days.length} days, at most ${max} a day` },
    svg('line', { x1: 0, y1: height + 0.5, x2: width, y2: height + 0.5, class: 'axis' }),
    days.map((d, i) => {
      const value = perDay[d];
      const barHeight = value ? Math.max(2, (value / max) * (height - 14)) : 0;
      const x = pad + i * (barWidth + gap);
      return svg(
        'g',
        null,
        svg('rect', { x, y: height - barHeight, width: barWidth, height: barHeight, class: 'bar', 'data-day': d }, svg('title', null, `${dayLabel(d)}: ${value}`)),
        value && barWidth >= 14 ? svg('text', { x: x + barWidth / 2, y: height - barHeight - 3, class: 'bar-value', 'text-anchor': 'middle' }, String(value)) : null,
        i % labelEvery === 0 ? svg('text', { x: x + barWidth / 2, y: height + 16, class: 'bar-label', 'text-anchor': 'middle' }, dayLabel(d)) : null,
      );
    }),
  );
  const table = h(
    'details',
    { class: 'chart-table' },
    h('summary', null, 'Show as a table'),
    h('table', { class: 'table compact' }, h('thead', null, h('tr', null, h('th', null, 'Day'), h('th', { class: 'num' }, 'Contacts'))), h('tbody', null, days.map((d) => h('tr', null, h('td', null, d), h('td', { class: 'num' }, String(perDay[d])))))),
  );
  return h('div', { class: 'chart', testid: 'stats-chart' }, chart, table);
}

function answersTable(rows) {
  if (!rows.length) return h('p', { class: 'muted' }, 'No answers in this range.');
  // Each row's labels are in its visitor's language; headers prefer the agent's own language.
  const myLanguage = (navigator.language || 'en').toLowerCase().split('-')[0];
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
    rows.length > MAX_ROWS_SHOWN ? h('p', { class: 'muted small' }, `Showing ${MAX_ROWS_SHOWN} of ${rows.length} rows. The CSV has them all.`) : null,
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'table answers-table' },
        h(
          'thead',
          null,
          h('tr', null, ['Received', 'Reference', 'Status', 'Handler', 'Source', 'Language'].map((c) => h('th', { scope: 'col' }, c)), columns.map((c) => h('th', { scope: 'col' }, labels.get(c)))),
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
              h('td', null, row.source === 'BOT' ? 'Bot' : 'Form'),
              h('td', null, row.language || ''),
              columns.map((c) => h('td', { class: 'cell-text' }, byName.get(c) ?? '')),
            );
          }),
        ),
      ),
    ),
  );
}

/** The CSV needs the session cookie and Accept: text/csv, so it is fetched and saved as a blob. */
async function downloadCsv(queueId, from, to, button, status) {
  button.disabled = true;
  status.textContent = 'Preparing the CSV…';
  try {
    const res = await fetch(url(`queues/${encodeURIComponent(queueId)}/questionnaire-answers`, { from, to }), {
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
    const href = URL.createObjectURL(blob);
    const link = h('a', { href, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(href), 30_000);
    status.textContent = `Downloaded ${name}.`;
  } catch (e) {
    status.textContent = `The CSV could not be downloaded: ${e.message}`;
  } finally {
    button.disabled = false;
  }
}

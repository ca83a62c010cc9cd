// How the console writes times, durations and statuses: in the agent's language, locale and time
// zone (console/i18n.js).

import { t, msg, dateFormat } from './i18n.js';

export const STATUSES = ['NEW', 'IN_PROGRESS', 'DONE', 'SPAM'];
const STATUS_LABELS = { NEW: msg('New'), IN_PROGRESS: msg('In progress'), DONE: msg('Done'), SPAM: msg('Spam') };

export function statusLabel(status) {
  return STATUS_LABELS[status] ? t(STATUS_LABELS[status]) : status || '';
}

const TIME = { hour: '2-digit', minute: '2-digit' };
const DAY_AND_TIME = { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
const FULL_DATE = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' };
const LONG_DATE = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' };
const YMD = { year: 'numeric', month: '2-digit', day: '2-digit' };

/** YYYY-MM-DD of a moment in a zone (the agent's unless given). */
function zonedDay(date, zone) {
  const parts = dateFormat(YMD, zone).formatToParts(date);
  const get = (type) => (parts.find((p) => p.type === type) || {}).value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** "14:02" today, "3 Dec, 14:02" this year, with the year before that. */
export function when(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const day = zonedDay(d);
  const today = zonedDay(new Date());
  if (day === today) return dateFormat(TIME).format(d);
  if (day.slice(0, 4) === today.slice(0, 4)) return dateFormat(DAY_AND_TIME).format(d);
  return dateFormat(FULL_DATE).format(d);
}

/** The full time, for title attributes and the contact's header. */
export function fullTime(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : dateFormat(LONG_DATE).format(d);
}

/** "3 Dec" of a YYYY-MM-DD day (a calendar day: no zone shifts it). */
export function dayLabel(isoDay) {
  const [y, m, d] = isoDay.split('-').map(Number);
  return dateFormat({ day: 'numeric', month: 'short' }, 'UTC').format(new Date(Date.UTC(y, m - 1, d)));
}

/** 45 s, 12 min, 2 h 14 min, 3 d 4 h (units in the agent's language). */
export function duration(seconds) {
  if (seconds == null) return '—';
  const s = Math.round(seconds);
  if (s < 60) return t('{n} s', { n: s });
  const min = Math.round(s / 60);
  if (min < 60) return t('{n} min', { n: min });
  const h = Math.floor(s / 3600);
  if (h < 24) {
    const rest = Math.round((s - h * 3600) / 60);
    return rest ? t('{h} h {min} min', { h, min: rest }) : t('{n} h', { n: h });
  }
  const d = Math.floor(h / 24);
  const rest = h - d * 24;
  return rest ? t('{d} d {h} h', { d, h: rest }) : t('{n} d', { n: d });
}

/** YYYY-MM-DD of today (or of a date) in the agent's zone, or in the zone given. */
export function isoDay(date = new Date(), zone = undefined) {
  return zonedDay(date, zone);
}

/** YYYY-MM-DD, n days before (negative: after) the given YYYY-MM-DD. */
export function addDays(day, n) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - n)).toISOString().slice(0, 10);
}

/** The zone's offset from UTC in ms at a moment (Helsinki in winter: +2 h). */
function offsetAt(ms) {
  const parts = dateFormat({ year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' }).formatToParts(new Date(ms));
  const get = (type) => Number((parts.find((p) => p.type === type) || {}).value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(ms / 1000) * 1000;
}

/** The moment a YYYY-MM-DD day begins in the agent's zone. */
export function startOfDay(day) {
  const [y, m, d] = day.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d);
  let guess = wall - offsetAt(wall);
  guess = wall - offsetAt(guess); // once more, for a day whose offset differs from the guess's
  return new Date(guess);
}

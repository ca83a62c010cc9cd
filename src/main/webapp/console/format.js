// How the console writes times, durations and statuses (in the agent's own time zone and locale).

const locale = navigator.language || 'en';
const timeOnly = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const fullDate = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const longDate = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const shortDay = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });

export const STATUSES = ['NEW', 'IN_PROGRESS', 'DONE', 'SPAM'];
const STATUS_LABELS = { NEW: 'New', IN_PROGRESS: 'In progress', DONE: 'Done', SPAM: 'Spam' };

export function statusLabel(status) {
  return STATUS_LABELS[status] || status || '';
}

/** "14:02" today, "3 Dec, 14:02" this year, with the year before that. */
export function when(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const now = new Date();
  if (d.toDateString() === now.toDateString()) return timeOnly.format(d);
  if (d.getFullYear() === now.getFullYear()) return dayAndTime.format(d);
  return fullDate.format(d);
}

/** The full time, for title attributes and the contact's header. */
export function fullTime(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : longDate.format(d);
}

export function dayLabel(isoDay) {
  const [y, m, d] = isoDay.split('-').map(Number);
  return shortDay.format(new Date(y, m - 1, d));
}

/** 45 s, 12 min, 2 h 14 min, 3 d 4 h. */
export function duration(seconds) {
  if (seconds == null) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(s / 3600);
  if (h < 24) {
    const rest = Math.round((s - h * 3600) / 60);
    return rest ? `${h} h ${rest} min` : `${h} h`;
  }
  const d = Math.floor(h / 24);
  const rest = h - d * 24;
  return rest ? `${d} d ${rest} h` : `${d} d`;
}

/** YYYY-MM-DD of a local date. */
export function isoDay(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

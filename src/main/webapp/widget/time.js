// Times for the visitor: always in the visitor's own time zone (the browser's), words in the
// chat window's language.

import { fill } from '../common/dom.js';

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/** A locale for number and date formats: the browser's own if it speaks the UI language. */
export function localeFor(uiLang) {
  const browser = (navigator.languages && navigator.languages[0]) || navigator.language || uiLang;
  return browser.toLowerCase().startsWith(uiLang) ? browser : uiLang;
}

function startOfDay(date) {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/** "Monday at 08:00", "tomorrow at 08:00", "maanantaina klo 08.00" (visitor's time). */
export function when(iso, uiLang, t, now = new Date()) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const locale = localeFor(uiLang);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(date);
  const days = Math.round((startOfDay(date) - startOfDay(now)) / 86400000);
  let day;
  if (days === 0) day = t.today;
  else if (days === 1) day = t.tomorrow;
  else if (days > 1 && days < 7) {
    // the weekday as it reads inside a date ("maanantaina" in Finnish, not "maanantai")
    const parts = new Intl.DateTimeFormat(locale, { weekday: 'long', hour: '2-digit', minute: '2-digit' }).formatToParts(date);
    day = (parts.find((p) => p.type === 'weekday') || {}).value || '';
  } else {
    day = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long' }).format(date);
  }
  return fill(t.at, { day, time });
}

/** "Mon 08:00" for the status line under the queue's name. */
export function shortWhen(iso, uiLang) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(localeFor(uiLang), { weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(date);
}

/** Weekday names Monday..Sunday in the UI language, keyed by the API's day names. */
export function dayNames(uiLang) {
  const format = new Intl.DateTimeFormat(localeFor(uiLang), { weekday: 'long', timeZone: 'UTC' });
  // 1 January 2024 was a Monday
  return Object.fromEntries(DAYS.map((day, i) => [day, format.format(new Date(Date.UTC(2024, 0, 1 + i)))]));
}

export { DAYS };

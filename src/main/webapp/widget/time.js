// Times for the visitor, words in the chat window's language: in the visitor's own time zone (the
// browser's) unless a zone is given — the message view shows the weekly hours in the queue's zone,
// and then its next opening too, so the two read alike.

import { fill } from '../common/dom.js';

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/** A locale for number and date formats: the browser's own if it speaks the UI language. */
export function localeFor(uiLang) {
  const browser = (navigator.languages && navigator.languages[0]) || navigator.language || uiLang;
  return browser.toLowerCase().startsWith(uiLang) ? browser : uiLang;
}

/** The day number (days since 1970) of a moment's date in a zone (undefined: the browser's). */
function dayNumber(date, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(date);
  const get = (type) => Number(parts.find((p) => p.type === type).value);
  return Date.UTC(get('year'), get('month') - 1, get('day')) / 86400000;
}

/** "Monday at 08:00", "tomorrow at 08:00", "maanantaina klo 08.00" (in timeZone, else the visitor's). */
export function when(iso, uiLang, t, now = new Date(), timeZone = undefined) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const locale = localeFor(uiLang);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(date);
  const days = dayNumber(date, timeZone) - dayNumber(now, timeZone);
  let day;
  if (days === 0) day = t.today;
  else if (days === 1) day = t.tomorrow;
  else if (days > 1 && days < 7) {
    // the weekday as it reads inside a date ("maanantaina" in Finnish, not "maanantai")
    const parts = new Intl.DateTimeFormat(locale, { weekday: 'long', hour: '2-digit', minute: '2-digit', timeZone }).formatToParts(date);
    day = (parts.find((p) => p.type === 'weekday') || {}).value || '';
  } else {
    day = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(date);
  }
  return fill(t.at, { day, time });
}

/** "Mon 08:00" for the status line under the queue's name. */
export function shortWhen(iso, uiLang, timeZone = undefined) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(localeFor(uiLang), { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone }).format(date);
}

/** "Helsinki (GMT+2)", "UTC": a zone as a visitor reads it, with its offset at that moment. */
export function zoneLabel(timeZone, uiLang, at = new Date()) {
  const city = timeZone.split('/').pop().replace(/_/g, ' ');
  let offset = '';
  try {
    const parts = new Intl.DateTimeFormat(localeFor(uiLang), { timeZone, timeZoneName: 'shortOffset' }).formatToParts(at);
    offset = (parts.find((p) => p.type === 'timeZoneName') || {}).value || '';
  } catch {
    // an old browser without shortOffset: the city alone
  }
  return offset && offset !== city && !/^(UTC|GMT)$/.test(city) ? `${city} (${offset})` : city;
}

/** The browser's own zone, e.g. Europe/Helsinki. */
export function visitorZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Weekday names Monday..Sunday in the UI language, keyed by the API's day names. */
export function dayNames(uiLang) {
  const format = new Intl.DateTimeFormat(localeFor(uiLang), { weekday: 'long', timeZone: 'UTC' });
  // 1 January 2024 was a Monday
  return Object.fromEntries(DAYS.map((day, i) => [day, format.format(new Date(Date.UTC(2024, 0, 1 + i)))]));
}

export { DAYS };

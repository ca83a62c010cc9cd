// The console's words, in English, Finnish or Swedish: one message catalogue per language.
//
// Every text the console shows goes through t('English text', {placeholders}); the English text is
// the key, and console/i18n/fi.json and sv.json map it to the translation (a missing one shows the
// English). plural(n, '{n} contact', '{n} contacts') picks the form by the language's rules.
// msg('New') only marks a text for the catalogue where the lookup happens later (t(msg)).
// ConsoleCatalogueTest checks that every key used in the code is in both catalogues.
//
// The agent's choice (Settings → Language and time zone) is kept in this browser (localStorage);
// without one the browser's languages decide. Dates and times use the language's locale and the
// chosen time zone (default: the browser's), through Intl.

import { fill } from '../common/dom.js';

export const LANGUAGES = [
  ['en', 'English'],
  ['fi', 'suomi'],
  ['sv', 'svenska'],
];
const SUPPORTED = LANGUAGES.map(([code]) => code);
const LANGUAGE_KEY = 'contactdesk.console.language';
const ZONE_KEY = 'contactdesk.console.timeZone';

let language = 'en';
let messages = {};
let pluralRules = new Intl.PluralRules('en');

function stored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage blocked: the browser's defaults
  }
}

function store(key, value) {
  try {
    if (value) localStorage.setItem(key, value);
    else localStorage.removeItem(key);
  } catch {
    // kept for this page only
  }
}

/** The browser's first language the console speaks, else English. */
export function browserLanguage() {
  for (const tag of navigator.languages || [navigator.language]) {
    const base = String(tag || '').toLowerCase().split('-')[0];
    if (SUPPORTED.includes(base)) return base;
  }
  return 'en';
}

/** The agent's choice in this browser ('' when none: the browser's language). */
export function chosenLanguage() {
  const value = stored(LANGUAGE_KEY);
  return SUPPORTED.includes(value) ? value : '';
}

export function currentLanguage() {
  return language;
}

/** Loads the catalogue of the chosen (or the browser's) language. */
export async function loadLanguage(wanted = chosenLanguage() || browserLanguage()) {
  const next = SUPPORTED.includes(wanted) ? wanted : 'en';
  let catalogue = {};
  if (next !== 'en') {
    try {
      const res = await fetch(new URL(`i18n/${next}.json`, import.meta.url), { headers: { Accept: 'application/json' } });
      if (res.ok) catalogue = await res.json();
    } catch {
      // unreachable: English
    }
  }
  language = next;
  messages = catalogue;
  pluralRules = new Intl.PluralRules(locale());
  document.documentElement.lang = next;
  formatters.clear();
}

/** Saves the agent's choice ('' = follow the browser) and loads it. */
export async function chooseLanguage(value) {
  store(LANGUAGE_KEY, SUPPORTED.includes(value) ? value : '');
  await loadLanguage();
}

/** The text in the console's language, placeholders filled: t('Hi {name}', {name: 'Mia'}). */
export function t(text, values) {
  const translated = Object.prototype.hasOwnProperty.call(messages, text) ? messages[text] : text;
  return values ? fill(translated, values) : translated;
}

/** The form for n by the language's plural rules; {n} is filled in. */
export function plural(n, one, other, values) {
  return t(pluralRules.select(n) === 'one' ? one : other, { n, ...values });
}

/** Marks a text for the catalogue; it is looked up later with t(). */
export function msg(text) {
  return text;
}

/** A locale for Intl: the browser's own variant when it speaks the language (fi-FI, en-GB). */
export function locale() {
  for (const tag of navigator.languages || [navigator.language]) {
    if (tag && tag.toLowerCase().split('-')[0] === language) return tag;
  }
  return { en: 'en-GB', fi: 'fi-FI', sv: 'sv-SE' }[language] || language;
}

export function browserZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The agent's time zone ('' choice = the browser's). */
export function chosenZone() {
  const value = stored(ZONE_KEY);
  return value && isZone(value) ? value : '';
}

export function timeZone() {
  return chosenZone() || browserZone();
}

export function chooseZone(value) {
  store(ZONE_KEY, value && isZone(value) ? value : '');
  formatters.clear();
}

export function isZone(value) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Every zone the browser knows (for pickers), the given ones first. */
export function zones(...first) {
  let all = [];
  try {
    all = Intl.supportedValuesOf('timeZone');
  } catch {
    all = [];
  }
  const head = [...new Set(first.filter(Boolean))];
  return [...head, ...all.filter((z) => !head.includes(z))];
}

const formatters = new Map();

/** An Intl.DateTimeFormat in the agent's locale and zone (cached; options as for Intl). */
export function dateFormat(options, zone = timeZone()) {
  const key = JSON.stringify([options, zone]);
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale(), { timeZone: zone, ...options });
    formatters.set(key, format);
  }
  return format;
}

export function numberFormat(value) {
  return new Intl.NumberFormat(locale()).format(value);
}

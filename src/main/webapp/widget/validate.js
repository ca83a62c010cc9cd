// Client-side checks that mirror the server's (FormField.accept, PlainText), so a visitor hears
// about a mistake before sending. The server checks again and has the last word.

import { fill } from '../common/dom.js';

// Same patterns as PlainText.EMAIL / PlainText.PHONE; Java's \s is [ \t\n\x0B\f\r].
const EMAIL = /^[^@ \t\n\x0B\f\r"<>()[\],;:\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z0-9-]{2,63}$/;
const PHONE = /^\+?[0-9 ()./-]{5,40}$/;
// Java's String.strip(): Unicode white space, but not the no-break spaces.
const EDGE_SPACE = /^[\t\n\x0B\f\r\x1C-\x20\u1680\u2000-\u2006\u2008-\u200A\u2028\u2029\u205F\u3000]+|[\t\n\x0B\f\r\x1C-\x20\u1680\u2000-\u2006\u2008-\u200A\u2028\u2029\u205F\u3000]+$/g;

export function isTicked(type) {
  return type === 'checkbox' || type === 'consent';
}

/** The text as the server will store it: stripped and NFC-normalised. */
export function normalise(value) {
  return String(value ?? '').replace(EDGE_SPACE, '').normalize('NFC');
}

function textProblem(value, multiline, t) {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (!multiline) return t.errSingleLine;
    } else if (c !== 9 && (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029)) {
      return t.errChars;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return t.errChars;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return t.errChars;
    }
  }
  return null;
}

/**
 * Checks one answer. For ticked types raw is a boolean. Returns {value} (what to send; undefined
 * for an empty optional field) or {error} (a message in the visitor's language).
 */
export function check(field, raw, t) {
  if (isTicked(field.type)) {
    const ticked = raw === true;
    if (field.type === 'consent' && !ticked) return { error: t.errConsent };
    if (field.required && !ticked) return { error: t.errTick };
    return { value: ticked };
  }
  const value = normalise(raw);
  if (value === '') {
    return field.required ? { error: field.type === 'select' ? t.errChoice : t.errRequired } : { value: undefined };
  }
  if (field.maxLength && value.length > field.maxLength) {
    return { error: fill(t.errMax, { n: field.maxLength, m: value.length }) };
  }
  const problem = textProblem(value, field.type === 'textarea', t);
  if (problem) return { error: problem };
  if (field.type === 'email' && !(value.length <= 254 && EMAIL.test(value))) return { error: t.errEmail };
  if (field.type === 'phone' && !(PHONE.test(value) && (value.match(/[0-9]/g) || []).length >= 5)) {
    return { error: t.errPhone };
  }
  if (field.type === 'select' && !(field.options || []).some((o) => o.value === value)) return { error: t.errChoice };
  return { value };
}

/**
 * The server's field messages are English; the common ones are said again in the visitor's
 * language, anything else is shown as the server wrote it.
 */
export function translateServerMessage(message, field, t) {
  const m = String(message || '');
  if (m === 'is required') return field && field.type === 'select' ? t.errChoice : t.errRequired;
  if (m === 'must be ticked') return t.errTick;
  if (m === 'must be accepted') return t.errConsent;
  if (m === 'must be a single line') return t.errSingleLine;
  if (m === 'contains characters that are not allowed') return t.errChars;
  if (m.startsWith('must be an e-mail address')) return t.errEmail;
  if (m.startsWith('must be a phone number')) return t.errPhone;
  if (m === 'must be one of the offered choices') return t.errChoice;
  const max = /^must be at most (\d+) characters$/.exec(m);
  if (max) return fill(t.errMax, { n: max[1], m: '?' }).replace(/ \([^)]*\?\)/, '');
  return m;
}

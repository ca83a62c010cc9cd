// Settings › API tokens: make a personal token for scripts (shown once, with a copy button), see
// the list (name, created, expires, last used) and revoke. The token's value never comes back from
// the server after the answer that made it, so the page keeps it only until it is replaced.

import { h, replace } from '../common/dom.js';
import { api } from './api.js';
import { t } from './i18n.js';
import { fullTime, isoDay, when } from './format.js';

export function tokensCard() {
  const list = h('div', { testid: 'tokens-list', 'aria-live': 'polite' }, h('p', { class: 'muted small' }, t('Loading…')));
  const shown = h('div', { testid: 'tokens-new', 'aria-live': 'polite' });
  const name = h('input', { id: 'token-name', maxlength: 100, required: true, autocomplete: 'off', testid: 'tokens-name', placeholder: t('What is it for? e.g. CRM export') });
  const expires = h('input', { id: 'token-expires', type: 'date', min: isoDay(new Date()), testid: 'tokens-expires', 'aria-describedby': 'token-expires-help' });
  const result = h('div', { role: 'status', 'aria-live': 'polite', testid: 'tokens-result' });

  const form = h(
    'form',
    { class: 'form-grid', novalidate: true, testid: 'tokens-form' },
    h('label', { for: 'token-name' }, 'Name'),
    name,
    h('label', { for: 'token-expires' }, t('Expires')),
    h('div', null, expires, h('p', { id: 'token-expires-help', class: 'muted small' }, t('Optional: the end of that day in your time zone. Without a date the token lasts until you revoke it.'))),
    h('div', { class: 'span' }, h('button', { type: 'submit', class: 'button primary', testid: 'tokens-create' }, t('Create token'))),
    result,
  );

  const refresh = async () => {
    let tokens;
    try {
      tokens = await api('me/tokens');
    } catch (e) {
      replace(list, h('p', { class: 'form-error', role: 'alert' }, t('Tokens could not be loaded: {error}', { error: e.message })));
      return;
    }
    replace(list, tokens.length ? tokenTable(tokens, refresh, result) : h('p', { class: 'muted small', testid: 'tokens-none' }, t('No tokens yet.')));
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    result.className = '';
    result.textContent = '';
    const body = { name: name.value };
    if (expires.value) body.expiresAt = endOfDay(expires.value).toISOString();
    try {
      const made = await api('me/tokens', { method: 'POST', body });
      form.reset();
      replace(shown, onceBox(made));
      await refresh();
    } catch (err) {
      result.className = 'form-error';
      if (err.fields) {
        const names = { name: 'Name', expiresAt: t('Expires') };
        result.replaceChildren(h('ul', null, Object.entries(err.fields).map(([k, v]) => h('li', null, `${names[k] || k}: ${v}`))));
      } else {
        result.textContent = err.message;
      }
    }
  });

  refresh();
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'tokens-title', testid: 'settings-tokens' },
    h('h2', { id: 'tokens-title' }, 'API tokens'),
    h(
      'p',
      { class: 'muted' },
      'A token lets a script act as you, with your roles and your queues, without your password: send it as ',
      h('code', null, t('Authorization: Bearer <token>')),
      '. A new password or a disabled account ends all your tokens.',
    ),
    shown,
    form,
    list,
  );
}

// The new token, shown this once: a read-only field (select-all on focus) and a copy button.
function onceBox(made) {
  const value = h('input', { id: 'token-value', class: 'code', readonly: true, value: made.token, testid: 'tokens-value', 'aria-describedby': 'token-value-help', spellcheck: 'false' });
  value.addEventListener('focus', () => value.select());
  const copied = h('span', { class: 'muted small', role: 'status', 'aria-live': 'polite', testid: 'tokens-copied' });
  const copy = h('button', { type: 'button', class: 'button small', testid: 'tokens-copy' }, t('Copy'));
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(made.token);
      copied.textContent = t('Copied.');
    } catch {
      // no clipboard without https or permission: leave it selected for Ctrl+C
      value.focus();
      value.select();
      copied.textContent = t('Selected: press Ctrl+C (⌘C) to copy.');
    }
  });
  return h(
    'div',
    { class: 'card token-once' },
    h('p', null, h('strong', null, t('Token “{name}” created.', { name: made.name }) + ' '), h('span', { id: 'token-value-help' }, t("Copy it now: it won't be shown again."))),
    h('div', { class: 'row gap wrap' }, h('label', { for: 'token-value', class: 'sr' }, t('New token')), value, copy, copied),
  );
}

function tokenTable(tokens, refresh, result) {
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'table compact', testid: 'tokens-table' },
      h('thead', null, h('tr', null, h('th', null, 'Name'), h('th', null, t('Created')), h('th', null, t('Expires')), h('th', null, t('Last used')), h('th', null, h('span', { class: 'sr' }, t('Actions'))))),
      h(
        'tbody',
        null,
        tokens.map((token) => {
          const revoke = h('button', { type: 'button', class: 'button small danger', testid: 'tokens-revoke', 'aria-label': t('Revoke {name}', { name: token.name }) }, t('Revoke'));
          revoke.addEventListener('click', async () => {
            if (!confirm(t('Revoke the token “{name}”? Scripts that use it stop working at once.', { name: token.name }))) return;
            revoke.disabled = true;
            try {
              await api(`me/tokens/${encodeURIComponent(token.id)}`, { method: 'DELETE' });
              result.className = 'muted small';
              result.textContent = t('Revoked “{name}”.', { name: token.name });
            } catch (e) {
              result.className = 'form-error';
              result.textContent = t('Not revoked: {error}', { error: e.message });
            }
            await refresh();
          });
          const expired = token.expiresAt && new Date(token.expiresAt) <= new Date();
          return h(
            'tr',
            { dataset: { tokenId: token.id } },
            h('td', null, token.name),
            h('td', { title: fullTime(token.createdAt) }, when(token.createdAt)),
            h('td', { title: token.expiresAt ? fullTime(token.expiresAt) : '' }, token.expiresAt ? (expired ? t('Expired {when}', { when: when(token.expiresAt) }) : when(token.expiresAt)) : t('Never')),
            h('td', { title: token.lastUsedAt ? fullTime(token.lastUsedAt) : '' }, token.lastUsedAt ? when(token.lastUsedAt) : t('Never')),
            h('td', { class: 'num' }, revoke),
          );
        }),
      ),
    ),
  );
}

// "2027-06-30" from the date input: the last moment of that day where the agent is
function endOfDay(day) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d, 23, 59, 59);
}

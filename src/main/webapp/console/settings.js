// #/settings: how the agent wants to hear about registered contacts. Each switch saves at once.

import { h, replace } from '../common/dom.js';
import { api } from './api.js';
import { tokensCard } from './tokens.js';

const SWITCHES = [
  { key: 'sound', label: 'Sound', help: 'A short sound when a new contact arrives while the console is open.' },
  { key: 'desktop', label: 'Desktop', help: 'A desktop notification when a new contact arrives while the console is open.' },
  { key: 'email', label: 'Email', help: 'An e-mail with a link (never the content) to each new contact in your queues.' },
];

export async function settingsView(main, ctx) {
  const heading = h('h1', { tabindex: '-1' }, 'Settings');
  const status = h('p', { class: 'muted small', role: 'status', testid: 'settings-status' });
  replace(main, h('div', { class: 'page narrow' }, heading, h('p', { class: 'muted' }, 'Loading…')));
  let current;
  try {
    current = (await api('me/settings')).notifications.registeredContacts;
  } catch (e) {
    replace(main, h('div', { class: 'page narrow' }, heading, h('p', { class: 'form-error', role: 'alert' }, `Settings could not be loaded: ${e.message}`)));
    return;
  }
  if (!ctx.isCurrent()) return;

  const desktopLine = h('p', { class: 'switch-note', testid: 'settings-desktop-permission', 'aria-live': 'polite' });
  const inputs = {};

  const save = async (key, value, input) => {
    const wanted = { ...current, [key]: value };
    input.disabled = true;
    status.textContent = 'Saving…';
    try {
      const saved = await api('me/settings', { method: 'PUT', body: { notifications: { registeredContacts: wanted } } });
      current = saved.notifications.registeredContacts;
      status.textContent = `Saved: ${SWITCHES.find((s) => s.key === key).label} ${value ? 'on' : 'off'}.`;
    } catch (e) {
      status.textContent = `Not saved: ${e.message}`;
    } finally {
      input.checked = Boolean(current[key]);
      input.disabled = false;
    }
  };

  const rows = SWITCHES.map((s) => {
    const id = `setting-${s.key}`;
    const input = h('input', {
      type: 'checkbox',
      role: 'switch',
      id,
      class: 'switch-input',
      checked: Boolean(current[s.key]),
      testid: `settings-${s.key}`,
      'aria-describedby': `${id}-help`,
    });
    inputs[s.key] = input;
    input.addEventListener('change', async () => {
      const on = input.checked;
      if (s.key === 'desktop' && on) await askPermission(desktopLine);
      await save(s.key, on, input);
      if (s.key === 'desktop') describePermission(desktopLine, current.desktop);
    });
    return h(
      'div',
      { class: 'switch-row' },
      h('label', { for: id, class: 'switch' }, input, h('span', { class: 'switch-track', 'aria-hidden': 'true' }), h('span', { class: 'switch-label' }, s.label)),
      h('p', { id: `${id}-help`, class: 'muted small switch-help' }, s.help),
      s.key === 'desktop' ? desktopLine : null,
    );
  });
  describePermission(desktopLine, current.desktop);

  const test = h('button', { type: 'button', class: 'button small', testid: 'settings-test' }, 'Try sound and notification');
  test.addEventListener('click', () => {
    if (current.sound) ctx.live.beep();
    if (current.desktop) ctx.live.desktop({ contactId: null, at: new Date().toISOString() }, 'a test queue');
    status.textContent = current.sound || current.desktop ? 'Sent a test.' : 'Turn Sound or Desktop on to try them.';
  });

  replace(
    main,
    h(
      'div',
      { class: 'page narrow' },
      heading,
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'rc-title' },
        h('h2', { id: 'rc-title' }, 'Registered contacts'),
        h('p', { class: 'muted' }, 'How you hear about messages that visitors leave in your queues while the chat is closed.'),
        h('div', { class: 'switches', testid: 'settings-switches' }, rows),
        h('div', { class: 'row gap' }, test, status),
      ),
      passwordCard(),
      tokensCard(),
      h('p', { class: 'muted small' }, `Signed in as ${ctx.user.displayName || ctx.user.username} (${ctx.user.email || 'no e-mail address'}).`),
    ),
  );
  heading.focus();
}

// Change password: the current one proves it is you; every other session of yours ends.
function passwordCard() {
  const current = h('input', { id: 'pw-current', type: 'password', autocomplete: 'current-password', required: true, testid: 'settings-password-current' });
  const next = h('input', { id: 'pw-new', type: 'password', autocomplete: 'new-password', minlength: 12, required: true, testid: 'settings-password-new' });
  const again = h('input', { id: 'pw-again', type: 'password', autocomplete: 'new-password', required: true, testid: 'settings-password-again' });
  const result = h('div', { role: 'status', 'aria-live': 'polite', testid: 'settings-password-result' });
  const form = h(
    'form',
    { class: 'card form-grid', novalidate: true, 'aria-labelledby': 'pw-title', testid: 'settings-password' },
    h('h2', { id: 'pw-title', class: 'span' }, 'Change password'),
    h('label', { for: 'pw-current' }, 'Current password'),
    current,
    h('label', { for: 'pw-new' }, 'New password'),
    h('div', null, next, h('p', { class: 'muted small' }, 'At least 12 characters, not your username or e-mail address, not a well-known password. Your other sessions and all your API tokens end.')),
    h('label', { for: 'pw-again' }, 'New password again'),
    again,
    h('div', { class: 'span' }, h('button', { type: 'submit', class: 'button primary', testid: 'settings-password-submit' }, 'Change password')),
    result,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    result.className = '';
    if (next.value !== again.value) {
      result.className = 'form-error';
      result.textContent = 'The new password and its repetition differ.';
      return;
    }
    try {
      await api('me/password', { method: 'PUT', body: { current: current.value, new: next.value } });
      form.reset();
      result.className = 'muted small';
      result.textContent = 'Password changed. Your other sessions and your API tokens have ended.';
    } catch (err) {
      result.className = 'form-error';
      if (err.fields) {
        const names = { current: 'Current password', new: 'New password' };
        result.replaceChildren(h('ul', null, Object.entries(err.fields).map(([k, v]) => h('li', null, `${names[k] || k}: ${v}`))));
      } else {
        result.textContent = err.message;
      }
    }
  });
  return form;
}

async function askPermission(line) {
  if (!('Notification' in window)) return;
  if (Notification.permission === 'default') {
    line.textContent = 'Your browser is asking whether ContactDesk may show notifications…';
    try {
      await Notification.requestPermission();
    } catch {
      // older browsers take a callback; the state is read below either way
    }
  }
}

function describePermission(line, desktopOn) {
  line.classList.remove('warn');
  if (!('Notification' in window)) {
    line.textContent = "This browser can't show desktop notifications.";
    line.classList.add('warn');
    return;
  }
  const state = Notification.permission;
  if (state === 'granted') {
    line.textContent = 'Your browser allows notifications from ContactDesk.';
  } else if (state === 'denied') {
    line.textContent = desktopOn
      ? "Your browser blocks notifications from ContactDesk, so none will show here. Allow them in the site's settings (the icon left of the address), then reload."
      : "Your browser blocks notifications from ContactDesk. To use Desktop, allow them in the site's settings (the icon left of the address).";
    line.classList.add('warn');
  } else {
    line.textContent = desktopOn
      ? "Your browser hasn't allowed notifications yet. Turn Desktop off and on again to be asked."
      : 'Your browser will ask for permission when you turn Desktop on.';
  }
}

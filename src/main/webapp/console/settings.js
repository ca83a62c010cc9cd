// #/settings: how the agent wants to hear about registered contacts. Each switch saves at once.

import { h, replace } from '../common/dom.js';
import { api } from './api.js';
import { tokensCard } from './tokens.js';
import { t, msg, LANGUAGES, chosenLanguage, chooseLanguage, browserLanguage, chosenZone, chooseZone, browserZone, zones, timeZone, dateFormat } from './i18n.js';

const SWITCHES = [
  { key: 'sound', label: msg('Sound'), help: msg('A short sound when a new contact arrives while the console is open.') },
  { key: 'desktop', label: msg('Desktop'), help: msg('A desktop notification when a new contact arrives while the console is open.') },
  { key: 'email', label: msg('Email'), help: msg('An e-mail with a link (never the content) to each new contact in your queues.') },
];

export async function settingsView(main, ctx) {
  const heading = h('h1', { tabindex: '-1' }, t('Settings'));
  const status = h('p', { class: 'muted small', role: 'status', testid: 'settings-status' });
  replace(main, h('div', { class: 'page narrow' }, heading, h('p', { class: 'muted' }, t('Loading…'))));
  let current;
  try {
    current = (await api('me/settings')).notifications.registeredContacts;
  } catch (e) {
    replace(main, h('div', { class: 'page narrow' }, heading, h('p', { class: 'form-error', role: 'alert' }, t('Settings could not be loaded: {message}', { message: e.message }))));
    return;
  }
  if (!ctx.isCurrent()) return;

  const desktopLine = h('p', { class: 'switch-note', testid: 'settings-desktop-permission', 'aria-live': 'polite' });
  const inputs = {};

  const save = async (key, value, input) => {
    const wanted = { ...current, [key]: value };
    input.disabled = true;
    status.textContent = t('Saving…');
    try {
      const saved = await api('me/settings', { method: 'PUT', body: { notifications: { registeredContacts: wanted } } });
      current = saved.notifications.registeredContacts;
      const setting = t(SWITCHES.find((s) => s.key === key).label);
      status.textContent = value ? t('Saved: {setting} on.', { setting }) : t('Saved: {setting} off.', { setting });
    } catch (e) {
      status.textContent = t('Not saved: {message}', { message: e.message });
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
      h('label', { for: id, class: 'switch' }, input, h('span', { class: 'switch-track', 'aria-hidden': 'true' }), h('span', { class: 'switch-label' }, t(s.label))),
      h('p', { id: `${id}-help`, class: 'muted small switch-help' }, t(s.help)),
      s.key === 'desktop' ? desktopLine : null,
    );
  });
  describePermission(desktopLine, current.desktop);

  const test = h('button', { type: 'button', class: 'button small', testid: 'settings-test' }, t('Try sound and notification'));
  test.addEventListener('click', () => {
    if (current.sound) ctx.live.beep();
    if (current.desktop) ctx.live.desktop({ contactId: null, at: new Date().toISOString() }, t('a test queue'));
    status.textContent = current.sound || current.desktop ? t('Sent a test.') : t('Turn Sound or Desktop on to try them.');
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
        h('h2', { id: 'rc-title' }, t('Registered contacts')),
        h('p', { class: 'muted' }, t('How you hear about messages that visitors leave in your queues while the chat is closed.')),
        h('div', { class: 'switches', testid: 'settings-switches' }, rows),
        h('div', { class: 'row gap' }, test, status),
      ),
      languageCard(ctx),
      passwordCard(),
      tokensCard(),
      h('p', { class: 'muted small' }, t('Signed in as {name} ({email}).', { name: ctx.user.displayName || ctx.user.username, email: ctx.user.email || t('no e-mail address') })),
    ),
  );
  heading.focus();
}

// Language and time zone: kept in this browser (localStorage), applied at once by drawing the
// console again. Without a choice the browser's language and zone are used.
function languageCard(ctx) {
  const language = h(
    'select',
    { id: 'setting-language', testid: 'settings-language' },
    h('option', { value: '' }, t("This browser's language ({language})", { language: (LANGUAGES.find(([code]) => code === browserLanguage()) || [])[1] })),
    LANGUAGES.map(([code, name]) => h('option', { value: code, lang: code, selected: chosenLanguage() === code }, name)),
  );
  const zone = h(
    'select',
    { id: 'setting-zone', testid: 'settings-zone' },
    h('option', { value: '' }, t("This browser's time zone ({zone})", { zone: browserZone() })),
    zones(chosenZone()).map((z) => h('option', { value: z, selected: chosenZone() === z }, z)),
  );
  const example = h('p', { class: 'muted small', testid: 'settings-time-example' }, t('Now: {time}', { time: dateFormat({ dateStyle: 'full', timeStyle: 'short' }).format(new Date()) }));
  language.addEventListener('change', async () => {
    await chooseLanguage(language.value);
    ctx.relabel(); // the frame and this page in the new language
  });
  zone.addEventListener('change', () => {
    chooseZone(zone.value);
    ctx.relabel();
  });
  return h(
    'section',
    { class: 'card form-grid', 'aria-labelledby': 'lang-title', testid: 'settings-language-card' },
    h('h2', { id: 'lang-title', class: 'span' }, t('Language and time zone')),
    h('label', { for: 'setting-language' }, t('Language')),
    language,
    h('label', { for: 'setting-zone' }, t('Time zone')),
    h('div', null, zone, example),
    h('p', { class: 'muted small span' }, t('Kept in this browser. Dates and times in the console follow them ({zone} now).', { zone: timeZone() })),
  );
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
    h('h2', { id: 'pw-title', class: 'span' }, t('Change password')),
    h('label', { for: 'pw-current' }, t('Current password')),
    current,
    h('label', { for: 'pw-new' }, t('New password')),
    h('div', null, next, h('p', { class: 'muted small' }, t('At least 12 characters, not your username or e-mail address, not a well-known password. Your other sessions and all your API tokens end.'))),
    h('label', { for: 'pw-again' }, t('New password again')),
    again,
    h('div', { class: 'span' }, h('button', { type: 'submit', class: 'button primary', testid: 'settings-password-submit' }, t('Change password'))),
    result,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    result.className = '';
    if (next.value !== again.value) {
      result.className = 'form-error';
      result.textContent = t('The new password and its repetition differ.');
      return;
    }
    try {
      await api('me/password', { method: 'PUT', body: { current: current.value, new: next.value } });
      form.reset();
      result.className = 'muted small';
      result.textContent = t('Password changed. Your other sessions and your API tokens have ended.');
    } catch (err) {
      result.className = 'form-error';
      if (err.fields) {
        const names = { current: t('Current password'), new: t('New password') };
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
    line.textContent = t('Your browser is asking whether ContactDesk may show notifications…');
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
    line.textContent = t("This browser can't show desktop notifications.");
    line.classList.add('warn');
    return;
  }
  const state = Notification.permission;
  if (state === 'granted') {
    line.textContent = t('Your browser allows notifications from ContactDesk.');
  } else if (state === 'denied') {
    line.textContent = desktopOn
      ? t("Your browser blocks notifications from ContactDesk, so none will show here. Allow them in the site's settings (the icon left of the address), then reload.")
      : t("Your browser blocks notifications from ContactDesk. To use Desktop, allow them in the site's settings (the icon left of the address).");
    line.classList.add('warn');
  } else {
    line.textContent = desktopOn
      ? t("Your browser hasn't allowed notifications yet. Turn Desktop off and on again to be asked.")
      : t('Your browser will ask for permission when you turn Desktop on.');
  }
}

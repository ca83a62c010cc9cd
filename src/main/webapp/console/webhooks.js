// Admin page #/admin/webhooks: the installation's signed webhooks (list, create with the secret
// shown once, edit, delete) and each one's deliveries with "Redeliver". A webhook whose last
// attempts failed is marked "Failing".

import { h, replace, append } from '../common/dom.js';
import { api } from './api.js';
import { t, msg } from './i18n.js';
import { fullTime, when } from './format.js';

const EVENTS = [
  ['contact.registered', msg('A contact is registered')],
  ['contact.commented', msg('A comment is written')],
  ['contact.status_changed', msg('The status changes')],
  ['contact.escalated', msg('A contact is escalated')],
  ['contact.deleted', msg('A contact is deleted')],
];

export async function adminWebhooksView(main, ctx) {
  const heading = h('h1', { tabindex: '-1' }, t('Webhooks'));
  const body = h('div', null, h('p', { class: 'muted' }, t('Loading…')));
  replace(main, h('div', { class: 'page' }, heading, body));
  heading.focus();
  let hooks;
  let queues;
  try {
    [hooks, queues] = await Promise.all([api('admin/webhooks'), api('admin/queues')]);
  } catch (e) {
    if (!ctx.isCurrent()) return;
    replace(body, h('p', { class: 'form-error', role: 'alert' }, t('Could not load: {error}', { error: e.message })));
    return;
  }
  if (!ctx.isCurrent()) return;
  const queueName = new Map(queues.map((q) => [q.id, q.name]));
  const reload = () => ctx.navigate('#/admin/webhooks', { force: true });
  // one panel under the table holds whichever is open: the new secret, an editor, the deliveries
  const panel = h('div', { testid: 'admin-webhook-panel' });
  const status = h('p', { class: 'muted small', role: 'status', testid: 'admin-webhooks-status' });

  const table = hooks.length
    ? h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'table', testid: 'admin-webhook-list' },
          h('thead', null, h('tr', null, ['URL', t('Events'), t('Queues'), t('Answers'), t('State')].map((label) => h('th', { scope: 'col' }, label)), h('th', { scope: 'col' }, h('span', { class: 'sr' }, t('Actions'))))),
          h(
            'tbody',
            null,
            hooks.map((w) =>
              h(
                'tr',
                { testid: 'admin-webhook-row', dataset: { webhookId: w.id } },
                h('td', null, h('code', null, w.url)),
                h('td', { class: 'small' }, w.events.join(', ')),
                h('td', { class: 'small' }, w.queues ? w.queues.map((id) => queueName.get(id) || id).join(', ') : t('All queues')),
                h('td', null, w.includeAnswers ? t('Included') : t('Not sent')),
                h(
                  'td',
                  { class: 'small' },
                  w.failing
                    ? h('span', { class: 'badge warn', testid: 'admin-webhook-failing', title: w.failingSince ? t('Failing since {time}', { time: fullTime(w.failingSince) }) : null }, t('Failing ({n} in a row)', { n: w.consecutiveFailures }))
                    : w.lastDeliveredAt
                      ? h('span', { title: fullTime(w.lastDeliveredAt) }, t('Delivered {when}', { when: when(w.lastDeliveredAt) }))
                      : h('span', { class: 'muted' }, t('Nothing sent yet')),
                ),
                h('td', { class: 'row gap nowrap' }, actions(w, queues, panel, status, reload)),
              ),
            ),
          ),
        ),
      )
    : h('p', { class: 'muted' }, t('No webhooks yet.'));

  replace(
    body,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'webhooks-title' },
      h('h2', { id: 'webhooks-title' }, t('Webhooks')),
      h('p', { class: 'muted small' }, t('Each event is a JSON POST signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature), retried with back-off until the receiver answers 2xx.')),
      table,
      status,
    ),
    panel,
    editor(t('New webhook'), { url: '', events: ['contact.registered'], queues: null, includeAnswers: false }, queues, t('Create webhook'), async (draft) => {
      const created = await api('admin/webhooks', { method: 'POST', body: draft });
      showSecret(panel, created, reload);
    }),
  );
}

function actions(w, queues, panel, status, reload) {
  const button = (label, testid, onClick) => {
    const b = h('button', { type: 'button', class: 'button small', testid: `${testid}-${w.id}` }, label);
    b.addEventListener('click', onClick);
    return b;
  };
  const edit = button(t('Edit'), 'admin-webhook-edit', () => {
    panel.replaceChildren(
      editor(t('Edit {url}', { url: w.url }), w, queues, t('Save'), async (draft) => {
        await api(`admin/webhooks/${encodeURIComponent(w.id)}`, { method: 'PUT', body: draft });
        reload();
      }, () => panel.replaceChildren()),
    );
    panel.querySelector('h2').focus();
  });
  const deliveries = button(t('Deliveries'), 'admin-webhook-deliveries', () => showDeliveries(panel, w));
  const remove = button(t('Delete'), 'admin-webhook-delete', async () => {
    if (!confirm(t('Delete the webhook to {url}? Deliveries still owed to it are dropped.', { url: w.url }))) return;
    try {
      await api(`admin/webhooks/${encodeURIComponent(w.id)}`, { method: 'DELETE' });
      reload();
    } catch (e) {
      status.textContent = t('Not deleted: {error}', { error: e.message });
    }
  });
  return [edit, deliveries, remove];
}

/** The form of a webhook; submit(draft) sends it, and its 422 is shown field by field. */
function editor(title, w, queues, submitLabel, submit, cancel) {
  const url = h('input', { id: uidFor('url'), type: 'url', value: w.url, required: true, placeholder: 'https://crm.example.com/hooks/contactdesk', testid: 'admin-webhook-url', autocomplete: 'off' });
  const events = EVENTS.map(([name, label]) => [name, h('input', { type: 'checkbox', value: name, checked: w.events.includes(name), testid: `admin-webhook-event-${name}` }), t(label)]);
  const allQueues = h('input', { type: 'checkbox', checked: w.queues == null, testid: 'admin-webhook-all-queues' });
  const queueBoxes = queues.map((q) => [q.id, h('input', { type: 'checkbox', value: q.id, checked: w.queues != null && w.queues.includes(q.id), disabled: w.queues == null, testid: `admin-webhook-queue-${q.id}` }), q.name]);
  allQueues.addEventListener('change', () => queueBoxes.forEach(([, box]) => { box.disabled = allQueues.checked; }));
  const answers = h('input', { type: 'checkbox', class: 'switch-input', checked: w.includeAnswers, testid: 'admin-webhook-answers' });
  const error = h('div', { class: 'form-error', role: 'alert', testid: 'admin-webhook-error' });
  const form = h(
    'form',
    { class: 'card form-grid', novalidate: true, testid: 'admin-webhook-editor' },
    h('h2', { class: 'span', tabindex: '-1' }, title),
    h('label', { for: url.id }, 'URL'),
    h('div', null, url, h('p', { class: 'muted small' }, 'https only; addresses inside your network (loopback, private, link-local) are refused.')),
    h('span', null, t('Events')),
    h('div', { class: 'switches' }, events.map(([, box, label]) => h('label', { class: 'check' }, box, label))),
    h('span', null, t('Queues')),
    h('div', { class: 'switches' }, h('label', { class: 'check' }, allQueues, t('All queues, also new ones')), queueBoxes.map(([, box, name]) => h('label', { class: 'check' }, box, name))),
    h('span', null, t('Answers')),
    h(
      'div',
      null,
      h('label', { class: 'switch' }, answers, h('span', { class: 'switch-track', 'aria-hidden': 'true' }), h('span', { class: 'switch-label' }, t('Include the visitor’s answers'))),
      h('p', { class: 'muted small switch-help' }, t('Off: the receiver gets the reference, status and a link, never what the visitor wrote.')),
    ),
    h('div', { class: 'span row gap' }, h('button', { type: 'submit', class: 'button primary', testid: 'admin-webhook-submit' }, submitLabel), cancel ? h('button', { type: 'button', class: 'button', onclick: cancel }, t('Cancel')) : null),
    error,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.replaceChildren();
    const draft = {
      url: url.value.trim(),
      events: events.filter(([, box]) => box.checked).map(([name]) => name),
      queues: allQueues.checked ? null : queueBoxes.filter(([, box]) => box.checked).map(([id]) => id),
      includeAnswers: answers.checked,
    };
    try {
      await submit(draft);
    } catch (err) {
      if (err.fields) append(error, h('ul', null, Object.entries(err.fields).map(([k, v]) => h('li', null, `${k}: ${v}`))));
      else error.textContent = err.message;
    }
  });
  return form;
}

let ids = 0;
function uidFor(what) {
  ids += 1;
  return `webhook-${what}-${ids}`;
}

/** The secret of a new webhook, this once, with a copy button. */
function showSecret(panel, created, reload) {
  const secret = h('code', { class: 'secret', testid: 'admin-webhook-secret' }, created.secret);
  const copy = h('button', { type: 'button', class: 'button small', testid: 'admin-webhook-copy' }, t('Copy'));
  const copied = h('span', { class: 'muted small', role: 'status' });
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      copied.textContent = t('Copied.');
    } catch {
      copied.textContent = t('Select the secret and copy it by hand.');
    }
  });
  const done = h('button', { type: 'button', class: 'button primary', testid: 'admin-webhook-secret-done' }, 'I have saved it');
  done.addEventListener('click', reload);
  panel.replaceChildren(
    h(
      'section',
      { class: 'card', testid: 'admin-webhook-created' },
      h('h2', { tabindex: '-1' }, t('Webhook created: its secret')),
      h('p', null, t('The receiver checks each delivery’s signature with this secret. It is shown only now; if it is lost, delete the webhook and create a new one.')),
      h('p', { class: 'row gap' }, secret, copy, copied),
      done,
    ),
  );
  panel.querySelector('h2').focus();
}

async function showDeliveries(panel, w) {
  const title = h('h2', { tabindex: '-1' }, t('Deliveries to {url}', { url: w.url }));
  const list = h('div', null, h('p', { class: 'muted' }, t('Loading…')));
  const status = h('p', { class: 'muted small', role: 'status', testid: 'admin-deliveries-status' });
  const refresh = h('button', { type: 'button', class: 'button small' }, t('Refresh'));
  refresh.addEventListener('click', () => showDeliveries(panel, w));
  panel.replaceChildren(h('section', { class: 'card', testid: 'admin-webhook-deliveries' }, title, h('p', { class: 'muted small' }, t('The newest 100. A redelivery sends the same body under the same webhook-id, so a receiver that already has it can drop it.')), refresh, list, status));
  title.focus();
  let deliveries;
  try {
    deliveries = await api(`admin/webhooks/${encodeURIComponent(w.id)}/deliveries`);
  } catch (e) {
    replace(list, h('p', { class: 'form-error', role: 'alert' }, t('Could not load: {error}', { error: e.message })));
    return;
  }
  const state = (d) => ({ DELIVERED: t('Delivered'), PENDING: d.attempts ? t('Retrying') : t('Waiting'), FAILED: t('Given up') })[d.status] || d.status;
  const time = (iso) => (iso ? h('time', { datetime: iso, title: fullTime(iso) }, when(iso)) : h('span', { class: 'muted' }, '—'));
  replace(
    list,
    deliveries.length
      ? h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { class: 'table', testid: 'admin-delivery-list' },
            h('thead', null, h('tr', null, [t('Event'), t('State'), t('Attempts'), t('Last answer'), t('Next attempt'), t('Delivered')].map((label) => h('th', { scope: 'col' }, label)), h('th', { scope: 'col' }, h('span', { class: 'sr' }, t('Actions'))))),
            h(
              'tbody',
              null,
              deliveries.map((d) => {
                const again = h('button', { type: 'button', class: 'button small', testid: `admin-delivery-redeliver-${d.id}` }, t('Redeliver'));
                again.addEventListener('click', async () => {
                  again.disabled = true;
                  try {
                    await api(`admin/webhooks/${encodeURIComponent(w.id)}/deliveries/${encodeURIComponent(d.id)}/redeliver`, { method: 'POST' });
                    status.textContent = t('Delivery {id} is sent again shortly.', { id: d.id });
                  } catch (e) {
                    status.textContent = t('Not redelivered: {error}', { error: e.message });
                    again.disabled = false;
                  }
                });
                return h(
                  'tr',
                  { testid: 'admin-delivery-row', dataset: { deliveryId: d.id } },
                  h('td', null, h('code', null, d.event), h('br'), h('span', { class: 'muted small' }, d.id)),
                  h('td', null, d.status === 'FAILED' ? h('span', { class: 'badge warn' }, state(d)) : state(d)),
                  h('td', null, String(d.attempts)),
                  h('td', { class: 'small' }, d.lastStatusCode != null ? `HTTP ${d.lastStatusCode}` : '', d.lastError ? h('div', { class: 'muted' }, d.lastError) : null),
                  h('td', null, time(d.nextAttemptAt)),
                  h('td', null, time(d.deliveredAt)),
                  h('td', null, again),
                );
              }),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('Nothing has been owed to this webhook yet.')),
  );
}

/*
 * ContactDesk chat launcher. On the customer's page:
 *
 *   <script src="https://HOST/widget/embed.js" data-queue="support" defer></script>
 *
 * Optional: data-lang="fi" (default: the page's <html lang>, then the browser's languages);
 * data-prefill-<field>="value" for the form's hidden fields (e.g. data-prefill-customer-no="12345";
 * HTML lower-cases attribute names, and the chat window matches field names without regard to
 * case). Adds a button at the bottom right that opens the chat window (an iframe from the same host
 * as this script). window.ContactDesk.open() / .close() do the same from the page's own code.
 *
 * Before adding the button it asks the queue once whether this page's origin may show it (the
 * visitor API answers cross-origin only to the queue's allowed origins, and the chat window may be
 * framed only by them). A page that may not gets no button, and one line in its console saying why.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || window.ContactDesk) return;

  var LABELS = {
    en: { open: 'Chat with us', close: 'Close chat', frame: 'Chat' },
    fi: { open: 'Keskustele kanssamme', close: 'Sulje chat', frame: 'Chat' },
    sv: { open: 'Chatta med oss', close: 'Stäng chatten', frame: 'Chatt' }
  };

  var queue = script.getAttribute('data-queue');
  if (!queue) {
    if (window.console) console.warn('ContactDesk: add data-queue="<queue id>" to the embed script tag');
    return;
  }
  // the chat window's language: data-lang, else the page's own language, else (left out) the
  // browser's languages decide inside the window
  var lang = languageTag(script.getAttribute('data-lang')) || languageTag(document.documentElement.lang);
  var pageLang = (lang || navigator.language || 'en').toLowerCase().split('-')[0];
  var labels = LABELS[pageLang] || LABELS.en;
  var widgetUrl = new URL('index.html', script.src);
  var widgetOrigin = widgetUrl.origin;
  var queueUrl = new URL('../api/public/queues/' + encodeURIComponent(queue), script.src);

  function languageTag(value) {
    var tag = (value || '').trim();
    return /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(tag) ? tag.split(/[-_]/)[0].toLowerCase() : '';
  }

  function warn(text) {
    if (window.console) console.warn('ContactDesk: ' + text);
  }

  var host;
  var root;
  var launcher;
  var panel;
  var frame;
  var isOpen = false;

  function frameSrc() {
    var params = new URLSearchParams();
    params.set('queue', queue);
    if (lang) params.set('lang', lang);
    for (var i = 0; i < script.attributes.length; i++) {
      var attr = script.attributes[i];
      if (attr.name.indexOf('data-prefill-') === 0 && attr.name.length > 13) {
        params.set('prefill.' + attr.name.slice(13), attr.value);
      }
    }
    var page = location.href.split('#')[0];
    if (page.length <= 2000 && /^https?:/.test(page)) params.set('page', page);
    return widgetUrl.href + '?' + params.toString();
  }

  function el(tag, attrs) {
    var node = document.createElement(tag);
    for (var key in attrs) {
      if (Object.prototype.hasOwnProperty.call(attrs, key)) node.setAttribute(key, attrs[key]);
    }
    return node;
  }

  function icon(open) {
    var ns = 'http://www.w3.org/2000/svg';
    var svgEl = document.createElementNS(ns, 'svg');
    svgEl.setAttribute('viewBox', '0 0 24 24');
    svgEl.setAttribute('width', '26');
    svgEl.setAttribute('height', '26');
    svgEl.setAttribute('aria-hidden', 'true');
    svgEl.setAttribute('focusable', 'false');
    var path = document.createElementNS(ns, 'path');
    if (open) {
      path.setAttribute('d', 'M6 6l12 12M18 6L6 18');
      path.setAttribute('stroke', 'currentColor');
      path.setAttribute('stroke-width', '2.4');
      path.setAttribute('stroke-linecap', 'round');
      path.setAttribute('fill', 'none');
    } else {
      path.setAttribute('d', 'M4 6.5A2.5 2.5 0 0 1 6.5 4h11A2.5 2.5 0 0 1 20 6.5v8a2.5 2.5 0 0 1-2.5 2.5H11l-4.5 3.5V17A2.5 2.5 0 0 1 4 14.5z');
      path.setAttribute('fill', 'currentColor');
    }
    svgEl.appendChild(path);
    return svgEl;
  }

  var CSS =
    ':host{all:initial}' +
    '.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:58px;height:58px;border-radius:50%;' +
    'border:0;background:#1259b8;color:#fff;display:grid;place-items:center;cursor:pointer;' +
    'box-shadow:0 4px 14px rgba(16,24,40,.28)}' +
    '.launcher:hover{background:#0d4690}' +
    '.launcher:focus-visible{outline:3px solid #1259b8;outline-offset:3px;box-shadow:0 0 0 3px #fff}' +
    // sizes in % of the viewport a fixed element sees, which leaves out the page's scrollbar
    // (100vw would not: at 360 px the panel would reach 15 px under a classic scrollbar)
    '.panel{position:fixed;right:20px;bottom:92px;z-index:2147483000;width:380px;height:600px;' +
    'max-height:calc(100% - 112px);max-width:calc(100% - 40px);border-radius:14px;overflow:hidden;background:#fff;' +
    'box-shadow:0 12px 40px rgba(16,24,40,.3)}' +
    '.panel[hidden]{display:none}' +
    'iframe{border:0;width:100%;height:100%;display:block}' +
    '@media (max-width:480px),(max-height:560px){.panel{top:0;right:0;bottom:0;left:0;width:auto;height:auto;max-width:none;max-height:none;border-radius:0}' +
    '.open .launcher{display:none}}' +
    '@media (prefers-reduced-motion:no-preference){.panel{animation:cd-in .16s ease-out}' +
    '@keyframes cd-in{from{opacity:0;transform:translateY(8px)}to{opacity:1;transform:none}}}';

  function build() {
    host = el('div', { id: 'contactdesk-chat', 'data-testid': 'embed-host' });
    root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
    // A constructed style sheet is CSSOM, which a page's Content Security Policy does not count as
    // inline style: the launcher keeps its look on a page with a strict CSP (the app's own pages
    // have default-src 'self'). Older browsers get a <style> element.
    if (root.adoptedStyleSheets && typeof CSSStyleSheet === 'function' && CSSStyleSheet.prototype.replaceSync) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      var style = document.createElement('style');
      style.textContent = CSS;
      root.appendChild(style);
    }
    var wrap = el('div', { class: 'wrap' });
    panel = el('div', { class: 'panel', id: 'contactdesk-panel', hidden: '' });
    launcher = el('button', {
      type: 'button',
      class: 'launcher',
      'aria-label': labels.open,
      title: labels.open,
      'aria-expanded': 'false',
      'aria-controls': 'contactdesk-panel',
      'data-testid': 'embed-launcher'
    });
    launcher.appendChild(icon(false));
    launcher.addEventListener('click', function () {
      if (isOpen) close();
      else open();
    });
    wrap.appendChild(panel);
    wrap.appendChild(launcher);
    root.appendChild(wrap);
    document.body.appendChild(host);
  }

  function open() {
    if (isOpen) return;
    isOpen = true;
    if (!frame) {
      // loaded on first open only, so the page pays nothing until the visitor wants the chat
      frame = el('iframe', { title: labels.frame, src: frameSrc(), 'data-testid': 'embed-frame' });
      frame.addEventListener('load', function () {
        if (isOpen) tell('contactdesk:opened');
      });
      panel.appendChild(frame);
    } else {
      tell('contactdesk:opened');
    }
    panel.hidden = false;
    root.querySelector('.wrap').classList.add('open');
    launcher.setAttribute('aria-expanded', 'true');
    launcher.setAttribute('aria-label', labels.close);
    launcher.title = labels.close;
    launcher.replaceChild(icon(true), launcher.firstChild);
    frame.focus();
  }

  function close() {
    if (!isOpen) return;
    isOpen = false;
    panel.hidden = true;
    root.querySelector('.wrap').classList.remove('open');
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-label', labels.open);
    launcher.title = labels.open;
    launcher.replaceChild(icon(false), launcher.firstChild);
    launcher.focus();
  }

  // the panel's own media query (CSS above): where it matches, the open chat fills the screen
  var filling = window.matchMedia ? window.matchMedia('(max-width:480px),(max-height:560px)') : null;

  function tell(type) {
    if (frame && frame.contentWindow) {
      frame.contentWindow.postMessage({ type: type, fillsScreen: !!(filling && filling.matches) }, widgetOrigin);
    }
  }

  if (filling && filling.addEventListener) {
    filling.addEventListener('change', function () {
      if (isOpen) tell('contactdesk:layout');
    });
  }

  window.addEventListener('message', function (event) {
    if (!frame || event.source !== frame.contentWindow || event.origin !== widgetOrigin) return;
    if (event.data && event.data.type === 'contactdesk:close') close();
  });

  window.ContactDesk = {
    open: function () {
      if (launcher) open();
    },
    close: function () {
      if (launcher) close();
    }
  };

  /**
   * May this page show the chat? A page on another origin than ContactDesk gets the queue's answer
   * only when its origin is allowed (CORS). When that request fails while ContactDesk itself answers
   * (a no-cors request of this very script, from the cache), the origin is not allowed: nothing is
   * shown, since the frame would stay empty (CSP frame-ancestors), and the site's owner reads why.
   * When ContactDesk cannot be reached at all, or the page's own CSP keeps us from asking, the
   * button is shown as before: the visitor may still get through.
   */
  function check() {
    if (!window.fetch) return Promise.resolve(true);
    return fetch(queueUrl.href, { headers: { Accept: 'application/json' }, credentials: 'omit' }).then(
      function (res) {
        if (res.status === 404) {
          warn('there is no queue "' + queue + '" (data-queue). The chat launcher is not shown.');
          return false;
        }
        return true;
      },
      function () {
        return fetch(script.src, { mode: 'no-cors', credentials: 'omit' }).then(
          function () {
            warn(
              'the chat of queue "' + queue + '" is not shown on ' + location.origin +
                ': this origin is not among the queue\'s allowed origins (or there is no such queue).' +
                ' An admin adds it on the queue\'s page under "Web sites".'
            );
            return false;
          },
          function () {
            return true;
          }
        );
      }
    );
  }

  function start() {
    check().then(function (allowed) {
      if (allowed) build();
    });
  }

  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();

// Small DOM helpers shared by the console and the chat window.
//
// Everything that comes from a visitor, an agent or the server is put into the page as text: h()
// turns string children into text nodes and sets attributes with setAttribute, so no markup that
// someone typed is ever parsed. Nothing in the front-end uses innerHTML.

const PROPERTIES = new Set(['value', 'checked', 'selected', 'indeterminate', 'defaultValue']);

/**
 * Creates an element: h('button', {class: 'primary', onclick: fn, testid: 'x'}, 'Save').
 * Attribute values null, undefined or false are left out; true gives an empty attribute.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value == null || value === false) continue;
      if (key === 'class') el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
      else if (key === 'testid') el.dataset.testid = value;
      else if (key === 'dataset') Object.assign(el.dataset, value);
      else if (key === 'style' && typeof value === 'object') Object.assign(el.style, value);
      else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
      else if (PROPERTIES.has(key)) el[key] = value;
      else el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends nodes and strings (as text) to el, skipping null, undefined and false. */
export function append(el, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces el's content. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, ...children);
}

/** An SVG element (for icons and charts), same conventions as h(). */
export function svg(tag, props, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value == null || value === false) continue;
    el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

/** Text with {name} placeholders filled in: fill('Hi {who}', {who: 'Mia'}). */
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (m, name) => (name in values ? String(values[name]) : m));
}

let idCounter = 0;
/** A fresh id for label/for and aria-describedby pairs. */
export function uid(prefix = 'id') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

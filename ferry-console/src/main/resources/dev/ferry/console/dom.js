// Tiny element-building helpers. Every page builds its DOM with h(); text is always set as text
// (never innerHTML), so connector names, configs and traces cannot inject markup.

/**
 * Creates an element. `attrs` keys:
 *   class, text, html is NOT supported (on purpose);
 *   on: {click: fn, input: fn, ...} event listeners;
 *   dataset: {testid: 'x'} -> data-testid="x";
 *   testid: shorthand for dataset.testid;
 *   boolean attributes (disabled, hidden, checked, required, open, selected, readonly): set when truthy;
 *   value: sets the property (inputs, selects, textareas);
 *   anything else: setAttribute (aria-*, role, href, type, for, id, ...); null/undefined/false are skipped.
 * `children`: nodes, strings, numbers, arrays of those (nested), null/undefined/false skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = tag.includes(':')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(tag.indexOf(':') + 1))
    : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'testid') el.dataset.testid = value;
    else if (key === 'value') el.value = value;
    else if (BOOLEAN_ATTRS.has(key)) el[key] = true;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

const BOOLEAN_ATTRS = new Set(['disabled', 'hidden', 'checked', 'required', 'open', 'selected', 'readOnly',
  'readonly', 'multiple', 'autofocus']);

/** Appends children (see h) to el; returns el. */
export function append(el, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Removes every child of el; returns el. */
export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** Replaces el's children with `children`; returns el. */
export function replace(el, ...children) {
  return append(clear(el), ...children);
}

/** A real <button type="button"> with an accessible name (its text, or `label` for icon-like text). */
export function button(text, onClick, attrs = {}) {
  return h('button', { type: 'button', ...attrs, on: { click: onClick, ...(attrs.on || {}) } }, text);
}

/** A link to a console route, e.g. link('#/connectors/' + encodeURIComponent(name), name). */
export function link(href, text, attrs = {}) {
  return h('a', { href, ...attrs }, text);
}

/** Route to a connector's page (names may contain any character). */
export function connectorHref(name, suffix = '') {
  return '#/connectors/' + encodeURIComponent(name) + suffix;
}

/** A state badge: RUNNING, FAILED, PAUSED, STOPPED, UNASSIGNED, RESTARTING (class state-<lower>). */
export function stateBadge(state, attrs = {}) {
  const s = state || 'UNKNOWN';
  return h('span', { class: ['badge', 'state-' + s.toLowerCase()], ...attrs }, s);
}

/** A labelled form control: <label>Text <control></label>, the accessible name tests find it by. */
export function field(labelText, control, hint) {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, labelText), control,
    hint ? h('span', { class: 'hint' }, hint) : null);
}

/**
 * A block of preformatted text (traces, JSON) with a Copy button that copies exactly the text.
 * `label` names the block for screen readers and for the button ("Copy <label>").
 */
export function copyable(text, label, attrs = {}) {
  const pre = h('pre', { class: 'copyable-text', tabindex: '0', 'aria-label': label }, text);
  const status = h('span', { class: 'copy-status', role: 'status' });
  const copy = button('Copy', async () => {
    const ok = await copyText(text);
    status.textContent = ok ? 'Copied' : 'Select the text and copy it';
    if (!ok) selectContents(pre);
    setTimeout(() => { status.textContent = ''; }, 2500);
  }, { 'aria-label': 'Copy ' + label, class: 'small' });
  return h('div', { class: 'copyable', ...attrs }, h('div', { class: 'copyable-bar' }, copy, status), pre);
}

/** Copies text to the clipboard; false when the browser refuses (plain http on another host). */
export async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch (_) { /* fall back below */ }
  const area = h('textarea', { class: 'offscreen', readonly: true, 'aria-hidden': 'true' });
  area.value = text;
  document.body.append(area);
  area.select();
  let ok = false;
  try { ok = document.execCommand('copy'); } catch (_) { ok = false; }
  area.remove();
  return ok;
}

function selectContents(el) {
  const range = document.createRange();
  range.selectNodeContents(el);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

/** A table: headers is a list of strings; rows a list of arrays of cell contents (or <tr> nodes). */
export function table(headers, rows, attrs = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', attrs,
      h('thead', {}, h('tr', {}, headers.map(text => h('th', { scope: 'col' }, text)))),
      h('tbody', {}, rows.map(row => row instanceof Node ? row : h('tr', {}, row.map(cell => h('td', {}, cell)))))));
}

/** An error message block (role=alert) for a failed load or action. */
export function errorBox(message, attrs = {}) {
  return h('div', { class: 'error-box', role: 'alert', ...attrs }, message);
}

/** "Loading…" placeholder. */
export function loading(what = 'Loading') {
  return h('p', { class: 'muted loading', role: 'status' }, what + '…');
}

/** Formats a number of records per second, bytes, etc. compactly: 1234.5 -> "1.2k". */
export function compact(n, digits = 1) {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  const abs = Math.abs(n);
  if (abs >= 1e9) return (n / 1e9).toFixed(digits) + 'G';
  if (abs >= 1e6) return (n / 1e6).toFixed(digits) + 'M';
  if (abs >= 1e4) return (n / 1e3).toFixed(digits) + 'k';
  if (abs >= 100 || Number.isInteger(n)) return String(Math.round(n));
  return n.toFixed(digits);
}

/**
 * Asks the user to confirm with a modal <dialog> naming what is affected; resolves true/false.
 * `confirmLabel` is the confirming button's text (e.g. "Delete my-sink").
 */
export function confirmDialog({ title, message, confirmLabel, danger = false }) {
  return new Promise(resolve => {
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title', testid: 'confirm-dialog' },
      h('form', { method: 'dialog', class: 'stack' },
        h('h2', { id: 'confirm-title' }, title),
        message ? h('p', {}, message) : null,
        h('div', { class: 'actions' },
          h('button', { type: 'submit', value: 'cancel', class: 'secondary', autofocus: true }, 'Cancel'),
          h('button', { type: 'submit', value: 'confirm', class: danger ? 'danger' : 'primary' }, confirmLabel))));
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'confirm');
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

// Ferry console: the shell (router, page registry, notices, sign-in) every page plugs into.
//
// ─── The page contract ──────────────────────────────────────────────────────────────────────────
// A page is an ES module in this folder that exports
//
//     export async function render(root, params, ctx) { ... }   // required
//     export function dispose() { ... }                          // optional
//
// * `root` is an empty <section> the page owns until it is left; build into it with dom.js's h().
//   The shell puts nothing else in it. Set a heading (<h1>) first: it is the page's name.
// * `params` are the route's named parts, decoded (e.g. {name: 'my sink'} for '#/connectors/my%20sink'),
//   plus `query`, a URLSearchParams of what follows '?' in the hash ('#/?q=orders&state=FAILED').
// * `ctx` is what the shell lends the page for its lifetime:
//     ctx.api            api.js's api (get/post/put/patch/delete); every REST call goes through it
//     ctx.signal         an AbortSignal aborted when the page is left: pass it as {signal: ctx.signal}
//                        to api calls; ignore rejections for which isAbort(error) is true
//     ctx.poll(fn, ms)   calls fn() now and then every ms while the page is shown and the browser tab
//                        is visible (live updates without reload); stops by itself when the page is left;
//                        returns {refresh()} to run fn at once (e.g. after an action)
//     ctx.navigate(hash) goes to another route ('#/connectors/x'); ctx.refresh() re-renders this one
//     ctx.setQuery(obj)  rewrites this route's query in the address without re-rendering (filters)
//     ctx.notify(message, kind)   a transient notice ('info' | 'success' | 'error'), read by screen readers
//     ctx.setTitle(text) the document title ("<text> · Ferry")
//     ctx.serverInfo     GET / of the worker serving the console ({version, commit, kafka_cluster_id})
//     ctx.active()       false once the page was left (check after awaits before touching the DOM)
// * dispose() is called when the page is left, before the next page renders; timers made with
//   ctx.poll and calls made with ctx.signal are already stopped, so most pages need no dispose.
// * Pages are loaded with import() on first visit, so a page's code costs nothing until it is opened.
// * Routes are registered in ROUTES below: a pattern of '/'-separated parts, ':name' capturing one part.
//   A page may serve several routes (form.js: '/new' and '/connectors/:name/edit').
// * Accessibility: real <button>s and <a href>s, every control labelled (dom.js field()), state not
//   shown by colour alone; tests find elements by role/label/text, by data-testid otherwise.
// ────────────────────────────────────────────────────────────────────────────────────────────────

import { api, isAbort, onAuthRequired, hasCredentials, clearCredentials } from './api.js';
import { h, clear, replace, errorBox } from './dom.js';

/** Route pattern -> page module (file in this folder) and the nav entry it highlights. */
export const ROUTES = [
  { pattern: '/', page: './overview.js', nav: 'overview' },
  { pattern: '/new', page: './form.js', nav: 'new' },
  { pattern: '/plugins', page: './plugins.js', nav: 'plugins' },
  { pattern: '/loggers', page: './loggers.js', nav: 'loggers' },
  { pattern: '/connectors/:name', page: './connector.js', nav: 'overview' },
  { pattern: '/connectors/:name/edit', page: './form.js', nav: 'overview' },
  { pattern: '/connectors/:name/dlq', page: './dlq.js', nav: 'overview' },
];

const pageHost = () => document.getElementById('page');
let current = null; // {module, controller, timers, root}
let renderSeq = 0;
let serverInfo = null;

/** Splits '#/connectors/a%2Fb?x=1' into a matched route, its params and query. */
export function matchRoute(hash) {
  const raw = (hash || '').replace(/^#/, '') || '/';
  const [pathPart, queryPart = ''] = raw.split('?');
  const parts = pathPart.split('/').filter(Boolean);
  for (const route of ROUTES) {
    const want = route.pattern.split('/').filter(Boolean);
    if (want.length !== parts.length) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < want.length; i++) {
      if (want[i].startsWith(':')) {
        try { params[want[i].slice(1)] = decodeURIComponent(parts[i]); } catch (_) { ok = false; break; }
      } else if (want[i] !== parts[i]) { ok = false; break; }
    }
    if (ok) return { route, params: { ...params, query: new URLSearchParams(queryPart) } };
  }
  return null;
}

async function show() {
  const seq = ++renderSeq;
  leaveCurrent();
  const host = pageHost();
  const match = matchRoute(location.hash);
  markNav(match ? match.route.nav : null);
  const root = h('section', { class: 'page', testid: 'page-root' });
  replace(host, root);
  if (!match) {
    replace(root, h('h1', {}, 'Page not found'),
      h('p', {}, 'No console page lives at ', h('code', {}, location.hash), '. ', h('a', { href: '#/' }, 'Go to the overview.')));
    setTitle('Not found');
    return;
  }
  const controller = new AbortController();
  const state = { module: null, controller, timers: new Set(), root, seq };
  current = state;
  let module;
  try {
    module = await import(match.route.page);
  } catch (error) {
    if (seq !== renderSeq) return;
    replace(root, h('h1', {}, 'Page not available'),
      errorBox(`This page (${match.route.page.slice(2)}) could not be loaded: ${error.message}`));
    return;
  }
  if (seq !== renderSeq) return;
  state.module = module;
  try {
    await module.render(root, match.params, makeContext(state));
  } catch (error) {
    if (isAbort(error) || seq !== renderSeq) return;
    console.error(error);
    root.append(errorBox(error.message || String(error), { testid: 'page-error' }));
  }
}

function makeContext(state) {
  const active = () => current === state && !state.controller.signal.aborted;
  return {
    api,
    signal: state.controller.signal,
    active,
    serverInfo,
    navigate: hash => { location.hash = hash; },
    refresh: () => show(),
    setQuery: params => {
      const match = matchRoute(location.hash);
      const path = (location.hash.replace(/^#/, '') || '/').split('?')[0];
      const query = new URLSearchParams();
      for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') query.set(k, v);
      const text = query.toString();
      if (match) history.replaceState(null, '', '#' + path + (text ? '?' + text : ''));
    },
    notify,
    setTitle,
    poll: (fn, ms) => poll(state, fn, ms, active),
  };
}

function poll(state, fn, ms, active) {
  let timer = null;
  let running = false;
  const run = async () => {
    if (!active()) return;
    if (running) return;
    running = true;
    try { await fn(); } catch (error) {
      if (!isAbort(error) && active()) console.warn('poll failed', error);
    } finally {
      running = false;
    }
  };
  const schedule = () => {
    timer = setTimeout(async () => {
      state.timers.delete(timer);
      if (!active()) return;
      if (!document.hidden) await run();
      if (active()) schedule();
    }, ms);
    state.timers.add(timer);
  };
  run().then(() => { if (active()) schedule(); });
  return { refresh: run };
}

function leaveCurrent() {
  const leaving = current;
  current = null;
  if (!leaving) return;
  leaving.controller.abort(new DOMException('The page was left', 'AbortError'));
  for (const timer of leaving.timers) clearTimeout(timer);
  if (leaving.module && typeof leaving.module.dispose === 'function') {
    try { leaving.module.dispose(); } catch (error) { console.warn('dispose failed', error); }
  }
}

function markNav(nav) {
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function setTitle(text) {
  document.title = text ? `${text} · Ferry` : 'Ferry console';
}

/** A transient notice in the live region; errors stay until dismissed. */
export function notify(message, kind = 'info') {
  const host = document.querySelector('.notices');
  const close = h('button', { type: 'button', class: 'small ghost', 'aria-label': 'Dismiss notice' }, '×');
  const note = h('div', { class: ['notice', 'notice-' + kind], testid: 'notice-' + kind }, h('span', {}, message), close);
  close.addEventListener('click', () => note.remove());
  host.append(note);
  if (kind !== 'error') setTimeout(() => note.remove(), 6000);
}

/** Shows the sign-in dialog; resolves to {user, password} or null when closed without signing in. */
function askForCredentials(message) {
  const dialog = document.querySelector('dialog.sign-in');
  const form = dialog.querySelector('form');
  const reason = dialog.querySelector('[data-testid="sign-in-reason"]');
  reason.textContent = hasCredentials()
    ? `The worker refused these credentials (${message}). Try again.`
    : `This worker's REST API asks for credentials (${message}).`;
  clearCredentials();
  return new Promise(resolve => {
    const onClose = () => {
      dialog.removeEventListener('close', onClose);
      const user = form.elements.user.value;
      const password = form.elements.password.value;
      form.elements.password.value = '';
      resolve(dialog.returnValue === 'cancel' || !user ? null : { user, password });
    };
    dialog.returnValue = '';
    dialog.addEventListener('close', onClose);
    dialog.addEventListener('cancel', () => { dialog.returnValue = 'cancel'; }, { once: true });
    if (!dialog.open) dialog.showModal();
    form.elements.user.focus();
  });
}

async function showWorker() {
  const host = document.querySelector('.worker-info');
  try {
    serverInfo = await api.get('/');
    replace(host, h('span', { title: 'Kafka cluster ' + (serverInfo.kafka_cluster_id || 'not reached yet') },
      'Ferry ' + serverInfo.version + ' · ' + location.host));
  } catch (error) {
    replace(host, h('span', { class: 'muted' }, location.host));
  }
}

function start() {
  onAuthRequired(askForCredentials);
  window.addEventListener('hashchange', () => {
    show().then(() => {
      const heading = pageHost().querySelector('h1');
      if (heading) { heading.tabIndex = -1; heading.focus({ preventScroll: true }); }
    });
  });
  showWorker().finally(show);
}

start();

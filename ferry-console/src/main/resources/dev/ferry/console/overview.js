// Overview (#/): the cluster's workers and every connector, failures first, with search and live updates.
//
// Reads: GET /workers (Ferry: members, leader, versions), GET /connectors?expand=status&expand=info
// (state, tasks, worker ids, type, config), GET /connectors/<c>/topics (active topics) and
// GET /connectors/<c>/metrics/series (Ferry: recent records/s). Writes: task and connector restarts
// from the failures panel.
import { api, connectorPath, isAbort } from './api.js';
import { h, replace, connectorHref, stateBadge, table, copyable, errorBox, compact, button, field } from './dom.js';

const STATUS_MS = 3000;
const WORKERS_MS = 5000;
const TOPICS_MS = 15000;
const RATES_MS = 10000;
/** Connectors whose topics and rates are fetched (each one request per poll): the first ones shown. */
const PER_CONNECTOR_LIMIT = 50;
const STATES = ['FAILED', 'PAUSED', 'STOPPED', 'RESTARTING', 'UNASSIGNED', 'RUNNING'];

let openTraces = new Set();

export async function render(root, params, ctx) {
  ctx.setTitle('Overview');
  openTraces = new Set();
  const query = params.query;
  const filters = { q: query.get('q') || '', state: query.get('state') || '', type: query.get('type') || '' };
  const data = { connectors: null, workers: null, topics: {}, rates: {}, error: null };

  const search = h('input', { type: 'search', value: filters.q, placeholder: 'name, class, topic or config value',
    testid: 'overview-search', autocomplete: 'off' });
  const stateSelect = h('select', { testid: 'overview-state' },
    h('option', { value: '' }, 'Any state'),
    h('option', { value: 'FAILING' }, 'Failed (connector or a task)'),
    STATES.map(s => h('option', { value: s }, s)));
  stateSelect.value = filters.state;
  const typeSelect = h('select', { testid: 'overview-type' },
    h('option', { value: '' }, 'Sources and sinks'), h('option', { value: 'source' }, 'Sources'),
    h('option', { value: 'sink' }, 'Sinks'));
  typeSelect.value = filters.type;

  const failures = h('section', { 'aria-labelledby': 'failures-title', testid: 'failures', hidden: true });
  const workersBox = h('div', { testid: 'workers' });
  const count = h('p', { class: 'muted', role: 'status', testid: 'connector-count' });
  const list = h('div', { testid: 'connectors' });
  const loadError = h('div', {});

  root.append(
    h('h1', {}, 'Overview'),
    loadError,
    failures,
    h('section', { 'aria-labelledby': 'connectors-title' },
      h('div', { class: 'row' }, h('h2', { id: 'connectors-title' }, 'Connectors'), h('span', { class: 'spacer' }),
        h('a', { href: '#/new', class: 'button' }, 'New connector')),
      h('div', { class: 'toolbar', role: 'search' },
        field('Search connectors', search), field('State', stateSelect), field('Type', typeSelect)),
      count, list),
    h('section', { 'aria-labelledby': 'workers-title' }, h('h2', { id: 'workers-title' }, 'Workers'), workersBox));

  const redraw = () => {
    drawConnectors(list, count, data, filters);
    drawFailures(failures, data, ctx, () => statusPoll.refresh());
    drawWorkers(workersBox, data);
  };
  const onFilter = () => {
    filters.q = search.value;
    filters.state = stateSelect.value;
    filters.type = typeSelect.value;
    ctx.setQuery(filters);
    drawConnectors(list, count, data, filters);
  };
  search.addEventListener('input', onFilter);
  stateSelect.addEventListener('change', onFilter);
  typeSelect.addEventListener('change', onFilter);

  const statusPoll = ctx.poll(async () => {
    try {
      const first = data.connectors === null;
      data.connectors = await api.get('/connectors', { query: { expand: ['status', 'info'] }, signal: ctx.signal });
      replace(loadError);
      if (first) setTimeout(() => { topicsPoll.refresh(); ratesPoll.refresh(); }, 0);
    } catch (error) {
      if (isAbort(error)) throw error;
      replace(loadError, errorBox('Could not read the connectors: ' + error.message, { testid: 'overview-error' }));
    }
    if (ctx.active()) redraw();
  }, STATUS_MS);
  ctx.poll(async () => {
    try {
      data.workers = await api.get('/workers', { signal: ctx.signal });
    } catch (error) {
      if (isAbort(error)) throw error;
      data.workers = { error: error.message };
    }
    if (ctx.active()) drawWorkers(workersBox, data);
  }, WORKERS_MS);
  // Topics and rates take a request per connector: only for the connectors the filters show, at most
  // PER_CONNECTOR_LIMIT of them, so a cluster with hundreds of connectors is not polled hundreds of times.
  const shownNames = () => rows(data.connectors).filter(row => matches(row, filters)).slice(0, PER_CONNECTOR_LIMIT)
    .map(row => row.name);
  const topicsPoll = ctx.poll(async () => {
    const names = shownNames();
    await Promise.all(names.map(async name => {
      try {
        const answer = await api.get(connectorPath(name, '/topics'), { signal: ctx.signal });
        data.topics[name] = (answer[name] && answer[name].topics) || [];
      } catch (error) {
        if (isAbort(error)) throw error;
      }
    }));
    if (ctx.active()) drawConnectors(list, count, data, filters);
  }, TOPICS_MS);
  const ratesPoll = ctx.poll(async () => {
    const names = shownNames();
    await Promise.all(names.map(async name => {
      try {
        data.rates[name] = latestRates(await api.get(connectorPath(name, '/metrics/series'), { signal: ctx.signal }));
      } catch (error) {
        if (isAbort(error)) throw error;
        data.rates[name] = null;
      }
    }));
    if (ctx.active()) drawConnectors(list, count, data, filters);
  }, RATES_MS);
}

/** Sum over tasks of the newest known records/s in and out, or null while nothing is known. */
export function latestRates(series) {
  if (!series || !Array.isArray(series.tasks)) return null;
  let inRate = null;
  let outRate = null;
  for (const task of series.tasks) {
    const last = key => {
      const values = (task.values && task.values[key]) || [];
      for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null && values[i] !== undefined) return values[i];
      return null;
    };
    const i = last('records_in_per_sec');
    const o = last('records_out_per_sec');
    if (i !== null) inRate = (inRate || 0) + i;
    if (o !== null) outRate = (outRate || 0) + o;
  }
  return inRate === null && outRate === null ? null : { in: inRate, out: outRate };
}

/** Connector rows for the table, failures first, then paused/stopped, then the rest, by name within each. */
export function rows(connectors, topics = {}, rates = {}) {
  return Object.entries(connectors || {}).map(([name, entry]) => {
    const status = entry.status || {};
    const info = entry.info || {};
    const config = info.config || {};
    const state = (status.connector && status.connector.state) || 'UNKNOWN';
    const tasks = (status.tasks || []).slice().sort((a, b) => a.id - b.id);
    const failedTasks = tasks.filter(t => t.state === 'FAILED');
    const type = status.type || info.type || '';
    const configTopics = (config.topics || '').split(',').map(s => s.trim()).filter(Boolean);
    const allTopics = [...new Set([...(topics[name] || []), ...configTopics, ...(config.topic ? [config.topic] : [])])];
    const failing = state === 'FAILED' || failedTasks.length > 0;
    const rank = failing ? 0 : (state === 'PAUSED' || state === 'STOPPED') ? 1 : state === 'RUNNING' ? 3 : 2;
    const workers = [...new Set([status.connector && status.connector.worker_id, ...tasks.map(t => t.worker_id)].filter(Boolean))];
    return { name, state, tasks, failedTasks, failing, type, className: config['connector.class'] || '',
      config, topics: allTopics, topicsRegex: config['topics.regex'] || '', rank, workers, trace: status.connector && status.connector.trace,
      rates: rates[name] || null };
  }).sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
}

/** Whether a row passes the filters: the search matches name, class, a topic or any config key or value. */
export function matches(row, filters) {
  if (filters.type && row.type !== filters.type) return false;
  if (filters.state === 'FAILING' && !row.failing) return false;
  if (filters.state && filters.state !== 'FAILING' && row.state !== filters.state
      && !row.tasks.some(t => t.state === filters.state)) return false;
  const q = (filters.q || '').trim().toLowerCase();
  if (!q) return true;
  const words = q.split(/\s+/);
  const haystack = [row.name, row.className, row.type, row.state, row.topicsRegex, ...row.topics,
    ...Object.entries(row.config).map(([k, v]) => k + '=' + v)].join('\n').toLowerCase();
  return words.every(word => haystack.includes(word));
}

function shortClass(name) {
  return name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
}

function drawConnectors(list, count, data, filters) {
  if (!data.connectors) return;
  const all = rows(data.connectors, data.topics, data.rates);
  const shown = all.filter(row => matches(row, filters));
  count.textContent = all.length === 0 ? 'No connectors yet.'
    : `${shown.length} of ${all.length} connector${all.length === 1 ? '' : 's'}`;
  if (all.length === 0) {
    replace(list, h('p', { class: 'empty' }, 'This cluster runs no connectors. ', h('a', { href: '#/new' }, 'Create one.')));
    return;
  }
  if (shown.length === 0) {
    replace(list, h('p', { class: 'empty' }, 'No connector matches these filters.'));
    return;
  }
  const body = shown.map(row => h('tr', { class: row.failing ? 'failed' : null, dataset: { connector: row.name } },
    h('td', { class: 'wrap-anywhere' }, h('a', { href: connectorHref(row.name) }, row.name)),
    h('td', {}, row.type ? h('span', { class: 'badge kind' }, row.type) : '–'),
    h('td', { class: 'wrap-anywhere hide-narrow', title: row.className }, shortClass(row.className)),
    h('td', {}, stateBadge(row.state)),
    h('td', {}, row.tasks.length === 0 ? h('span', { class: 'muted' }, 'none')
      : h('span', { class: 'row', style: 'gap:.25rem' }, row.tasks.map(t =>
        stateBadge(t.state, { title: `task ${t.id} on ${t.worker_id || '?'}`, 'aria-label': `task ${t.id} ${t.state}` })))),
    h('td', { class: 'wrap-anywhere' }, row.topics.length ? row.topics.join(', ') : (row.topicsRegex ? '/' + row.topicsRegex + '/' : '–')),
    h('td', { class: 'num', title: 'records per second into and out of the connector, recent' },
      row.rates ? `${compact(row.rates.in)} / ${compact(row.rates.out)}` : '–'),
    h('td', { class: 'wrap-anywhere hide-narrow' }, row.workers.join(', ') || '–')));
  replace(list, table(['Connector', 'Type', 'Class', 'State', 'Tasks', 'Topics', 'Records/s in / out', 'Workers'], body,
    { 'aria-label': 'Connectors', testid: 'connector-table' }));
  list.querySelectorAll('th')[2].classList.add('hide-narrow');
  list.querySelectorAll('th')[6].classList.add('num');
  list.querySelectorAll('th')[7].classList.add('hide-narrow');
}

let failuresSignature = '';

function drawFailures(section, data, ctx, refresh) {
  if (!data.connectors) return;
  const failing = rows(data.connectors).filter(r => r.failing);
  const items = [];
  for (const row of failing) {
    if (row.state === 'FAILED') items.push({ key: row.name, connector: row.name, task: null, trace: row.trace || '', worker: (data.connectors[row.name].status.connector || {}).worker_id });
    for (const t of row.failedTasks) items.push({ key: row.name + '#' + t.id, connector: row.name, task: t.id, trace: t.trace || '', worker: t.worker_id });
  }
  const signature = JSON.stringify(items);
  if (signature === failuresSignature && section.childElementCount > 0) return;
  failuresSignature = signature;
  section.hidden = items.length === 0;
  if (items.length === 0) {
    replace(section);
    return;
  }
  replace(section,
    h('h2', { id: 'failures-title' }, `Failures (${items.length})`),
    items.map(item => failureCard(item, ctx, refresh)));
}

function failureCard(item, ctx, refresh) {
  const what = item.task === null ? `Connector ${item.connector}` : `Task ${item.task} of ${item.connector}`;
  const firstLine = (item.trace.split('\n')[0] || 'No trace was recorded.').trim();
  const details = h('details', { open: openTraces.has(item.key) },
    h('summary', {}, 'Full trace'),
    copyable(item.trace || '(no trace)', 'trace of ' + what.toLowerCase(), { testid: 'trace' }));
  details.addEventListener('toggle', () => {
    if (details.open) openTraces.add(item.key); else openTraces.delete(item.key);
  });
  const restartLabel = item.task === null ? `Restart connector ${item.connector}` : `Restart task ${item.task} of ${item.connector}`;
  const restart = button('Restart', async () => {
    restart.disabled = true;
    try {
      if (item.task === null) {
        await api.post(connectorPath(item.connector, '/restart'), undefined, { query: { includeTasks: true, onlyFailed: true } });
      } else {
        await api.post(connectorPath(item.connector, `/tasks/${item.task}/restart`));
      }
      ctx.notify(`${what} is restarting.`, 'success');
      refresh();
    } catch (error) {
      if (!isAbort(error)) ctx.notify(`Could not restart ${what.toLowerCase()}: ${error.message}`, 'error');
    } finally {
      restart.disabled = false;
    }
  }, { 'aria-label': restartLabel });
  return h('article', { class: 'panel failure', testid: 'failure', dataset: { connector: item.connector, task: item.task === null ? '' : String(item.task) } },
    h('div', { class: 'row' },
      h('h3', { style: 'margin:0' }, h('a', { href: connectorHref(item.connector) }, what)),
      stateBadge('FAILED'),
      item.worker ? h('span', { class: 'muted' }, 'on ' + item.worker) : null,
      h('span', { class: 'spacer' }), restart),
    h('p', { class: 'mono wrap-anywhere', testid: 'trace-summary' }, firstLine),
    details);
}

function drawWorkers(box, data) {
  const workers = data.workers;
  if (!workers) return;
  if (workers.error) {
    replace(box, errorBox('Could not read the workers: ' + workers.error));
    return;
  }
  const running = {};
  for (const [name, entry] of Object.entries(data.connectors || {})) {
    const status = entry.status || {};
    if (status.connector && status.connector.worker_id) {
      (running[status.connector.worker_id] ||= { connectors: [], tasks: [] }).connectors.push(name);
    }
    for (const t of status.tasks || []) {
      if (t.worker_id) (running[t.worker_id] ||= { connectors: [], tasks: [] }).tasks.push(`${name}-${t.id}`);
    }
  }
  const body = workers.workers.map(w => {
    const here = running[w.worker_id] || { connectors: [], tasks: [] };
    const self = sameOrigin(w.url);
    return h('tr', { dataset: { worker: w.worker_id } },
      h('td', { class: 'wrap-anywhere' }, h('a', { href: w.url.replace(/\/?$/, '/') + 'ui/' }, w.worker_id),
        self ? h('span', { class: 'muted' }, ' (this console)') : null),
      h('td', {}, w.leader ? h('span', { class: 'badge state-running', testid: 'leader-badge' }, 'leader') : (workers.mode === 'standalone' ? 'standalone' : 'follower')),
      h('td', {}, w.version || h('span', { class: 'muted', title: w.error || '' }, 'unknown')),
      h('td', { class: 'wrap-anywhere' }, here.connectors.length ? here.connectors.sort().join(', ') : h('span', { class: 'muted' }, 'none')),
      h('td', { class: 'wrap-anywhere' }, here.tasks.length ? here.tasks.sort().join(', ') : h('span', { class: 'muted' }, 'none')));
  });
  replace(box,
    workers.mode === 'distributed'
      ? h('p', { class: 'muted' }, `Distributed cluster, ${workers.workers.length} worker${workers.workers.length === 1 ? '' : 's'}, generation ${workers.generation}; leader ${workers.leader}`)
      : h('p', { class: 'muted' }, 'Standalone worker.'),
    table(['Worker', 'Role', 'Version', 'Connectors', 'Tasks'], body, { 'aria-label': 'Workers', testid: 'worker-table' }));
}

function sameOrigin(url) {
  try { return new URL(url).host === location.host; } catch (_) { return false; }
}

export function dispose() {
  failuresSignature = '';
}

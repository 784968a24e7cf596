// The connector page's metrics, restart-history and dead-letter-queue panels (the connector page,
// connector.js, mounts them with one call):
//
//   import { renderMetrics } from './connector-metrics.js';
//   renderMetrics(el, name, ctx);   // el: an empty element the panels own; ctx: the page's ctx
//
// Everything comes from Ferry's documented REST additions (docs/REST.md):
//   GET /connectors/{c}/metrics/series   every task's last minutes, whichever worker runs it
//   GET /connectors/{c}/restarts         the ferry.restart.* policy's decisions
//   GET /connectors/{c}/config           to tell whether the sink has a dead letter queue
// The worker samples a connector only while someone asks (the series start with the first request
// and stop two minutes after the last), so the charts fill up while the page is open.

import { connectorPath, isAbort } from './api.js';
import { h, replace, table, errorBox, connectorHref } from './dom.js';
import { lineChart } from './chart.js';

/** How often the charts are refreshed: the worker samples every 5 s. */
const SERIES_POLL_MS = 5000;
const RESTARTS_POLL_MS = 10000;
const DLQ_TOPIC = 'errors.deadletterqueue.topic.name';

/** The charts drawn, from the series the worker returns; `sinkOnly` charts are left out for sources. */
const CHARTS = [
  { series: 'records_in_per_sec', source: 'Records polled per second', sink: 'Records read per second', unit: '/s' },
  { series: 'records_out_per_sec', source: 'Records written per second', sink: 'Records put per second', unit: '/s' },
  { series: 'errors', source: 'Errors per 5 s', sink: 'Errors per 5 s', unit: '' },
  { series: 'dlq_records', source: null, sink: 'Dead-lettered records per 5 s', unit: '' },
  { series: 'batch_time_ms', source: 'Poll batch time (avg)', sink: 'Put batch time (avg)', unit: ' ms' },
  { series: 'lag_records', source: null, sink: 'Consumer lag (records, max)', unit: '' },
];

function loadStyles() {
  const href = new URL('./chart.css', import.meta.url).href;
  if (![...document.querySelectorAll('link[rel="stylesheet"]')].some(l => l.href === href)) {
    document.head.append(h('link', { rel: 'stylesheet', href }));
  }
}

/** Mounts the metrics charts, the restart history and (for sinks with one) the DLQ link into `el`. */
export function renderMetrics(el, name, ctx) {
  loadStyles();
  const charts = h('section', { class: 'panel', 'aria-labelledby': 'metrics-title', testid: 'metrics-panel' });
  const restarts = h('section', { class: 'panel', 'aria-labelledby': 'restarts-title', testid: 'restart-history' });
  const dlq = h('div', { testid: 'dlq-panel-host' });
  replace(el, charts, restarts, dlq);
  renderCharts(charts, name, ctx);
  renderRestartHistory(restarts, name, ctx);
  renderDlqLink(dlq, name, ctx);
}

/** The charts panel: one small chart per metric, one line per task, refreshed every 5 s. */
export function renderCharts(el, name, ctx) {
  const body = h('div', { class: 'chart-grid' });
  const note = h('p', { class: 'muted' }, 'Loading metrics…');
  replace(el, h('h2', { id: 'metrics-title' }, 'Metrics, up to the last 10 minutes'), note, body);
  ctx.poll(async () => {
    let data;
    try {
      data = await ctx.api.get(connectorPath(name, '/metrics/series'), { signal: ctx.signal });
    } catch (error) {
      if (isAbort(error) || !ctx.active()) return;
      replace(note, errorBox('Metrics are not available: ' + error.message));
      return;
    }
    if (!ctx.active()) return;
    const tasks = data.tasks || [];
    const type = (tasks.find(t => t.type) || {}).type || 'source';
    const samples = tasks.reduce((n, t) => Math.max(n, (t.times || []).length), 0);
    const parts = [];
    if (!tasks.length) parts.push('No task of this connector is running, so there is nothing to chart.');
    else if (samples < 3) parts.push(`The worker started sampling this connector when the page opened; a point is added every ${Math.round(data.interval_ms / 1000)} s.`);
    else parts.push(`One line per task, one point every ${Math.round(data.interval_ms / 1000)} s.`);
    for (const w of data.unreachable_workers || []) parts.push(w.message);
    replace(note, parts.join(' '));
    const now = Date.now();
    // The series start when the page opens: show the minutes there are (at least one), not ten mostly empty ones.
    const earliest = Math.min(now, ...tasks.map(t => (t.times && t.times.length ? t.times[0] : now)));
    const windowMs = Math.min(data.window_ms, Math.max(60000, Math.ceil((now - earliest) / 60000) * 60000));
    replace(body, CHARTS.filter(c => c[type]).map(chart => lineChart({
      title: chart[type],
      unit: chart.unit,
      windowMs,
      now,
      testid: 'chart-' + chart.series,
      lines: tasks.map(t => ({ label: 'task ' + t.task, times: t.times || [], values: (t.values || {})[chart.series] || [] })),
    })));
  }, SERIES_POLL_MS);
}

function time(ms) {
  return ms === null || ms === undefined ? '' : new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** What one decision of the restart policy means, in words. */
export function describeRestart(event) {
  switch (event.kind) {
    case 'scheduled':
      return `Failed; restart ${event.attempt} of ${event.max_attempts} scheduled for ${time(event.restart_at)}`;
    case 'restarted':
      return `Restarted (attempt ${event.attempt} of ${event.max_attempts})`;
    case 'gave_up':
      return `Gave up after ${event.attempt} restart(s): fix the cause, then restart it`;
    default:
      return event.kind;
  }
}

/** The restart-history panel: the ferry.restart.* policy's decisions, newest first. */
export function renderRestartHistory(el, name, ctx) {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  replace(el, h('h2', { id: 'restarts-title' }, 'Automatic restarts'), body);
  ctx.poll(async () => {
    let data;
    try {
      data = await ctx.api.get(connectorPath(name, '/restarts'), { signal: ctx.signal });
    } catch (error) {
      if (isAbort(error) || !ctx.active()) return;
      replace(body, errorBox('The restart history is not available: ' + error.message));
      return;
    }
    if (!ctx.active()) return;
    const events = (data.events || []).slice().reverse();
    const unreachable = (data.unreachable_workers || []).map(w => h('p', { class: 'muted' }, w.message));
    if (!events.length) {
      replace(body, h('p', { class: 'muted', testid: 'restart-history-empty' },
        'No automatic restarts. With ', h('code', {}, 'ferry.restart.enabled=true'),
        ' in its config, Ferry restarts a failed connector or task with back-off, and each decision is listed here.'),
        unreachable);
      return;
    }
    replace(body, table(['Time', 'Instance', 'What happened', 'Worker'], events.map(e => h('tr',
      { class: e.kind === 'gave_up' ? 'failed' : null, testid: 'restart-event' },
      h('td', {}, time(e.time)),
      h('td', {}, e.task === null || e.task === undefined ? 'connector' : 'task ' + e.task),
      h('td', {}, describeRestart(e)),
      h('td', { class: 'mono' }, e.worker_id)))), unreachable);
  }, RESTARTS_POLL_MS);
}

/** For a sink with a dead letter queue: a panel naming the topic and linking to the DLQ page. */
export async function renderDlqLink(el, name, ctx) {
  let config;
  try {
    config = await ctx.api.get(connectorPath(name, '/config'), { signal: ctx.signal });
  } catch (error) {
    return; // the connector page shows why the connector cannot be read
  }
  const topic = config && config[DLQ_TOPIC] && config[DLQ_TOPIC].trim();
  if (!topic || !ctx.active()) return;
  replace(el, h('section', { class: 'panel', 'aria-labelledby': 'dlq-title', testid: 'dlq-panel' },
    h('h2', { id: 'dlq-title' }, 'Dead letter queue'),
    h('p', {}, 'Records this sink could not process go to ', h('code', {}, topic), '. ',
      h('a', { href: connectorHref(name, '/dlq'), testid: 'dlq-link' }, 'Browse and replay the dead letter queue'))));
}

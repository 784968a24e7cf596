// The dead letter queue page, #/connectors/<name>/dlq: a sink's DLQ records, a page at a time, with
// the __connect.errors.* headers decoded, and replay of the selected records to their original
// topic once the cause is fixed.
//
// REST (Ferry's documented additions, docs/REST.md):
//   GET  /connectors/{c}/dlq?partition=&offset=&limit=   a page of records, newest page by default
//   POST /connectors/{c}/dlq/replay {records: [{partition, offset}]}   answers where each one went
//
// The page does not poll: a table that changes under a selection would make the user replay the
// wrong record. "Refresh" and every replay reload it.

import { connectorPath, isAbort } from './api.js';
import { h, replace, button, field, table, errorBox, loading, connectorHref, copyable, confirmDialog } from './dom.js';

const LIMITS = [20, 50, 100, 200];

function loadStyles() {
  const href = new URL('./dlq.css', import.meta.url).href;
  if (![...document.querySelectorAll('link[rel="stylesheet"]')].some(l => l.href === href)) {
    document.head.append(h('link', { rel: 'stylesheet', href }));
  }
}

/** "orders-1@12": where a record came from (or "unknown" without context headers). */
export function origin(error) {
  if (!error || !error.topic) return 'unknown';
  return `${error.topic}-${error.partition ?? '?'}@${error.offset ?? '?'}`;
}

/** The simple name of a class: org.apache.kafka.connect.errors.DataException -> DataException. */
export function simpleName(className) {
  return className ? className.slice(className.lastIndexOf('.') + 1) : '';
}

/** A key or value as shown in the table: text cut to `max` characters, base64 marked as such. */
export function shown(text, encoding, max = 120) {
  if (text === null || text === undefined) return 'null';
  const prefix = encoding === 'base64' ? 'base64: ' : '';
  return prefix + (text.length > max ? text.slice(0, max) + '…' : text);
}

export async function render(root, params, ctx) {
  loadStyles();
  const name = params.name;
  ctx.setTitle('DLQ of ' + name);
  const state = {
    partition: params.query.has('partition') ? Number(params.query.get('partition')) : null,
    offset: params.query.has('offset') ? Number(params.query.get('offset')) : null,
    limit: LIMITS.includes(Number(params.query.get('limit'))) ? Number(params.query.get('limit')) : 50,
    selected: new Map(), // "p:o" -> record
    page: null,
  };

  const summary = h('div', { class: 'dlq-summary', testid: 'dlq-summary' });
  const toolbar = h('div', { class: 'toolbar', role: 'group', 'aria-label': 'Dead letter queue pages' });
  const selection = h('div', { class: 'toolbar dlq-selection' });
  const records = h('div', { testid: 'dlq-records' }, loading('Loading the dead letter queue'));
  const result = h('div', { role: 'status', testid: 'replay-result' });
  replace(root,
    h('p', { class: 'muted' }, h('a', { href: connectorHref(name) }, '← ' + name)),
    h('h1', {}, 'Dead letter queue of ', name),
    summary, toolbar, selection, result, records);

  const load = async () => {
    replace(records, loading('Loading the dead letter queue'));
    let page;
    try {
      page = await ctx.api.get(connectorPath(name, '/dlq'), {
        signal: ctx.signal,
        query: { partition: state.partition, offset: state.offset, limit: state.limit },
      });
    } catch (error) {
      if (isAbort(error) || !ctx.active()) return;
      replace(summary);
      replace(toolbar);
      replace(selection);
      replace(records, errorBox(error.message, { testid: 'dlq-error' }));
      return;
    }
    if (!ctx.active()) return;
    state.page = page;
    state.partition = page.partition;
    ctx.setQuery({ partition: page.partition, offset: state.offset ?? undefined, limit: state.limit === 50 ? undefined : state.limit });
    drawSummary(page);
    drawToolbar(page);
    drawRecords(page);
    drawSelection();
  };

  const drawSummary = page => {
    const total = page.partitions.reduce((n, p) => n + (p.end_offset - p.start_offset), 0);
    replace(summary, h('dl', { class: 'kv' },
      h('dt', {}, 'Topic'), h('dd', { class: 'mono' }, page.topic),
      h('dt', {}, 'Records held'), h('dd', { testid: 'dlq-total' }, String(total),
        page.partitions.length > 1 ? ` in ${page.partitions.length} partitions` : ''),
      h('dt', {}, 'Error headers'), h('dd', {}, page.context_headers
        ? 'on: each record says where it came from and why it failed'
        : h('span', {}, 'off (', h('code', {}, 'errors.deadletterqueue.context.headers.enable=false'),
          '): records do not say where they came from, so they cannot be replayed to their original topic'))));
    if (!page.partitions.length) {
      summary.append(h('p', { class: 'muted' }, 'The topic does not exist yet: it is created when a task of the connector starts.'));
    }
  };

  const go = (partition, offset) => {
    state.partition = partition;
    state.offset = offset;
    load();
  };

  const drawToolbar = page => {
    const controls = [];
    if (page.partitions.length > 1) {
      const select = h('select', { on: { change: e => go(Number(e.target.value), null) } },
        page.partitions.map(p => h('option', { value: p.partition, selected: p.partition === page.partition },
          `${p.partition} (${p.end_offset - p.start_offset} records)`)));
      controls.push(field('Partition', select));
    }
    const limit = h('select', { on: { change: e => { state.limit = Number(e.target.value); load(); } } },
      LIMITS.map(n => h('option', { value: n, selected: n === state.limit }, String(n))));
    controls.push(field('Records per page', limit));
    const bounds = page.partitions.find(p => p.partition === page.partition);
    controls.push(button('Oldest', () => go(page.partition, bounds ? bounds.start_offset : 0),
      { disabled: page.previous_offset === null }));
    controls.push(button('Older', () => go(page.partition, page.previous_offset), { disabled: page.previous_offset === null }));
    controls.push(button('Newer', () => go(page.partition, page.next_offset), { disabled: page.next_offset === null }));
    controls.push(button('Newest', () => go(page.partition, null), { disabled: page.next_offset === null }));
    controls.push(button('Refresh', () => load()));
    const shownRange = page.records.length
      ? `Offsets ${page.records[0].offset}–${page.records[page.records.length - 1].offset}`
      : 'No records on this page';
    replace(toolbar, controls, h('span', { class: 'muted', testid: 'dlq-range' }, shownRange));
  };

  const key = r => r.partition + ':' + r.offset;

  const drawRecords = page => {
    if (!page.records.length) {
      replace(records, h('p', { class: 'empty', testid: 'dlq-empty' }, 'The dead letter queue holds no records here.'));
      return;
    }
    const rows = [];
    for (const r of page.records) {
      const e = r.error || {};
      const box = h('input', {
        type: 'checkbox', checked: state.selected.has(key(r)),
        'aria-label': `Select the record at offset ${r.offset}`,
        on: { change: ev => { if (ev.target.checked) state.selected.set(key(r), r); else state.selected.delete(key(r)); drawSelection(); } },
      });
      rows.push(h('tr', { testid: 'dlq-record', dataset: { offset: String(r.offset) } },
        h('td', {}, box),
        h('td', { class: 'num' }, String(r.offset)),
        h('td', {}, r.timestamp ? new Date(r.timestamp).toLocaleString() : ''),
        h('td', { class: 'mono wrap-anywhere' }, origin(r.error)),
        h('td', {}, e.stage || ''),
        h('td', { class: 'wrap-anywhere dlq-error' }, h('strong', {}, simpleName(e.exception)),
          e.message ? ': ' + shown(e.message, 'utf-8', 160) : ''),
        h('td', { class: 'mono wrap-anywhere' }, shown(r.key, r.key_encoding, 40)),
        h('td', { class: 'mono wrap-anywhere' }, shown(r.value, r.value_encoding, 80))));
      rows.push(h('tr', { class: 'dlq-details-row' }, h('td', { colspan: 8 }, details(r))));
    }
    replace(records, table(['Select', 'Offset', 'Time', 'Original record', 'Stage', 'Error', 'Key', 'Value'], rows,
      { class: 'dlq-table' }));
  };

  const details = r => {
    const e = r.error;
    const items = [];
    if (e) {
      items.push(h('dl', { class: 'kv' },
        h('dt', {}, 'Original topic'), h('dd', { class: 'mono' }, e.topic ?? ''),
        h('dt', {}, 'Partition'), h('dd', {}, String(e.partition ?? '')),
        h('dt', {}, 'Offset'), h('dd', {}, String(e.offset ?? '')),
        h('dt', {}, 'Connector, task'), h('dd', {}, `${e.connector ?? ''}, task ${e.task ?? '?'}`),
        h('dt', {}, 'Stage'), h('dd', {}, e.stage ?? ''),
        h('dt', {}, 'Class'), h('dd', { class: 'mono' }, e.class ?? ''),
        h('dt', {}, 'Exception'), h('dd', { class: 'mono' }, e.exception ?? ''),
        h('dt', {}, 'Message'), h('dd', {}, e.message ?? '')));
      if (e.stacktrace) items.push(copyable(e.stacktrace, `stack trace of the record at offset ${r.offset}`));
    } else {
      items.push(h('p', { class: 'muted' }, 'No error headers on this record.'));
    }
    items.push(h('h3', {}, 'Value'), copyable(r.value ?? 'null', `value of the record at offset ${r.offset}`));
    if (r.key !== null && r.key !== undefined) items.push(h('h3', {}, 'Key'), copyable(r.key, `key of the record at offset ${r.offset}`));
    if (r.headers && r.headers.length) {
      items.push(h('h3', {}, 'Headers'), h('dl', { class: 'kv' },
        r.headers.map(hd => [h('dt', { class: 'mono' }, hd.key), h('dd', { class: 'mono' }, shown(hd.value, hd.value_encoding, 500))])));
    }
    return h('details', { testid: 'dlq-details' },
      h('summary', {}, `Details of offset ${r.offset}`), h('div', { class: 'stack dlq-details' }, items));
  };

  const drawSelection = () => {
    const chosen = [...state.selected.values()];
    const replay = button(chosen.length ? `Replay ${chosen.length} selected` : 'Replay selected', () => replaySelected(),
      { class: 'primary', disabled: !chosen.length, testid: 'replay-button' });
    const clearAll = button('Clear selection', () => { state.selected.clear(); drawRecords(state.page); drawSelection(); },
      { disabled: !chosen.length });
    const selectPage = button('Select this page', () => {
      for (const r of state.page.records) state.selected.set(key(r), r);
      drawRecords(state.page);
      drawSelection();
    }, { disabled: !state.page || !state.page.records.length });
    replace(selection, selectPage, clearAll, replay);
  };

  const replaySelected = async () => {
    const chosen = [...state.selected.values()].sort((a, b) => a.partition - b.partition || a.offset - b.offset);
    const destinations = new Map();
    for (const r of chosen) {
      const where = r.error && r.error.topic ? `${r.error.topic} (partition ${r.error.partition})` : 'an unknown topic';
      destinations.set(where, (destinations.get(where) || 0) + 1);
    }
    const to = [...destinations].map(([where, n]) => `${n} to ${where}`).join(', ');
    const ok = await confirmDialog({
      title: `Replay ${chosen.length} record(s) of ${name}'s dead letter queue?`,
      message: `They are written again to the topic they failed from (${to}), with their key, value and headers, ` +
        'and the connector will consume them again. Make sure the cause is fixed. The dead letter queue keeps them.',
      confirmLabel: `Replay ${chosen.length} record(s)`,
    });
    if (!ok || !ctx.active()) return;
    try {
      const answer = await ctx.api.post(connectorPath(name, '/dlq/replay'),
        { records: chosen.map(r => ({ partition: r.partition, offset: r.offset })) }, { signal: ctx.signal });
      if (!ctx.active()) return;
      state.selected.clear();
      replace(result, h('div', { class: 'panel dlq-replayed' },
        h('p', {}, h('strong', {}, `Replayed ${answer.replayed.length} record(s).`)),
        table(['DLQ offset', 'Written to', 'New offset'], answer.replayed.map(r =>
          [String(r.dlq_offset), h('span', { class: 'mono' }, `${r.topic}-${r.partition}`), String(r.offset)]))));
      ctx.notify(answer.message, 'success');
      load();
    } catch (error) {
      if (isAbort(error) || !ctx.active()) return;
      replace(result, errorBox((error.status === 400 ? 'Nothing was replayed: ' : 'Replay failed: ') + error.message,
        { testid: 'replay-error' }));
      ctx.notify(error.message, 'error');
    }
  };

  await load();
}

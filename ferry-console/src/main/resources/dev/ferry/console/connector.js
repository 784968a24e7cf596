// A connector's page (#/connectors/<name>): status and tasks with full traces, actions, config
// (PASSWORD values masked, ${...} references shown as references), task configs, topics, offsets,
// and the metrics/restart-history panels of connector-metrics.js.
//
// REST: GET /connectors/<c>/status (polled), /config (the raw, stored config), /tasks, /topics,
// /offsets, GET /connector-plugins/<class>/config (which keys are PASSWORDs); PUT pause/resume/stop,
// POST restart (?includeTasks, ?onlyFailed), POST tasks/<t>/restart, DELETE the connector,
// PATCH/DELETE offsets (STOPPED only), PUT topics/reset.
import { api, connectorPath, pluginPath, isAbort } from './api.js';
import { h, replace, stateBadge, table, copyable, errorBox, button, confirmDialog, connectorHref, loading } from './dom.js';
import { renderMetrics } from './connector-metrics.js';
import { isReference, looksSecret } from './secrets.js';

const STATUS_MS = 3000;
const TOPICS_MS = 15000;
const MASK = '••••••••';

/**
 * How one config value is shown: references as they are (they hold no secret), PASSWORD keys and
 * secret-looking names masked, everything else as it is.
 */
export function displayValue(key, value, passwordKeys) {
  if (value === null || value === undefined) return { text: '', kind: 'plain' };
  if (isReference(value)) return { text: String(value), kind: 'reference' };
  if (passwordKeys.has(key) || looksSecret(key)) return { text: value === '' ? '' : MASK, kind: 'masked' };
  return { text: String(value), kind: 'plain' };
}

/** Whether the worker lists a connector named `name` (GET /connectors, which has no 404 of its own). */
async function isListed(name, signal) {
  try {
    return (await api.get('/connectors', { signal })).includes(name);
  } catch (error) {
    if (isAbort(error)) throw error;
    return false;
  }
}

export async function render(root, params, ctx) {
  const name = params.name;
  ctx.setTitle(name);
  const signal = ctx.signal;
  const state = { status: null, config: null, passwordKeys: new Set() };

  const headerBadges = h('div', { class: 'row', testid: 'connector-summary' });
  const actions = h('div', { class: 'toolbar', role: 'group', 'aria-label': 'Connector actions', testid: 'actions' });
  const connectorTrace = h('div', {});
  const tasksBox = h('div', { testid: 'tasks' }, loading('Loading tasks'));
  const metricsBox = h('div', { testid: 'metrics-mount' });
  const configBox = h('div', { testid: 'config' }, loading('Loading the config'));
  const taskConfigsBox = h('div', { testid: 'task-configs' });
  const topicsBox = h('div', { testid: 'topics' });
  const offsetsBox = h('div', { testid: 'offsets' });
  const notFound = h('div', {});

  root.append(
    h('p', { class: 'muted' }, h('a', { href: '#/' }, '← Overview')),
    h('h1', { class: 'wrap-anywhere' }, name),
    notFound, headerBadges, actions, connectorTrace,
    section('Tasks', tasksBox),
    metricsBox,
    section('Configuration', configBox,
      h('a', { href: connectorHref(name, '/edit'), class: 'button' }, 'Edit configuration')),
    section('Task configurations', taskConfigsBox),
    section('Topics', topicsBox),
    section('Offsets', offsetsBox));

  const statusPoll = ctx.poll(async () => {
    try {
      state.status = await api.get(connectorPath(name, '/status'), { signal });
      replace(notFound);
    } catch (error) {
      if (isAbort(error)) throw error;
      if (error.status === 404 && await isListed(name, signal)) {
        // Created, but no worker has written its first status yet (it does when it starts the connector).
        replace(notFound, h('p', { class: 'muted', testid: 'no-status-yet' },
          `${name} has no status yet: it appears once a worker starts the connector.`));
        return;
      }
      if (error.status === 404) {
        replace(notFound, errorBox(`There is no connector named ${name} (${error.message}).`, { testid: 'not-found' }));
        replace(headerBadges); replace(actions); replace(tasksBox);
        return;
      }
      replace(notFound, errorBox('Could not read the status: ' + error.message));
      return;
    }
    if (!ctx.active()) return;
    drawSummary();
    drawActions();
    drawTasks();
    drawOffsetsHint();
  }, STATUS_MS);
  const refreshAll = () => { statusPoll.refresh(); loadOffsets(); loadTopics(); };

  function drawSummary() {
    const s = state.status;
    const cls = state.config ? state.config['connector.class'] : '';
    replace(headerBadges,
      stateBadge(s.connector.state, { testid: 'connector-state' }),
      s.type ? h('span', { class: 'badge kind' }, s.type) : null,
      cls ? h('span', { class: 'mono wrap-anywhere' }, cls) : null,
      s.connector.worker_id ? h('span', { class: 'muted' }, 'on ' + s.connector.worker_id) : null);
    if (s.connector.state === 'FAILED' && s.connector.trace) {
      replace(connectorTrace, h('div', { class: 'panel' }, h('h2', {}, 'Connector failure'),
        h('p', { class: 'mono wrap-anywhere' }, s.connector.trace.split('\n')[0]),
        copyable(s.connector.trace, 'trace of connector ' + name, { testid: 'connector-trace' })));
    } else {
      replace(connectorTrace);
    }
  }

  function drawActions() {
    const current = state.status.connector.state;
    const act = (label, run, { enabled = true, title, danger, aria } = {}) => {
      const b = button(label, async () => {
        b.disabled = true;
        try {
          await run();
        } catch (error) {
          if (!isAbort(error)) ctx.notify(`${label} failed: ${error.message}`, 'error');
        } finally {
          if (ctx.active()) statusPoll.refresh();
        }
      }, { class: danger ? 'danger' : null, title, 'aria-label': aria, disabled: !enabled });
      return b;
    };
    const done = message => ctx.notify(message, 'success');
    replace(actions,
      act('Pause', async () => { await api.put(connectorPath(name, '/pause')); done(`${name} is being paused.`); },
        { enabled: current !== 'PAUSED', title: 'Tasks stop processing; they keep their resources' }),
      act('Resume', async () => { await api.put(connectorPath(name, '/resume')); done(`${name} is being resumed.`); refreshAll(); },
        { enabled: current === 'PAUSED' || current === 'STOPPED' }),
      act('Stop', async () => { await api.put(connectorPath(name, '/stop')); done(`${name} is being stopped.`); refreshAll(); },
        { enabled: current !== 'STOPPED', title: 'Shuts the connector and its tasks down; needed to edit offsets' }),
      act('Restart', async () => { await api.post(connectorPath(name, '/restart')); done(`${name} is restarting.`); },
        { aria: 'Restart connector only', title: 'Restarts the connector instance, not its tasks' }),
      act('Restart with tasks', async () => {
        await api.post(connectorPath(name, '/restart'), undefined, { query: { includeTasks: true } });
        done(`${name} and its tasks are restarting.`);
      }),
      act('Restart failed', async () => {
        await api.post(connectorPath(name, '/restart'), undefined, { query: { includeTasks: true, onlyFailed: true } });
        done(`The failed instances of ${name} are restarting.`);
      }, { title: 'Restarts the connector and tasks that are FAILED', aria: 'Restart only failed instances' }),
      h('span', { class: 'spacer' }),
      act('Delete', async () => {
        const ok = await confirmDialog({ title: `Delete connector ${name}?`,
          message: `${name} stops on every worker and its config is removed. Its offsets stay in Kafka, so a connector created again under this name continues where it stopped.`,
          confirmLabel: `Delete ${name}`, danger: true });
        if (!ok) return;
        await api.delete(connectorPath(name));
        ctx.notify(`Connector ${name} was deleted.`, 'success');
        ctx.navigate('#/');
      }, { danger: true, aria: `Delete connector ${name}` }));
  }

  function drawTasks() {
    const tasks = (state.status.tasks || []).slice().sort((a, b) => a.id - b.id);
    if (tasks.length === 0) {
      replace(tasksBox, h('p', { class: 'muted' }, state.status.connector.state === 'STOPPED'
        ? 'A stopped connector has no tasks.' : 'No tasks yet.'));
      return;
    }
    const open = new Set([...tasksBox.querySelectorAll('details[open]')].map(d => d.dataset.task));
    const body = [];
    for (const t of tasks) {
      const restart = button('Restart', async () => {
        restart.disabled = true;
        try {
          await api.post(connectorPath(name, `/tasks/${t.id}/restart`));
          ctx.notify(`Task ${t.id} of ${name} is restarting.`, 'success');
        } catch (error) {
          if (!isAbort(error)) ctx.notify(`Could not restart task ${t.id}: ${error.message}`, 'error');
        } finally {
          statusPoll.refresh();
        }
      }, { 'aria-label': `Restart task ${t.id}`, class: 'small' });
      body.push(h('tr', { class: t.state === 'FAILED' ? 'failed' : null, dataset: { task: String(t.id) } },
        h('td', {}, String(t.id)), h('td', {}, stateBadge(t.state)), h('td', {}, t.worker_id || '–'),
        h('td', {}, t.state === 'FAILED' && t.trace ? h('span', { class: 'mono wrap-anywhere' }, t.trace.split('\n')[0]) : ''),
        h('td', {}, restart)));
      if (t.state === 'FAILED' && t.trace) {
        const details = h('details', { open: open.has(String(t.id)), dataset: { task: String(t.id) } },
          h('summary', {}, `Full trace of task ${t.id}`), copyable(t.trace, `trace of task ${t.id}`, { testid: `task-trace-${t.id}` }));
        body.push(h('tr', { class: 'failed' }, h('td', { colspan: '5' }, details)));
      }
    }
    replace(tasksBox, table(['Task', 'State', 'Worker', 'Error', 'Action'], body, { 'aria-label': 'Tasks' }));
  }

  // Config: the stored (raw) config, so ${...} references are shown as they are stored.
  async function loadConfig() {
    try {
      state.config = await api.get(connectorPath(name, '/config'), { signal });
    } catch (error) {
      if (isAbort(error)) throw error;
      replace(configBox, errorBox('Could not read the config: ' + error.message));
      return;
    }
    try {
      const defs = await api.get(pluginPath(state.config['connector.class'], '/config'), { signal });
      state.passwordKeys = new Set(defs.filter(d => d.type === 'PASSWORD').map(d => d.name));
    } catch (error) {
      if (isAbort(error)) throw error;
    }
    for (const key of ['consumer.override.sasl.jaas.config', 'producer.override.sasl.jaas.config']) state.passwordKeys.add(key);
    if (!ctx.active()) return;
    replace(configBox, configTable(state.config, state.passwordKeys, 'Configuration', 'config'));
    if (state.status) drawSummary();
  }

  async function loadTaskConfigs() {
    try {
      const tasks = await api.get(connectorPath(name, '/tasks'), { signal });
      if (!ctx.active()) return;
      if (tasks.length === 0) {
        replace(taskConfigsBox, h('p', { class: 'muted' }, 'No task configurations (a stopped connector has none).'));
        return;
      }
      replace(taskConfigsBox, tasks.map(t => h('details', {},
        h('summary', {}, `Task ${t.id.task}`),
        configTable(t.config, state.passwordKeys, `Configuration of task ${t.id.task}`, `task-config-${t.id.task}`))));
    } catch (error) {
      if (isAbort(error)) throw error;
      replace(taskConfigsBox, errorBox('Could not read the task configs: ' + error.message));
    }
  }

  async function loadTopics() {
    try {
      const answer = await api.get(connectorPath(name, '/topics'), { signal });
      const topics = (answer[name] && answer[name].topics) || [];
      if (!ctx.active()) return;
      const reset = button('Reset active topics', async () => {
        try {
          await api.put(connectorPath(name, '/topics/reset'));
          ctx.notify(`The active topics of ${name} were reset.`, 'success');
          loadTopics();
        } catch (error) {
          if (!isAbort(error)) ctx.notify('Could not reset the topics: ' + error.message, 'error');
        }
      }, { class: 'small' });
      replace(topicsBox,
        topics.length ? h('ul', {}, topics.map(t => h('li', { class: 'mono' }, t)))
          : h('p', { class: 'muted' }, 'No active topics recorded yet.'),
        h('p', { class: 'hint' }, 'Topics the connector has used since its active topics were last reset.'), reset);
    } catch (error) {
      if (isAbort(error)) throw error;
      replace(topicsBox, h('p', { class: 'muted' }, 'Active topics are not available: ' + error.message));
    }
  }

  // Offsets (KIP-875): shown always; edited and reset only while the connector is STOPPED.
  let offsets = null;
  const offsetsView = h('div', {});
  const offsetsHint = h('div', {});
  const offsetsEditor = h('div', {});
  // Outside the editor, so that the worker's answer stays when the editor is rebuilt.
  const result = h('div', { role: 'status', testid: 'offsets-result' });
  replace(offsetsBox, offsetsHint, offsetsView, offsetsEditor, result);

  async function loadOffsets() {
    try {
      offsets = await api.get(connectorPath(name, '/offsets'), { signal });
      if (!ctx.active()) return;
      replace(offsetsView, offsets.offsets && offsets.offsets.length
        ? copyable(JSON.stringify(offsets, null, 2), 'offsets of ' + name, { testid: 'offsets-json' })
        : h('p', { class: 'muted', testid: 'offsets-empty' }, 'No offsets committed yet.'));
      const area = offsetsEditor.querySelector('textarea');
      if (area && document.activeElement !== area) area.value = offsetsText(offsets);
    } catch (error) {
      if (isAbort(error)) throw error;
      replace(offsetsView, errorBox('Could not read the offsets: ' + error.message));
    }
  }

  let editorFor = null;
  function drawOffsetsHint() {
    if (!state.status) return;
    const stopped = state.status.connector.state === 'STOPPED';
    if (editorFor === stopped) return;
    editorFor = stopped;
    replace(result);
    if (!stopped) {
      replace(offsetsHint, h('p', { class: 'hint', testid: 'offsets-precondition' },
        'Offsets can be edited or reset only while the connector is STOPPED: its tasks would otherwise keep ',
        'committing their own positions over the change. Stop the connector, change the offsets here, then Resume it.'));
      replace(offsetsEditor);
      return;
    }
    replace(offsetsHint, h('p', { class: 'hint', testid: 'offsets-precondition' },
      'The connector is STOPPED, so its offsets can be changed. Resume it afterwards to continue from them.'));
    const area = h('textarea', { rows: '8', spellcheck: 'false', testid: 'offsets-editor' });
    area.value = offsetsText(offsets);
    const save = button('Save offsets', async () => {
      let body;
      try {
        body = JSON.parse(area.value);
      } catch (error) {
        replace(result, errorBox('The offsets are not valid JSON: ' + error.message));
        return;
      }
      try {
        const answer = await api.patch(connectorPath(name, '/offsets'), body);
        replace(result, h('p', {}, answer && answer.message ? answer.message : 'Offsets saved.'));
        ctx.notify('Offsets of ' + name + ' saved.', 'success');
        await loadOffsets();
      } catch (error) {
        if (!isAbort(error)) replace(result, errorBox(error.message));
      }
    }, { class: 'primary' });
    const reset = button('Reset offsets', async () => {
      const ok = await confirmDialog({ title: `Reset the offsets of ${name}?`,
        message: `Every committed offset of ${name} is removed; when resumed it starts as a new connector would.`,
        confirmLabel: `Reset offsets of ${name}`, danger: true });
      if (!ok) return;
      try {
        const answer = await api.delete(connectorPath(name, '/offsets'));
        replace(result, h('p', {}, answer && answer.message ? answer.message : 'Offsets reset.'));
        await loadOffsets();
      } catch (error) {
        if (!isAbort(error)) replace(result, errorBox(error.message));
      }
    }, { class: 'danger' });
    replace(offsetsEditor, h('div', { class: 'stack' },
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Offsets JSON'), area,
        h('span', { class: 'hint' }, 'As GET /connectors/<name>/offsets answers it: {"offsets":[{"partition":{…},"offset":{…}}]}; a null offset removes a partition.')),
      h('div', { class: 'actions', style: 'justify-content:flex-start' }, save, reset)));
  }

  const mountMetrics = () => {
    try { renderMetrics(metricsBox, name, ctx); } catch (error) { console.warn('metrics panel failed', error); }
  };
  await Promise.all([loadConfig(), loadTopics(), loadOffsets()]);
  await loadTaskConfigs();
  mountMetrics();
  ctx.poll(loadTopics, TOPICS_MS);
}

function offsetsText(offsets) {
  return JSON.stringify(offsets && offsets.offsets && offsets.offsets.length ? offsets : { offsets: [] }, null, 2);
}

function section(title, ...content) {
  const id = 'section-' + title.toLowerCase().replace(/[^a-z]+/g, '-');
  return h('section', { 'aria-labelledby': id, class: 'panel' }, h('h2', { id }, title), content);
}

function configTable(config, passwordKeys, label, testid) {
  const keys = Object.keys(config || {}).sort((a, b) =>
    (a === 'name' ? -2 : a === 'connector.class' ? -1 : 0) - (b === 'name' ? -2 : b === 'connector.class' ? -1 : 0) || a.localeCompare(b));
  const rows = keys.map(key => {
    const shown = displayValue(key, config[key], passwordKeys);
    return h('tr', { dataset: { key } },
      h('th', { scope: 'row', class: 'mono wrap-anywhere' }, key),
      h('td', { class: 'mono wrap-anywhere', testid: 'value' }, shown.text,
        shown.kind === 'reference' ? [' ', h('span', { class: 'badge kind', title: 'resolved by a config provider on the worker' }, 'reference')] : null,
        shown.kind === 'masked' ? h('span', { class: 'offscreen' }, ' (hidden)') : null));
  });
  return h('div', { class: 'table-wrap' }, h('table', { 'aria-label': label, testid },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Key'), h('th', { scope: 'col' }, 'Value'))),
    h('tbody', {}, rows)));
}

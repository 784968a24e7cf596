// Loggers (#/loggers): view and change log levels of this worker or of the whole cluster.
// REST: GET /admin/loggers, PUT /admin/loggers/<name> {"level"} (?scope=cluster for every worker).
import { api, isAbort } from './api.js';
import { h, replace, table, errorBox, field, loading, button } from './dom.js';

export const LEVELS = ['ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE', 'OFF'];

export async function render(root, params, ctx) {
  ctx.setTitle('Loggers');
  const nameInput = h('input', { autocomplete: 'off', list: 'logger-names', required: true, spellcheck: 'false',
    placeholder: 'e.g. org.apache.kafka.connect or root', testid: 'logger-name' });
  const names = h('datalist', { id: 'logger-names' });
  const levelSelect = h('select', { testid: 'logger-level' }, LEVELS.map(l => h('option', { value: l }, l)));
  levelSelect.value = 'DEBUG';
  const worker = h('input', { type: 'radio', name: 'scope', value: 'worker', checked: true });
  const cluster = h('input', { type: 'radio', name: 'scope', value: 'cluster' });
  const result = h('div', { role: 'status', testid: 'logger-result' });
  const filter = h('input', { type: 'search', autocomplete: 'off', placeholder: 'logger name', testid: 'logger-filter' });
  const list = h('div', {}, loading('Loading loggers'));

  const form = h('form', { class: 'panel stack', 'aria-labelledby': 'change-level-title', testid: 'logger-form' },
    h('h2', { id: 'change-level-title', style: 'margin-top:0' }, 'Change a level'),
    h('div', { class: 'grid' }, field('Logger', nameInput, 'A namespace sets itself and every logger below it.'),
      field('Level', levelSelect)),
    h('fieldset', { class: 'row' }, h('legend', {}, 'Scope'),
      h('label', {}, worker, ' This worker'), h('label', {}, cluster, ' Every worker of the cluster')),
    h('div', { class: 'actions', style: 'justify-content:flex-start' }, h('button', { type: 'submit', class: 'primary' }, 'Set level')),
    result, names);

  root.append(h('h1', {}, 'Loggers'),
    h('p', { class: 'muted' }, 'Levels of the worker serving this console. A cluster-wide change is stored for every ',
      'worker, also those that join later.'),
    form,
    h('section', { 'aria-labelledby': 'loggers-title' }, h('h2', { id: 'loggers-title' }, 'Current levels'),
      h('div', { class: 'toolbar', role: 'search' }, field('Filter loggers', filter)), list));

  let loggers = {};
  const load = async () => {
    try {
      loggers = await api.get('/admin/loggers', { signal: ctx.signal });
    } catch (error) {
      if (isAbort(error)) throw error;
      replace(list, errorBox(error.status === 404
        ? 'This worker does not serve /admin/loggers here: admin.listeners moves the admin endpoints to their own listener, or disables them.'
        : 'Could not read the loggers: ' + error.message));
      return;
    }
    if (ctx.active()) draw();
  };
  const draw = () => {
    const q = filter.value.trim().toLowerCase();
    const entries = Object.entries(loggers).filter(([name]) => !q || name.toLowerCase().includes(q));
    replace(names, Object.keys(loggers).map(n => h('option', { value: n })));
    replace(list, table(['Logger', 'Level', 'Last changed', ''], entries.map(([name, info]) => h('tr', { dataset: { logger: name } },
      h('td', { class: 'mono wrap-anywhere' }, name),
      h('td', {}, h('span', { class: 'badge kind', testid: 'level' }, info.level)),
      h('td', {}, info.last_modified ? new Date(info.last_modified).toLocaleString() : h('span', { class: 'muted' }, 'not since start')),
      h('td', {}, button('Change', () => {
        nameInput.value = name;
        levelSelect.value = LEVELS.includes(info.level) ? info.level : 'INFO';
        levelSelect.focus();
      }, { class: 'small', 'aria-label': `Change the level of ${name}` })))), { 'aria-label': 'Loggers' }));
  };
  filter.addEventListener('input', draw);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const name = nameInput.value.trim();
    if (!name) {
      replace(result, errorBox('Name a logger, e.g. org.apache.kafka.connect, or root.'));
      nameInput.focus();
      return;
    }
    const scope = cluster.checked ? 'cluster' : 'worker';
    try {
      const answer = await api.put('/admin/loggers/' + encodeURIComponent(name), { level: levelSelect.value },
        { query: scope === 'cluster' ? { scope: 'cluster' } : {} });
      const message = scope === 'cluster'
        ? `${name} is set to ${levelSelect.value} on every worker of the cluster.`
        : `${name} is set to ${levelSelect.value} on this worker` + (Array.isArray(answer) && answer.length
          ? ` (${answer.length} logger${answer.length === 1 ? '' : 's'} changed: ${answer.join(', ')}).` : '.');
      replace(result, h('p', { testid: 'logger-success' }, message));
      ctx.notify(message, 'success');
      // A cluster-wide change reaches this worker through the config topic, a moment later.
      setTimeout(() => { if (ctx.active()) load(); }, scope === 'cluster' ? 1500 : 0);
    } catch (error) {
      if (!isAbort(error)) replace(result, errorBox(error.message));
    }
  });
  await load();
}

// Plugins (#/plugins): every plugin the worker can load, by type, with version and location.
// REST: Ferry's GET /plugins (all types, with locations); an older worker without it falls back to
// Apache's GET /connector-plugins?connectorsOnly=false (no config providers, no locations).
import { api, isAbort } from './api.js';
import { h, replace, table, errorBox, field, loading } from './dom.js';

export const TYPES = [
  ['source', 'Source connectors'], ['sink', 'Sink connectors'], ['converter', 'Converters'],
  ['header_converter', 'Header converters'], ['transformation', 'Transformations'], ['predicate', 'Predicates'],
  ['configprovider', 'Config providers'], ['rest_extension', 'REST extensions'],
  ['connector_client_config_override_policy', 'Client config override policies'],
];

export async function render(root, params, ctx) {
  ctx.setTitle('Plugins');
  const filter = h('input', { type: 'search', value: params.query.get('q') || '', placeholder: 'class name or location',
    autocomplete: 'off', testid: 'plugins-filter' });
  const summary = h('p', { class: 'muted', role: 'status' });
  const body = h('div', {}, loading('Loading plugins'));
  root.append(h('h1', {}, 'Plugins'),
    h('p', { class: 'muted' }, 'What this worker can load from its plugin path, its bundled plugins and its class path. ',
      'Every worker of a cluster should list the same.'),
    h('div', { class: 'toolbar', role: 'search' }, field('Filter plugins', filter)), summary, body);

  let plugins;
  let withLocations = true;
  try {
    plugins = await api.get('/plugins', { signal: ctx.signal });
  } catch (error) {
    if (isAbort(error)) throw error;
    if (error.status !== 404) {
      replace(body, errorBox('Could not read the plugins: ' + error.message));
      return;
    }
    withLocations = false;
    plugins = await api.get('/connector-plugins', { query: { connectorsOnly: false }, signal: ctx.signal });
  }
  if (!ctx.active()) return;

  const draw = () => {
    const q = filter.value.trim().toLowerCase();
    const shown = plugins.filter(p => !q || p.class.toLowerCase().includes(q) || (p.location || '').toLowerCase().includes(q));
    summary.textContent = `${shown.length} of ${plugins.length} plugins` + (withLocations ? '' : ' (this worker does not report locations or config providers)');
    const sections = [];
    for (const [type, title] of TYPES) {
      const ofType = shown.filter(p => p.type === type);
      if (ofType.length === 0) continue;
      const id = 'plugins-' + type;
      sections.push(h('section', { 'aria-labelledby': id, testid: id },
        h('h2', { id }, `${title} (${ofType.length})`),
        table(withLocations ? ['Class', 'Version', 'Location'] : ['Class', 'Version'],
          ofType.map(p => [h('span', { class: 'mono wrap-anywhere' }, p.class), p.version || h('span', { class: 'muted' }, 'none'),
            ...(withLocations ? [h('span', { class: 'mono wrap-anywhere' }, p.location || '')] : [])]),
          { 'aria-label': title })));
    }
    const known = new Set(TYPES.map(t => t[0]));
    const other = shown.filter(p => !known.has(p.type));
    if (other.length) {
      sections.push(h('section', {}, h('h2', {}, 'Other'),
        table(['Class', 'Type', 'Version'], other.map(p => [p.class, p.type, p.version || '']))));
    }
    replace(body, sections.length ? sections : h('p', { class: 'empty' }, 'No plugin matches this filter.'));
  };
  filter.addEventListener('input', () => { ctx.setQuery({ q: filter.value }); draw(); });
  draw();
}

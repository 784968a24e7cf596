// The connector form's logic, without any DOM: Connect's config definitions turned into groups and
// fields, the user's edits turned into a connector config, validation answers turned into errors per
// field, and the promise the form makes when editing: a value the user did not touch is sent back
// exactly as it was stored.
//
// Where the values come from. The form never takes a value from a validation answer: the worker
// resolves ${provider:...} references before validating and hides PASSWORD values, so its echo is
// neither the stored text nor safe to show. Values come only from the stored config
// (GET /connectors/{name}/config, which holds the raw references), from an imported JSON file, or
// from what the user typed. A Draft remembers the stored value of every key and which keys the
// user touched; changes() is exactly the touched keys, and config() is the stored values with only
// those replaced.
//
// Masking. A PASSWORD value that is not a ${...} reference is never put into the page: inputs show
// it as empty with a "stored, unchanged" hint, and the JSON view shows HIDDEN in its place. Reading
// HIDDEN back from the JSON view (or an import) for a key whose stored value is hidden means
// "unchanged".

import {isReference} from './secrets.js';

/** What the JSON view and exports show instead of a stored secret; Apache shows PASSWORD values so too. */
export const HIDDEN = '[hidden]';


/** Keys whose plugin fields live under them, in the order the form shows their sections. */
export const CONVERTER_KEYS = ['key.converter', 'value.converter', 'header.converter'];

/**
 * One form field from a ConfigInfos entry ({definition, value}) or a bare ConfigKeyInfo
 * (GET /connector-plugins/{p}/config). Undefined definitions (a key the plugin does not know) give
 * a STRING field with no documentation.
 */
export function fieldOf(entry) {
    const def = entry && 'definition' in entry ? entry.definition : entry;
    const value = entry && 'value' in entry && entry.value && typeof entry.value === 'object' ? entry.value : null;
    const name = def ? def.name : value.name;
    return {
        name,
        known: !!def,
        type: def ? def.type : 'STRING',
        required: def ? !!def.required : false,
        defaultValue: def ? def.default_value : null,
        importance: def ? def.importance : 'LOW',
        documentation: def ? def.documentation || '' : '',
        group: def ? def.group : null,
        order: def && typeof def.order_in_group === 'number' ? def.order_in_group : -1,
        width: def ? def.width : 'NONE',
        displayName: def && def.display_name ? def.display_name : name,
        dependents: def ? def.dependents || [] : [],
        recommended: value ? (value.recommended_values || []).map(String) : [],
        errors: value ? value.errors || [] : [],
        visible: value ? value.visible !== false : true,
    };
}

/**
 * Where a key belongs: a transformation or predicate alias, a converter, or the connector's own
 * groups. Returns {section, owner}: section is 'transform', 'predicate', 'converter' or 'main';
 * owner the alias or converter key.
 */
export function sectionOf(key) {
    let m = /^transforms\.([^.]+)\./.exec(key);
    if (m) return {section: 'transform', owner: m[1]};
    m = /^predicates\.([^.]+)\./.exec(key);
    if (m) return {section: 'predicate', owner: m[1]};
    for (const c of CONVERTER_KEYS) {
        if (key.startsWith(c + '.')) return {section: 'converter', owner: c};
    }
    return {section: 'main', owner: null};
}

/** Comma-separated list value as Connect parses it (trimmed, empty items dropped). */
export function splitList(value) {
    if (value === undefined || value === null) return [];
    return String(value).split(',').map(s => s.trim()).filter(s => s.length > 0);
}

/** The groups of Connect's own connector settings (ConnectorConfig, SinkConnectorConfig, SourceConnectorConfig). */
export const FRAMEWORK_GROUPS = ['Common', 'Transforms', 'Predicates', 'Error Handling', 'Topic Creation',
    'Exactly Once Support', 'offsets.topic'];

/**
 * The form's layout from a validation answer (ConfigInfos) and, optionally, the plugin's own
 * definitions (used for keys the answer lacks, e.g. when validation could not run):
 *   {main: [{name, fields}], transforms: {alias: [fields]}, predicates: {...}, converters: {...},
 *    fields: Map name -> field}
 * Main groups: the plugin's own first (ungrouped settings under the plugin's name), then the
 * framework's, each in the order of the answer's `groups`; unknown keys last under "Other settings";
 * `own` marks the plugin's groups. Fields inside a group are sorted by
 * order_in_group, then name. Keys the draft holds but no definition names are added as unknown.
 */
export function layout(configInfos, pluginDefs = [], draftKeys = [], pluginName = 'Connector') {
    const fields = new Map();
    for (const d of pluginDefs || []) fields.set(d.name, fieldOf(d));
    for (const e of (configInfos && configInfos.configs) || []) {
        const f = fieldOf(e);
        const earlier = fields.get(f.name);
        // A validation entry without definition for a key the plugin defines keeps the definition.
        fields.set(f.name, earlier && !f.known ? {...earlier, errors: f.errors, recommended: f.recommended, visible: f.visible} : f);
    }
    for (const k of draftKeys) {
        if (!fields.has(k)) fields.set(k, fieldOf({definition: null, value: {name: k, errors: [], recommended_values: [], visible: true}}));
    }
    const OTHER = 'Other settings';
    // The plugin's own groups first (what the user came to fill in), then the framework's, in the answer's order.
    // The plugin's definitions (GET .../config) include the framework's, so the framework's groups are told by name.
    const isOwn = g => !FRAMEWORK_GROUPS.includes(g) && !/^(Transforms|Predicates): /.test(g);
    const own = new Set([pluginName, ...(pluginDefs || []).map(d => d.group || pluginName).filter(isOwn)]);
    const answerGroups = (configInfos && configInfos.groups) || [];
    const groupOrder = [pluginName, ...answerGroups.filter(g => own.has(g)), ...answerGroups.filter(g => !own.has(g)), OTHER];
    const main = new Map(groupOrder.map(g => [g, []]));
    const transforms = {}, predicates = {}, converters = {};
    for (const f of fields.values()) {
        const {section, owner} = sectionOf(f.name);
        const bucket = section === 'transform' ? transforms : section === 'predicate' ? predicates : section === 'converter' ? converters : null;
        if (bucket) {
            (bucket[owner] = bucket[owner] || []).push(f);
            continue;
        }
        const g = !f.known ? OTHER : f.group || pluginName;
        if (!main.has(g)) main.set(g, []);
        main.get(g).push(f);
    }
    const byOrder = (a, b) => (a.order - b.order) || a.name.localeCompare(b.name);
    for (const list of [...main.values(), ...Object.values(transforms), ...Object.values(predicates), ...Object.values(converters)]) {
        list.sort(byOrder);
    }
    return {
        main: [...main.entries()].filter(([, fs]) => fs.length > 0).map(([name, fs]) => ({name, fields: fs, own: own.has(name)})),
        transforms, predicates, converters, fields,
    };
}

/** Errors per key from a validation answer: Map name -> [message]. Only keys with errors appear. */
export function errorsByKey(configInfos) {
    const out = new Map();
    for (const e of (configInfos && configInfos.configs) || []) {
        const v = e.value;
        if (v && v.errors && v.errors.length) out.set(v.name, v.errors.slice());
    }
    return out;
}

/**
 * Which errors to show now. A setting that is still unset is not a mistake the user made (the
 * worker says "Missing required configuration ..." or "Must configure one of topics or
 * topics.regex" about it), so errors on unset keys wait until the user touched the key or tried to
 * submit; errors on a value the config holds (typed, imported or stored) show at once.
 */
export function visibleErrors(errors, draft, submitted) {
    const out = new Map();
    for (const [key, messages] of errors) {
        if (submitted || draft.has(key) || draft.isTouched(key)) out.set(key, messages.slice());
    }
    return out;
}

/** A scalar JSON value as Connect stores it (a string), or an error naming the key. */
function asConfigString(key, value) {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new Error(`"${key}" must be a string, number or boolean, not ${Array.isArray(value) ? 'an array' : 'an object'}: ` +
        'Connect configs are flat; write nested settings as prefixed keys, e.g. "transforms.a.field".');
}

/**
 * Reads a connector from JSON text: {"name": ..., "config": {...}} as POST /connectors takes and
 * exports give, or a bare config map (as GET /connectors/{name}/config answers). Numbers and
 * booleans become strings, as the worker stores them. Throws an Error whose message says what to fix.
 */
export function parseConnectorJson(text) {
    let obj;
    try {
        obj = JSON.parse(text);
    } catch (e) {
        throw new Error(`Not valid JSON: ${e.message}. Paste {"name": "...", "config": {...}} or a config map.`);
    }
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
        throw new Error('Expected a JSON object: {"name": "...", "config": {...}} or a config map.');
    }
    const wrapped = obj.config && typeof obj.config === 'object' && !Array.isArray(obj.config);
    const raw = wrapped ? obj.config : obj;
    const config = {};
    for (const [k, v] of Object.entries(raw)) {
        const s = asConfigString(k, v);
        if (s !== null) config[k] = s;
    }
    const name = wrapped && typeof obj.name === 'string' ? obj.name : (config.name || '');
    if (name) config.name = name;
    return {name, config};
}

/**
 * The user's copy of one connector config.
 *
 * `stored` is the config as the worker holds it (empty for a new connector); it is never changed.
 * `set(key, value)` records an edit; `remove(key)` drops a key. A key counts as touched once set or
 * removed, unless its value is back to the stored text (then nothing changes for it).
 * `isSecret(key)` says which keys are PASSWORD typed; the page supplies it from the definitions.
 */
export class Draft {
    constructor(stored = {}, isSecret = () => false) {
        this.stored = Object.freeze({...stored});
        this.values = {...stored};
        this.isSecret = isSecret;
    }

    /** The current value, or undefined when the key is not set. */
    get(key) {
        return this.values[key];
    }

    has(key) {
        return Object.prototype.hasOwnProperty.call(this.values, key);
    }

    keys() {
        return Object.keys(this.values);
    }

    /** Sets a key; an empty string removes it, so an emptied input means "use the default". */
    set(key, value) {
        if (value === '' || value === null || value === undefined) {
            this.remove(key);
        } else {
            this.values[key] = String(value);
        }
        return this;
    }

    /** Sets a key even to the empty string (for settings where "" is a meaningful value). */
    setExactly(key, value) {
        this.values[key] = String(value);
        return this;
    }

    remove(key) {
        delete this.values[key];
        return this;
    }

    /** Whether the user changed this key from its stored state (set to other text, added or removed). */
    isTouched(key) {
        const was = Object.prototype.hasOwnProperty.call(this.stored, key);
        const is = this.has(key);
        return was !== is || (is && this.values[key] !== this.stored[key]);
    }

    /** Whether the key holds a stored secret that the page must not show. */
    isMaskedSecret(key) {
        return this.has(key) && !this.isTouched(key) && this.isSecret(key) && !isReference(this.values[key]);
    }

    /** The full config to send: stored values verbatim except the touched keys. */
    config() {
        return {...this.values};
    }

    /** Only what changed, for PATCH /connectors/{name}/config: new values, and null for removed keys. */
    changes() {
        const out = {};
        for (const k of new Set([...Object.keys(this.stored), ...Object.keys(this.values)])) {
            if (this.isTouched(k)) out[k] = this.has(k) ? this.values[k] : null;
        }
        return out;
    }

    isDirty() {
        return Object.keys(this.changes()).length > 0;
    }

    /** The config for showing and exporting: stored secrets replaced by HIDDEN, keys sorted. */
    masked() {
        const out = {};
        for (const k of Object.keys(this.values).sort(keyOrder)) {
            out[k] = this.isMaskedSecret(k) ? HIDDEN : this.values[k];
        }
        return out;
    }

    /** The JSON view's text: {"name", "config"} with secrets masked. */
    toJson() {
        return JSON.stringify({name: this.values.name || '', config: this.masked()}, null, 2);
    }

    /**
     * Replaces the values with a config read from the JSON view or an import (see parseConnectorJson).
     * HIDDEN for a key whose stored value is a secret keeps the stored value; every other key
     * takes the given text, and keys absent from it are removed.
     */
    replaceWith(config) {
        const next = {};
        for (const [k, v] of Object.entries(config)) {
            if (v === HIDDEN && Object.prototype.hasOwnProperty.call(this.stored, k) && this.isSecret(k)) {
                next[k] = this.stored[k];
            } else {
                next[k] = v;
            }
        }
        this.values = next;
        return this;
    }
}

/** name, connector.class and tasks.max first, then alphabetical: how people read a config. */
function keyOrder(a, b) {
    const head = ['name', 'connector.class', 'tasks.max'];
    const ia = head.indexOf(a), ib = head.indexOf(b);
    if (ia >= 0 || ib >= 0) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    return a.localeCompare(b);
}

// ---- transformations and predicates -------------------------------------------------------------

const ALIAS = /^[A-Za-z0-9_-]+$/;

/** Why an alias cannot be used, or null: aliases become key prefixes, so no dots, commas or spaces. */
export function aliasProblem(alias, existing) {
    if (!alias) return 'Give the alias a name, e.g. "stamp".';
    if (!ALIAS.test(alias)) return `"${alias}" cannot be an alias: use letters, digits, "_" and "-" only (it becomes part of the keys).`;
    if (existing.includes(alias)) return `"${alias}" is already used; pick another alias.`;
    return null;
}

/** The aliases of `transforms` or `predicates` in the draft. */
export function aliases(draft, listKey) {
    return splitList(draft.get(listKey));
}

/** Adds an alias with its plugin type: appends it to the list key and sets `<list>.<alias>.type`. */
export function addAlias(draft, listKey, alias, type) {
    const list = aliases(draft, listKey);
    const problem = aliasProblem(alias, list);
    if (problem) throw new Error(problem);
    draft.set(listKey, [...list, alias].join(','));
    draft.set(`${listKey}.${alias}.type`, type);
    return draft;
}

/** Removes an alias and every `<list>.<alias>.*` key (and, for a predicate, references to it stay for the user to fix). */
export function removeAlias(draft, listKey, alias) {
    const rest = aliases(draft, listKey).filter(a => a !== alias);
    draft.set(listKey, rest.join(','));
    for (const k of draft.keys()) {
        if (k.startsWith(`${listKey}.${alias}.`)) draft.remove(k);
    }
    return draft;
}

/** Moves an alias one place up (-1) or down (+1); transformations run in list order. */
export function moveAlias(draft, listKey, alias, delta) {
    const list = aliases(draft, listKey);
    const i = list.indexOf(alias), j = i + delta;
    if (i < 0 || j < 0 || j >= list.length) return draft;
    [list[i], list[j]] = [list[j], list[i]];
    draft.set(listKey, list.join(','));
    return draft;
}

/** Removes a converter and its `<key>.*` settings (the worker's converter applies again). */
export function removeConverter(draft, key) {
    draft.remove(key);
    for (const k of draft.keys()) {
        if (k.startsWith(key + '.')) draft.remove(k);
    }
    return draft;
}

/** Installed plugins by REST type ("transformation", "predicate", "converter", ...), sorted by class. */
export function pluginsOfType(plugins, type) {
    return (plugins || []).filter(p => p.type === type).map(p => p.class).sort();
}

/** A class name's last part, without the `$Value`-style nesting shown separately: for labels. */
export function shortClass(cls) {
    const simple = String(cls).split('.').pop();
    return simple.replace('$', ' $');
}

/**
 * The validate request body for a draft: its config (stored values verbatim, references
 * unresolved: the worker resolves them itself), with connector.class filled in from the plugin
 * chosen when the draft does not name one.
 */
export function validateBody(draft, connectorClass) {
    const config = draft.config();
    config['connector.class'] = config['connector.class'] || connectorClass;
    return config;
}

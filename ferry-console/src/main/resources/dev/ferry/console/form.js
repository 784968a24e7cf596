// The create and edit page (#/new, #/connectors/<name>/edit): a form built from the plugin's config
// definitions and the worker's validation answers, with transformations, predicates and converters
// chosen from the installed plugins, a JSON view kept in sync, import and export.
//
// How it stays in step with the worker. Every edit changes the Draft (form-model.js) and schedules a
// validation (PUT /connector-plugins/{p}/config/validate, debounced). Each answer carries the full
// list of definitions for the config as it now stands (a transformation's own settings appear once
// its type is set, a converter's once it is chosen), so the answer also decides which fields exist.
// The page keeps one row per key and updates rows in place (errors, choices), rebuilding a section
// only when its set of keys changed; the input being typed into is never replaced while focused.
// Only the newest answer counts: a slower, older one is dropped.
//
// What is sent. Creating posts {name, config}. Editing sends PATCH /connectors/{name}/config with
// only the keys the user changed (null for a removed key), so every other value, masked passwords
// and ${provider:...} references included, stays exactly as the worker stores it, even if someone
// else changed another key in the meantime.

import {
    Draft, HIDDEN, layout, errorsByKey, visibleErrors, parseConnectorJson, aliases, addAlias,
    removeAlias, moveAlias, removeConverter, pluginsOfType, shortClass, validateBody, aliasProblem, CONVERTER_KEYS,
} from './form-model.js';
import {h} from './dom.js';
import {isReference, looksSecret} from './secrets.js';
import {api as restApi, isAbort, connectorPath, pluginPath} from './api.js';

/** How long typing must pause before the worker validates: short enough to feel live, long enough not to flood it. */
const VALIDATE_DELAY_MS = 350;
/** How long a new connector may go without a status before the form opens its page anyway. */
const FIRST_STATUS_MS = 15000;
const FIRST_STATUS_POLL_MS = 250;

let page = null;

/** The form's own styles, added to the document the first time the page is shown. */
function loadStyles() {
    const href = new URL('./form.css', import.meta.url).href;
    if (![...document.querySelectorAll('link[rel="stylesheet"]')].some(l => l.href === href)) {
        document.head.append(h('link', {rel: 'stylesheet', href}));
    }
}

export function render(root, params, ctx) {
    dispose();
    loadStyles();
    page = new FormPage(root, params || {}, ctx || {});
    return page.start();
}

export function dispose() {
    if (page) page.close();
    page = null;
}

class FormPage {
    constructor(root, params, ctx) {
        this.root = root;
        this.ctx = ctx;
        this.api = ctx.api || restApi;
        this.editName = params.name || null;
        this.plugin = (params.query && params.query.get('plugin')) || null;
        this.plugins = [];
        this.pluginDefs = [];
        this.answer = null;
        this.errors = new Map();
        this.submitted = false;
        this.seq = 0;
        this.timer = null;
        this.closed = false;
        this.secretKeys = new Set();
        this.draft = new Draft({}, k => this.isSecret(k));
        this.rows = new Map();
        this.signature = '';
    }

    close() {
        this.closed = true;
        clearTimeout(this.timer);
    }

    /** Call options: leaving the page aborts the call. */
    opts() {
        return this.ctx.signal ? {signal: this.ctx.signal} : {};
    }

    isSecret(key) {
        if (this.secretKeys.has(key)) return true;
        const f = this.answer && this.fieldDefs && this.fieldDefs.get(key);
        if (f) return f.type === 'PASSWORD';
        // Until the worker has typed the keys: the usual names of secrets.
        return looksSecret(key);
    }

    async start() {
        this.root.replaceChildren(h('p', {role: 'status'}, 'Loading…'));
        try {
            const [plugins, stored] = await Promise.all([
                this.api.get('/connector-plugins?connectorsOnly=false', this.opts()),
                this.editName ? this.api.get(connectorPath(this.editName, '/config'), this.opts()) : Promise.resolve(null),
            ]);
            if (this.closed) return;
            this.plugins = plugins;
            if (stored) {
                this.draft = new Draft(stored, k => this.isSecret(k));
                this.plugin = stored['connector.class'];
            }
            this.buildShell();
            if (this.plugin) await this.choosePlugin(this.plugin, false);
        } catch (e) {
            if (isAbort(e)) return;
            this.root.replaceChildren(h('h1', {}, this.editName ? `Edit ${this.editName}` : 'New connector'),
                h('p', {role: 'alert', class: 'error-box'}, `Could not load the form: ${e.message}`));
        }
    }

    // ---- page shell ------------------------------------------------------------------------------

    buildShell() {
        const title = this.editName ? `Edit connector ${this.editName}` : 'New connector';
        if (this.ctx.setTitle) this.ctx.setTitle(title);
        const connectors = this.plugins.filter(p => p.type === 'source' || p.type === 'sink');
        this.pluginSelect = h('select', {id: 'form-plugin', 'data-testid': 'form-plugin', disabled: !!this.editName},
            h('option', {value: ''}, 'Choose a connector plugin…'),
            ...connectors.map(p => h('option', {value: p.class}, `${shortClass(p.class)} (${p.type}${p.version ? ', ' + p.version : ''}) — ${p.class}`)));
        this.pluginSelect.addEventListener('change', () => this.choosePlugin(this.pluginSelect.value, true));
        if (this.plugin) this.selectPluginOption(this.plugin);

        this.nameInput = h('input', {id: 'form-name', name: 'name', 'data-testid': 'form-name', autocomplete: 'off',
            required: true, readOnly: !!this.editName, 'aria-describedby': 'form-name-err'});
        this.nameInput.value = this.draft.get('name') || this.editName || '';
        this.nameInput.addEventListener('input', () => {
            this.draft.set('name', this.nameInput.value.trim());
            this.changed();
        });

        this.fieldsBox = h('div', {class: 'form-fields', 'data-testid': 'form-fields'});
        this.summary = h('div', {class: 'form-summary', role: 'alert', 'data-testid': 'form-summary'});
        this.jsonArea = h('textarea', {id: 'form-json', 'data-testid': 'form-json', rows: 16, spellcheck: 'false',
            'aria-describedby': 'form-json-err'});
        this.jsonError = h('p', {id: 'form-json-err', class: 'field-error', 'data-testid': 'form-json-error'});
        this.jsonArea.addEventListener('input', () => this.jsonEdited());
        this.jsonArea.addEventListener('blur', () => this.refreshJson(true));

        const importInput = h('input', {type: 'file', id: 'form-import', accept: '.json,application/json', 'data-testid': 'form-import'});
        importInput.addEventListener('change', () => this.importFile(importInput));
        const exportButton = h('button', {type: 'button', 'data-testid': 'form-export'}, 'Export JSON');
        exportButton.addEventListener('click', () => this.exportJson());

        this.submitButton = h('button', {type: 'submit', class: 'primary', 'data-testid': 'form-submit'},
            this.editName ? 'Save changes' : 'Create connector');
        const cancel = h('a', {href: this.editName ? `#/connectors/${encodeURIComponent(this.editName)}` : '#/'}, 'Cancel');

        const form = h('form', {class: 'connector-form', novalidate: true, 'aria-labelledby': 'form-title'},
            h('div', {class: 'field'},
                h('label', {for: 'form-plugin'}, 'Connector plugin'),
                this.pluginSelect),
            h('div', {class: 'field'},
                h('label', {for: 'form-name'}, 'Name ', h('span', {class: 'required', 'aria-hidden': 'true'}, '*')),
                this.nameInput,
                h('p', {id: 'form-name-err', class: 'field-error', 'data-testid': 'error-name'})),
            this.fieldsBox,
            h('details', {class: 'form-json', 'data-testid': 'form-json-panel'},
                h('summary', {}, 'JSON (kept in sync with the form)'),
                h('label', {for: 'form-json'}, 'Connector JSON: edit here or in the form; passwords stored on the worker show as ' + HIDDEN + ' and stay unchanged'),
                this.jsonArea, this.jsonError,
                h('div', {class: 'form-io'},
                    h('label', {for: 'form-import'}, 'Import a connector from a JSON file'), importInput, exportButton)),
            this.summary,
            h('div', {class: 'form-actions'}, this.submitButton, cancel));
        form.addEventListener('submit', ev => {
            ev.preventDefault();
            this.submit();
        });
        this.root.replaceChildren(h('h1', {id: 'form-title'}, title), form);
        this.refreshJson(true);
    }

    selectPluginOption(cls) {
        const opts = [...this.pluginSelect.options];
        let match = opts.find(o => o.value === cls) || opts.find(o => o.value && shortClass(o.value).replace(' $', '$') === cls)
            || opts.find(o => o.value && o.value.split('.').pop() === cls + 'Connector');
        if (!match && cls) {
            match = h('option', {value: cls}, cls);
            this.pluginSelect.append(match);
        }
        if (match) this.pluginSelect.value = match.value;
    }

    async choosePlugin(cls, byUser) {
        if (!cls) return;
        this.plugin = cls;
        if (byUser || !this.draft.has('connector.class')) this.draft.set('connector.class', cls);
        try {
            const plugin = this.pluginSelect.value || cls;
            this.pluginDefs = await this.api.get(pluginPath(plugin, '/config'), this.opts());
        } catch (e) {
            this.pluginDefs = [];
        }
        if (this.closed) return;
        await this.validateNow();
    }

    // ---- edits and validation --------------------------------------------------------------------

    changed(options = {}) {
        if (!options.fromJson) this.refreshJson(false);
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.validateNow(), VALIDATE_DELAY_MS);
    }

    async validateNow() {
        clearTimeout(this.timer);
        if (!this.plugin) return;
        const mine = ++this.seq;
        const body = validateBody(this.draft, this.plugin);
        let answer;
        try {
            // The path must name the class exactly as the config does (an alias stays an alias), or the worker refuses.
            answer = await this.api.put(pluginPath(body['connector.class'], '/config/validate'), body, this.opts());
        } catch (e) {
            if (isAbort(e) || mine !== this.seq || this.closed) return;
            this.showSummary([`The worker could not validate this config: ${e.message}`]);
            // Still show the plugin's own settings and every key the config holds.
            if (!this.answer) this.renderFields();
            return;
        }
        this.showSummary([]);
        if (mine !== this.seq || this.closed) return;
        this.answer = answer;
        this.errors = errorsByKey(answer);
        this.renderFields();
        this.showErrors();
        // The answer may type more keys as PASSWORD (a client override's sasl.jaas.config): mask them now.
        this.refreshJson(false);
        return answer;
    }

    renderFields() {
        const lay = layout(this.answer, this.pluginDefs, this.draft.keys(), shortClass(this.plugin).replace(' $', '$'));
        this.fieldDefs = lay.fields;
        for (const f of lay.fields.values()) if (f.type === 'PASSWORD') this.secretKeys.add(f.name);
        const skip = new Set(['name', 'connector.class', 'transforms', 'predicates']);
        const signature = JSON.stringify([
            lay.main.map(g => [g.name, g.fields.filter(f => this.shown(f)).map(f => f.name + ':' + f.type + ':' + f.recommended.length)]),
            Object.entries(lay.transforms).map(([a, fs]) => [a, fs.map(f => f.name)]),
            Object.entries(lay.predicates).map(([a, fs]) => [a, fs.map(f => f.name)]),
            Object.entries(lay.converters).map(([a, fs]) => [a, fs.map(f => f.name)]),
            aliases(this.draft, 'transforms'), aliases(this.draft, 'predicates'),
        ]);
        if (signature === this.signature) {
            for (const [key, row] of this.rows) row.update(lay.fields.get(key));
            return;
        }
        this.signature = signature;
        const focusedId = document.activeElement && document.activeElement.id;
        const selection = focusedId && typeof document.activeElement.selectionStart === 'number'
            ? [document.activeElement.selectionStart, document.activeElement.selectionEnd] : null;
        this.rows = new Map();
        const sections = [];
        let ownSections = 0;
        for (const group of lay.main) {
            const fields = group.fields.filter(f => !skip.has(f.name) && this.shown(f));
            if (!fields.length) continue;
            sections.push(this.groupSection(group.name, fields));
            if (group.own) ownSections = sections.length;
        }
        // Transformations, predicates and converters come right after the plugin's own settings.
        sections.splice(ownSections, 0,
            this.aliasSection('transforms', 'Transformations', 'transformation', lay.transforms),
            this.aliasSection('predicates', 'Predicates', 'predicate', lay.predicates),
            this.converterSection(lay.converters));
        sections.push(this.otherSection());
        this.fieldsBox.replaceChildren(...sections.filter(Boolean));
        if (focusedId) {
            const again = document.getElementById(focusedId);
            if (again && again !== document.activeElement) {
                again.focus();
                if (selection && typeof again.setSelectionRange === 'function') {
                    try { again.setSelectionRange(selection[0], selection[1]); } catch (e) { /* not a text input */ }
                }
            }
        }
    }

    /** Invisible settings (Connect's `visible` flag) are left out unless they hold a value. */
    shown(f) {
        return f.visible || this.draft.has(f.name);
    }

    groupSection(name, fields) {
        const important = f => f.required || f.importance === 'HIGH' || this.draft.has(f.name) || this.errors.has(f.name);
        const open = fields.some(important);
        const id = 'group-' + slug(name);
        return h('details', {class: 'form-group', open, 'data-testid': id},
            h('summary', {}, name, h('span', {class: 'count'}, ` (${fields.length})`)),
            h('div', {class: 'group-body'}, ...fields.map(f => this.row(f))));
    }

    aliasSection(listKey, title, pluginType, byAlias) {
        const list = aliases(this.draft, listKey);
        const types = pluginsOfType(this.plugins, pluginType);
        const items = list.map((alias, i) => {
            const typeKey = `${listKey}.${alias}.type`;
            const fields = (byAlias[alias] || []).filter(f => f.name !== typeKey && this.shown(f));
            const up = h('button', {type: 'button', disabled: i === 0, 'aria-label': `Move ${alias} up`}, '↑');
            const down = h('button', {type: 'button', disabled: i === list.length - 1, 'aria-label': `Move ${alias} down`}, '↓');
            const remove = h('button', {type: 'button', 'aria-label': `Remove ${alias}`, 'data-testid': `remove-${listKey}-${alias}`}, 'Remove');
            up.addEventListener('click', () => this.aliasChanged(() => moveAlias(this.draft, listKey, alias, -1)));
            down.addEventListener('click', () => this.aliasChanged(() => moveAlias(this.draft, listKey, alias, 1)));
            remove.addEventListener('click', () => this.aliasChanged(() => removeAlias(this.draft, listKey, alias)));
            const typeField = (byAlias[alias] || []).find(f => f.name === typeKey)
                || {name: typeKey, type: 'CLASS', required: true, displayName: 'Type', documentation: '', recommended: [], errors: [], defaultValue: null, known: true};
            const typeRow = this.row({...typeField, recommended: types, displayName: 'Type', required: true});
            return h('fieldset', {class: 'alias', 'data-testid': `${listKey}-${alias}`},
                h('legend', {}, `${alias}: ${shortClass(this.draft.get(typeKey) || '?')}`),
                h('div', {class: 'alias-actions'}, up, down, remove),
                typeRow, ...fields.map(f => this.row(f)));
        });
        const aliasId = `add-${listKey}-alias`, typeId = `add-${listKey}-type`;
        const aliasInput = h('input', {id: aliasId, autocomplete: 'off', 'data-testid': aliasId, 'aria-describedby': aliasId + '-err'});
        const typeSelect = h('select', {id: typeId, 'data-testid': typeId},
            ...types.map(t => h('option', {value: t}, `${shortClass(t)} — ${t}`)));
        const problem = h('p', {id: aliasId + '-err', class: 'field-error', role: 'alert'});
        const add = h('button', {type: 'button', 'data-testid': `add-${listKey}`}, `Add ${pluginType}`);
        add.addEventListener('click', () => {
            const alias = aliasInput.value.trim();
            const why = aliasProblem(alias, list) || (typeSelect.value ? null : `No ${pluginType} plugin is installed.`);
            if (why) {
                problem.textContent = why;
                aliasInput.focus();
                return;
            }
            this.aliasChanged(() => addAlias(this.draft, listKey, alias, typeSelect.value), `${listKey}.${alias}.type`);
        });
        const open = list.length > 0;
        return h('details', {class: 'form-group', open, 'data-testid': `section-${listKey}`},
            h('summary', {}, title, h('span', {class: 'count'}, ` (${list.length})`)),
            ...items,
            h('div', {class: 'alias-add'},
                h('div', {class: 'field'}, h('label', {for: aliasId}, `New ${pluginType} alias`), aliasInput, problem),
                h('div', {class: 'field'}, h('label', {for: typeId}, `${title.replace(/s$/, '')} type`), typeSelect),
                add));
    }

    converterSection(byConverter) {
        // Only converters this connector sets: the others are the worker's, configured in its own file.
        const set = CONVERTER_KEYS.filter(k => this.draft.has(k));
        if (!set.length) return null;
        return h('details', {class: 'form-group', open: true, 'data-testid': 'section-converters'},
            h('summary', {}, 'Converter settings'),
            ...set.map(k => {
                // converter.type is set by the worker (key or value), never by users.
                const fields = (byConverter[k] || []).filter(f => this.shown(f) && f.name !== `${k}.converter.type`);
                const remove = h('button', {type: 'button', 'aria-label': `Remove ${k} and its settings`}, `Use the worker's ${k}`);
                remove.addEventListener('click', () => this.aliasChanged(() => removeConverter(this.draft, k)));
                return h('fieldset', {class: 'alias', 'data-testid': `converter-${k}`},
                    h('legend', {}, `${k}: ${shortClass(this.draft.get(k) || 'worker default')}`),
                    fields.length ? null : h('p', {class: 'doc'}, 'No settings of its own, or the worker has not described them yet.'),
                    ...fields.map(f => this.row(f)), remove);
            }));
    }

    /** Keys no definition describes, and a way to add any key (e.g. a converter setting before its converter is chosen). */
    otherSection() {
        const keyInput = h('input', {id: 'add-key', autocomplete: 'off', 'data-testid': 'add-key'});
        const valueInput = h('input', {id: 'add-value', autocomplete: 'off', 'data-testid': 'add-value'});
        const problem = h('p', {class: 'field-error', role: 'alert'});
        const add = h('button', {type: 'button', 'data-testid': 'add-setting'}, 'Add setting');
        add.addEventListener('click', () => {
            const key = keyInput.value.trim();
            if (!key) {
                problem.textContent = 'Type the setting\'s key, e.g. value.converter.schemas.enable.';
                keyInput.focus();
                return;
            }
            this.aliasChanged(() => this.draft.setExactly(key, valueInput.value), key);
        });
        return h('details', {class: 'form-group', 'data-testid': 'section-add'},
            h('summary', {}, 'Add any setting'),
            h('div', {class: 'field'}, h('label', {for: 'add-key'}, 'Key'), keyInput),
            h('div', {class: 'field'}, h('label', {for: 'add-value'}, 'Value'), valueInput),
            problem, add);
    }

    /** A structural change (alias added, moved, removed): validate at once, then focus `focusKey`'s input. */
    async aliasChanged(change, focusKey) {
        try {
            change();
        } catch (e) {
            this.showSummary([e.message]);
            return;
        }
        this.refreshJson(false);
        this.signature = '';
        await this.validateNow();
        if (focusKey) {
            const input = document.getElementById(inputId(focusKey));
            if (input) input.focus();
        }
    }

    row(field) {
        const row = new FieldRow(field, this);
        this.rows.set(field.name, row);
        return row.el;
    }

    showErrors() {
        const shown = visibleErrors(this.errors, this.draft, this.submitted);
        for (const [key, row] of this.rows) row.setErrors(shown.get(key) || []);
        const nameErr = this.root.querySelector('#form-name-err');
        const nameMessages = shown.get('name') || [];
        if (nameErr) nameErr.textContent = nameMessages.join(' ');
        this.nameInput.setAttribute('aria-invalid', nameMessages.length ? 'true' : 'false');
        // A setting in a closed group that now has an error: open the group so the error is seen.
        for (const [key, row] of this.rows) {
            if (!shown.has(key)) continue;
            for (let d = row.el.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) d.open = true;
        }
        if (this.submitted) {
            const problems = [...shown.entries()].map(([k, ms]) => `${k}: ${ms.join(' ')}`);
            this.showSummary(problems.length ? [`${problems.length} setting(s) need attention:`, ...problems] : []);
        } else {
            // Errors on keys that have no field of their own (e.g. the transforms list) are listed here.
            const orphans = [...shown.entries()].filter(([k]) => k !== 'name' && !this.rows.has(k));
            this.showSummary(orphans.map(([k, ms]) => `${k}: ${ms.join(' ')}`));
        }
    }

    showSummary(lines) {
        // Unchanged text is left alone, so the alert region does not announce it again on every keystroke.
        if (lines.join('\n') === [...this.summary.children].map(p => p.textContent).join('\n')) return;
        this.summary.replaceChildren(...lines.map(l => h('p', {}, l)));
    }

    // ---- JSON view, import, export ---------------------------------------------------------------

    refreshJson(force) {
        if (!force && document.activeElement === this.jsonArea) return;
        this.jsonArea.value = this.draft.toJson();
        this.jsonError.textContent = '';
        this.jsonArea.removeAttribute('aria-invalid');
    }

    jsonEdited() {
        let parsed;
        try {
            parsed = parseConnectorJson(this.jsonArea.value);
        } catch (e) {
            this.jsonError.textContent = e.message;
            this.jsonArea.setAttribute('aria-invalid', 'true');
            return;
        }
        this.jsonError.textContent = '';
        this.jsonArea.removeAttribute('aria-invalid');
        this.applyImported(parsed, {fromJson: true});
    }

    applyImported(parsed, options = {}) {
        // An edited connector keeps its name: the JSON view cannot rename it (that would be a new connector).
        if (this.editName) parsed.config.name = this.editName;
        this.draft.replaceWith(parsed.config);
        if (!this.editName) this.nameInput.value = this.draft.get('name') || '';
        const cls = this.draft.get('connector.class');
        for (const row of this.rows.values()) row.syncFromDraft();
        if (cls && cls !== this.plugin) {
            this.selectPluginOption(cls);
            this.signature = '';
            this.choosePlugin(this.pluginSelect.value || cls, false);
            if (!options.fromJson) this.refreshJson(true);
            return;
        }
        this.signature = options.fromJson ? this.signature : '';
        if (!options.fromJson) this.refreshJson(true);
        this.changed(options);
    }

    async importFile(input) {
        const file = input.files && input.files[0];
        if (!file) return;
        try {
            const parsed = parseConnectorJson(await file.text());
            this.applyImported(parsed);
            if (this.ctx.notify) this.ctx.notify(`Imported ${file.name}: check the settings, then create the connector.`, 'info');
        } catch (e) {
            this.showSummary([`Could not import ${file.name}: ${e.message}`]);
        }
    }

    exportJson() {
        const text = this.draft.toJson() + '\n';
        const name = (this.draft.get('name') || 'connector').replace(/[^A-Za-z0-9._-]/g, '_');
        const link = h('a', {href: URL.createObjectURL(new Blob([text], {type: 'application/json'})), download: `${name}.json`});
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    }

    // ---- submit ----------------------------------------------------------------------------------

    async submit() {
        this.submitted = true;
        const answer = await this.validateNow();
        if (!answer) return;
        if (answer.error_count > 0) {
            this.showErrors();
            const first = this.root.querySelector('[aria-invalid="true"]');
            if (first) first.focus();
            return;
        }
        this.submitButton.disabled = true;
        try {
            let name;
            if (this.editName) {
                name = this.editName;
                const changes = this.draft.changes();
                if (Object.keys(changes).length) {
                    await this.api.patch(connectorPath(name, '/config'), changes, this.opts());
                }
            } else {
                name = (this.draft.get('name') || '').trim();
                const config = this.draft.config();
                await this.api.post('/connectors', {name, config}, this.opts());
                if (this.ctx.notify) this.ctx.notify(`Created ${name}.`, 'success');
                await this.awaitFirstStatus(name);
            }
            if (this.editName && this.ctx.notify) this.ctx.notify(`Saved ${name}.`, 'success');
            const target = `#/connectors/${encodeURIComponent(name)}`;
            if (this.ctx.navigate) this.ctx.navigate(target); else location.hash = target;
        } catch (e) {
            this.showSummary([`The worker refused the connector: ${e.message}`]);
            this.submitButton.disabled = false;
        }
    }

    /**
     * Waits (bounded) until a just-created connector has a status. A worker writes the first one when
     * it starts the connector, and until then GET /connectors/<name>/status answers 404, so the
     * connector's page would open on "There is no connector named ..." (and the browser would log the
     * 404). The connector list with expand=status never answers 404: it leaves such a connector out.
     */
    async awaitFirstStatus(name) {
        const deadline = Date.now() + FIRST_STATUS_MS;
        while (Date.now() < deadline) {
            let listed;
            try {
                listed = await this.api.get('/connectors', {...this.opts(), query: {expand: ['status']}});
            } catch (e) {
                if (isAbort(e)) throw e;
                return; // the connector's page reports whatever is wrong
            }
            if (listed && listed[name]) return;
            await new Promise(resolve => setTimeout(resolve, FIRST_STATUS_POLL_MS));
        }
    }
}

/** The id of a key's input: stable across re-renders so focus can be restored. */
function inputId(key) {
    return 'cfg-' + key.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Documentation as text: some plugins write HTML tags such as <code> into it, which we never render as HTML. */
function plainText(doc) {
    return String(doc || '').replace(/<\/?(code|b|i|em|strong|p|br|ul|li|pre|tt)\s*\/?>/gi, '');
}

function slug(text) {
    return String(text).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * One setting: label (display name, required mark), input chosen by type, documentation, default,
 * errors. Inputs are text even for numbers, so a ${provider:...} reference can stand in any field.
 */
class FieldRow {
    constructor(field, page) {
        this.field = field;
        this.page = page;
        this.id = inputId(field.name);
        this.docId = this.id + '-doc';
        this.errId = this.id + '-err';
        this.errorBox = h('p', {id: this.errId, class: 'field-error', 'data-testid': 'error-' + field.name});
        this.control = this.buildControl();
        const label = h('label', {for: this.id},
            field.displayName,
            field.required ? h('span', {class: 'required', title: 'required'}, ' *') : null,
            ' ', h('code', {class: 'key'}, field.name));
        this.badge = h('span', {class: 'badge', 'data-testid': 'badge-' + field.name});
        this.el = h('div', {class: 'field', 'data-key': field.name},
            label, this.control, this.badge,
            h('p', {id: this.docId, class: 'doc'}, [plainText(field.documentation), this.defaultText()].filter(Boolean).join(' ')),
            this.errorBox);
        this.updateBadge();
    }

    defaultText() {
        const d = this.field.defaultValue;
        if (d === null || d === undefined) return this.field.required ? '' : '';
        return `Default: ${d === '' ? '(empty)' : d}.`;
    }

    buildControl() {
        const f = this.field, draft = this.page.draft;
        const value = draft.get(f.name);
        const common = {id: this.id, name: f.name, 'data-testid': 'field-' + f.name,
            'aria-describedby': `${this.docId} ${this.errId}`, 'aria-required': f.required ? 'true' : null};
        const recommended = f.recommended || [];
        const useSelect = !isReference(value) && (f.type === 'BOOLEAN' || (recommended.length > 0 && f.type !== 'LIST'
            && (value === undefined || recommended.includes(value))));
        let control;
        if (useSelect) {
            const choices = f.type === 'BOOLEAN' && !recommended.length ? ['true', 'false'] : recommended;
            const unset = f.defaultValue !== null && f.defaultValue !== undefined ? `(default: ${f.defaultValue === '' ? 'empty' : f.defaultValue})` : '(not set)';
            control = h('select', common, h('option', {value: ''}, unset), ...choices.map(c => h('option', {value: c}, c)));
            control.value = value === undefined ? '' : value;
            control.addEventListener('change', () => this.edited(control.value));
        } else if (draft.isMaskedSecret(f.name)) {
            control = h('input', {...common, type: 'password', autocomplete: 'new-password',
                placeholder: 'stored value kept (hidden); type to replace it'});
            control.addEventListener('input', () => this.edited(control.value === '' ? draft.stored[f.name] : control.value));
        } else {
            const secret = f.type === 'PASSWORD' && !isReference(value);
            control = h('input', {...common, type: secret ? 'password' : 'text', autocomplete: secret ? 'new-password' : 'off',
                inputmode: ['INT', 'LONG', 'SHORT', 'DOUBLE'].includes(f.type) ? 'decimal' : null,
                placeholder: f.defaultValue !== null && f.defaultValue !== undefined && f.defaultValue !== '' ? String(f.defaultValue) : null,
                list: recommended.length ? this.id + '-choices' : null});
            control.value = value === undefined ? '' : value;
            control.addEventListener('input', () => this.edited(control.value));
            if (recommended.length) {
                this.datalist = h('datalist', {id: this.id + '-choices'}, ...recommended.map(c => h('option', {value: c})));
                return h('span', {class: 'control'}, control, this.datalist);
            }
        }
        return control;
    }

    input() {
        return this.control.tagName === 'SPAN' ? this.control.firstChild : this.control;
    }

    edited(value) {
        this.page.draft.set(this.field.name, value);
        this.updateBadge();
        const key = this.field.name;
        // A transformation's type or a converter decides which settings exist: validate at once.
        const structural = /^(transforms|predicates)\.[^.]+\.type$/.test(key) || CONVERTER_KEYS.includes(key);
        if (structural) {
            this.page.refreshJson(false);
            this.page.signature = '';
            this.page.validateNow();
        } else {
            this.page.changed();
        }
    }

    updateBadge() {
        const v = this.page.draft.get(this.field.name);
        const texts = [];
        if (isReference(v)) texts.push('reference, resolved by the worker');
        if (this.page.draft.isTouched(this.field.name) && this.page.editName) texts.push('changed');
        this.badge.textContent = texts.join(' · ');
    }

    /** The JSON view changed the draft: show its value unless the user is typing here. */
    syncFromDraft() {
        const input = this.input();
        if (document.activeElement === input) return;
        const draft = this.page.draft;
        if (draft.isMaskedSecret(this.field.name)) {
            input.value = '';
        } else {
            const v = draft.get(this.field.name);
            input.value = v === undefined ? '' : v;
        }
        this.updateBadge();
    }

    update(field) {
        if (field) this.field = field;
    }

    setErrors(messages) {
        this.errorBox.textContent = messages.join('\n');
        const input = this.input();
        input.setAttribute('aria-invalid', messages.length ? 'true' : 'false');
        this.el.classList.toggle('invalid', messages.length > 0);
    }
}

// What the console treats as secret, in one place for every page: config provider references (shown as
// written: they hold no secret) and the names secrets usually have, for keys no definition types as PASSWORD
// (a transformation's or a provider's secret, or any key before the worker's validate answer has come).

const REFERENCE = /\$\{[^}]*\}/;
const SECRET_NAME = /(password|secret|jaas\.config|api[._-]?key|token|credentials?)$/i;

/** Whether the value holds a config provider reference such as ${env:DB_PASSWORD} or ${file:/f:key}. */
export function isReference(value) {
    return typeof value === 'string' && REFERENCE.test(value);
}

/** Whether a key's name looks like a secret's. */
export function looksSecret(key) {
    return SECRET_NAME.test(key);
}

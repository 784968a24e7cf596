package dev.ferry.schema.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an object or array schema says about the members it does not list (properties it does not name, items past
 * its tuple): {@code additionalProperties}/{@code additionalItems} (2020-12: {@code items} beside
 * {@code prefixItems}), and where that keyword is absent, 2019-09's {@code unevaluatedProperties}/
 * {@code unevaluatedItems}. The model is <em>open</em> when extra members may be anything, <em>closed</em> when
 * they are forbidden, <em>partially open</em> when a schema governs them.
 *
 * @param additional  the additional* keyword's value, or null
 * @param unevaluated the unevaluated* keyword's value, or null
 */
record JsonContentModel(JsonNode additional, JsonNode unevaluated) {

    static JsonContentModel ofObject(JsonSchemaView view) {
        return new JsonContentModel(view.get("additionalProperties"), view.get("unevaluatedProperties"));
    }

    static JsonContentModel ofArray(JsonSchemaView view) {
        JsonNode additional = view.get("prefixItems") != null ? view.get("items") : view.get("additionalItems");
        return new JsonContentModel(additional, view.get("unevaluatedItems"));
    }

    /** Whether the additional* keyword lets extra members through at all (absent, true or a schema). */
    boolean permitsAdditional() {
        return additional == null || !additional.isBoolean() || additional.booleanValue();
    }

    /** The additional* keyword when it is a schema rather than true/false. */
    JsonNode additionalSchema() {
        return additional != null && additional.isObject() ? additional : null;
    }

    boolean open() {
        if (!permitsAdditional() || additionalSchema() != null) {
            return false;
        }
        // additionalProperties: true reads the same as no keyword, so unevaluated* still decides.
        return unevaluated == null || acceptsAll(unevaluated);
    }

    /** The schema extra members must meet: the additional* schema, else (when absent) the unevaluated* one. */
    JsonNode partialSchema() {
        if (additionalSchema() != null) {
            return additionalSchema();
        }
        if (permitsAdditional() && unevaluated != null && unevaluated.isObject() && !acceptsAll(unevaluated)) {
            return unevaluated;
        }
        return null;
    }

    private static boolean acceptsAll(JsonNode schema) {
        return schema.isBoolean() ? schema.booleanValue() : schema.isObject() && schema.isEmpty();
    }
}

package dev.ferry.schema.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.schema.json.JsonDifference.Type;

/**
 * Compares 2019-09's {@code unevaluatedProperties} or {@code unevaluatedItems} between two schemas, the same way
 * as the additional* keywords: loosening (false to a schema, a schema to nothing) is compatible, tightening is not.
 */
final class JsonUnevaluatedDiff {

    private JsonUnevaluatedDiff() {
    }

    /** @param prefix {@code UNEVALUATED_PROPERTIES} or {@code UNEVALUATED_ITEMS} */
    static void compare(JsonDiffContext ctx, String keyword, String prefix, JsonSchemaView original,
            JsonSchemaView update) {
        JsonNode before = original.get(keyword);
        JsonNode after = update.get(keyword);
        if (before == null && after == null) {
            return;
        }
        try (JsonDiffContext.Scope ignored = ctx.enter(keyword)) {
            if (before == null) {
                ctx.add(Type.valueOf(prefix + (isFalse(after) ? "_REMOVED" : "_NARROWED")));
            } else if (after == null) {
                ctx.add(Type.valueOf(prefix + (isFalse(before) ? "_ADDED" : "_EXTENDED")));
            } else if (isFalse(before) && !isFalse(after)) {
                ctx.add(Type.valueOf(prefix + "_ADDED"));
            } else if (!isFalse(before) && isFalse(after)) {
                ctx.add(Type.valueOf(prefix + "_REMOVED"));
            } else if (isEmpty(before) && !isEmpty(after)) {
                ctx.add(Type.valueOf(prefix + "_NARROWED"));
            } else if (!isEmpty(before) && isEmpty(after)) {
                ctx.add(Type.valueOf(prefix + "_EXTENDED"));
            } else {
                JsonSchemaDiff.compare(ctx, original.child(before), update.child(after));
            }
        }
    }

    private static boolean isFalse(JsonNode schema) {
        return schema.isBoolean() && !schema.booleanValue();
    }

    private static boolean isEmpty(JsonNode schema) {
        return schema.isBoolean() ? schema.booleanValue() : schema.isObject() && schema.isEmpty();
    }
}

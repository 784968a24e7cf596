package dev.ferry.schema.json;

import static dev.ferry.schema.json.JsonDifference.Type.ENUM_ARRAY_CHANGED;
import static dev.ferry.schema.json.JsonDifference.Type.ENUM_ARRAY_EXTENDED;
import static dev.ferry.schema.json.JsonDifference.Type.ENUM_ARRAY_NARROWED;
import static dev.ferry.schema.json.JsonDifference.Type.NOT_TYPE_EXTENDED;
import static dev.ferry.schema.json.JsonDifference.Type.NOT_TYPE_NARROWED;
import static dev.ferry.schema.json.JsonDifference.Type.PATTERN_ADDED;
import static dev.ferry.schema.json.JsonDifference.Type.PATTERN_CHANGED;
import static dev.ferry.schema.json.JsonDifference.Type.PATTERN_REMOVED;
import static dev.ferry.schema.json.JsonDifference.Type.TYPE_EXTENDED;
import static dev.ferry.schema.json.JsonDifference.Type.TYPE_NARROWED;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.schema.json.JsonSchemaView.Kind;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/** The rules for string, number, enum, const and not schemas: limits may relax, never tighten. */
final class JsonScalarDiff {

    private JsonScalarDiff() {
    }

    static void compareString(JsonDiffContext ctx, JsonSchemaView original, JsonSchemaView update) {
        JsonLimits.compare(ctx, "maxLength", original.get("maxLength"), update.get("maxLength"));
        JsonLimits.compare(ctx, "minLength", original.get("minLength"), update.get("minLength"));
        JsonNode before = original.get("pattern");
        JsonNode after = update.get("pattern");
        if (before == null && after != null) {
            ctx.add("pattern", PATTERN_ADDED);
        } else if (before != null && after == null) {
            ctx.add("pattern", PATTERN_REMOVED);
        } else if (before != null && !before.asText().equals(after.asText())) {
            ctx.add("pattern", PATTERN_CHANGED);
        }
    }

    static void compareNumber(JsonDiffContext ctx, JsonSchemaView original, JsonSchemaView update) {
        JsonLimits.compare(ctx, "maximum", original.get("maximum"), update.get("maximum"));
        JsonLimits.compare(ctx, "minimum", original.get("minimum"), update.get("minimum"));
        // Draft 4 writes exclusive limits as booleans beside maximum/minimum; only the numeric form is a limit.
        JsonLimits.compare(ctx, "exclusiveMaximum", numeric(original.get("exclusiveMaximum")),
                numeric(update.get("exclusiveMaximum")));
        JsonLimits.compare(ctx, "exclusiveMinimum", numeric(original.get("exclusiveMinimum")),
                numeric(update.get("exclusiveMinimum")));
        JsonLimits.multipleOf(ctx, original.get("multipleOf"), update.get("multipleOf"));
        boolean wasInteger = original.kind() == Kind.INTEGER;
        boolean isInteger = update.kind() == Kind.INTEGER;
        if (wasInteger && !isInteger) {
            ctx.add(TYPE_EXTENDED);
        } else if (!wasInteger && isInteger) {
            ctx.add(TYPE_NARROWED);
        }
    }

    static void compareEnum(JsonDiffContext ctx, JsonSchemaView original, JsonSchemaView update) {
        Set<JsonNode> before = values(original.get("enum"));
        Set<JsonNode> after = values(update.get("enum"));
        if (!before.equals(after)) {
            if (after.containsAll(before)) {
                ctx.add("enum", ENUM_ARRAY_EXTENDED);
            } else if (before.containsAll(after)) {
                ctx.add("enum", ENUM_ARRAY_NARROWED);
            } else {
                ctx.add("enum", ENUM_ARRAY_CHANGED);
            }
        }
    }

    /** A const that changes value accepts none of the old data; Confluent reports it as a changed enum. */
    static void compareConst(JsonDiffContext ctx, JsonSchemaView original, JsonSchemaView update) {
        if (!Objects.equals(original.get("const"), update.get("const"))) {
            ctx.add("const", ENUM_ARRAY_CHANGED);
        }
    }

    /**
     * {@code not: A} reads data written under {@code not: B} when everything outside B is outside A, that is when
     * B reads A's data: the comparison runs the other way round.
     */
    static void compareNot(JsonDiffContext ctx, JsonSchemaView original, JsonSchemaView update) {
        try (JsonDiffContext.Scope ignored = ctx.enter("not")) {
            JsonDiffContext sub = ctx.sub();
            JsonSchemaDiff.compare(sub, update.parts().get(0), original.parts().get(0));
            ctx.add(sub.compatible() ? NOT_TYPE_NARROWED : NOT_TYPE_EXTENDED);
        }
    }

    private static Set<JsonNode> values(JsonNode array) {
        Set<JsonNode> values = new HashSet<>();
        if (array != null) {
            array.forEach(v -> values.add(v.isNumber() ? JsonMappers.MAPPER.getNodeFactory()
                    .numberNode(v.decimalValue().stripTrailingZeros()) : v));
        }
        return values;
    }

    private static JsonNode numeric(JsonNode node) {
        return node != null && node.isNumber() ? node : null;
    }
}

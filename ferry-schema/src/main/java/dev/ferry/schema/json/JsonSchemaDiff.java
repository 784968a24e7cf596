package dev.ferry.schema.json;

import static dev.ferry.schema.json.JsonDifference.Type.DEFAULT_CHANGED;
import static dev.ferry.schema.json.JsonDifference.Type.DESCRIPTION_CHANGED;
import static dev.ferry.schema.json.JsonDifference.Type.ID_CHANGED;
import static dev.ferry.schema.json.JsonDifference.Type.PRODUCT_TYPE_NARROWED;
import static dev.ferry.schema.json.JsonDifference.Type.SCHEMA_ADDED;
import static dev.ferry.schema.json.JsonDifference.Type.SCHEMA_REMOVED;
import static dev.ferry.schema.json.JsonDifference.Type.SUM_TYPE_EXTENDED;
import static dev.ferry.schema.json.JsonDifference.Type.TITLE_CHANGED;
import static dev.ferry.schema.json.JsonDifference.Type.TYPE_CHANGED;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.schema.json.JsonSchemaView.Kind;
import java.util.List;
import java.util.Objects;

/**
 * Compares an old JSON Schema (the writer's) with a new one (the reader's) as Confluent's registry does: walks both
 * side by side and records each difference at its JSON path; the differences of incompatible types are what make
 * the new schema unable to read data valid under the old one.
 *
 * <p>The rules, in brief. A changed type is incompatible, except that anything may become the empty schema (or
 * {@code true}) and {@code false} may become anything; integer may widen to number; a schema may become a
 * oneOf/anyOf that has a branch compatible with it, and an allOf may become one of its parts. Constraints may relax (a larger maxLength, a removed pattern)
 * but not tighten. Objects follow the content model: an open old object (no {@code additionalProperties} limit)
 * may have carried any property, so a new property that is not the empty schema is incompatible, and a property
 * may only be dropped from an open new object; a closed old object allows optional additions. Per-kind rules live
 * in {@link JsonObjectDiff}, {@link JsonArrayDiff}, {@link JsonCombinedDiff} and {@link JsonScalarDiff}.
 */
final class JsonSchemaDiff {

    private JsonSchemaDiff() {
    }

    /** The incompatible differences, in the order found. */
    static List<JsonDifference> incompatibilities(JsonNode original, JsonReferences originalRefs, JsonNode update,
            JsonReferences updateRefs) {
        JsonDiffContext ctx = new JsonDiffContext();
        compare(ctx, JsonSchemaView.of(original, original, originalRefs), JsonSchemaView.of(update, update, updateRefs));
        return ctx.differences().stream().filter(d -> !d.compatible()).toList();
    }

    static void compare(JsonDiffContext ctx, JsonSchemaView original, JsonSchemaView update) {
        if (original == null && update == null) {
            return;
        }
        if (original == null) {
            ctx.add(SCHEMA_ADDED);
            return;
        }
        if (update == null) {
            ctx.add(SCHEMA_REMOVED);
            return;
        }
        if (original.kind() != Kind.COMBINED && update.kind() == Kind.COMBINED && becameUnion(ctx, original, update)) {
            return;
        }
        if (original.kind() == Kind.COMBINED && update.kind() != Kind.COMBINED && lostCombination(ctx, original,
                update)) {
            return;
        }
        if (!original.sameClassAs(update)) {
            if (original.kind() != Kind.FALSE && !update.acceptsAll() && !bothConnectBytes(original, update)) {
                ctx.add(TYPE_CHANGED);
            }
            return;
        }
        if (!ctx.begin(original.node(), update.node())) {
            return;
        }
        try {
            compareAnnotations(ctx, original.node(), update.node());
            switch (original.kind()) {
                case OBJECT -> JsonObjectDiff.compare(ctx, original, update);
                case ARRAY -> JsonArrayDiff.compare(ctx, original, update);
                case COMBINED -> JsonCombinedDiff.compare(ctx, original, update);
                case STRING -> JsonScalarDiff.compareString(ctx, original, update);
                case NUMBER, INTEGER -> JsonScalarDiff.compareNumber(ctx, original, update);
                case ENUM -> JsonScalarDiff.compareEnum(ctx, original, update);
                case CONST -> JsonScalarDiff.compareConst(ctx, original, update);
                case NOT -> JsonScalarDiff.compareNot(ctx, original, update);
                default -> {
                    // true, false, empty, boolean and null schemas have nothing more to compare
                }
            }
        } finally {
            ctx.end(original.node(), update.node());
        }
    }

    /**
     * A schema that became a combination: fine when the combination has a single branch that reads it, or is a
     * oneOf/anyOf with some branch that reads it (the union was extended).
     */
    private static boolean becameUnion(JsonDiffContext ctx, JsonSchemaView original, JsonSchemaView update) {
        if (update.parts().size() == 1) {
            return tryCompare(ctx, original, update.parts().get(0));
        }
        if ("anyOf".equals(update.criterion()) || "oneOf".equals(update.criterion())) {
            for (JsonSchemaView branch : update.parts()) {
                if (tryCompare(ctx, original, branch)) {
                    ctx.add(SUM_TYPE_EXTENDED);
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A combination that became a plain schema: fine when it had a single branch that the new schema reads, or
     * was an allOf one of whose parts the new schema reads (the product was narrowed).
     */
    private static boolean lostCombination(JsonDiffContext ctx, JsonSchemaView original, JsonSchemaView update) {
        if (original.parts().size() == 1) {
            return tryCompare(ctx, original.parts().get(0), update);
        }
        if ("allOf".equals(original.criterion())) {
            for (JsonSchemaView part : original.parts()) {
                if (tryCompare(ctx, part, update)) {
                    ctx.add(PRODUCT_TYPE_NARROWED);
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Connect's JSON Schema converter marks bytes with {@code "connect.type": "bytes"} whatever JSON type carries
     * them; two such schemas count as the same type, so a fix to how decimals are written stays compatible.
     */
    private static boolean bothConnectBytes(JsonSchemaView original, JsonSchemaView update) {
        JsonNode a = original.get("connect.type");
        JsonNode b = update.get("connect.type");
        return a != null && b != null && "bytes".equals(a.asText()) && "bytes".equals(b.asText());
    }

    /** Compares in a sub-context and keeps the result only when compatible. */
    private static boolean tryCompare(JsonDiffContext ctx, JsonSchemaView original, JsonSchemaView update) {
        JsonDiffContext sub = ctx.sub();
        compare(sub, original, update);
        if (sub.compatible()) {
            ctx.addAll(sub.differences());
            return true;
        }
        return false;
    }

    private static void compareAnnotations(JsonDiffContext ctx, JsonNode original, JsonNode update) {
        if (!Objects.equals(id(original), id(update))) {
            ctx.add(ID_CHANGED);
        }
        if (!Objects.equals(field(original, "title"), field(update, "title"))) {
            ctx.add(TITLE_CHANGED);
        }
        if (!Objects.equals(field(original, "description"), field(update, "description"))) {
            ctx.add(DESCRIPTION_CHANGED);
        }
        if (!Objects.equals(field(original, "default"), field(update, "default"))) {
            ctx.add(DEFAULT_CHANGED);
        }
    }

    private static JsonNode id(JsonNode node) {
        JsonNode id = field(node, "$id");
        return id != null ? id : field(node, "id");
    }

    private static JsonNode field(JsonNode node, String name) {
        return node.isObject() ? node.get(name) : null;
    }
}

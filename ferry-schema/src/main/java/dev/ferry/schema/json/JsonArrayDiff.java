package dev.ferry.schema.json;

import static dev.ferry.schema.json.JsonDifference.Type.ADDITIONAL_ITEMS_ADDED;
import static dev.ferry.schema.json.JsonDifference.Type.ADDITIONAL_ITEMS_EXTENDED;
import static dev.ferry.schema.json.JsonDifference.Type.ADDITIONAL_ITEMS_NARROWED;
import static dev.ferry.schema.json.JsonDifference.Type.ADDITIONAL_ITEMS_REMOVED;
import static dev.ferry.schema.json.JsonDifference.Type.ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.ITEM_ADDED_TO_CLOSED_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.ITEM_ADDED_TO_OPEN_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.UNIQUE_ITEMS_ADDED;
import static dev.ferry.schema.json.JsonDifference.Type.UNIQUE_ITEMS_REMOVED;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.schema.json.JsonSchemaView.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules for array schemas: the schema of all items ({@code items} as one schema), tuples ({@code items} as an
 * array, or 2020-12's {@code prefixItems}) position by position under the same open/closed content model as
 * object properties, with {@code additionalItems} (2020-12: {@code items} beside {@code prefixItems}) as the
 * model, and the item-count limits.
 */
final class JsonArrayDiff {

    private JsonArrayDiff() {
    }

    static void compare(JsonDiffContext ctx, JsonSchemaView original, JsonSchemaView update) {
        try (JsonDiffContext.Scope ignored = ctx.enter("items")) {
            JsonNode before = allItems(original);
            JsonNode after = allItems(update);
            JsonSchemaDiff.compare(ctx, before == null ? null : original.child(before),
                    after == null ? null : update.child(after));
        }
        compareTuples(ctx, original, update);
        compareAdditionalItems(ctx, original, update);
        JsonUnevaluatedDiff.compare(ctx, "unevaluatedItems", "UNEVALUATED_ITEMS", original, update);
        JsonLimits.compare(ctx, "maxItems", original.get("maxItems"), update.get("maxItems"));
        JsonLimits.compare(ctx, "minItems", original.get("minItems"), update.get("minItems"));
        JsonLimits.compare(ctx, "maxContains", original.get("maxContains"), update.get("maxContains"));
        JsonLimits.compare(ctx, "minContains", original.get("minContains"), update.get("minContains"));
        boolean uniqueBefore = original.get("uniqueItems") != null && original.get("uniqueItems").asBoolean();
        boolean uniqueAfter = update.get("uniqueItems") != null && update.get("uniqueItems").asBoolean();
        if (uniqueBefore != uniqueAfter) {
            ctx.add("uniqueItems", uniqueBefore ? UNIQUE_ITEMS_REMOVED : UNIQUE_ITEMS_ADDED);
        }
    }

    private static void compareTuples(JsonDiffContext ctx, JsonSchemaView original, JsonSchemaView update) {
        List<JsonNode> before = tuple(original);
        List<JsonNode> after = tuple(update);
        int common = Math.min(before.size(), after.size());
        for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
            try (JsonDiffContext.Scope ignored = ctx.enter("items/" + i)) {
                if (i < common) {
                    JsonSchemaDiff.compare(ctx, original.child(before.get(i)), update.child(after.get(i)));
                } else if (i < before.size()) {
                    removed(ctx, original.child(before.get(i)), update);
                } else {
                    added(ctx, original, update.child(after.get(i)));
                }
            }
        }
    }

    private static void removed(JsonDiffContext ctx, JsonSchemaView was, JsonSchemaView update) {
        if (isOpen(update)) {
            ctx.add(ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL);
        } else if (partialSchema(update) != null) {
            JsonDiffContext sub = ctx.sub();
            JsonSchemaDiff.compare(sub, was, update.child(partialSchema(update)));
            ctx.addAll(sub.differences());
            ctx.add(sub.compatible() ? ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL
                    : ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL);
        } else {
            ctx.add(was.kind() == Kind.FALSE ? ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL
                    : ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL);
        }
    }

    private static void added(JsonDiffContext ctx, JsonSchemaView original, JsonSchemaView now) {
        if (isOpen(original)) {
            ctx.add(now.acceptsAll() ? ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL
                    : ITEM_ADDED_TO_OPEN_CONTENT_MODEL);
        } else if (partialSchema(original) != null) {
            JsonDiffContext sub = ctx.sub();
            JsonSchemaDiff.compare(sub, original.child(partialSchema(original)), now);
            ctx.addAll(sub.differences());
            ctx.add(sub.compatible() ? ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL
                    : ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL);
        } else {
            ctx.add(ITEM_ADDED_TO_CLOSED_CONTENT_MODEL);
        }
    }

    private static void compareAdditionalItems(JsonDiffContext ctx, JsonSchemaView original, JsonSchemaView update) {
        try (JsonDiffContext.Scope ignored = ctx.enter("additionalItems")) {
            JsonContentModel modelBefore = JsonContentModel.ofArray(original);
            JsonContentModel modelAfter = JsonContentModel.ofArray(update);
            boolean permittedBefore = modelBefore.permitsAdditional();
            boolean permittedAfter = modelAfter.permitsAdditional();
            JsonNode before = modelBefore.additionalSchema();
            JsonNode after = modelAfter.additionalSchema();
            if (permittedBefore != permittedAfter) {
                ctx.add(permittedBefore ? ADDITIONAL_ITEMS_REMOVED : ADDITIONAL_ITEMS_ADDED);
            } else if (before == null && after != null) {
                ctx.add(ADDITIONAL_ITEMS_NARROWED);
            } else if (before != null && after == null) {
                ctx.add(ADDITIONAL_ITEMS_EXTENDED);
            } else if (before != null) {
                JsonSchemaDiff.compare(ctx, original.child(before), update.child(after));
            }
        }
    }

    /** The one schema every item meets, when the array is not a tuple. */
    private static JsonNode allItems(JsonSchemaView view) {
        JsonNode items = view.get("items");
        return items != null && !items.isArray() && view.get("prefixItems") == null ? items : null;
    }

    private static List<JsonNode> tuple(JsonSchemaView view) {
        JsonNode positional = view.get("prefixItems") != null ? view.get("prefixItems") : view.get("items");
        List<JsonNode> out = new ArrayList<>();
        if (positional != null && positional.isArray()) {
            positional.forEach(out::add);
        }
        return out;
    }

    private static JsonNode partialSchema(JsonSchemaView view) {
        return JsonContentModel.ofArray(view).partialSchema();
    }

    private static boolean isOpen(JsonSchemaView view) {
        return JsonContentModel.ofArray(view).open();
    }
}

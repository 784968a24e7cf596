package dev.ferry.schema.json;

import static dev.ferry.schema.json.JsonDifference.Type.ADDITIONAL_PROPERTIES_ADDED;
import static dev.ferry.schema.json.JsonDifference.Type.ADDITIONAL_PROPERTIES_EXTENDED;
import static dev.ferry.schema.json.JsonDifference.Type.ADDITIONAL_PROPERTIES_NARROWED;
import static dev.ferry.schema.json.JsonDifference.Type.ADDITIONAL_PROPERTIES_REMOVED;
import static dev.ferry.schema.json.JsonDifference.Type.DEPENDENCY_ARRAY_ADDED;
import static dev.ferry.schema.json.JsonDifference.Type.DEPENDENCY_ARRAY_CHANGED;
import static dev.ferry.schema.json.JsonDifference.Type.DEPENDENCY_ARRAY_EXTENDED;
import static dev.ferry.schema.json.JsonDifference.Type.DEPENDENCY_ARRAY_NARROWED;
import static dev.ferry.schema.json.JsonDifference.Type.DEPENDENCY_ARRAY_REMOVED;
import static dev.ferry.schema.json.JsonDifference.Type.DEPENDENCY_SCHEMA_ADDED;
import static dev.ferry.schema.json.JsonDifference.Type.DEPENDENCY_SCHEMA_REMOVED;
import static dev.ferry.schema.json.JsonDifference.Type.OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.REQUIRED_ATTRIBUTE_ADDED;
import static dev.ferry.schema.json.JsonDifference.Type.REQUIRED_ATTRIBUTE_REMOVED;
import static dev.ferry.schema.json.JsonDifference.Type.REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED;
import static dev.ferry.schema.json.JsonDifference.Type.REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL;
import static dev.ferry.schema.json.JsonDifference.Type.REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.schema.json.JsonSchemaView.Kind;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules for object schemas, which turn on the content model. An object is <em>open</em> when nothing limits
 * extra properties (no {@code additionalProperties} schema or {@code false}, no {@code patternProperties}),
 * <em>closed</em> when {@code additionalProperties} is false, and <em>partially open</em> when a schema governs
 * the extra properties. Data valid under an open old schema may carry any property, so the new schema may not
 * declare a new one (unless it accepts anything); a property may disappear from the new schema only when it is
 * open, or when its partial model still reads the old property.
 */
final class JsonObjectDiff {

    private JsonObjectDiff() {
    }

    static void compare(JsonDiffContext ctx, JsonSchemaView original, JsonSchemaView update) {
        compareRequired(ctx, original, update);
        compareProperties(ctx, original, update);
        compareDependencies(ctx, original, update);
        compareAdditionalProperties(ctx, original, update);
        JsonUnevaluatedDiff.compare(ctx, "unevaluatedProperties", "UNEVALUATED_PROPERTIES", original, update);
        JsonLimits.compare(ctx, "maxProperties", original.get("maxProperties"), update.get("maxProperties"));
        JsonLimits.compare(ctx, "minProperties", original.get("minProperties"), update.get("minProperties"));
    }

    private static void compareRequired(JsonDiffContext ctx, JsonSchemaView original, JsonSchemaView update) {
        Map<String, JsonNode> before = properties(original);
        Map<String, JsonNode> after = properties(update);
        Set<String> requiredBefore = required(original);
        Set<String> requiredAfter = required(update);
        try (JsonDiffContext.Scope ignored = ctx.enter("required")) {
            for (String name : before.keySet()) {
                if (!after.containsKey(name)) {
                    continue;
                }
                boolean was = requiredBefore.contains(name);
                boolean is = requiredAfter.contains(name);
                if (was && !is) {
                    ctx.add(name, REQUIRED_ATTRIBUTE_REMOVED);
                } else if (!was && is) {
                    ctx.add(name, hasDefault(after.get(name)) ? REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED
                            : REQUIRED_ATTRIBUTE_ADDED);
                }
            }
        }
    }

    private static void compareProperties(JsonDiffContext ctx, JsonSchemaView original, JsonSchemaView update) {
        Map<String, JsonNode> before = properties(original);
        Map<String, JsonNode> after = properties(update);
        Set<String> names = new LinkedHashSet<>(before.keySet());
        names.addAll(after.keySet());
        try (JsonDiffContext.Scope ignored = ctx.enter("properties")) {
            for (String name : names) {
                try (JsonDiffContext.Scope property = ctx.enter(name)) {
                    if (!after.containsKey(name)) {
                        removed(ctx, original.child(before.get(name)), update, name);
                    } else if (!before.containsKey(name)) {
                        added(ctx, original, update.child(after.get(name)), update, name);
                    } else {
                        JsonSchemaDiff.compare(ctx, original.child(before.get(name)), update.child(after.get(name)));
                    }
                }
            }
        }
    }

    private static void removed(JsonDiffContext ctx, JsonSchemaView was, JsonSchemaView update, String name) {
        if (isOpen(update)) {
            ctx.add(PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL);
            return;
        }
        JsonSchemaView partial = partialModel(update, name);
        if (partial != null) {
            JsonDiffContext sub = ctx.sub();
            JsonSchemaDiff.compare(sub, was, partial);
            ctx.addAll(sub.differences());
            ctx.add(sub.compatible() ? PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL
                    : PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL);
        } else {
            ctx.add(was.kind() == Kind.FALSE ? PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL
                    : PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL);
        }
    }

    private static void added(JsonDiffContext ctx, JsonSchemaView original, JsonSchemaView now, JsonSchemaView update,
            String name) {
        boolean required = required(update).contains(name);
        boolean withDefault = hasDefault(now.node());
        if (isOpen(original)) {
            if (now.acceptsAll()) {
                ctx.add(PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL);
            } else if (required) {
                ctx.add(withDefault ? REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL
                        : REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL);
            } else {
                ctx.add(OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL);
            }
            return;
        }
        JsonSchemaView partial = partialModel(original, name);
        if (partial != null) {
            JsonDiffContext sub = ctx.sub();
            JsonSchemaDiff.compare(sub, partial, now);
            ctx.addAll(sub.differences());
            ctx.add(sub.compatible() ? PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL
                    : PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL);
        }
        if (required) {
            ctx.add(withDefault ? REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL
                    : REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL);
        } else {
            ctx.add(OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL);
        }
    }

    private static void compareAdditionalProperties(JsonDiffContext ctx, JsonSchemaView original,
            JsonSchemaView update) {
        try (JsonDiffContext.Scope ignored = ctx.enter("additionalProperties")) {
            JsonContentModel modelBefore = JsonContentModel.ofObject(original);
            JsonContentModel modelAfter = JsonContentModel.ofObject(update);
            boolean permittedBefore = modelBefore.permitsAdditional();
            boolean permittedAfter = modelAfter.permitsAdditional();
            JsonNode before = modelBefore.additionalSchema();
            JsonNode after = modelAfter.additionalSchema();
            if (permittedBefore != permittedAfter) {
                ctx.add(permittedAfter ? ADDITIONAL_PROPERTIES_ADDED : ADDITIONAL_PROPERTIES_REMOVED);
            } else if (before == null && after != null) {
                ctx.add(ADDITIONAL_PROPERTIES_NARROWED);
            } else if (before != null && after == null) {
                ctx.add(ADDITIONAL_PROPERTIES_EXTENDED);
            } else if (before != null) {
                JsonSchemaDiff.compare(ctx, original.child(before), update.child(after));
            }
        }
    }

    /** Draft 4-7 {@code dependencies} and 2019-09 {@code dependentRequired}/{@code dependentSchemas}. */
    private static void compareDependencies(JsonDiffContext ctx, JsonSchemaView original, JsonSchemaView update) {
        Map<String, Set<String>> arraysBefore = new LinkedHashMap<>();
        Map<String, JsonNode> schemasBefore = new LinkedHashMap<>();
        dependencies(original, arraysBefore, schemasBefore);
        Map<String, Set<String>> arraysAfter = new LinkedHashMap<>();
        Map<String, JsonNode> schemasAfter = new LinkedHashMap<>();
        dependencies(update, arraysAfter, schemasAfter);
        try (JsonDiffContext.Scope ignored = ctx.enter("dependencies")) {
            Set<String> keys = new LinkedHashSet<>(arraysBefore.keySet());
            keys.addAll(arraysAfter.keySet());
            for (String key : keys) {
                Set<String> before = arraysBefore.get(key);
                Set<String> after = arraysAfter.get(key);
                if (after == null) {
                    ctx.add(key, DEPENDENCY_ARRAY_REMOVED);
                } else if (before == null) {
                    ctx.add(key, DEPENDENCY_ARRAY_ADDED);
                } else if (!before.equals(after)) {
                    ctx.add(key, after.containsAll(before) ? DEPENDENCY_ARRAY_EXTENDED
                            : before.containsAll(after) ? DEPENDENCY_ARRAY_NARROWED : DEPENDENCY_ARRAY_CHANGED);
                }
            }
            keys = new LinkedHashSet<>(schemasBefore.keySet());
            keys.addAll(schemasAfter.keySet());
            for (String key : keys) {
                JsonNode before = schemasBefore.get(key);
                JsonNode after = schemasAfter.get(key);
                if (after == null) {
                    ctx.add(key, DEPENDENCY_SCHEMA_REMOVED);
                } else if (before == null) {
                    ctx.add(key, DEPENDENCY_SCHEMA_ADDED);
                } else {
                    try (JsonDiffContext.Scope dep = ctx.enter(key)) {
                        JsonSchemaDiff.compare(ctx, original.child(before), update.child(after));
                    }
                }
            }
        }
    }

    private static void dependencies(JsonSchemaView view, Map<String, Set<String>> arrays,
            Map<String, JsonNode> schemas) {
        for (String keyword : new String[] {"dependencies", "dependentRequired", "dependentSchemas"}) {
            JsonNode deps = view.get(keyword);
            if (deps == null || !deps.isObject()) {
                continue;
            }
            deps.properties().forEach(e -> {
                if (e.getValue().isArray()) {
                    Set<String> names = new LinkedHashSet<>();
                    e.getValue().forEach(n -> names.add(n.asText()));
                    arrays.put(e.getKey(), names);
                } else {
                    schemas.put(e.getKey(), e.getValue());
                }
            });
        }
    }

    static boolean isOpen(JsonSchemaView view) {
        JsonNode patterns = view.get("patternProperties");
        return (patterns == null || patterns.isEmpty()) && JsonContentModel.ofObject(view).open();
    }

    /** The schema extra properties named {@code name} must meet: a matching pattern's, else the content model's. */
    private static JsonSchemaView partialModel(JsonSchemaView view, String name) {
        JsonNode patterns = view.get("patternProperties");
        if (patterns != null && patterns.isObject()) {
            for (var entry : patterns.properties()) {
                try {
                    if (Pattern.compile(entry.getKey()).matcher(name).find()) {
                        return view.child(entry.getValue());
                    }
                } catch (PatternSyntaxException e) {
                    // A pattern Java cannot compile matches nothing here; the validator reports it on use.
                }
            }
        }
        JsonNode partial = JsonContentModel.ofObject(view).partialSchema();
        return partial == null ? null : view.child(partial);
    }

    private static Map<String, JsonNode> properties(JsonSchemaView view) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode properties = view.get("properties");
        if (properties != null && properties.isObject()) {
            properties.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static Set<String> required(JsonSchemaView view) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode required = view.get("required");
        if (required != null && required.isArray()) {
            required.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static boolean hasDefault(JsonNode property) {
        return property != null && property.isObject() && property.has("default");
    }
}

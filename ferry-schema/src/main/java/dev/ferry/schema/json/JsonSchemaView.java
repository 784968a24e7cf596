package dev.ferry.schema.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A JSON Schema node seen as the one kind of schema the comparison rules speak about: an object, array, string,
 * number, boolean or null schema, an enum, a const, a combination (allOf/anyOf/oneOf), a negation, the empty
 * schema, {@code true} or {@code false}. A {@code $ref} is followed to what it points at. A node holding several
 * kinds at once (a type with an enum, a list of types) is a combination of one view per kind, as the everit
 * loader behind Confluent's rules builds it.
 */
record JsonSchemaView(Kind kind, JsonNode node, JsonNode document, String criterion, List<JsonSchemaView> parts,
        JsonReferences refs) {

    enum Kind { TRUE, FALSE, EMPTY, OBJECT, ARRAY, STRING, NUMBER, INTEGER, BOOLEAN, NULL, ENUM, CONST, COMBINED, NOT }

    private static final Set<String> OBJECT_KEYWORDS = Set.of("properties", "required", "additionalProperties",
            "patternProperties", "minProperties", "maxProperties", "dependencies", "dependentRequired",
            "dependentSchemas", "propertyNames");
    private static final Set<String> ARRAY_KEYWORDS = Set.of("items", "additionalItems", "prefixItems", "minItems",
            "maxItems", "uniqueItems", "contains");
    private static final Set<String> STRING_KEYWORDS = Set.of("minLength", "maxLength", "pattern", "format");
    private static final Set<String> NUMBER_KEYWORDS = Set.of("minimum", "maximum", "exclusiveMinimum",
            "exclusiveMaximum", "multipleOf");
    private static final List<String> CRITERIA = List.of("allOf", "anyOf", "oneOf");

    /** The view of {@code node}, a schema inside {@code document}; a {@code $ref} nobody provides reads as empty. */
    static JsonSchemaView of(JsonNode node, JsonNode document, JsonReferences refs) {
        return of(node, document, refs, 0);
    }

    private static JsonSchemaView of(JsonNode node, JsonNode document, JsonReferences refs, int hops) {
        if (node == null) {
            return null;
        }
        if (node.isBoolean()) {
            return leaf(node.booleanValue() ? Kind.TRUE : Kind.FALSE, node, document, refs);
        }
        if (node.has("$ref") && node.get("$ref").isTextual() && hops < 64) {
            var target = refs.resolve(node.get("$ref").asText(), document);
            return target.isPresent() ? of(target.get().node(), target.get().document(), refs, hops + 1)
                    : leaf(Kind.EMPTY, node, document, refs);
        }
        List<JsonSchemaView> parts = new ArrayList<>();
        JsonNode type = node.get("type");
        if (type != null && type.isTextual()) {
            parts.add(typed(type.asText(), node, document, refs));
        } else if (type != null && type.isArray() && type.size() == 1) {
            parts.add(typed(type.get(0).asText(), node, document, refs));
        } else if (type != null && type.isArray()) {
            List<JsonSchemaView> anyOf = new ArrayList<>();
            type.forEach(t -> anyOf.add(typed(t.asText(), node, document, refs)));
            parts.add(new JsonSchemaView(Kind.COMBINED, node, document, "anyOf", anyOf, refs));
        } else {
            addInferred(node, document, refs, parts);
        }
        if (node.has("enum")) {
            parts.add(leaf(Kind.ENUM, node, document, refs));
        }
        if (node.has("const")) {
            parts.add(leaf(Kind.CONST, node, document, refs));
        }
        for (String criterion : CRITERIA) {
            JsonNode subs = node.get(criterion);
            if (subs != null && subs.isArray()) {
                List<JsonSchemaView> views = new ArrayList<>();
                subs.forEach(s -> views.add(of(s, document, refs)));
                parts.add(new JsonSchemaView(Kind.COMBINED, node, document, criterion, views, refs));
            }
        }
        if (node.has("not")) {
            parts.add(new JsonSchemaView(Kind.NOT, node, document, null, List.of(of(node.get("not"), document, refs)),
                    refs));
        }
        if (parts.isEmpty()) {
            return leaf(Kind.EMPTY, node, document, refs);
        }
        return parts.size() == 1 ? parts.get(0) : new JsonSchemaView(Kind.COMBINED, node, document, "allOf", parts, refs);
    }

    private static void addInferred(JsonNode node, JsonNode document, JsonReferences refs, List<JsonSchemaView> parts) {
        if (hasAny(node, OBJECT_KEYWORDS)) {
            parts.add(leaf(Kind.OBJECT, node, document, refs));
        }
        if (hasAny(node, ARRAY_KEYWORDS)) {
            parts.add(leaf(Kind.ARRAY, node, document, refs));
        }
        if (hasAny(node, STRING_KEYWORDS)) {
            parts.add(leaf(Kind.STRING, node, document, refs));
        }
        if (hasAny(node, NUMBER_KEYWORDS)) {
            parts.add(leaf(Kind.NUMBER, node, document, refs));
        }
    }

    private static boolean hasAny(JsonNode node, Set<String> keywords) {
        for (String keyword : keywords) {
            if (node.has(keyword)) {
                return true;
            }
        }
        return false;
    }

    private static JsonSchemaView typed(String type, JsonNode node, JsonNode document, JsonReferences refs) {
        Kind kind = switch (type) {
            case "object" -> Kind.OBJECT;
            case "array" -> Kind.ARRAY;
            case "string" -> Kind.STRING;
            case "number" -> Kind.NUMBER;
            case "integer" -> Kind.INTEGER;
            case "boolean" -> Kind.BOOLEAN;
            case "null" -> Kind.NULL;
            default -> Kind.EMPTY;
        };
        return leaf(kind, node, document, refs);
    }

    private static JsonSchemaView leaf(Kind kind, JsonNode node, JsonNode document, JsonReferences refs) {
        return new JsonSchemaView(kind, node, document, null, List.of(), refs);
    }

    /** A subschema of this one's node (a property, the items), seen in the same document. */
    JsonSchemaView child(JsonNode child) {
        return of(child, document, refs);
    }

    /** Number and integer schemas are one class of schema that differ in whether they need integers. */
    boolean sameClassAs(JsonSchemaView other) {
        return numeric() && other.numeric() || kind == other.kind;
    }

    boolean numeric() {
        return kind == Kind.NUMBER || kind == Kind.INTEGER;
    }

    /** The empty schema and {@code true} accept everything. */
    boolean acceptsAll() {
        return kind == Kind.EMPTY || kind == Kind.TRUE;
    }

    JsonNode get(String keyword) {
        return node.isObject() ? node.get(keyword) : null;
    }
}

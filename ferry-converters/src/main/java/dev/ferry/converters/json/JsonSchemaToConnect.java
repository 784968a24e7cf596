package dev.ferry.converters.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;

/**
 * The Connect schema of a JSON Schema document, as Confluent's converter derives it: {@code connect.type} picks the
 * Connect type among those one JSON type stands for (integers without it are INT64, numbers FLOAT64),
 * {@code oneOf}/{@code anyOf} with null make optionals and other unions {@code io.confluent.connect.json.OneOf}
 * structs, {@code enum} strings with the symbols as parameters, {@code allOf} merges the objects' properties,
 * local and referenced {@code $ref}s are followed. One instance per conversion; not thread-safe.
 */
final class JsonSchemaToConnect {

    private final JsonSchemaDataConfig config;
    private final Function<String, JsonNode> referencedDocuments;
    private final Set<JsonNode> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    private final JsonValueToConnect values = new JsonValueToConnect();

    private JsonSchemaToConnect(JsonSchemaDataConfig config, Function<String, JsonNode> referencedDocuments) {
        this.config = config;
        this.referencedDocuments = referencedDocuments;
    }

    /**
     * @param referencedDocuments the parsed document of a schema reference by its name, null when unknown
     */
    static Schema build(JsonNode root, Function<String, JsonNode> referencedDocuments, Integer version,
            JsonSchemaDataConfig config) {
        return new JsonSchemaToConnect(config, referencedDocuments).schema(root, root, version, false);
    }

    private Schema schema(JsonNode node, JsonNode document, Integer version, boolean forceOptional) {
        if (node == null) {
            throw new DataException("A JSON Schema keyword that needs a schema has none.");
        }
        if (node.has("$ref")) {
            return reference(node, document, version, forceOptional);
        }
        if (!inProgress.add(node)) {
            throw new DataException("JSON Schema " + node.path("title").asText("(untitled)") + " contains itself, "
                    + "which a Connect schema cannot express.");
        }
        try {
            SchemaBuilder builder = builder(node, document, version, forceOptional);
            return builder == null ? combined(node, document, version, forceOptional)
                    : finish(builder, node, version, forceOptional);
        } finally {
            inProgress.remove(node);
        }
    }

    private SchemaBuilder builder(JsonNode node, JsonNode document, Integer version, boolean forceOptional) {
        if (node.has("oneOf") || node.has("anyOf") || node.has("allOf")) {
            return null;
        }
        JsonNode type = node.get("type");
        if (type != null && type.isArray()) {
            return null;
        }
        String typeName = type == null ? inferredType(node) : type.asText();
        if ((node.has("enum") || node.has("const")) && !"integer".equals(typeName) && !"number".equals(typeName)) {
            return enumSchema(node);
        }
        String connectType = node.path(JsonNames.CONNECT_TYPE).asText(null);
        switch (typeName) {
            case "boolean":
                return SchemaBuilder.bool();
            case "integer":
                return integer(connectType);
            case "number":
                if (JsonNames.TYPE_BYTES.equals(connectType)) {
                    return SchemaBuilder.bytes();
                }
                return JsonNames.TYPE_FLOAT32.equals(connectType) ? SchemaBuilder.float32()
                        : connectType == null || JsonNames.TYPE_FLOAT64.equals(connectType) ? SchemaBuilder.float64()
                        : integer(connectType);
            case "string":
                return JsonNames.TYPE_BYTES.equals(connectType) ? SchemaBuilder.bytes() : SchemaBuilder.string();
            case "array":
                return array(node, document, connectType);
            case "object":
                return object(node, document);
            default:
                throw new DataException("JSON Schema " + abbreviate(node) + " has no Connect mapping: it must say its "
                        + "type (or use properties, items, oneOf, anyOf, allOf or enum).");
        }
    }

    private static String inferredType(JsonNode node) {
        if (node.has("properties") || node.has("additionalProperties") || node.has("required")) {
            return "object";
        }
        if (node.has("items")) {
            return "array";
        }
        return "";
    }

    private static SchemaBuilder integer(String connectType) {
        if (connectType == null) {
            return SchemaBuilder.int64();
        }
        return switch (connectType) {
            case JsonNames.TYPE_INT8 -> SchemaBuilder.int8();
            case JsonNames.TYPE_INT16 -> SchemaBuilder.int16();
            case JsonNames.TYPE_INT32 -> SchemaBuilder.int32();
            case JsonNames.TYPE_INT64 -> SchemaBuilder.int64();
            case JsonNames.TYPE_FLOAT32 -> SchemaBuilder.float32();
            case JsonNames.TYPE_FLOAT64 -> SchemaBuilder.float64();
            case JsonNames.TYPE_BYTES -> SchemaBuilder.bytes();
            default -> throw new DataException("Unknown connect.type '" + connectType + "' on a JSON integer.");
        };
    }

    private static SchemaBuilder enumSchema(JsonNode node) {
        SchemaBuilder builder = SchemaBuilder.string().parameter(JsonNames.ENUM, "");
        List<JsonNode> symbols = new ArrayList<>();
        if (node.has("enum")) {
            node.get("enum").forEach(symbols::add);
        } else {
            symbols.add(node.get("const"));
        }
        for (JsonNode symbol : symbols) {
            String text = symbol.isNull() ? JsonNames.NULL_MARKER : symbol.asText();
            builder.parameter(JsonNames.ENUM + "." + text, text);
        }
        return builder;
    }

    private SchemaBuilder array(JsonNode node, JsonNode document, String connectType) {
        JsonNode items = node.get("items");
        if (items == null || !items.isObject()) {
            throw new DataException("JSON Schema array " + abbreviate(node) + " does not give one schema for its items,"
                    + " which Connect arrays need.");
        }
        if (JsonNames.TYPE_MAP.equals(connectType)) {
            JsonNode entry = resolveIfReference(items, document);
            JsonNode properties = entry.path("properties");
            if (properties.has(JsonNames.KEY) && properties.has(JsonNames.VALUE)) {
                return SchemaBuilder.map(schema(properties.get(JsonNames.KEY), document, null, false),
                        schema(properties.get(JsonNames.VALUE), document, null, false));
            }
        }
        return SchemaBuilder.array(schema(items, document, null, false));
    }

    private SchemaBuilder object(JsonNode node, JsonNode document) {
        if (JsonNames.TYPE_MAP.equals(node.path(JsonNames.CONNECT_TYPE).asText(null))) {
            JsonNode values = node.get("additionalProperties");
            if (values == null || !values.isObject()) {
                throw new DataException("JSON Schema map " + abbreviate(node) + " does not give one schema for its "
                        + "values in additionalProperties.");
            }
            return SchemaBuilder.map(Schema.STRING_SCHEMA, schema(values, document, null, false));
        }
        SchemaBuilder struct = SchemaBuilder.struct();
        Set<String> required = new HashSet<>();
        node.path("required").forEach(name -> required.add(name.asText()));
        for (Map.Entry<String, JsonNode> property : orderedProperties(node.path("properties")).entrySet()) {
            boolean optional = config.useOptionalForNonRequired() && !required.contains(property.getKey());
            struct.field(property.getKey(), schema(property.getValue(), document, null, optional));
        }
        return struct;
    }

    /** Properties in {@code connect.index} order, those without one where they stand. */
    private static Map<String, JsonNode> orderedProperties(JsonNode properties) {
        TreeMap<Integer, Map.Entry<String, JsonNode>> byIndex = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            JsonNode index = property.getValue().get(JsonNames.CONNECT_INDEX);
            byIndex.put(index != null && index.canConvertToInt() ? index.intValue() : byIndex.size(), property);
        }
        Map<String, JsonNode> ordered = new LinkedHashMap<>();
        byIndex.values().forEach(property -> ordered.put(property.getKey(), property.getValue()));
        return ordered;
    }

    private Schema combined(JsonNode node, JsonNode document, Integer version, boolean forceOptional) {
        if (node.has("allOf")) {
            return allOf(node, document, version, forceOptional);
        }
        List<JsonNode> members = new ArrayList<>();
        if (node.has("oneOf") || node.has("anyOf")) {
            (node.has("oneOf") ? node.get("oneOf") : node.get("anyOf")).forEach(members::add);
        } else {
            // "type": ["string", "null"]: one member per type, the node's other keywords on each
            for (JsonNode type : node.get("type")) {
                members.add(((ObjectNode) node.deepCopy()).put("type", type.asText()));
            }
        }
        if (members.size() == 1 && config.flattenSingletonUnions()) {
            return schema(members.get(0), document, version, forceOptional);
        }
        List<JsonNode> nonNull = new ArrayList<>();
        for (JsonNode member : members) {
            if (!"null".equals(member.path("type").asText())) {
                nonNull.add(member);
            }
        }
        if (members.size() == 2 && nonNull.size() == 1) {
            return schema(nonNull.get(0), document, version, true);
        }
        SchemaBuilder union = SchemaBuilder.struct().name(JsonNames.ONE_OF);
        int index = 0;
        for (JsonNode member : nonNull) {
            union.field(JsonNames.ONE_OF_FIELD_PREFIX + index++, schema(member, document, null, true));
        }
        if (nonNull.size() < members.size() || forceOptional) {
            union.optional();
        }
        return union.build();
    }

    private Schema allOf(JsonNode node, JsonNode document, Integer version, boolean forceOptional) {
        ArrayNode parts = (ArrayNode) node.get("allOf");
        ObjectNode merged = ConnectToJsonValue.NODES.objectNode();
        ObjectNode properties = merged.putObject("properties");
        ArrayNode required = merged.putArray("required");
        JsonNode firstNonObject = null;
        for (JsonNode part : parts) {
            JsonNode resolved = resolveIfReference(part, document);
            if (resolved.has("properties")) {
                properties.setAll((ObjectNode) resolved.get("properties"));
                resolved.path("required").forEach(required::add);
            } else if (firstNonObject == null) {
                firstNonObject = resolved;
            }
        }
        if (!properties.isEmpty()) {
            merged.put("type", "object");
            node.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("allOf")) {
                    merged.putIfAbsent(e.getKey(), e.getValue());
                }
            });
            return schema(merged, document, version, forceOptional);
        }
        if (firstNonObject == null) {
            throw new DataException("JSON Schema allOf " + abbreviate(node) + " has no part with a Connect mapping.");
        }
        return schema(firstNonObject, document, version, forceOptional);
    }

    private Schema reference(JsonNode node, JsonNode document, Integer version, boolean forceOptional) {
        String ref = node.get("$ref").asText();
        int hash = ref.indexOf('#');
        JsonNode target = document;
        if (hash != 0) {
            String name = hash < 0 ? ref : ref.substring(0, hash);
            target = referencedDocuments.apply(name);
            if (target == null) {
                throw new DataException("JSON Schema $ref '" + ref + "' names a document that is not among the "
                        + "schema's references. Register the schema with a reference named '" + name + "'.");
            }
        }
        JsonNode resolved = pointer(target, hash < 0 ? "" : ref.substring(hash + 1), ref);
        if (!inProgress.add(node)) {
            throw new DataException("JSON Schema $ref '" + ref + "' refers to itself, which a Connect schema cannot "
                    + "express.");
        }
        try {
            return schema(resolved, target, version, forceOptional);
        } finally {
            inProgress.remove(node);
        }
    }

    private JsonNode resolveIfReference(JsonNode node, JsonNode document) {
        if (!node.has("$ref")) {
            return node;
        }
        String ref = node.get("$ref").asText();
        if (!ref.startsWith("#")) {
            return node;
        }
        return pointer(document, ref.substring(1), ref);
    }

    private static JsonNode pointer(JsonNode document, String pointer, String ref) {
        JsonNode target = pointer.isEmpty() ? document : document.at(pointer);
        if (target.isMissingNode()) {
            throw new DataException("JSON Schema $ref '" + ref + "' points at nothing in its document.");
        }
        return target;
    }

    private Schema finish(SchemaBuilder builder, JsonNode node, Integer version, boolean forceOptional) {
        String title = node.path("title").asText(null);
        if (title != null && builder.name() == null) {
            builder.name(title);
        }
        JsonNode connectVersion = node.get(JsonNames.CONNECT_VERSION);
        if (connectVersion != null && connectVersion.canConvertToInt()) {
            builder.version(connectVersion.intValue());
        } else if (version != null) {
            builder.version(version);
        }
        String description = node.path("description").asText(null);
        if (description != null) {
            builder.doc(description);
        }
        JsonNode parameters = node.get(JsonNames.CONNECT_PARAMETERS);
        if (parameters != null && parameters.isObject()) {
            parameters.fields().forEachRemaining(p -> builder.parameter(p.getKey(), p.getValue().asText()));
        }
        if (forceOptional) {
            builder.optional();
        }
        JsonNode defaultValue = node.get("default");
        if (defaultValue != null && !defaultValue.isNull()) {
            try {
                builder.defaultValue(values.read(builder, defaultValue));
            } catch (RuntimeException e) {
                throw new DataException("The default " + abbreviate(defaultValue) + " of JSON Schema "
                        + abbreviate(node) + " is not a value of its type: " + e.getMessage(), e);
            }
        }
        return builder.build();
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}

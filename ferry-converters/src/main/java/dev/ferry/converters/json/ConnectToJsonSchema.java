package dev.ferry.converters.json;

import static dev.ferry.converters.json.ConnectToJsonValue.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * The JSON Schema of a Connect schema, in Confluent's layout: Connect types the JSON types cannot tell apart in
 * {@code connect.type}, field order in {@code connect.index}, names in {@code title}, docs in
 * {@code description}, parameters in {@code connect.parameters}, optional values as
 * {@code oneOf: [{"type":"null"}, ...]}, maps with string keys as objects with {@code additionalProperties} and
 * other maps as arrays of key/value objects. Stateless.
 */
final class ConnectToJsonSchema {

    private final JsonSchemaDataConfig config;
    private final ConnectToJsonValue values;

    ConnectToJsonSchema(JsonSchemaDataConfig config) {
        this.config = config;
        this.values = new ConnectToJsonValue(config.decimalFormat());
    }

    ObjectNode build(Schema schema) {
        return build(schema, null, false);
    }

    private ObjectNode build(Schema schema, Integer index, boolean ignoreOptional) {
        ObjectNode node = NODES.objectNode();
        switch (schema.type()) {
            case INT8 -> integer(node, JsonNames.TYPE_INT8);
            case INT16 -> integer(node, JsonNames.TYPE_INT16);
            case INT32 -> integer(node, JsonNames.TYPE_INT32);
            case INT64 -> integer(node, JsonNames.TYPE_INT64);
            case FLOAT32 -> node.put("type", "number").put(JsonNames.CONNECT_TYPE, JsonNames.TYPE_FLOAT32);
            case FLOAT64 -> node.put("type", "number").put(JsonNames.CONNECT_TYPE, JsonNames.TYPE_FLOAT64);
            case BOOLEAN -> node.put("type", "boolean");
            case STRING -> string(node, schema);
            case BYTES -> node.put("type", Decimal.LOGICAL_NAME.equals(schema.name())
                    && config.decimalFormat() == JsonSchemaDataConfig.DecimalFormat.NUMERIC ? "number" : "string")
                    .put(JsonNames.CONNECT_TYPE, JsonNames.TYPE_BYTES);
            case ARRAY -> node.put("type", "array").set("items", build(schema.valueSchema()));
            case MAP -> map(node, schema);
            case STRUCT -> {
                if (JsonNames.isUnion(schema)) {
                    return withIndex(union(schema), index);
                }
                if (schema.isOptional() && !ignoreOptional) {
                    return withIndex(nullable(build(schema, null, true)), index);
                }
                struct(node, schema);
            }
        }
        describe(node, schema);
        if (schema.isOptional() && !ignoreOptional) {
            node = nullable(node);
        }
        return withIndex(node, index);
    }

    private static void integer(ObjectNode node, String connectType) {
        node.put("type", "integer").put(JsonNames.CONNECT_TYPE, connectType);
    }

    private static void string(ObjectNode node, Schema schema) {
        Map<String, String> params = schema.parameters();
        if (params == null || !params.containsKey(JsonNames.ENUM)) {
            node.put("type", "string");
            return;
        }
        ArrayNode symbols = node.putArray("enum");
        String prefix = JsonNames.ENUM + ".";
        for (Map.Entry<String, String> param : params.entrySet()) {
            if (param.getKey().startsWith(prefix)) {
                String symbol = param.getKey().substring(prefix.length());
                if (JsonNames.NULL_MARKER.equals(symbol)) {
                    symbols.addNull();
                } else {
                    symbols.add(symbol);
                }
            }
        }
    }

    private void map(ObjectNode node, Schema schema) {
        if (schema.keySchema().type() == Schema.Type.STRING && !schema.keySchema().isOptional()) {
            node.put("type", "object").set("additionalProperties", build(schema.valueSchema()));
        } else {
            ObjectNode entry = NODES.objectNode().put("type", "object");
            ObjectNode properties = entry.putObject("properties");
            properties.set(JsonNames.KEY, build(schema.keySchema(), 0, false));
            properties.set(JsonNames.VALUE, build(schema.valueSchema(), 1, false));
            node.put("type", "array").set("items", entry);
        }
        node.put(JsonNames.CONNECT_TYPE, JsonNames.TYPE_MAP);
    }

    private void struct(ObjectNode node, Schema schema) {
        node.put("type", "object");
        ObjectNode properties = node.putObject("properties");
        for (Field field : schema.fields()) {
            properties.set(field.name(), build(field.schema(), field.index(), false));
        }
        if (!config.objectAdditionalProperties()) {
            node.put("additionalProperties", false);
        }
    }

    private ObjectNode union(Schema schema) {
        ArrayNode members = NODES.arrayNode();
        if (schema.isOptional()) {
            members.addObject().put("type", "null");
        }
        for (Field field : schema.fields()) {
            members.add(build(required(field.schema()), field.index(), true));
        }
        ObjectNode node = NODES.objectNode();
        node.set("oneOf", members);
        return node;
    }

    private void describe(ObjectNode node, Schema schema) {
        if (schema.name() != null) {
            node.put("title", schema.name());
        }
        if (schema.version() != null) {
            node.put(JsonNames.CONNECT_VERSION, schema.version());
        }
        if (schema.doc() != null) {
            node.put("description", schema.doc());
        }
        if (schema.parameters() != null) {
            ObjectNode params = NODES.objectNode();
            schema.parameters().forEach((key, value) -> {
                if (!key.startsWith(JsonNames.NAMESPACE)) {
                    params.put(key, value);
                }
            });
            if (!params.isEmpty()) {
                node.set(JsonNames.CONNECT_PARAMETERS, params);
            }
        }
        if (schema.defaultValue() != null) {
            JsonNode defaultValue = values.write(schema, schema.defaultValue());
            if (defaultValue != null) {
                node.set("default", defaultValue);
            }
        }
    }

    private static ObjectNode nullable(ObjectNode schema) {
        ObjectNode node = NODES.objectNode();
        ArrayNode oneOf = node.putArray("oneOf");
        oneOf.addObject().put("type", "null");
        oneOf.add(schema);
        return node;
    }

    private static ObjectNode withIndex(ObjectNode node, Integer index) {
        if (index != null) {
            node.put(JsonNames.CONNECT_INDEX, index);
        }
        return node;
    }

    /** The same schema, required: a union's members are written without their own null branch. */
    private static Schema required(Schema schema) {
        if (!schema.isOptional()) {
            return schema;
        }
        SchemaBuilder builder = switch (schema.type()) {
            case ARRAY -> SchemaBuilder.array(schema.valueSchema());
            case MAP -> SchemaBuilder.map(schema.keySchema(), schema.valueSchema());
            case STRUCT -> {
                SchemaBuilder struct = SchemaBuilder.struct();
                schema.fields().forEach(f -> struct.field(f.name(), f.schema()));
                yield struct;
            }
            default -> new SchemaBuilder(schema.type());
        };
        builder.name(schema.name()).version(schema.version()).doc(schema.doc());
        if (schema.parameters() != null) {
            builder.parameters(schema.parameters());
        }
        if (schema.defaultValue() != null) {
            builder.defaultValue(schema.defaultValue());
        }
        return builder.build();
    }
}

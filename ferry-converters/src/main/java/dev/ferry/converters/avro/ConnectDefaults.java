package dev.ferry.converters.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * Writes a Connect default value as the JSON an Avro schema carries for it (a field's {@code default} or the
 * {@code connect.default} property): logical types as their primitive, bytes as an ISO-8859-1 string (Avro's
 * rule), maps with non-string keys as arrays of [key, value] pairs, a union struct as its set branch.
 */
final class ConnectDefaults {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final AvroDataConfig config;
    private final AvroNames names;

    ConnectDefaults(AvroDataConfig config, AvroNames names) {
        this.config = config;
        this.names = names;
    }

    @SuppressWarnings("unchecked")
    JsonNode toJson(Schema schema, Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        Object primitive = ConnectLogicalTypes.toAvro(schema, value);
        try {
            switch (schema.type()) {
                case INT8:
                    return JSON.numberNode(((Byte) primitive).intValue());
                case INT16:
                    return JSON.numberNode(((Short) primitive).intValue());
                case INT32:
                    return JSON.numberNode((Integer) primitive);
                case INT64:
                    return JSON.numberNode((Long) primitive);
                case FLOAT32:
                    return JSON.numberNode((Float) primitive);
                case FLOAT64:
                    return JSON.numberNode((Double) primitive);
                case BOOLEAN:
                    return JSON.booleanNode((Boolean) primitive);
                case STRING:
                    return JSON.textNode((String) primitive);
                case BYTES:
                    byte[] bytes = primitive instanceof byte[]
                            ? (byte[]) primitive : ConnectLogicalTypes.bytesOf((ByteBuffer) primitive);
                    return JSON.textNode(new String(bytes, StandardCharsets.ISO_8859_1));
                case ARRAY: {
                    ArrayNode array = JSON.arrayNode();
                    for (Object element : (Collection<Object>) primitive) {
                        array.add(toJson(schema.valueSchema(), element));
                    }
                    return array;
                }
                case MAP:
                    return mapToJson(schema, (Map<Object, Object>) primitive);
                case STRUCT:
                    return structToJson(schema, (Struct) primitive);
                default:
                    throw new DataException("Unknown schema type:" + schema.type());
            }
        } catch (ClassCastException e) {
            throw new DataException("Invalid type used for default value of " + schema.type() + " field: "
                    + value.getClass());
        }
    }

    private JsonNode mapToJson(Schema schema, Map<Object, Object> map) {
        if (ConnectShapes.isAvroMap(schema, config.allowOptionalMapKeys())) {
            ObjectNode node = JSON.objectNode();
            for (Map.Entry<Object, Object> entry : map.entrySet()) {
                node.set((String) entry.getKey(), toJson(schema.valueSchema(), entry.getValue()));
            }
            return node;
        }
        ArrayNode array = JSON.arrayNode();
        for (Map.Entry<Object, Object> entry : map.entrySet()) {
            ArrayNode pair = JSON.arrayNode();
            pair.add(toJson(schema.keySchema(), entry.getKey()));
            pair.add(toJson(schema.valueSchema(), entry.getValue()));
            array.add(pair);
        }
        return array;
    }

    private JsonNode structToJson(Schema schema, Struct struct) {
        boolean union = ConnectShapes.isUnion(schema);
        ObjectNode node = JSON.objectNode();
        for (Field field : schema.fields()) {
            JsonNode fieldJson = toJson(field.schema(), struct.get(field));
            if (union) {
                // Avro's default of a union is a value of its first branch: the union struct's first field.
                return fieldJson;
            }
            node.set(names.scrub(field.name()), fieldJson);
        }
        return node;
    }
}

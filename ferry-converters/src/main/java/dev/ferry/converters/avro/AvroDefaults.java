package dev.ferry.converters.avro;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.JsonProperties;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns an Avro default into the Connect default of the converted schema. A default arrives either as the Java
 * object Avro parsed from a field's {@code default} (converted like data) or as the JSON of a
 * {@code connect.default} property (converted here, by the Avro type).
 */
final class AvroDefaults {

    private final ConnectShapes shapes;
    private final AvroValueToConnect values;

    AvroDefaults(ConnectShapes shapes, AvroValueToConnect values) {
        this.shapes = shapes;
        this.values = values;
    }

    Object toConnect(Schema schema, org.apache.avro.Schema avroSchema, Object value, ToConnectContext context) {
        return ConnectLogicalTypes.toConnect(schema, withoutLogicalType(schema, avroSchema, value, context));
    }

    private Object withoutLogicalType(Schema schema, org.apache.avro.Schema avroSchema, Object value,
                                      ToConnectContext context) {
        if (value == null || value == JsonProperties.NULL_VALUE) {
            return null;
        }
        if (!(value instanceof JsonNode)) {
            return values.toConnect(schema, value, context, false);
        }
        JsonNode json = (JsonNode) value;
        switch (avroSchema.getType()) {
            case INT:
                if (schema.type() == Schema.Type.INT8) {
                    return (byte) json.intValue();
                } else if (schema.type() == Schema.Type.INT16) {
                    return json.shortValue();
                } else if (schema.type() == Schema.Type.INT32) {
                    return json.intValue();
                }
                return null;
            case LONG:
                return json.longValue();
            case FLOAT:
                return (float) json.doubleValue();
            case DOUBLE:
                return json.doubleValue();
            case BOOLEAN:
                return json.asBoolean();
            case NULL:
                return null;
            case STRING:
            case ENUM:
                return json.asText();
            case BYTES:
            case FIXED:
                return bytes(json);
            case ARRAY:
                return array(schema, avroSchema, json, context);
            case MAP:
                return map(schema, avroSchema, json, context);
            case RECORD:
                return record(schema, avroSchema, json, context);
            case UNION: {
                // An Avro union's default is a value of its first branch.
                org.apache.avro.Schema first = avroSchema.getTypes().get(0);
                if (first.getType() == org.apache.avro.Schema.Type.NULL) {
                    return null;
                }
                return toConnect(schema.field(shapes.memberFieldName(first, 0)).schema(), first, value, context);
            }
            default:
                return null;
        }
    }

    private static ByteBuffer bytes(JsonNode json) {
        try {
            // Avro writes bytes defaults as strings of ISO-8859-1 characters, one per byte.
            byte[] bytes = json.isTextual() ? json.textValue().getBytes(StandardCharsets.ISO_8859_1) : json.binaryValue();
            return bytes == null ? null : ByteBuffer.wrap(bytes);
        } catch (IOException e) {
            throw new DataException("Invalid binary data in default value", e);
        }
    }

    private List<Object> array(Schema schema, org.apache.avro.Schema avroSchema, JsonNode json, ToConnectContext context) {
        if (!json.isArray()) {
            throw new DataException("Invalid JSON for array default value");
        }
        List<Object> result = new ArrayList<>(json.size());
        for (JsonNode element : json) {
            result.add(toConnect(schema.valueSchema(), avroSchema.getElementType(), element, context));
        }
        return result;
    }

    private Map<String, Object> map(Schema schema, org.apache.avro.Schema avroSchema, JsonNode json,
                                    ToConnectContext context) {
        if (!json.isObject()) {
            throw new DataException("Invalid JSON for map default value");
        }
        Map<String, Object> result = new HashMap<>(json.size());
        Iterator<Map.Entry<String, JsonNode>> entries = json.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            result.put(entry.getKey(), toConnect(schema.valueSchema(), avroSchema.getValueType(), entry.getValue(), context));
        }
        return result;
    }

    private Struct record(Schema schema, org.apache.avro.Schema avroSchema, JsonNode json, ToConnectContext context) {
        if (!json.isObject()) {
            throw new DataException("Invalid JSON for record default value");
        }
        Struct result = new Struct(schema);
        for (org.apache.avro.Schema.Field avroField : avroSchema.getFields()) {
            Field field = schema.field(avroField.name());
            Object converted = toConnect(field.schema(), avroField.schema(), json.get(field.name()), context);
            result.put(avroField.name(), converted);
        }
        return result;
    }
}

package dev.ferry.converters.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect values as JSON, as Confluent's converter writes them: bytes as base64 strings, Decimal per
 * {@code decimal.format}, Date as days, Time as milliseconds of the day, Timestamp as epoch milliseconds, maps with
 * string keys as objects and others as arrays of {@code {"key":..,"value":..}}, a union struct as its one set
 * member. A null takes the schema's default, then JSON null when optional. Stateless.
 */
final class ConnectToJsonValue {

    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final JsonSchemaDataConfig.DecimalFormat decimalFormat;

    ConnectToJsonValue(JsonSchemaDataConfig.DecimalFormat decimalFormat) {
        this.decimalFormat = decimalFormat;
    }

    /** The JSON of a value; null (not JSON null) when a required field has no value, so it is left out. */
    JsonNode write(Schema schema, Object value) {
        if (value == null) {
            if (schema == null) {
                return null;
            }
            if (schema.defaultValue() != null) {
                return write(schema, schema.defaultValue());
            }
            return schema.isOptional() ? NODES.nullNode() : null;
        }
        if (schema == null) {
            throw new DataException("The JSON Schema converter needs a Connect schema for every non-null value.");
        }
        try {
            if (schema.name() != null) {
                JsonNode logical = logical(schema, value);
                if (logical != null) {
                    return logical;
                }
            }
            return switch (schema.type()) {
                case INT8 -> NODES.numberNode(((Byte) value).shortValue());
                case INT16 -> NODES.numberNode((Short) value);
                case INT32 -> NODES.numberNode((Integer) value);
                case INT64 -> NODES.numberNode((Long) value);
                case FLOAT32 -> NODES.numberNode((Float) value);
                case FLOAT64 -> NODES.numberNode((Double) value);
                case BOOLEAN -> NODES.booleanNode((Boolean) value);
                case STRING -> NODES.textNode(value.toString());
                case BYTES -> NODES.binaryNode(bytes(value));
                case ARRAY -> array(schema, (Collection<?>) value);
                case MAP -> map(schema, (Map<?, ?>) value);
                case STRUCT -> struct(schema, (Struct) value);
            };
        } catch (ClassCastException e) {
            throw new DataException("A " + value.getClass().getName() + " is not a Connect " + schema.type()
                    + " value.", e);
        }
    }

    private JsonNode logical(Schema schema, Object value) {
        return switch (schema.name()) {
            case Decimal.LOGICAL_NAME -> decimalFormat == JsonSchemaDataConfig.DecimalFormat.NUMERIC
                    ? NODES.numberNode((BigDecimal) value)
                    : NODES.binaryNode(Decimal.fromLogical(schema, (BigDecimal) value));
            case Date.LOGICAL_NAME -> NODES.numberNode(Date.fromLogical(schema, (java.util.Date) value));
            case Time.LOGICAL_NAME -> NODES.numberNode(Time.fromLogical(schema, (java.util.Date) value));
            case Timestamp.LOGICAL_NAME -> NODES.numberNode(Timestamp.fromLogical(schema, (java.util.Date) value));
            default -> null;
        };
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private ArrayNode array(Schema schema, Collection<?> values) {
        ArrayNode array = NODES.arrayNode(values.size());
        for (Object element : values) {
            JsonNode node = write(schema.valueSchema(), element);
            array.add(node == null ? NODES.nullNode() : node);
        }
        return array;
    }

    private JsonNode map(Schema schema, Map<?, ?> values) {
        boolean objectMode = schema.keySchema().type() == Schema.Type.STRING && !schema.keySchema().isOptional();
        if (objectMode) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<?, ?> entry : values.entrySet()) {
                JsonNode node = write(schema.valueSchema(), entry.getValue());
                object.set(String.valueOf(entry.getKey()), node == null ? NODES.nullNode() : node);
            }
            return object;
        }
        ArrayNode entries = NODES.arrayNode(values.size());
        for (Map.Entry<?, ?> entry : values.entrySet()) {
            ObjectNode pair = entries.addObject();
            pair.set(JsonNames.KEY, write(schema.keySchema(), entry.getKey()));
            pair.set(JsonNames.VALUE, write(schema.valueSchema(), entry.getValue()));
        }
        return entries;
    }

    private JsonNode struct(Schema schema, Struct struct) {
        if (!struct.schema().equals(schema)) {
            throw new DataException("A struct of schema " + struct.schema().name() + " is not a value of schema "
                    + schema.name() + ".");
        }
        if (JsonNames.isUnion(schema)) {
            for (Field member : schema.fields()) {
                Object value = struct.get(member);
                if (value != null) {
                    return write(member.schema(), value);
                }
            }
            return write(schema, null);
        }
        ObjectNode object = NODES.objectNode();
        for (Field field : schema.fields()) {
            JsonNode node = write(field.schema(), struct.get(field));
            if (node != null) {
                object.set(field.name(), node);
            }
        }
        return object;
    }
}

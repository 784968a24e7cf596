package dev.ferry.converters.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * A JSON document read into the Connect value of a schema {@link JsonSchemaToConnect} derived, the inverse of
 * {@link ConnectToJsonValue}; a missing or null value takes the field's default, else null when optional. A union
 * struct gets the first member whose type matches (objects: the struct member sharing most properties).
 * Stateless.
 */
final class JsonValueToConnect {

    Object read(Schema schema, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            if (schema.defaultValue() != null) {
                return schema.defaultValue();
            }
            if (schema.isOptional()) {
                return null;
            }
            throw new DataException("A required " + schema.type() + (schema.name() == null ? "" : " " + schema.name())
                    + " value is missing or null.");
        }
        if (schema.name() != null) {
            switch (schema.name()) {
                case Decimal.LOGICAL_NAME:
                    return decimal(schema, value);
                case Date.LOGICAL_NAME:
                    return Date.toLogical(schema, integral(value, schema).intValue());
                case Time.LOGICAL_NAME:
                    return Time.toLogical(schema, integral(value, schema).intValue());
                case Timestamp.LOGICAL_NAME:
                    return Timestamp.toLogical(schema, integral(value, schema).longValue());
                default:
                    break;
            }
        }
        return switch (schema.type()) {
            case INT8 -> (byte) integral(value, schema).shortValue();
            case INT16 -> integral(value, schema).shortValue();
            case INT32 -> integral(value, schema).intValue();
            case INT64 -> integral(value, schema).longValue();
            case FLOAT32 -> number(value, schema).floatValue();
            case FLOAT64 -> number(value, schema).doubleValue();
            case BOOLEAN -> {
                expect(value.isBoolean(), value, schema);
                yield value.booleanValue();
            }
            case STRING -> {
                expect(value.isTextual(), value, schema);
                yield value.textValue();
            }
            case BYTES -> binary(value, schema);
            case ARRAY -> array(schema, value);
            case MAP -> map(schema, value);
            case STRUCT -> JsonNames.isUnion(schema) ? union(schema, value) : struct(schema, value);
        };
    }

    private static Number integral(JsonNode value, Schema schema) {
        expect(value.isIntegralNumber(), value, schema);
        return value.numberValue();
    }

    private static Number number(JsonNode value, Schema schema) {
        expect(value.isNumber(), value, schema);
        return value.numberValue();
    }

    private static Object decimal(Schema schema, JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        return Decimal.toLogical(schema, binary(value, schema));
    }

    private static byte[] binary(JsonNode value, Schema schema) {
        expect(value.isTextual() || value.isBinary(), value, schema);
        try {
            return value.binaryValue();
        } catch (IOException | IllegalArgumentException e) {
            throw new DataException("A Connect " + schema.type() + " value must be base64 text, but '"
                    + value.asText() + "' is not: " + e.getMessage(), e);
        }
    }

    private static void expect(boolean fits, JsonNode value, Schema schema) {
        if (!fits) {
            throw new DataException("JSON " + value.getNodeType() + " " + abbreviate(value) + " does not fit Connect "
                    + schema.type() + (schema.name() == null ? "" : " " + schema.name()) + ".");
        }
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private List<Object> array(Schema schema, JsonNode value) {
        expect(value.isArray(), value, schema);
        List<Object> array = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            array.add(read(schema.valueSchema(), element));
        }
        return array;
    }

    private Map<Object, Object> map(Schema schema, JsonNode value) {
        Map<Object, Object> map = new HashMap<>();
        if (schema.keySchema().type() == Schema.Type.STRING && !schema.keySchema().isOptional()) {
            expect(value.isObject(), value, schema);
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                map.put(entry.getKey(), read(schema.valueSchema(), entry.getValue()));
            }
            return map;
        }
        expect(value.isArray(), value, schema);
        for (JsonNode entry : value) {
            if (!entry.isObject() || entry.size() != 2) {
                throw new DataException("A map entry must be an object of 'key' and 'value', not " + abbreviate(entry));
            }
            map.put(read(schema.keySchema(), entry.get(JsonNames.KEY)), read(schema.valueSchema(),
                    entry.get(JsonNames.VALUE)));
        }
        return map;
    }

    private Struct struct(Schema schema, JsonNode value) {
        expect(value.isObject(), value, schema);
        Struct struct = new Struct(schema);
        for (Field field : schema.fields()) {
            Object fieldValue = read(field.schema(), value.get(field.name()));
            if (fieldValue != null) {
                struct.put(field, fieldValue);
            }
        }
        return struct;
    }

    private Struct union(Schema schema, JsonNode value) {
        Field best = null;
        int bestMatch = 0;
        for (Field member : schema.fields()) {
            if (matchesSimply(member.schema(), value)) {
                return new Struct(schema).put(member, read(member.schema(), value));
            }
            int match = propertiesShared(member.schema(), value);
            if (match > bestMatch) {
                bestMatch = match;
                best = member;
            }
        }
        if (best == null) {
            throw new DataException("JSON " + abbreviate(value) + " matches no member of the oneOf.");
        }
        return new Struct(schema).put(best, read(best.schema(), value));
    }

    private static boolean matchesSimply(Schema member, JsonNode value) {
        return switch (member.type()) {
            case INT8, INT16, INT32, INT64 -> value.isIntegralNumber();
            case FLOAT32, FLOAT64 -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
            case STRING -> value.isTextual();
            case BYTES -> value.isBinary() || value.isBigDecimal();
            case ARRAY -> value.isArray();
            case MAP -> value.isObject() || value.isArray();
            case STRUCT -> false;
        };
    }

    private static int propertiesShared(Schema member, JsonNode value) {
        if (member.type() != Schema.Type.STRUCT || !value.isObject()) {
            return 0;
        }
        Set<String> names = new HashSet<>();
        value.fieldNames().forEachRemaining(names::add);
        int shared = 0;
        for (Field field : member.fields()) {
            if (names.contains(field.name())) {
                shared += 1 + propertiesShared(field.schema(), value.get(field.name()));
            }
        }
        return shared;
    }
}

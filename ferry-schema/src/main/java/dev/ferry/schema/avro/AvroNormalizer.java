package dev.ferry.schema.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.schema.SchemaReference;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Confluent's {@code normalize=true} for Avro: the schema is written out in one fixed shape and parsed again, so
 * that schemas differing only in layout register once. The fixed shape: every named type by its full name (no
 * {@code namespace} key), a named type written in full at its first appearance and by name after that (a type
 * from a reference always by name), keys in a fixed order ({@code name}, {@code type}, the type's own keys,
 * {@code doc} when not empty, aliases sorted, the enum default, then custom properties sorted by key), and the
 * references sorted with duplicates removed.
 */
final class AvroNormalizer {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AvroNormalizer() {
    }

    static AvroSchema normalize(AvroSchema schema) {
        Set<String> written = new HashSet<>();
        for (Schema referenced : schema.referencedSchemas()) {
            written.add(referenced.getFullName());
        }
        StringBuilder out = new StringBuilder();
        write(schema.avroSchema(), written, out);
        List<SchemaReference> references = schema.references().stream()
                .sorted()
                .distinct()
                .toList();
        return AvroSchemaParser.parse(out.toString(), references, schema.resolvedReferences(), false);
    }

    private static void write(Schema s, Set<String> written, StringBuilder o) {
        switch (s.getType()) {
            case UNION -> {
                o.append('[');
                boolean first = true;
                for (Schema branch : s.getTypes()) {
                    if (!first) {
                        o.append(',');
                    }
                    first = false;
                    write(branch, written, o);
                }
                o.append(']');
            }
            case ARRAY, MAP -> {
                o.append("{\"type\":\"").append(s.getType().getName()).append('"');
                if (s.getType() == Schema.Type.ARRAY) {
                    o.append(",\"items\":");
                    write(s.getElementType(), written, o);
                } else {
                    o.append(",\"values\":");
                    write(s.getValueType(), written, o);
                }
                sortedProps(s.getObjectProps(), o);
                o.append('}');
            }
            case RECORD, ENUM, FIXED -> writeNamed(s, written, o);
            default -> writePrimitive(s, o);
        }
    }

    private static void writeNamed(Schema s, Set<String> written, StringBuilder o) {
        String name = s.getFullName();
        if (!written.add(name)) {
            o.append(json(name));
            return;
        }
        o.append("{\"name\":").append(json(name)).append(",\"type\":\"").append(s.getType().getName()).append('"');
        switch (s.getType()) {
            case ENUM -> {
                ArrayNode symbols = JSON.arrayNode();
                s.getEnumSymbols().forEach(symbols::add);
                o.append(",\"symbols\":").append(symbols);
            }
            case FIXED -> {
                o.append(",\"size\":").append(s.getFixedSize());
                if (s.getLogicalType() != null) {
                    logicalProps(s.getLogicalType(), o);
                }
            }
            default -> {
                o.append(",\"fields\":[");
                boolean first = true;
                for (Schema.Field f : s.getFields()) {
                    if (!first) {
                        o.append(',');
                    }
                    first = false;
                    writeField(f, written, o);
                }
                o.append(']');
            }
        }
        if (s.getDoc() != null && !s.getDoc().isEmpty()) {
            o.append(",\"doc\":").append(json(s.getDoc()));
        }
        aliases(s.getAliases(), o);
        if (s.getType() == Schema.Type.ENUM && s.getEnumDefault() != null) {
            o.append(",\"default\":").append(json(s.getEnumDefault()));
        }
        sortedProps(s.getObjectProps(), o);
        o.append('}');
    }

    private static void writeField(Schema.Field f, Set<String> written, StringBuilder o) {
        o.append("{\"name\":").append(json(f.name())).append(",\"type\":");
        write(f.schema(), written, o);
        // Confluent writes the order always, so normalised texts agree whether or not "ascending" was spelled out.
        o.append(",\"order\":\"").append(f.order().name().toLowerCase(java.util.Locale.ROOT)).append('"');
        if (f.doc() != null) {
            o.append(",\"doc\":").append(json(f.doc()));
        }
        aliases(f.aliases(), o);
        if (f.hasDefaultValue()) {
            o.append(",\"default\":").append(toJson(f.defaultVal()));
        }
        sortedProps(f.getObjectProps(), o);
        o.append('}');
    }

    private static void writePrimitive(Schema s, StringBuilder o) {
        LogicalType logical = s.getLogicalType();
        if (logical != null) {
            o.append("{\"type\":\"").append(s.getType().getName()).append('"');
            logicalProps(logical, o);
            sortedProps(s.getObjectProps(), o);
            o.append('}');
        } else if (s.hasProps()) {
            o.append("{\"type\":\"").append(s.getType().getName()).append('"');
            sortedProps(s.getObjectProps(), o);
            o.append('}');
        } else {
            o.append('"').append(s.getType().getName()).append('"');
        }
    }

    private static void logicalProps(LogicalType logical, StringBuilder o) {
        o.append(",\"").append(LogicalType.LOGICAL_TYPE_PROP).append("\":").append(json(logical.getName()));
        if (logical instanceof LogicalTypes.Decimal decimal) {
            o.append(",\"precision\":").append(decimal.getPrecision());
            if (decimal.getScale() != 0) {
                o.append(",\"scale\":").append(decimal.getScale());
            }
        }
    }

    private static void aliases(Set<String> aliases, StringBuilder o) {
        if (!aliases.isEmpty()) {
            ArrayNode sorted = JSON.arrayNode();
            new TreeSet<>(aliases).forEach(sorted::add);
            o.append(",\"aliases\":").append(sorted);
        }
    }

    private static void sortedProps(Map<String, Object> props, StringBuilder o) {
        for (Map.Entry<String, Object> e : new TreeMap<>(props).entrySet()) {
            o.append(',').append(json(e.getKey())).append(':').append(toJson(e.getValue()));
        }
    }

    private static String json(String text) {
        return JSON.textNode(text).toString();
    }

    /** Avro hands defaults and properties over as plain Java values; this writes them back as JSON. */
    static JsonNode toJson(Object value) {
        if (value == null || value == JsonProperties.NULL_VALUE) {
            return JSON.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = JSON.objectNode();
            map.forEach((k, v) -> node.set(String.valueOf(k), toJson(v)));
            return node;
        }
        if (value instanceof Collection<?> list) {
            ArrayNode node = JSON.arrayNode();
            list.forEach(v -> node.add(toJson(v)));
            return node;
        }
        if (value instanceof byte[] bytes) {
            return JSON.textNode(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return JSON.textNode(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        if (value instanceof Double d) {
            return JSON.numberNode(d);
        }
        if (value instanceof Float f) {
            return JSON.numberNode(f);
        }
        if (value instanceof Long l) {
            return JSON.numberNode(l);
        }
        if (value instanceof Integer i) {
            return JSON.numberNode(i);
        }
        if (value instanceof BigInteger b) {
            return JSON.numberNode(b);
        }
        if (value instanceof BigDecimal b) {
            return JSON.numberNode(b);
        }
        if (value instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        return JSON.textNode(value.toString());
    }
}

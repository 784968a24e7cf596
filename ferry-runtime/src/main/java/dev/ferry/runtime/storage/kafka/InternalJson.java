package dev.ferry.runtime.storage.kafka;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the JSON of internal topic values the way Apache's JsonConverter does with
 * {@code schemas.enable=false}: compact, fields in schema order, optional fields present with
 * {@code null}, strings escaped by Jackson (which JsonConverter uses too), UTF-8.
 *
 * <p>Record shapes are written field by field, not from maps or beans, so their byte layout is
 * visible in one place per record type and cannot change with a library's property ordering.
 */
final class InternalJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private InternalJson() {
    }

    /** Writes one JSON value. */
    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write an internal record", e);
        }
        return out.toByteArray();
    }

    /** Writes a string map in its iteration order; null values stay null. */
    static void writeStringMap(JsonGenerator json, Map<String, String> map) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, String> entry : map.entrySet()) {
            json.writeFieldName(entry.getKey());
            if (entry.getValue() == null) {
                json.writeNull();
            } else {
                json.writeString(entry.getValue());
            }
        }
        json.writeEndObject();
    }

    /** The parsed value, or null for a tombstone. */
    static JsonNode read(byte[] value) throws IOException {
        return value == null ? null : MAPPER.readTree(value);
    }

    /**
     * A JSON object of strings as an unmodifiable map in stored order. Values that are not strings
     * (never written by Apache or Ferry) are kept as their JSON text rather than dropped.
     */
    static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.properties().forEach(field -> {
            JsonNode v = field.getValue();
            map.put(field.getKey(), v.isNull() ? null : v.isTextual() ? v.textValue() : v.toString());
        });
        return Collections.unmodifiableMap(map);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

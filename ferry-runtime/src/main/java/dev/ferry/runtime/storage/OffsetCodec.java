package dev.ferry.runtime.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;

/**
 * Encodes source offsets exactly as Apache does, so stored offsets are shared with it: the key is
 * the compact JSON array {@code ["<connector>",{<source partition>}]}, the value the compact JSON
 * object of the source offset (what JsonConverter writes with {@code schemas.enable=false}).
 * Key order inside the partition map is kept, because lookups compare the key bytes.
 */
public final class OffsetCodec {
    /**
     * Integral numbers read back as Long, as Apache's schemaless JsonConverter returns them: a
     * connector such as FileStreamSource casts its stored position to Long and fails on Integer.
     */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private OffsetCodec() {
    }

    /** The store key of a connector's source partition. */
    public static ByteBuffer key(String connector, Map<String, ?> partition) {
        validate(partition, "partition");
        return ByteBuffer.wrap(write(Arrays.asList(connector, partition)));
    }

    /** The stored value of a source offset; null stays null (a tombstone). */
    public static ByteBuffer value(Map<String, ?> offset) {
        if (offset == null) {
            return null;
        }
        validate(offset, "offset");
        return ByteBuffer.wrap(write(offset));
    }

    /** The connector name and partition of a stored key, or null if the key is not in Apache's form. */
    public static Key decodeKey(ByteBuffer key) {
        try {
            List<Object> parts = JSON.readValue(bytes(key), new TypeReference<List<Object>>() { });
            if (parts.size() != 2 || !(parts.get(0) instanceof String name) || !(parts.get(1) instanceof Map<?, ?>)) {
                return null;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> partition = (Map<String, Object>) parts.get(1);
            return new Key(name, partition);
        } catch (IOException e) {
            return null;
        }
    }

    /** The offset map of a stored value; null for a tombstone. */
    public static Map<String, Object> decodeValue(ByteBuffer value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.readValue(bytes(value), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new DataException("Stored source offset is not a JSON object: " + e.getMessage(), e);
        }
    }

    /** A decoded offset key. */
    public record Key(String connector, Map<String, Object> partition) {
    }

    private static void validate(Map<String, ?> map, String what) {
        if (map == null) {
            throw new DataException("A source " + what + " may not be null");
        }
        for (Map.Entry<String, ?> e : map.entrySet()) {
            Object v = e.getValue();
            boolean primitive = v == null || v instanceof String || v instanceof Number
                    || v instanceof Boolean || v instanceof byte[] || v instanceof ByteBuffer;
            if (!primitive) {
                throw new DataException("Offsets may only contain primitive types as values, but field "
                        + e.getKey() + " of the source " + what + " has type " + v.getClass().getName());
            }
        }
    }

    private static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new DataException("Cannot encode source offset: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}

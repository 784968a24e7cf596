package dev.ferry.runtime.storage;

import dev.ferry.runtime.model.Sentences;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a standalone worker's offsets file (Apache's format: a Java-serialized
 * {@code HashMap<byte[],byte[]>} of {@link OffsetCodec} JSON) and refuses one it cannot trust.
 *
 * <p>Apache's worker treats a file that ends too early as "no offsets" and starts every source
 * connector from the beginning, re-sending everything without a word. Here only a missing or
 * empty file means no offsets; a file that is cut short, is not a serialized map, holds other
 * classes, or holds an entry that is not an offset is refused with the file, the byte where
 * reading stopped (or the entry at fault) and the two ways out: restore it, or move it away
 * knowingly. The deserialization filter admits only the map and byte arrays, so a tampered file
 * cannot instantiate arbitrary classes.
 *
 * <p>Thread contract: stateless.
 */
final class OffsetFileReader {
    private static final String FIX = "Restore the file from a backup, or move it away to start with no offsets "
            + "(every source connector then starts from its beginning and sends its records again), or point "
            + "offset.storage.file.filename at the right file.";

    private static final Logger log = LoggerFactory.getLogger(OffsetFileReader.class);

    private OffsetFileReader() {
    }

    /** The offsets in {@code file}; none when it does not exist or is empty. */
    static Map<ByteBuffer, ByteBuffer> read(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>();
        } catch (IOException e) {
            throw refused(file, "cannot be read: " + e, e);
        }
        if (size == 0) {
            // As in Apache; but an older worker that crashed mid-write leaves an empty file, so say so.
            log.warn("Offsets file {} is empty: starting with no source offsets. If it held offsets before, stop the "
                    + "worker and restore it from a backup.", file);
            return new LinkedHashMap<>();
        }
        CountingStream counted;
        Object obj;
        try (InputStream in = Files.newInputStream(file)) {
            counted = new CountingStream(in);
            try (ObjectInputStream ois = new ObjectInputStream(counted)) {
                ois.setObjectInputFilter(OffsetFileFilter.INSTANCE);
                obj = ois.readObject();
            } catch (InvalidClassException e) {
                throw refused(file, "holds a class other than a map of byte arrays (" + e.getMessage()
                        + "), so it was not written by Kafka Connect", e);
            } catch (ObjectStreamException | ClassNotFoundException e) {
                throw refused(file, "is not a Kafka Connect offsets file: reading stopped at byte " + counted.count
                        + " of " + size + " (" + e + ")", e);
            } catch (IOException e) {
                // EOFException and friends: the serialized map ends before its last entry.
                throw refused(file, "is cut short: it ends at byte " + size + " inside the offsets map ("
                        + e + "), e.g. after a full disk or a copy that did not finish", e);
            }
        } catch (IOException e) {
            throw refused(file, "cannot be read: " + e, e);
        }
        if (!(obj instanceof Map<?, ?> map)) {
            throw refused(file, "holds a " + (obj == null ? "null" : obj.getClass().getName())
                    + " where a map of offsets belongs", null);
        }
        return checked(file, map);
    }

    /** The entries as buffers, each checked to be an offset key and value in Apache's JSON form. */
    private static Map<ByteBuffer, ByteBuffer> checked(Path file, Map<?, ?> map) {
        Map<ByteBuffer, ByteBuffer> result = new LinkedHashMap<>();
        int entry = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            entry++;
            ByteBuffer key = ByteBuffer.wrap((byte[]) e.getKey());
            ByteBuffer value = e.getValue() == null ? null : ByteBuffer.wrap((byte[]) e.getValue());
            if (OffsetCodec.decodeKey(key) == null) {
                throw refused(file, "holds an entry (" + entry + " of " + map.size() + ") whose key is not "
                        + "[\"<connector>\",{<partition>}] JSON: " + preview(key), null);
            }
            try {
                OffsetCodec.decodeValue(value);
            } catch (DataException bad) {
                throw refused(file, "holds an entry (" + entry + " of " + map.size() + ", key " + preview(key)
                        + ") whose offset is not a JSON object", bad);
            }
            result.put(key, value);
        }
        return result;
    }

    /** The start of a key, enough to find it in the file; keys hold partitions, never secrets. */
    private static String preview(ByteBuffer bytes) {
        String text = StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }

    private static ConnectException refused(Path file, String what, Throwable cause) {
        return new ConnectException(Sentences.then("Offsets file " + file + " " + what, FIX), cause);
    }

    /** Counts the bytes the deserializer has taken, to say where reading stopped. */
    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** Admits only what an offsets file may contain: a HashMap of byte arrays. */
    private enum OffsetFileFilter implements ObjectInputFilter {
        INSTANCE;

        @Override
        public Status checkInput(FilterInfo info) {
            Class<?> c = info.serialClass();
            if (c == null) {
                return Status.UNDECIDED;
            }
            if (c == HashMap.class || c == byte[].class || c == Map.Entry[].class) {
                return Status.ALLOWED;
            }
            return Status.REJECTED;
        }
    }
}

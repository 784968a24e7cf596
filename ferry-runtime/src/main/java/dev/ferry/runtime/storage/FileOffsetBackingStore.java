package dev.ferry.runtime.storage;

import dev.ferry.runtime.model.Sentences;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Standalone mode's source offsets, in the file named by {@code offset.storage.file.filename}.
 *
 * <p>The file format is Apache's: a Java-serialized {@code java.util.HashMap<byte[],byte[]>}
 * whose keys and values are the {@link OffsetCodec} JSON bytes. Keeping it means a standalone
 * deployment can switch between Apache Connect and Ferry and keep its offsets. Reading uses a
 * deserialization filter that admits only the map and byte arrays, so a tampered file cannot
 * instantiate arbitrary classes.
 *
 * <p>Each {@link #set} rewrites the whole file (the map is small: one entry per source partition)
 * to a temporary file that is then atomically renamed over the old one, so a crash mid-write
 * leaves the previous offsets intact rather than a truncated file.
 *
 * <p>Thread contract: all methods are synchronized; writes happen on the caller's thread.
 */
public final class FileOffsetBackingStore implements OffsetBackingStore {
    private final Path file;
    private final Map<ByteBuffer, ByteBuffer> data = new LinkedHashMap<>();

    public FileOffsetBackingStore(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void start() {
        data.clear();
        data.putAll(read(file));
    }

    @Override
    public synchronized CompletableFuture<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
        Map<ByteBuffer, ByteBuffer> result = new HashMap<>();
        for (ByteBuffer key : keys) {
            ByteBuffer value = data.get(key);
            if (value != null) {
                result.put(key, value);
            }
        }
        return CompletableFuture.completedFuture(result);
    }

    @Override
    public synchronized CompletableFuture<Void> set(Map<ByteBuffer, ByteBuffer> values) {
        Map<ByteBuffer, ByteBuffer> before = new LinkedHashMap<>(data);
        values.forEach((k, v) -> {
            if (v == null) {
                data.remove(k);
            } else {
                data.put(k, v);
            }
        });
        try {
            write();
            return CompletableFuture.completedFuture(null);
        } catch (IOException e) {
            data.clear();
            data.putAll(before);
            return CompletableFuture.failedFuture(new ConnectException("Could not write source offsets to "
                    + file + ": " + Sentences.end(e.getMessage()) + " Check that the directory exists and is writable.", e));
        }
    }

    @Override
    public synchronized Map<ByteBuffer, ByteBuffer> snapshot() {
        return new LinkedHashMap<>(data);
    }

    @Override
    public void close() {
        // Nothing is buffered: every set() is already on disk.
    }

    private void write() throws IOException {
        HashMap<byte[], byte[]> raw = new HashMap<>();
        data.forEach((k, v) -> raw.put(toBytes(k), toBytes(v)));
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp); ObjectOutputStream oos = new ObjectOutputStream(out)) {
            oos.writeObject(raw);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Map<ByteBuffer, ByteBuffer> read(Path file) {
        Map<ByteBuffer, ByteBuffer> result = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ObjectInputStream ois = new ObjectInputStream(in)) {
            ois.setObjectInputFilter(OffsetFileFilter.INSTANCE);
            Object obj = ois.readObject();
            if (!(obj instanceof Map<?, ?> map)) {
                throw new ConnectException("Offsets file " + file + " does not hold a map of offsets. Move it "
                        + "away to start with no offsets, or point offset.storage.file.filename elsewhere.");
            }
            map.forEach((k, v) -> result.put(ByteBuffer.wrap((byte[]) k), v == null ? null : ByteBuffer.wrap((byte[]) v)));
            return result;
        } catch (NoSuchFileException | EOFException e) {
            return result; // no file yet, or an empty one: no offsets, as in Apache
        } catch (InvalidClassException e) {
            throw new ConnectException("Offsets file " + file + " contains a class other than byte arrays in a map ("
                    + e.getMessage() + "); it was not written by Kafka Connect. Move it away or fix "
                    + "offset.storage.file.filename.", e);
        } catch (IOException | ClassNotFoundException e) {
            throw new ConnectException("Could not read offsets file " + file + ": " + e
                    + ". Move it away to start with no offsets, or fix offset.storage.file.filename.", e);
        }
    }

    private static byte[] toBytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
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

package dev.ferry.runtime.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
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
 * deployment can switch between Apache Connect and Ferry and keep its offsets. {@link #start}
 * reads it with {@link OffsetFileReader}, which refuses a file that is cut short or corrupt
 * instead of silently starting over.
 *
 * <p>Each {@link #set} rewrites the whole file (the map is small: one entry per source partition)
 * with {@link AtomicFileWrite}, so a crash, a full disk or a read-only mount mid-write leaves the
 * previous offsets intact rather than a truncated file. A write that fails leaves the store as it
 * was and fails the returned future with the reason and the fix; the offset committer keeps the
 * offsets and tries again at its next flush, so the worker and its tasks keep running.
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
            return CompletableFuture.failedFuture(new ConnectException("Could not write source offsets to " + file
                    + ". " + AtomicFileWrite.reason(file, e) + " The file still holds the offsets "
                    + "written before.", e));
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(bytes)) {
            oos.writeObject(raw);
        }
        AtomicFileWrite.replace(file, bytes.toByteArray());
    }

    /** The offsets in {@code file}, refusing a file that is cut short or not an offsets file. */
    static Map<ByteBuffer, ByteBuffer> read(Path file) {
        return OffsetFileReader.read(file);
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
}

package dev.ferry.runtime.task.source;

import dev.ferry.runtime.storage.OffsetBackingStore;
import dev.ferry.runtime.storage.OffsetCodec;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * A source task's or source connector's view of the connector's stored offsets
 * ({@code context.offsetStorageReader()}), read from the offset store in Apache's key format.
 *
 * <p>Thread contract: called by the task on any of its threads; {@link #close()} is called by the
 * task's or connector's runner when it stops or is cancelled and fails reads still waiting, so one stuck on a
 * read is released.
 */
public final class TaskOffsetReader implements OffsetStorageReader, AutoCloseable {
    private final String connector;
    private final OffsetBackingStore store;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public TaskOffsetReader(String connector, OffsetBackingStore store) {
        this.connector = connector;
        this.store = store;
    }

    @Override
    public <T> Map<String, Object> offset(Map<String, T> partition) {
        return offsets(java.util.List.of(partition)).get(partition);
    }

    @Override
    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
        Map<ByteBuffer, Map<String, T>> keys = new LinkedHashMap<>();
        for (Map<String, T> partition : partitions) {
            keys.put(OffsetCodec.key(connector, partition), partition);
        }
        Map<ByteBuffer, ByteBuffer> stored = read(keys.keySet());
        Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
        for (Map.Entry<ByteBuffer, ByteBuffer> entry : stored.entrySet()) {
            Map<String, T> partition = keys.get(entry.getKey());
            if (partition != null && entry.getValue() != null) {
                result.put(partition, OffsetCodec.decodeValue(entry.getValue()));
            }
        }
        return result;
    }

    @Override
    public void close() {
        closed = true;
        inFlight.forEach(future -> future.cancel(true));
    }

    private Map<ByteBuffer, ByteBuffer> read(Collection<ByteBuffer> keys) {
        if (closed) {
            throw closedError();
        }
        CompletableFuture<Map<ByteBuffer, ByteBuffer>> future = store.get(keys);
        inFlight.add(future);
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while reading source offsets of connector '" + connector + "'", e);
        } catch (java.util.concurrent.CancellationException e) {
            throw closedError();
        } catch (ExecutionException e) {
            throw new ConnectException("Could not read source offsets of connector '" + connector + "': "
                    + e.getCause().getMessage(), e.getCause());
        } finally {
            inFlight.remove(future);
        }
    }

    private ConnectException closedError() {
        return new ConnectException("The offset reader of connector '" + connector + "' is closed: the task was "
                + "asked to stop and took longer than task.shutdown.graceful.timeout.ms to do so");
    }
}

package dev.ferry.runtime.storage;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The offsets of a source connector that has its own offsets topic ({@code offsets.storage.topic}),
 * seen together with the worker's offsets store as Apache sees them: a read asks both and the
 * connector's own store wins for a key both hold, so offsets written before the connector got its
 * own topic are still found; a write goes to the connector's store first and, once that succeeded,
 * to the worker's too, so tools that read only the worker's topic keep up.
 *
 * <p>Owns the connector's store (started and closed here); borrows the worker's, which is already
 * started and is never closed here.
 *
 * <p>Thread contract: safe for concurrent use, as both stores are.
 */
public final class ConnectorOffsetStore implements OffsetBackingStore {
    private final OffsetBackingStore worker;
    private final OffsetBackingStore connector;
    private final String topic;

    /**
     * @param worker    the worker's offsets store, borrowed
     * @param connector the connector's own store, owned
     * @param topic     the connector's offsets topic, for messages
     */
    public ConnectorOffsetStore(OffsetBackingStore worker, OffsetBackingStore connector, String topic) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    /** Starts (creates if missing, then reads) the connector's own store. */
    @Override
    public void start() {
        connector.start();
    }

    @Override
    public CompletableFuture<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
        CompletableFuture<Map<ByteBuffer, ByteBuffer>> fromWorker = worker.get(keys);
        CompletableFuture<Map<ByteBuffer, ByteBuffer>> fromConnector = connector.get(keys);
        return fromWorker.thenCombine(fromConnector, (workerValues, connectorValues) -> {
            Map<ByteBuffer, ByteBuffer> merged = new HashMap<>(workerValues);
            merged.putAll(connectorValues);
            return merged;
        });
    }

    @Override
    public CompletableFuture<Void> set(Map<ByteBuffer, ByteBuffer> values) {
        return connector.set(values).thenCompose(ignored -> worker.set(values));
    }

    @Override
    public Map<ByteBuffer, ByteBuffer> snapshot() {
        Map<ByteBuffer, ByteBuffer> merged = new HashMap<>(worker.snapshot());
        merged.putAll(connector.snapshot());
        return merged;
    }

    @Override
    public CompletableFuture<Map<ByteBuffer, ByteBuffer>> readAll() {
        return worker.readAll().thenCombine(connector.readAll(), (workerValues, connectorValues) -> {
            Map<ByteBuffer, ByteBuffer> merged = new HashMap<>(workerValues);
            merged.putAll(connectorValues);
            return merged;
        });
    }

    /** The worker's store, which committed offsets are copied to. */
    public OffsetBackingStore worker() {
        return worker;
    }

    /** The connector's offsets topic. */
    public String topic() {
        return topic;
    }

    /** Closes the connector's own store only. */
    @Override
    public void close() {
        connector.close();
    }
}

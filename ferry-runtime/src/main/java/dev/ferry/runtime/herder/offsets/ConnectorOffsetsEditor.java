package dev.ferry.runtime.herder.offsets;

import dev.ferry.runtime.model.ConnectorOffsets;
import dev.ferry.runtime.model.InvalidRequestException;
import dev.ferry.runtime.model.OffsetsChange;
import dev.ferry.runtime.plugins.LoaderSwap;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.config.SourceConnectorConfig;
import dev.ferry.runtime.storage.ConnectorOffsetStore;
import dev.ferry.runtime.storage.OffsetBackingStore;
import dev.ferry.runtime.storage.OffsetCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Reads, alters and resets a connector's offsets for the offsets REST API (KIP-875).
 *
 * <p>Source connectors' offsets live in the source offset store under Apache's keys; sink
 * connectors' offsets are the committed offsets of their consumer group ({@code connect-<name>}
 * unless {@code consumer.override.group.id} says otherwise). Before framework offsets change, the
 * connector's own {@code alterOffsets} is called so it can update offsets it keeps elsewhere; its
 * answer tells the user whether anything outside Kafka still needs a manual change.
 *
 * <p>Thread contract: callers ensure the connector is STOPPED (no task is writing offsets) and
 * do not call concurrently for the same connector.
 */
public final class ConnectorOffsetsEditor {
    static final String KAFKA_TOPIC = "kafka_topic";
    static final String KAFKA_PARTITION = "kafka_partition";
    static final String KAFKA_OFFSET = "kafka_offset";
    private static final long ADMIN_TIMEOUT_MS = 30_000;

    private final OffsetBackingStore sourceOffsets;
    private final Supplier<Admin> admin;
    private final Plugins plugins;
    private final OwnOffsetsTopics ownTopics;

    /** An editor for a worker whose source connectors keep their offsets in the worker's store only (standalone). */
    public ConnectorOffsetsEditor(OffsetBackingStore sourceOffsets, Supplier<Admin> admin, Plugins plugins) {
        this(sourceOffsets, admin, plugins, null);
    }

    /**
     * @param ownTopics opens the store of a source connector's own {@code offsets.storage.topic}
     *                  (distributed mode), or null when connectors cannot have one
     */
    public ConnectorOffsetsEditor(OffsetBackingStore sourceOffsets, Supplier<Admin> admin, Plugins plugins,
                                  OwnOffsetsTopics ownTopics) {
        this.sourceOffsets = sourceOffsets;
        this.admin = admin;
        this.plugins = plugins;
        this.ownTopics = ownTopics;
    }

    /**
     * Opens the store over a source connector's own offsets topic; the editor starts and closes it.
     * Apache's offsets API reads and writes that topic together with the worker's, as the
     * connector's tasks do.
     */
    @FunctionalInterface
    public interface OwnOffsetsTopics {
        /** The store over {@code topic}, or null when it is the worker's own offsets topic. */
        OffsetBackingStore open(String connector, String topic);
    }

    /** The connector's current offsets. */
    public ConnectorOffsets read(String connector, Map<String, String> config, boolean sink) {
        return sink ? readSink(config, connector) : readSource(connector, config);
    }

    /** Applies {@code offsets}; entries with a null offset are removed. */
    public OffsetsChange alter(String connector, Map<String, String> resolvedConfig, boolean sink, ConnectorOffsets offsets) {
        if (offsets == null || offsets.offsets() == null || offsets.offsets().isEmpty()) {
            throw new InvalidRequestException("Partitions / offsets need to be provided for an alter offsets request");
        }
        if (sink) {
            return alterSink(connector, resolvedConfig, SinkOffsets.parse(offsets));
        }
        try (SourceOffsets store = sourceStore(connector, resolvedConfig)) {
            return alterSource(connector, resolvedConfig, store.store(), offsets.offsets());
        }
    }

    /** Removes every offset of the connector. */
    public OffsetsChange reset(String connector, Map<String, String> resolvedConfig, boolean sink) {
        if (sink) {
            Map<TopicPartition, Long> all = new HashMap<>();
            committedGroupOffsets(resolvedConfig, connector).keySet().forEach(tp -> all.put(tp, null));
            boolean acknowledged = withConnector(resolvedConfig, c -> ((SinkConnector) c).alterOffsets(resolvedConfig, all));
            deleteGroup(groupId(resolvedConfig, connector));
            return new OffsetsChange(acknowledged);
        }
        try (SourceOffsets store = sourceStore(connector, resolvedConfig)) {
            List<ConnectorOffsets.Entry> all = new ArrayList<>();
            readSource(connector, store.store()).offsets().forEach(e -> all.add(new ConnectorOffsets.Entry(e.partition(), null)));
            return alterSource(connector, resolvedConfig, store.store(), all);
        }
    }

    private ConnectorOffsets readSource(String connector, Map<String, String> config) {
        try (SourceOffsets store = sourceStore(connector, config)) {
            return readSource(connector, store.store());
        }
    }

    /** The worker's store, or the connector's own topic's store seen together with it. */
    private SourceOffsets sourceStore(String connector, Map<String, String> config) {
        String topic = config.get(SourceConnectorConfig.OFFSETS_TOPIC_CONFIG);
        OffsetBackingStore own = ownTopics == null || topic == null || topic.isBlank() ? null
                : ownTopics.open(connector, topic.trim());
        if (own == null) {
            return new SourceOffsets(sourceOffsets, false);
        }
        ConnectorOffsetStore combined = new ConnectorOffsetStore(sourceOffsets, own, topic.trim());
        try {
            combined.start();
        } catch (RuntimeException e) {
            combined.close();
            throw new ConnectException("Could not read the offsets topic '" + topic.trim() + "' of connector '"
                    + connector + "' (its offsets.storage.topic): " + e.getMessage(), e);
        }
        return new SourceOffsets(combined, true);
    }

    /** A source offsets store for one request, closed afterwards when the editor opened it. */
    private record SourceOffsets(OffsetBackingStore store, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                store.close();
            }
        }
    }

    private ConnectorOffsets readSource(String connector, OffsetBackingStore sourceOffsets) {
        List<ConnectorOffsets.Entry> entries = new ArrayList<>();
        // Read to the end first, as Apache does: a snapshot could miss an alter or reset just acknowledged,
        // so a read would show the old offsets and a reset would leave the just-altered ones in place.
        await(sourceOffsets.readAll(), "read the source offsets").forEach((key, value) -> {
            OffsetCodec.Key decoded = OffsetCodec.decodeKey(key);
            if (decoded != null && decoded.connector().equals(connector) && value != null) {
                entries.add(new ConnectorOffsets.Entry(decoded.partition(), OffsetCodec.decodeValue(value)));
            }
        });
        return new ConnectorOffsets(entries);
    }

    private OffsetsChange alterSource(String connector, Map<String, String> config, OffsetBackingStore sourceOffsets,
                                      List<ConnectorOffsets.Entry> entries) {
        Map<Map<String, ?>, Map<String, ?>> offsets = new LinkedHashMap<>();
        Map<ByteBuffer, ByteBuffer> writes = new LinkedHashMap<>();
        for (ConnectorOffsets.Entry e : entries) {
            if (e.partition() == null) {
                throw new InvalidRequestException("Every entry of an alter offsets request needs a 'partition'; "
                        + "one was missing or null.");
            }
            ByteBuffer key;
            ByteBuffer value;
            try {
                key = OffsetCodec.key(connector, e.partition());
                value = OffsetCodec.value(e.offset());
            } catch (org.apache.kafka.connect.errors.DataException ex) {
                throw new InvalidRequestException(ex.getMessage(), ex);
            }
            writes.put(key, value);
            // The connector sees the offsets as a task would read them back (integers as Long),
            // exactly as Apache normalizes REST input through its JSON converter.
            offsets.put(OffsetCodec.decodeKey(key).partition(), OffsetCodec.decodeValue(value));
        }
        boolean acknowledged = withConnector(config, c -> ((SourceConnector) c).alterOffsets(config, offsets));
        await(sourceOffsets.set(writes), "write the source offsets");
        return new OffsetsChange(acknowledged);
    }

    private ConnectorOffsets readSink(Map<String, String> config, String connector) {
        List<ConnectorOffsets.Entry> entries = new ArrayList<>();
        committedGroupOffsets(config, connector).entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<TopicPartition, OffsetAndMetadata> e) -> e.getKey().topic())
                        .thenComparingInt(e -> e.getKey().partition()))
                .forEach(e -> {
                    Map<String, Object> partition = new LinkedHashMap<>();
                    partition.put(KAFKA_TOPIC, e.getKey().topic());
                    partition.put(KAFKA_PARTITION, e.getKey().partition());
                    entries.add(new ConnectorOffsets.Entry(partition, Map.of(KAFKA_OFFSET, e.getValue().offset())));
                });
        return new ConnectorOffsets(entries);
    }

    private OffsetsChange alterSink(String connector, Map<String, String> config, Map<TopicPartition, Long> offsets) {
        boolean acknowledged = withConnector(config, c -> ((SinkConnector) c).alterOffsets(config, offsets));
        String group = groupId(config, connector);
        Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
        Set<TopicPartition> toDelete = new java.util.HashSet<>();
        offsets.forEach((tp, off) -> {
            if (off == null) {
                toDelete.add(tp);
            } else {
                toCommit.put(tp, new OffsetAndMetadata(off));
            }
        });
        Admin client = admin.get();
        if (!toCommit.isEmpty()) {
            await(client.alterConsumerGroupOffsets(group, toCommit).all(), "alter the offsets of consumer group " + group);
        }
        if (!toDelete.isEmpty()) {
            try {
                await(client.deleteConsumerGroupOffsets(group, toDelete).all(), "delete offsets of consumer group " + group);
            } catch (ConnectException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw e;
                }
            }
        }
        return new OffsetsChange(acknowledged);
    }

    private Map<TopicPartition, OffsetAndMetadata> committedGroupOffsets(Map<String, String> config, String connector) {
        String group = groupId(config, connector);
        Map<TopicPartition, OffsetAndMetadata> result = await(
                admin.get().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                "read the offsets of consumer group " + group);
        Map<TopicPartition, OffsetAndMetadata> nonNull = new HashMap<>();
        result.forEach((tp, om) -> {
            if (om != null) {
                nonNull.put(tp, om);
            }
        });
        return nonNull;
    }

    private void deleteGroup(String group) {
        try {
            await(admin.get().deleteConsumerGroups(List.of(group)).all(), "delete consumer group " + group);
        } catch (ConnectException e) {
            if (e.getCause() instanceof GroupNotEmptyException) {
                throw new InvalidRequestException("Consumer group " + group + " still has active members; stop "
                        + "every consumer in it before resetting the connector's offsets.");
            }
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
    }

    static String groupId(Map<String, String> config, String connector) {
        String override = config.get("consumer.override.group.id");
        return override != null ? override : "connect-" + connector;
    }

    private interface ConnectorCall {
        boolean apply(Connector connector);
    }

    private boolean withConnector(Map<String, String> config, ConnectorCall call) {
        Connector connector = plugins.newConnector(config.get("connector.class"), config.get("connector.plugin.version"));
        try (LoaderSwap ignored = Plugins.swapLoader(plugins.loaderOf(connector.getClass()))) {
            return call.apply(connector);
        } catch (UnsupportedOperationException e) {
            throw new ConnectException("Failed to modify offsets for connector " + config.get("name")
                    + " because it doesn't support external modification of offsets", e);
        }
    }

    /** Waits for an admin or store operation; failures become errors that say what was being done. */
    private static <T> T await(Future<T> future, String what) {
        try {
            return future.get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ConnectException("Could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ConnectException("Timed out after " + ADMIN_TIMEOUT_MS + " ms trying to " + what
                    + "; check that the Kafka cluster is reachable.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while trying to " + what, e);
        }
    }
}

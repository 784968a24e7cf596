package dev.ferry.runtime.storage.kafka;

import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.Sentences;
import dev.ferry.runtime.model.SessionKey;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.storage.ClusterConfigState;
import dev.ferry.runtime.storage.ConfigStore;
import dev.ferry.runtime.storage.ConfigUpdateListener;
import java.time.Duration;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configs of a distributed cluster, in the single-partition topic named by
 * {@code config.storage.topic}: connector configs, task configs and their commits, target states,
 * the session key, restart requests and cluster log levels (record shapes in {@link ConfigRecords},
 * reading rules in {@link ConfigTopicState}). The topic is the cluster's source of truth; every
 * worker reads all of it and compares {@link ClusterConfigState#offset()}s to know it is up to date.
 *
 * <p>Writes block until the broker acknowledged them, and most then read the topic to its end, so
 * {@link #snapshot()} includes the write when they return (as Apache does; target states and log
 * levels are only acknowledged). Creating a connector with an initial state writes the
 * target-state record before the connector record, so no worker ever starts it in the wrong state.
 * Task configs are written, then their commit record, which is what makes them take effect.
 *
 * <p>With {@code exactly.once.source.support} {@code preparing} or {@code enabled} (KIP-618), the
 * leader's writes (connector configs and deletions, task configs and commits, session keys,
 * restart requests, task-count records) go through a transactional producer whose id every worker
 * shares ({@link FencableConfigWriter}), so a deposed leader cannot write after the new one
 * {@linkplain #claimWritePrivileges() claimed} it; each such write is one transaction. Target
 * states and log levels, which any worker writes, keep the plain producer, as in Apache. With
 * {@code enabled}, the topic is read {@code read_committed}.
 *
 * <p>Thread contract: safe for concurrent use. {@link ConfigUpdateListener} calls come from the
 * reader thread, and writes wait for that thread, so a listener must never call back into the
 * store synchronously. The admin client is borrowed, not closed.
 */
public final class KafkaConfigStore implements ConfigStore {
    private static final Logger log = LoggerFactory.getLogger(KafkaConfigStore.class);

    /** How long one write may take from sending to (where it waits for that) reading it back, as Apache's. */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final DistributedConfig config;
    private final String clientId;
    private final Admin admin;
    private final ConfigTopicState state = new ConfigTopicState();
    private volatile Duration writeTimeout = WRITE_TIMEOUT;

    /** Set by {@link #start}, before the reader thread exists. */
    private volatile ConfigUpdateListener listener;
    private volatile boolean caughtUp;
    private volatile TopicLog topicLog;
    /** The leader's transactional writer, or null when exactly-once source support is disabled. */
    private volatile FencableConfigWriter leaderWriter;

    private KafkaConfigStore(DistributedConfig config, String clientId, Admin admin) {
        this.config = Objects.requireNonNull(config, "config");
        this.clientId = clientId;
        this.admin = Objects.requireNonNull(admin, "admin");
    }

    /**
     * A store over the worker's config topic; nothing connects before {@link #start}.
     *
     * @param clientIdBase e.g. {@code connect-cluster-}; the clients are named {@code <clientIdBase>configs}
     */
    public static KafkaConfigStore fromConfig(DistributedConfig config, String clientIdBase, Admin admin) {
        return new KafkaConfigStore(config, clientIdBase + "configs", admin);
    }

    /**
     * Sets how long one write may take before it fails as timed out (30 s, Apache's figure, unless
     * set); tests of broker outages shorten it so that a write fails while the broker is away.
     */
    public KafkaConfigStore withWriteTimeout(Duration timeout) {
        this.writeTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * Creates or checks the topic and reads all of it; afterwards {@code listener} hears of new
     * records. May be called again after it failed (Kafka unreachable), with the same listener.
     *
     * @throws org.apache.kafka.common.config.ConfigException if the topic is not compacted or has
     *                                                        more than one partition
     */
    @Override
    public void start(ConfigUpdateListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        TopicSpec spec = TopicSpec.configTopic(config);
        InternalTopics.ensure(admin, spec);
        String clusterId = InternalClientConfigs.clusterId(admin);
        Map<String, Object> producer = InternalClientConfigs.producer(config, clientId, clusterId);
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE));
        Map<String, Object> consumer = InternalClientConfigs.consumer(config, clientId, clusterId, true);
        TopicLog started = new TopicLog(spec.topic(), producer, consumer, this::apply);
        started.start(() -> caughtUp = true);
        if (started.partitionCount() > 1) {
            started.stop();
            throw InternalTopics.multiplePartitions(spec, started.partitionCount());
        }
        topicLog = started;
        if (config.transactionalLeaderEnabled() && leaderWriter == null) {
            leaderWriter = new FencableConfigWriter(spec.topic(), config.groupId(), producer);
        }
        log.info("Read the config topic '{}' up to offset {}", spec.topic(), state.snapshot().offset());
    }

    @Override
    public void close() {
        FencableConfigWriter writer = leaderWriter;
        if (writer != null) {
            writer.close();
        }
        TopicLog current = topicLog;
        if (current != null) {
            current.stop();
        }
    }

    /** What the topic said as of the last record read. */
    @Override
    public ClusterConfigState snapshot() {
        return state.snapshot();
    }

    /**
     * Reads the topic to its current end, so the next {@link #snapshot()} includes everything
     * written before this call.
     *
     * @throws TimeoutException if that takes longer than {@code timeout}
     */
    @Override
    public void refresh(Duration timeout) throws TimeoutException {
        try {
            running().readToEnd().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ConnectException("Could not read the config topic '" + config.configTopic() + "' to its end: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while reading the config topic '" + config.configTopic() + "'", e);
        }
    }

    /**
     * Writes a connector's config, preceded by its target state when {@code initialState} is not
     * null (a connector created paused or stopped), and reads them back.
     */
    @Override
    public void putConnectorConfig(String connector, Map<String, String> connectorConfig, TargetState initialState) {
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        if (initialState != null) {
            records.add(record(ConfigRecords.targetStateKey(connector), ConfigRecords.targetState(initialState)));
        }
        records.add(record(ConfigRecords.connectorKey(connector), ConfigRecords.properties(connectorConfig)));
        writeAsLeader("the config of connector '" + connector + "'", records);
    }

    /** Deletes a connector: tombstones for its config and its target state. */
    @Override
    public void removeConnectorConfig(String connector) {
        writeAsLeader("the deletion of connector '" + connector + "'", List.of(
                record(ConfigRecords.connectorKey(connector), null),
                record(ConfigRecords.targetStateKey(connector), null)));
    }

    /**
     * Writes the connector's task configs ({@code task-<c>-<i>}), then the commit record that
     * applies them ({@code commit-<c>}, also for zero tasks, which is how a connector is stopped).
     */
    @Override
    public void putTaskConfigs(String connector, List<Map<String, String>> taskConfigs) {
        String what = "the " + taskConfigs.size() + " task configs of connector '" + connector + "'";
        long deadline = System.nanoTime() + writeTimeout.toNanos();
        readToEnd(what, deadline); // anything still unread could be a commit this one must follow
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < taskConfigs.size(); i++) {
            records.add(record(ConfigRecords.taskKey(new ConnectorTaskId(connector, i)),
                    ConfigRecords.properties(taskConfigs.get(i))));
        }
        sendAsLeader(what, records, deadline);
        sendAsLeader(what, List.of(record(ConfigRecords.commitKey(connector), ConfigRecords.commit(taskConfigs.size()))),
                deadline);
        readToEnd(what, deadline);
    }

    /** Writes a connector's target state; STOPPED also says PAUSED for workers that predate it. */
    @Override
    public void putTargetState(String connector, TargetState targetState) {
        write("the target state " + targetState + " of connector '" + connector + "'",
                List.of(record(ConfigRecords.targetStateKey(connector), ConfigRecords.targetState(targetState))), false);
    }

    /** Writes a new session key (the leader does, on rotation). */
    @Override
    public void putSessionKey(SessionKey sessionKey) {
        writeAsLeader("the session key", List.of(record(ConfigRecords.SESSION_KEY, ConfigRecords.sessionKey(sessionKey))));
    }

    /** Writes a pending restart request for the leader to carry out. */
    @Override
    public void putRestartRequest(RestartRequest request) {
        writeAsLeader("the restart request of connector '" + request.connector() + "'", List.of(
                record(ConfigRecords.restartKey(request.connector()), ConfigRecords.restartRequest(request))));
    }

    /**
     * Writes a KIP-618 task-count record ({@code tasks-fencing-<c>}): the producers of the
     * connector's previous tasks are fenced and {@code taskCount} new ones may start. Reads it back.
     */
    @Override
    public void putTaskCountRecord(String connector, int taskCount) {
        writeAsLeader("the task count " + taskCount + " of connector '" + connector + "'",
                List.of(record(ConfigRecords.taskCountKey(connector), ConfigRecords.taskCount(taskCount))));
    }

    /**
     * With exactly-once source support preparing or enabled, initializes the leader's
     * transactional writer now, fencing out the writer of any previous leader; otherwise does
     * nothing. A write after a failed claim tries again.
     */
    @Override
    public void claimWritePrivileges() {
        FencableConfigWriter writer = leaderWriter;
        if (writer != null) {
            writer.claim();
        }
    }

    /** Writes a cluster-wide log level for a logger namespace (KIP-976). */
    @Override
    public void putLoggerLevel(String namespace, String level) {
        write("the cluster log level of '" + namespace + "'",
                List.of(record(ConfigRecords.loggerKey(namespace), ConfigRecords.loggerLevel(level))), false);
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            log.error("Skipping a config topic record without key at offset {}", record.offset());
            return;
        }
        Consumer<ConfigUpdateListener> event = state.apply(InternalJson.utf8(record.key()), record.value(), record.offset());
        if (event != null && caughtUp) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                log.error("The config update listener failed on the record '{}'", InternalJson.utf8(record.key()), e);
            }
        }
    }

    /** The settings of the leader's transactional producer, or an empty map when there is none. */
    Map<String, Object> leaderWriterConfig() {
        FencableConfigWriter writer = leaderWriter;
        return writer == null ? Map.of() : writer.producerConfig();
    }

    /** A write only the leader makes: sent (transactionally when so configured), then read back. */
    private void writeAsLeader(String what, List<Map.Entry<String, byte[]>> records) {
        long deadline = System.nanoTime() + writeTimeout.toNanos();
        sendAsLeader(what, records, deadline);
        readToEnd(what, deadline);
    }

    private void sendAsLeader(String what, List<Map.Entry<String, byte[]>> records, long deadline) {
        FencableConfigWriter writer = leaderWriter;
        if (writer == null) {
            send(what, records, deadline);
            return;
        }
        running();
        try {
            writer.write(records);
        } catch (RuntimeException e) {
            throw failed(what, e);
        }
    }

    private void write(String what, List<Map.Entry<String, byte[]>> records, boolean readBack) {
        long deadline = System.nanoTime() + writeTimeout.toNanos();
        send(what, records, deadline);
        if (readBack) {
            readToEnd(what, deadline);
        }
    }

    /** Sends the records in order and waits until all are acknowledged. */
    private void send(String what, List<Map.Entry<String, byte[]>> records, long deadline) {
        TopicLog out = running();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try {
            for (Map.Entry<String, byte[]> record : records) {
                acks.add(out.send(InternalJson.utf8(record.getKey()), record.getValue()));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(remainingMs(deadline), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            throw failed(what, e.getCause());
        } catch (TimeoutException e) {
            throw timedOut(what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(what, e);
        } catch (RuntimeException e) {
            throw failed(what, e);
        }
    }

    private void readToEnd(String what, long deadline) {
        try {
            running().readToEnd().get(remainingMs(deadline), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failed(what, e.getCause());
        } catch (TimeoutException e) {
            throw timedOut(what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(what, e);
        }
    }

    private ConnectException failed(String what, Throwable cause) {
        return new ConnectException("Could not write " + what + " to the config topic '" + config.configTopic() + "': "
                + Sentences.end(cause.getMessage()) + " Check that the Kafka cluster is reachable and that the worker may write to "
                + "that topic.", cause);
    }

    private ConnectException timedOut(String what) {
        return new ConnectException("Writing " + what + " to the config topic '" + config.configTopic() + "' took longer "
                + "than " + writeTimeout.toSeconds() + " s, so it may or may not have happened. Check that the Kafka "
                + "cluster is reachable and that the worker may write to that topic, then look at the connector again.");
    }

    private TopicLog running() {
        TopicLog current = topicLog;
        if (current == null) {
            throw new IllegalStateException("The config store is not started; call start(listener) first");
        }
        return current;
    }

    private static long remainingMs(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static Map.Entry<String, byte[]> record(String key, byte[] value) {
        return new SimpleImmutableEntry<>(key, value);
    }
}

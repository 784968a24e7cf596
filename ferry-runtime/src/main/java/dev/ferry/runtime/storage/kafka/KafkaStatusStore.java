package dev.ferry.runtime.storage.kafka;

import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.InstanceStatus;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.storage.StatusStore;
import dev.ferry.runtime.storage.kafka.StatusRecords.ActiveTopic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Statuses of a distributed cluster's connectors and tasks, and the topics each connector used
 * (KIP-558), in the topic named by {@code status.storage.topic}; record shapes in
 * {@link StatusRecords}. Every worker reads the whole topic, so any worker can answer a status
 * request for any connector.
 *
 * <p>Writes are asynchronous: a put returns at once, and a write that fails with a retriable error
 * is sent again on a background thread until it succeeds, unless this worker has written the same
 * key again meanwhile. Status is eventually consistent across workers; on the writing worker it is
 * visible at once (see {@link StatusCell} for how local writes and records read back combine).
 * The safe puts skip a write when another worker reported the instance in a newer generation, so
 * a late UNASSIGNED or FAILED from a worker that lost the instance cannot hide its new owner's report.
 *
 * <p>Thread contract: safe for concurrent use; task, connector and herder threads write, REST
 * threads read. The admin client is borrowed, not closed.
 */
public final class KafkaStatusStore implements StatusStore, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaStatusStore.class);

    /** Pause before sending again a status write that failed with a retriable error. */
    private static final long RETRY_BACKOFF_MS = 100;
    /**
     * The longest a status write may block its caller (often the herder thread) while the producer has no
     * metadata, e.g. during a broker outage; the default 60 s froze the herder, and with it /health/live.
     * A write that times out is retried by this store, off the caller's thread.
     */
    private static final String SEND_MAX_BLOCK_MS = "1000";

    private final DistributedConfig config;
    private final String clientId;
    private final Admin admin;
    private final Time time;

    private final ConcurrentMap<String, StatusCell> connectors = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<ConnectorTaskId, StatusCell> tasks = new ConcurrentSkipListMap<>();
    private final ConcurrentMap<String, ConcurrentMap<String, ActiveTopic>> topics = new ConcurrentHashMap<>();
    /** Grown by the cells whenever what one shows changes. */
    private final AtomicLong version = new AtomicLong();

    private volatile TopicLog topicLog;
    private volatile ScheduledExecutorService retries;

    KafkaStatusStore(DistributedConfig config, String clientId, Admin admin, Time time) {
        this.config = Objects.requireNonNull(config, "config");
        this.clientId = clientId;
        this.admin = Objects.requireNonNull(admin, "admin");
        this.time = Objects.requireNonNull(time, "time");
    }

    /**
     * A store over the worker's status topic; nothing connects before {@link #start()}.
     *
     * @param clientIdBase e.g. {@code connect-cluster-}; the clients are named {@code <clientIdBase>statuses}
     */
    public static KafkaStatusStore fromConfig(DistributedConfig config, String clientIdBase, Admin admin) {
        return new KafkaStatusStore(config, clientIdBase + "statuses", admin, Time.SYSTEM);
    }

    /** Creates or checks the topic, then reads all of it. */
    public void start() {
        InternalTopics.ensure(admin, TopicSpec.statusTopic(config));
        String clusterId = InternalClientConfigs.clusterId(admin);
        Map<String, Object> producer = InternalClientConfigs.producer(config, clientId, clusterId);
        // This store retries itself, so that a retry can be dropped once a newer status replaced it.
        producer.put(ProducerConfig.RETRIES_CONFIG, "0");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, SEND_MAX_BLOCK_MS);
        Map<String, Object> consumer = InternalClientConfigs.consumer(config, clientId, clusterId, false);
        TopicLog started = new TopicLog(config.statusTopic(), producer, consumer, this::apply);
        started.start();
        // The retry thread starts at the first failed write, often of a task's status on that task's thread: it joins
        // this thread's group, not the task's, where it would count as a thread the task leaked.
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(group, runnable, "ferry-status-retry-" + config.statusTopic());
            thread.setDaemon(true);
            return thread;
        });
        topicLog = started;
    }

    @Override
    public void close() {
        TopicLog current = topicLog;
        if (current != null) {
            current.stop();
        }
        ScheduledExecutorService executor = retries;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public void putConnector(String connector, InstanceStatus status) {
        putConnector(connector, status, false);
    }

    @Override
    public void putConnectorSafe(String connector, InstanceStatus status) {
        putConnector(connector, status, true);
    }

    @Override
    public void putTask(ConnectorTaskId task, InstanceStatus status) {
        write(StatusRecords.taskKey(task), tasks.computeIfAbsent(task, k -> new StatusCell(version)), status, false);
    }

    @Override
    public void putTaskSafe(ConnectorTaskId task, InstanceStatus status) {
        write(StatusRecords.taskKey(task), tasks.computeIfAbsent(task, k -> new StatusCell(version)), status, true);
    }

    @Override
    public Optional<InstanceStatus> connector(String connector) {
        StatusCell cell = connectors.get(connector);
        return Optional.ofNullable(cell == null ? null : cell.shown());
    }

    @Override
    public Optional<InstanceStatus> task(ConnectorTaskId task) {
        StatusCell cell = tasks.get(task);
        return Optional.ofNullable(cell == null ? null : cell.shown());
    }

    @Override
    public List<Map.Entry<ConnectorTaskId, InstanceStatus>> tasks(String connector) {
        List<Map.Entry<ConnectorTaskId, InstanceStatus>> result = new ArrayList<>();
        tasksOf(connector).forEach((id, cell) -> {
            InstanceStatus status = cell.shown();
            if (status != null) {
                result.add(Map.entry(id, status));
            }
        });
        return Collections.unmodifiableList(result);
    }

    /** Writes a tombstone for the task's status. */
    @Override
    public void removeTask(ConnectorTaskId task) {
        write(StatusRecords.taskKey(task), tasks.computeIfAbsent(task, k -> new StatusCell(version)), null, false);
    }

    /** Writes tombstones for the connector's status and the status of each of its tasks known here. */
    @Override
    public void removeConnector(String connector) {
        write(StatusRecords.connectorKey(connector),
                connectors.computeIfAbsent(connector, k -> new StatusCell(version)), null, false);
        tasksOf(connector).forEach((id, cell) -> write(StatusRecords.taskKey(id), cell, null, false));
    }

    @Override
    public long version() {
        return version.get();
    }

    /** The connectors that have a status, sorted. */
    public Set<String> connectors() {
        Set<String> names = new TreeSet<>();
        connectors.forEach((name, cell) -> {
            if (cell.shown() != null) {
                names.add(name);
            }
        });
        return Collections.unmodifiableSet(names);
    }

    /**
     * Records that a task of the connector used the topic (KIP-558). Only the first use of a topic
     * by a connector is written; later ones, from any worker, are already known.
     */
    public void putTopic(String connector, ConnectorTaskId task, String topic) {
        ActiveTopic entry = new ActiveTopic(topic, connector, task.task(), time.milliseconds());
        if (topics.computeIfAbsent(connector, k -> new ConcurrentHashMap<>()).putIfAbsent(topic, entry) == null) {
            sendTopic(StatusRecords.topicKey(topic, connector), StatusRecords.activeTopic(entry));
        }
    }

    /** {@link #putTopic(String, ConnectorTaskId, String)} for the task's own connector. */
    public void putTopic(ConnectorTaskId task, String topic) {
        putTopic(task.connector(), task, topic);
    }

    /** The topics the connector used since they were last reset, sorted. */
    public Set<String> topics(String connector) {
        Map<String, ActiveTopic> active = topics.get(connector);
        return active == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(active.keySet()));
    }

    /** Forgets the connector's topics, writing a tombstone for each. */
    public void resetTopics(String connector) {
        Map<String, ActiveTopic> active = topics.remove(connector);
        if (active != null) {
            active.keySet().forEach(topic -> sendTopic(StatusRecords.topicKey(topic, connector), null));
        }
    }

    /** Blocks until every write so far is acknowledged or failed. */
    public void flush() {
        running().flush();
    }

    private void putConnector(String connector, InstanceStatus status, boolean safe) {
        write(StatusRecords.connectorKey(connector),
                connectors.computeIfAbsent(connector, k -> new StatusCell(version)), status, safe);
        if (status != null && status.state() == State.DESTROYED) {
            tasksOf(connector).values().forEach(StatusCell::forget);
        }
    }

    private void write(String key, StatusCell cell, InstanceStatus status, boolean safe) {
        TopicLog out = running();
        InstanceStatus stored = status == null || status.state() == State.DESTROYED ? null : status;
        int sequence = cell.write(stored, safe);
        if (sequence == 0) {
            log.debug("Not writing {} for {}: another worker reported it in a newer generation",
                    status, key);
            return;
        }
        send(out, InternalJson.utf8(key), stored == null ? null : StatusRecords.status(stored), cell, sequence);
    }

    private void send(TopicLog out, byte[] key, byte[] value, StatusCell cell, int sequence) {
        Callback callback = (metadata, error) -> {
            if (error == null) {
                cell.acknowledged(metadata.offset());
            } else if (error instanceof RetriableException && cell.isLatest(sequence)) {
                retry(() -> send(out, key, value, cell, sequence), cell::abandoned);
            } else {
                if (!(error instanceof RetriableException)) {
                    log.error("Could not write the status record '{}'", InternalJson.utf8(key), error);
                }
                cell.abandoned();
            }
        };
        try {
            out.send(key, value, callback);
        } catch (RetriableException e) {
            // no metadata within SEND_MAX_BLOCK_MS (Kafka unreachable): try again off this thread
            if (cell.isLatest(sequence)) {
                retry(() -> send(out, key, value, cell, sequence), cell::abandoned);
            } else {
                cell.abandoned();
            }
        } catch (RuntimeException e) {
            log.error("Could not write the status record '{}'", InternalJson.utf8(key), e);
            cell.abandoned();
        }
    }

    private void sendTopic(String key, byte[] value) {
        TopicLog out = running();
        Callback callback = new Callback() {
            @Override
            public void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception error) {
                if (error instanceof RetriableException) {
                    Callback self = this;
                    retry(() -> out.send(InternalJson.utf8(key), value, self), () -> { });
                } else if (error != null) {
                    log.error("Could not write the topic status record '{}'", key, error);
                }
            }
        };
        out.send(InternalJson.utf8(key), value, callback);
    }

    /** Runs {@code resend} after a pause, off the producer's I/O thread (a send may block there); {@code onRejected} if closed. */
    private void retry(Runnable resend, Runnable onRejected) {
        try {
            retries.schedule(() -> {
                try {
                    resend.run();
                } catch (RuntimeException e) {
                    log.warn("Could not send a status record again: {}", e.toString());
                    onRejected.run();
                }
            }, RETRY_BACKOFF_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            onRejected.run();
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            log.warn("Ignoring a record without key at offset {} of the status topic", record.offset());
            return;
        }
        String key = InternalJson.utf8(record.key());
        try {
            if (key.startsWith(StatusRecords.CONNECTOR_PREFIX)) {
                applyConnector(key.substring(StatusRecords.CONNECTOR_PREFIX.length()), record);
            } else if (key.startsWith(StatusRecords.TASK_PREFIX)) {
                applyTask(key, record);
            } else if (key.startsWith(StatusRecords.TOPIC_PREFIX)) {
                applyTopic(key, record);
            } else {
                log.warn("Ignoring the status record with unknown key '{}'", key);
            }
        } catch (Exception e) {
            log.error("Ignoring the status record '{}' at offset {}: {}", key, record.offset(), e.getMessage());
        }
    }

    private void applyConnector(String connector, ConsumerRecord<byte[], byte[]> record) throws Exception {
        if (connector.isEmpty()) {
            log.warn("Ignoring a connector status record without connector name");
            return;
        }
        StatusCell cell = connectors.computeIfAbsent(connector, k -> new StatusCell(version));
        if (record.value() == null) {
            cell.read(null, record.offset(), false);
            tasksOf(connector).values().forEach(StatusCell::forget);
        } else {
            cell.read(StatusRecords.parseStatus(record.value()), record.offset(), false);
        }
    }

    private void applyTask(String key, ConsumerRecord<byte[], byte[]> record) throws Exception {
        ConnectorTaskId id = StatusRecords.parseTaskKey(key);
        if (id == null) {
            log.warn("Ignoring the task status record with malformed key '{}'", key);
            return;
        }
        InstanceStatus status = record.value() == null ? null : StatusRecords.parseStatus(record.value());
        tasks.computeIfAbsent(id, k -> new StatusCell(version)).read(status, record.offset(), true);
    }

    private void applyTopic(String key, ConsumerRecord<byte[], byte[]> record) throws Exception {
        String[] parts = StatusRecords.parseTopicKey(key);
        if (parts == null) {
            log.warn("Ignoring the topic status record with malformed key '{}'", key);
            return;
        }
        String topic = parts[0];
        String connector = parts[1];
        if (record.value() == null) {
            topics.computeIfPresent(connector, (k, active) -> {
                active.remove(topic);
                return active.isEmpty() ? null : active;
            });
        } else {
            ActiveTopic entry = StatusRecords.parseActiveTopic(record.value());
            topics.computeIfAbsent(connector, k -> new ConcurrentHashMap<>()).put(topic, entry);
        }
    }

    private ConcurrentNavigableMap<ConnectorTaskId, StatusCell> tasksOf(String connector) {
        return tasks.subMap(new ConnectorTaskId(connector, Integer.MIN_VALUE), true,
                new ConnectorTaskId(connector, Integer.MAX_VALUE), true);
    }

    private TopicLog running() {
        TopicLog current = topicLog;
        if (current == null) {
            throw new IllegalStateException("The status store is not started; call start() first");
        }
        return current;
    }
}

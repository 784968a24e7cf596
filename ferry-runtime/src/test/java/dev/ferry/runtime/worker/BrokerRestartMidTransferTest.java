package dev.ferry.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.config.StandaloneConfig;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.storage.FileOffsetBackingStore;
import dev.ferry.runtime.storage.OffsetCodec;
import dev.ferry.runtime.worker.fixtures.CountingSourceConnector;
import dev.ferry.runtime.worker.fixtures.CountingSourceTask;
import dev.ferry.runtime.worker.fixtures.LineFileSinkConnector;
import dev.ferry.testkit.KafkaBroker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stops while a source task writes and a sink task reads, and comes back at the same
 * address a few seconds later. Nothing is lost, the tasks stay RUNNING throughout (their clients
 * wait and retry), and repeats stay inside the at-least-once window: the source repeats at most
 * the records it had sent but not yet seen acknowledged (a source task stops polling at 4,096 of
 * them), the sink re-reads at most from the offset it last committed. Uses a broker of its own,
 * since it stops it.
 */
class BrokerRestartMidTransferTest {
    private static final int RECORDS = 20_000;
    /** The most records a source task has sent and not seen acknowledged (SubmittedRecords' pause). */
    private static final int MOST_UNACKNOWLEDGED = 4_096;
    private static final String TOPIC = "restart-mid-transfer";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private KafkaBroker broker;
    private Admin admin;
    private RecordingStatusListener listener;
    private FileOffsetBackingStore offsets;
    private Worker worker;

    @BeforeEach
    void start() {
        broker = KafkaBroker.builder().build().start();
        broker.createTopic(TOPIC, 1);
        admin = Admin.create(broker.adminConfig());
        Plugins plugins = FixturePluginDirectory.plugins();
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.storage.file.filename", dir.resolve("offsets").toString());
        props.put("offset.flush.interval.ms", "200");
        StandaloneConfig config = new StandaloneConfig(props, plugins);
        listener = new RecordingStatusListener();
        offsets = new FileOffsetBackingStore(dir.resolve("offsets"));
        offsets.start();
        worker = new Worker("restart-worker", config, plugins,
                ConfigResolver.fromWorkerConfig(config, ConfigResolver.ProviderFactory.CLASSPATH), offsets,
                broker.clusterId(), listener, Time.SYSTEM);
    }

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.close();
        }
        if (offsets != null) {
            offsets.close();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void brokerStoppedMidTransfer_andRestarted_noRecordIsLost_andRepeatsStayInTheAtLeastOnceWindow() throws Exception {
        Path out = dir.resolve("sink.txt");
        ConnectorTaskId source = startConnectorAndTask(Map.of("name", "counting",
                "connector.class", CountingSourceConnector.class.getName(), "topic", TOPIC,
                "records", Integer.toString(RECORDS), "poll.pause.ms", "2"));
        ConnectorTaskId sink = startConnectorAndTask(Map.of("name", "lines",
                "connector.class", LineFileSinkConnector.class.getName(), "topics", TOPIC, "file", out.toString()));

        Await.until(() -> endOffset() >= RECORDS / 5 && committed("connect-lines") > 0, TIMEOUT,
                () -> "a fifth of the records in the topic and a sink commit");
        long sinkCommittedBeforeOutage = committed("connect-lines");
        broker.stop();
        long writtenBeforeRestart = lines(out).size();
        Thread.sleep(2_000);
        assertThat(writtenBeforeRestart).as("the outage came mid-transfer").isLessThan(RECORDS);
        assertThat(listener.taskFailure(source)).as("the source task during the outage").isNull();
        assertThat(listener.taskFailure(sink)).as("the sink task during the outage").isNull();
        broker.restart();

        List<String> topic = topicValues();
        Set<String> distinct = new HashSet<>(topic);
        assertThat(distinct).as("every record reached the topic").hasSize(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            assertThat(distinct).contains(Integer.toString(i));
        }
        assertThat(topic.size() - RECORDS).as("source repeats: at most what was unacknowledged")
                .isLessThanOrEqualTo(MOST_UNACKNOWLEDGED);
        Await.until(() -> lines(out).size() >= topic.size(), TIMEOUT,
                () -> "the sink to write the topic's " + topic.size() + " records, it wrote " + lines(out).size());
        assertSinkReadEachRecordOnce_exceptFromItsLastCommit(topic, lines(out), sinkCommittedBeforeOutage);
        ByteBuffer key = OffsetCodec.key("counting", CountingSourceTask.PARTITION);
        Await.until(() -> Long.valueOf(RECORDS - 1).equals(storedPosition(key)), TIMEOUT,
                () -> "the last source offset to be flushed, it is " + storedPosition(key));
        assertThat(listener.taskFailure(source)).isNull();
        assertThat(listener.taskFailure(sink)).isNull();
    }

    /**
     * The sink's file is the topic in order, except that after the outage it may have been handed
     * again the records from some offset on: never from before the offset it had committed when the
     * broker stopped.
     */
    private static void assertSinkReadEachRecordOnce_exceptFromItsLastCommit(List<String> topic, List<String> file,
                                                                         long committedBeforeOutage) {
        int repeated = file.size() - topic.size();
        assertThat(repeated).as("records the sink was handed twice").isGreaterThanOrEqualTo(0);
        if (repeated == 0) {
            assertThat(file).isEqualTo(topic);
            return;
        }
        // file = topic[0, k) + topic[k - repeated, end): a rewind by `repeated` records at position k
        int k = 0;
        while (k < topic.size() && topic.get(k).equals(file.get(k))) {
            k++;
        }
        int rewoundTo = k - repeated;
        assertThat(rewoundTo).as("the sink re-read from its last committed offset, not before")
                .isGreaterThanOrEqualTo((int) committedBeforeOutage);
        assertThat(file.subList(k, file.size())).isEqualTo(topic.subList(rewoundTo, topic.size()));
    }

    private ConnectorTaskId startConnectorAndTask(Map<String, String> config) {
        String name = config.get("name");
        worker.startConnector(name, config, TargetState.STARTED);
        listener.awaitConnector(name, State.RUNNING);
        ConnectorTaskId task = new ConnectorTaskId(name, 0);
        worker.startTask(task, config, worker.connectorTaskConfigs(name).get(0), TargetState.STARTED);
        listener.awaitTaskReached(task, State.RUNNING);
        return task;
    }

    private long endOffset() throws Exception {
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
    }

    private long committed(String group) {
        try {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(TOPIC, 0));
            return offset == null ? -1 : offset.offset();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Every value in the topic in offset order, once the source has written all of its records. */
    private List<String> topicValues() {
        List<String> values = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(broker.consumerConfig())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            Await.until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    String value = new String(r.value(), StandardCharsets.UTF_8);
                    values.add(value);
                    distinct.add(value);
                });
                return distinct.size() >= RECORDS && consumer.position(partition) >= endOffsetOf(consumer, partition);
            }, TIMEOUT, () -> RECORDS + " distinct records in the topic, found " + distinct.size());
        }
        return values;
    }

    private static long endOffsetOf(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition) {
        return consumer.endOffsets(List.of(partition)).get(partition);
    }

    private Long storedPosition(ByteBuffer key) {
        ByteBuffer value = offsets.snapshot().get(key);
        Map<String, Object> offset = value == null ? null : OffsetCodec.decodeValue(value);
        return offset == null ? null : ((Number) offset.get("position")).longValue();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}

package dev.ferry.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Kafka findings of a distributed worker, each planted on a real broker: unreachable, and internal topics that
 * are not compacted, have the wrong partitions or replication factor, or cannot be created.
 */
@WithKafka
class InternalTopicsCheckTest {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Doctor.Settings SETTINGS = Doctor.Settings.of(List.of(), Duration.ofSeconds(5));

    private final String prefix = "doctor-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100_000;

    private Map<String, String> worker(String bootstrapServers) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", prefix);
        props.put("config.storage.topic", prefix + "-configs");
        props.put("offset.storage.topic", prefix + "-offsets");
        props.put("status.storage.topic", prefix + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        return props;
    }

    private static Finding only(Report report) {
        assertThat(report.findings()).hasSize(1);
        return report.findings().get(0);
    }

    @Test
    void healthyWorker_withItsTopicsStillAbsent_hasNoFindings(KafkaBroker broker) {
        Report report = Doctor.examine(worker(broker.bootstrapServers()), "w.properties", SETTINGS);

        assertThat(report.findings()).isEmpty();
        assertThat(report.exitCode()).isZero();
        assertThat(report.lines()).anySatisfy(f -> assertThat(f.message()).startsWith("reachable at "
                + broker.bootstrapServers() + ": cluster " + broker.clusterId() + ", 1 broker(s), metadata.version 4."));
        assertThat(report.lines()).filteredOn(f -> f.check().startsWith("config.storage.topic"))
                .singleElement().satisfies(f -> assertThat(f.message())
                        .isEqualTo("absent; the worker creates it at start (1 partition(s), replication factor 1, compacted)"));
        assertThat(report.lines()).filteredOn(f -> f.check().equals("acls")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.OK));
    }

    @Test
    void unreachableBroker_isAnError_andTheTopicChecksAreSkipped() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        Doctor.Settings quick = Doctor.Settings.of(List.of(), Duration.ofSeconds(2));

        Report report = Doctor.examine(worker("127.0.0.1:" + deadPort), "w.properties", quick);

        assertThat(only(report)).satisfies(f -> {
            assertThat(f.check()).isEqualTo("kafka");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).startsWith("Cannot reach Kafka at bootstrap.servers=127.0.0.1:" + deadPort)
                    .contains("Check that the brokers run");
        });
        assertThat(report.lines()).anySatisfy(f -> {
            assertThat(f.check()).isEqualTo("internal topics");
            assertThat(f.severity()).isEqualTo(Severity.SKIPPED);
        });
    }

    @Test
    void configTopicWithDeletion_isAnError(KafkaBroker broker) {
        broker.createTopic(prefix + "-configs", 1, Map.of("cleanup.policy", "delete"));

        Finding finding = only(Doctor.examine(worker(broker.bootstrapServers()), "w.properties", SETTINGS));

        assertThat(finding.check()).isEqualTo("config.storage.topic " + prefix + "-configs");
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.message()).contains("it has cleanup.policy=delete, but the worker refuses")
                .contains("--add-config cleanup.policy=compact");
    }

    @Test
    void configTopicWithTwoPartitions_isAnError(KafkaBroker broker) {
        broker.createTopic(prefix + "-configs", 2, Map.of("cleanup.policy", "compact"));

        Finding finding = only(Doctor.examine(worker(broker.bootstrapServers()), "w.properties", SETTINGS));

        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.message()).contains("it has 2 partitions, but the config topic must have exactly 1");
    }

    @Test
    void offsetsTopicWithOtherPartitionsThanTheWorkerConfig_isAWarning(KafkaBroker broker) {
        broker.createTopic(prefix + "-offsets", 3, Map.of("cleanup.policy", "compact"));

        Finding finding = only(Doctor.examine(worker(broker.bootstrapServers()), "w.properties", SETTINGS));

        assertThat(finding.check()).isEqualTo("offset.storage.topic " + prefix + "-offsets");
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("it has 3 partitions, but offset.storage.partitions=25")
                .contains("Set offset.storage.partitions=3");
    }

    @Test
    void statusTopicWithFewerReplicasThanTheWorkerConfig_isAWarning(KafkaBroker broker) {
        broker.createTopic(prefix + "-status", 5, Map.of("cleanup.policy", "compact"));
        Map<String, String> props = worker(broker.bootstrapServers());
        props.put("status.storage.replication.factor", "3");

        Finding finding = only(Doctor.examine(props, "w.properties", SETTINGS));

        assertThat(finding.check()).isEqualTo("status.storage.topic " + prefix + "-status");
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("it has replication factor 1, but status.storage.replication.factor=3");
    }

    @Test
    void absentTopicWithMoreReplicasThanBrokers_isAnError_asTheWorkerCannotCreateIt(KafkaBroker broker) {
        Map<String, String> props = worker(broker.bootstrapServers());
        props.put("offset.storage.replication.factor", "3");

        Finding finding = only(Doctor.examine(props, "w.properties", SETTINGS));

        assertThat(finding.check()).isEqualTo("offset.storage.topic " + prefix + "-offsets");
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.message()).contains("is absent and the worker cannot create it")
                .contains("Set offset.storage.replication.factor to at most the number of brokers");
    }
}

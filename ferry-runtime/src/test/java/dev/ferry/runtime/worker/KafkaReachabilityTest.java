package dev.ferry.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.metrics.ConnectMetrics;
import dev.ferry.runtime.metrics.KafkaReachabilityMetrics;
import dev.ferry.runtime.storage.kafka.StoreTopicsCheck;
import dev.ferry.testkit.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

/** The worker's one check of Kafka: against a real broker that goes away and comes back, and a dead address. */
class KafkaReachabilityTest {

    @Test
    void brokerStoppedAndRestarted_reachabilityFollows_andTheProblemNamesTheAddress() throws Exception {
        try (KafkaBroker broker = KafkaBroker.builder().build().start();
             Admin admin = Admin.create(adminConfig(broker.bootstrapServers()));
             ConnectMetrics metrics = ConnectMetrics.withDefaults("w1:8083", Time.SYSTEM);
             KafkaReachability kafka = new KafkaReachability(broker.bootstrapServers(), () -> admin,
                     Duration.ofMillis(300), Duration.ofSeconds(1));
             KafkaReachabilityMetrics gauges = new KafkaReachabilityMetrics(metrics, kafka::reachable, kafka::unreachableMs)) {
            assertThat(kafka.clusterIdOrNull()).as("before the first answer").isNull();
            kafka.start();
            Await.until(() -> kafka.clusterIdOrNull() != null, Duration.ofSeconds(10), () -> "a first check");
            assertThat(kafka.clusterIdOrNull()).as("the id the worker's metrics and GET / show").isEqualTo(broker.clusterId());
            assertThat(kafka.reachable()).isTrue();
            assertThat(kafka.problem()).isEmpty();
            assertThat(gauge(metrics, "kafka-reachable")).isEqualTo(1.0);

            broker.stop();
            Await.until(() -> kafka.problem().isPresent(), Duration.ofSeconds(15), () -> "the outage to be reported");
            assertThat(kafka.reachable()).isFalse();
            assertThat(kafka.problem().orElseThrow())
                    .startsWith("Cannot reach Kafka at bootstrap.servers=" + broker.bootstrapServers() + " for ")
                    .contains("Tasks cannot make progress")
                    .doesNotContain("..");
            assertThat(gauge(metrics, "kafka-reachable")).isEqualTo(0.0);
            assertThat(gauge(metrics, "kafka-unreachable-seconds")).isGreaterThanOrEqualTo(1.0);

            broker.restart();
            Await.until(() -> kafka.reachable(), Duration.ofSeconds(30), () -> "the broker to answer again");
            assertThat(kafka.problem()).isEmpty();
            assertThat(kafka.clusterIdOrNull()).isEqualTo(broker.clusterId());
            assertThat(gauge(metrics, "kafka-unreachable-seconds")).isEqualTo(0.0);
        }
    }

    @Test
    void aDeadAddress_isReportedOnlyAfterTheGracePeriod() {
        AtomicLong now = new AtomicLong(1_000_000);
        try (Admin admin = Admin.create(adminConfig("127.0.0.1:1"));
             KafkaReachability kafka = new KafkaReachability("127.0.0.1:1", () -> admin, Duration.ofMillis(300),
                     Duration.ofSeconds(15), now::get)) {
            assertThat(kafka.checkNow()).isFalse();
            assertThat(kafka.reachable()).isFalse();
            assertThat(kafka.clusterIdOrNull()).isNull();
            now.addAndGet(14_000);
            assertThat(kafka.problem()).as("within the grace period").isEmpty();

            now.addAndGet(2_000);
            assertThat(kafka.problem()).hasValueSatisfying(problem -> assertThat(problem)
                    .startsWith("Cannot reach Kafka at bootstrap.servers=127.0.0.1:1 for 16 s: ")
                    .endsWith("check that the brokers run and that bootstrap.servers and the security settings are right."));
            assertThat(kafka.unreachableMs()).isEqualTo(16_000);
        }
    }

    @Test
    void aStoreTopicDeleted_thenCreatedAgain_isReported_whileKafkaAnswers() throws Exception {
        Map<String, String> compacted = Map.of("cleanup.policy", "compact");
        try (KafkaBroker broker = KafkaBroker.builder().build().start();
             Admin admin = Admin.create(adminConfig(broker.bootstrapServers()));
             KafkaReachability kafka = new KafkaReachability(broker.bootstrapServers(), () -> admin,
                     Duration.ofMillis(300), Duration.ofMillis(600)).checkingStores(new StoreTopicsCheck(
                     Map.of("w-configs", "config.storage.topic", "w-status", "status.storage.topic")))) {
            broker.createTopic("w-configs", 1, compacted);
            broker.createTopic("w-status", 1, compacted);
            kafka.start();
            Thread.sleep(1_500); // a few checks: the topics' ids are known
            assertThat(kafka.problem()).as("both topics there").isEmpty();

            admin.deleteTopics(List.of("w-status")).all().get();
            Await.until(() -> kafka.problem().isPresent(), Duration.ofSeconds(15), () -> "the deletion to be reported");
            assertThat(kafka.problem().orElseThrow())
                    .startsWith("The worker's status.storage.topic 'w-status' does not exist any more")
                    .contains("cleanup.policy=compact").doesNotContain("..");
            assertThat(kafka.reachable()).as("Kafka itself answers").isTrue();

            broker.createTopic("w-status", 1, compacted);
            Await.until(() -> kafka.problem().orElse("").contains("was deleted and created again"),
                    Duration.ofSeconds(15), () -> "the new topic to be told from the old, problem: " + kafka.problem());
        }
    }

    private static Map<String, Object> adminConfig(String bootstrapServers) {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
    }

    private static double gauge(ConnectMetrics metrics, String name) {
        MetricName metricName = metrics.registry().metricName(name, "connect-worker-metrics", Map.of());
        return ((Number) metrics.registry().metric(metricName).metricValue()).doubleValue();
    }
}

package dev.ferry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** Brokers built by hand, outside the extension: their own lifecycle and isolation. */
class KafkaBrokerLifecycleTest {

    @Test
    void twoBrokers_runSideBySideOnTheirOwnPortsAndData() throws Exception {
        try (KafkaBroker first = KafkaBroker.builder().build().start();
             KafkaBroker second = KafkaBroker.builder().build().start()) {

            assertThat(first.bootstrapServers()).startsWith("127.0.0.1:").isNotEqualTo(second.bootstrapServers());
            first.createTopic("only-on-first", 1, Map.of());

            try (Admin firstAdmin = Admin.create(first.adminConfig());
                 Admin secondAdmin = Admin.create(second.adminConfig())) {
                assertThat(firstAdmin.describeCluster().clusterId().get()).isEqualTo(first.clusterId());
                assertThat(secondAdmin.describeCluster().clusterId().get()).isEqualTo(second.clusterId())
                        .isNotEqualTo(first.clusterId());
                assertThat(firstAdmin.listTopics().names().get()).contains("only-on-first");
                assertThat(secondAdmin.listTopics().names().get()).doesNotContain("only-on-first");
            }
        }
    }

    @Test
    void brokerProperty_reachesTheServer_andCloseDeletesTheData() throws Exception {
        KafkaBroker broker = KafkaBroker.builder().brokerProperty("log.retention.ms", "777777").build().start();
        Path logDir;
        try (Admin admin = Admin.create(broker.adminConfig())) {
            DescribeClusterResult cluster = admin.describeCluster();
            int nodeId = cluster.nodes().get().iterator().next().id();
            ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(nodeId));
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("log.retention.ms").value()).isEqualTo("777777");

            Map<String, LogDirDescription> logDirs = admin.describeLogDirs(List.of(nodeId)).allDescriptions().get()
                    .get(nodeId);
            logDir = Path.of(logDirs.keySet().iterator().next());
            assertThat(logDir).isDirectory();
        } finally {
            broker.close();
        }

        assertThat(Files.exists(logDir)).isFalse();
        assertThatThrownBy(broker::bootstrapServers).hasMessageContaining("not running");
    }

    @Test
    void brokerProperty_forAKeyTheKitManages_isRefusedWithTheReason() {
        assertThatThrownBy(() -> KafkaBroker.builder().brokerProperty("listeners", "PLAINTEXT://:9092"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'listeners' is set by the test kit")
                .hasMessageContaining("remove brokerProperty(\"listeners\", ...)");
    }

    @Test
    void start_afterClose_isRefused() {
        KafkaBroker broker = KafkaBroker.builder().build();
        broker.close();

        assertThatThrownBy(broker::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was closed; build a new one");
    }

    @Test
    void start_withAnInvalidBrokerProperty_failsWithTheServersReason() {
        try (KafkaBroker broker = KafkaBroker.builder().brokerProperty("num.io.threads", "many").build()) {
            assertThatThrownBy(broker::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("did not start")
                    .hasMessageContaining("num.io.threads");
        }
    }
}

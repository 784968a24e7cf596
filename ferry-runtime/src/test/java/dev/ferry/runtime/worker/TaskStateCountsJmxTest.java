package dev.ferry.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.cluster.SoloMembership;
import dev.ferry.runtime.cluster.group.WorkerGroupMember;
import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.config.ConnectorConfigValidator;
import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.config.StandaloneConfig;
import dev.ferry.runtime.config.WorkerConfig;
import dev.ferry.runtime.herder.ActiveTopics;
import dev.ferry.runtime.herder.ClusterSettings;
import dev.ferry.runtime.herder.Herder;
import dev.ferry.runtime.herder.HerderParts;
import dev.ferry.runtime.herder.WorkerHerder;
import dev.ferry.runtime.herder.offsets.ConnectorOffsetsEditor;
import dev.ferry.runtime.metrics.ConnectMetrics;
import dev.ferry.runtime.model.ConnectorStatusReport.TaskStatusReport;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.storage.FileOffsetBackingStore;
import dev.ferry.runtime.storage.file.FileConfigStore;
import dev.ferry.runtime.storage.kafka.KafkaConfigStore;
import dev.ferry.runtime.storage.kafka.KafkaOffsetStore;
import dev.ferry.runtime.storage.kafka.KafkaStatusStore;
import dev.ferry.runtime.worker.fixtures.GatedSourceConnector;
import dev.ferry.runtime.worker.fixtures.GatedSourceTask;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real worker under each herder, against a real broker, publishes Apache's per-connector task
 * counts ({@code kafka.connect:type=connect-worker-metrics,connector=<c>}) through a restart
 * request with {@code includeTasks}, a plain task restart and the connector's deletion. The
 * connector's tasks wait in {@code start()} while a gate file is missing, which holds each new
 * instance before its first report: where Apache shows a task restarted by the request as
 * restarting, and one restarted alone as unassigned.
 */
@WithKafka
class TaskStateCountsJmxTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();
    private static final List<String> COUNTS = List.of("total", "running", "paused", "failed", "unassigned",
            "restarting", "destroyed");

    @TempDir
    Path dir;

    @Test
    void standaloneWorker_countsRestartingTasks_andDropsTheCountsWithTheDeletedConnector(KafkaBroker broker)
            throws Exception {
        Plugins plugins = FixturePluginDirectory.plugins();
        StandaloneConfig config = new StandaloneConfig(workerProps(broker, Map.of(
                "offset.storage.file.filename", dir.resolve("offsets").toString())), plugins);
        FileOffsetBackingStore offsets = new FileOffsetBackingStore(dir.resolve("offsets"));
        offsets.start();
        ConnectMetrics metrics = ConnectMetrics.forWorker("counts-standalone", config, broker.clusterId(), Time.SYSTEM);
        ConfigResolver resolver = ConfigResolver.fromWorkerConfig(config, ConfigResolver.ProviderFactory.CLASSPATH);
        WorkerHerder herder = new WorkerHerder(new HerderParts("counts-standalone", "http://counts-standalone/")
                .worker(listener -> new Worker("counts-standalone", config, plugins, resolver, offsets, broker.clusterId(),
                        listener, Time.SYSTEM, metrics))
                .plugins(plugins, validator(plugins, config, resolver), resolver)
                .configStore(FileConfigStore.besideOffsets(dir.resolve("offsets")))
                .membership((work, listener) -> new SoloMembership("http://counts-standalone/", work, listener))
                .offsets(new ConnectorOffsetsEditor(offsets, TaskStateCountsJmxTest::noAdmin, plugins))
                .kafkaClusterId(broker::clusterId));
        try {
            await(herder.start());
            restartTasksThenDelete(herder, "gated-standalone");
        } finally {
            herder.stop();
            metrics.close();
            offsets.close();
        }
    }

    @Test
    void distributedWorker_countsRestartingTasks_andDropsTheCountsWithTheDeletedConnector(KafkaBroker broker)
            throws Exception {
        Plugins plugins = FixturePluginDirectory.plugins();
        DistributedConfig config = new DistributedConfig(workerProps(broker, Map.of(
                "group.id", "counts-group",
                "config.storage.topic", "counts-configs",
                "offset.storage.topic", "counts-offsets",
                "status.storage.topic", "counts-status",
                "config.storage.replication.factor", "1",
                "offset.storage.replication.factor", "1",
                "status.storage.replication.factor", "1")), plugins);
        ConfigResolver resolver = ConfigResolver.fromWorkerConfig(config, ConfigResolver.ProviderFactory.CLASSPATH);
        try (Admin admin = Admin.create(broker.adminConfig())) {
            KafkaOffsetStore offsets = KafkaOffsetStore.fromConfig(config, "counts-", admin);
            KafkaStatusStore statuses = KafkaStatusStore.fromConfig(config, "counts-", admin);
            ConnectMetrics metrics = ConnectMetrics.forWorker("counts-distributed", config, broker.clusterId(),
                    Time.SYSTEM);
            WorkerHerder herder = new WorkerHerder(new HerderParts("counts-distributed", "http://localhost:8083/")
                    .worker(listener -> new Worker("counts-distributed", config, plugins, resolver, offsets,
                            broker.clusterId(), listener, Time.SYSTEM, metrics))
                    .plugins(plugins, validator(plugins, config, resolver), resolver)
                    .configStore(KafkaConfigStore.fromConfig(config, "counts-", admin))
                    .statusStore(statuses, ActiveTopics.inStatusTopic(statuses, config.topicTrackingEnable()))
                    .membership((work, listener) -> new WorkerGroupMember(config, "http://localhost:8083/", work,
                            listener, Time.SYSTEM))
                    .cluster(ClusterSettings.of(config))
                    .offsets(new ConnectorOffsetsEditor(offsets, () -> admin, plugins))
                    .kafkaClusterId(broker::clusterId));
            offsets.start();
            statuses.start();
            herder.start();
            try {
                Await.until(() -> "healthy".equals(herder.health().toCompletableFuture()
                        .get(5, TimeUnit.SECONDS).status()), TIMEOUT, () -> "the distributed worker to join its group");
                restartTasksThenDelete(herder, "gated-distributed");
            } finally {
                herder.stop();
                metrics.close();
                statuses.close();
                offsets.close();
            }
        }
    }

    /** The scenario both herders go through, with a two-task connector whose gate is open at first. */
    private void restartTasksThenDelete(Herder herder, String connector) throws Exception {
        Path gate = Files.createFile(dir.resolve(connector + ".gate"));
        await(herder.putConnectorConfig(connector, Map.of("connector.class", GatedSourceConnector.class.getName(),
                "tasks.max", "2", "tasks", "2", "gate", gate.toString()), false, TargetState.STARTED));
        awaitCounts(connector, counts(2, Map.of("running", 2L)));

        // POST /connectors/{c}/restart?includeTasks=true: restarting from the stop until the new instances report.
        Files.delete(gate);
        await(herder.restartConnector(new RestartRequest(connector, false, true)));
        awaitHeld(gate, 0, 1);
        assertThat(readCounts(connector)).isEqualTo(counts(2, Map.of("restarting", 2L)));
        Await.until(() -> herder.connectorStatus(connector).tasks().stream()
                        .allMatch(task -> task.status().state() == State.RESTARTING), TIMEOUT,
                () -> "GET /connectors/" + connector + "/status to agree that both tasks are RESTARTING: "
                        + taskStates(herder, connector));
        Files.createFile(gate);
        awaitCounts(connector, counts(2, Map.of("running", 2L)));

        // POST /connectors/{c}/tasks/0/restart (also what the auto-restarter calls): no RESTARTING in Apache.
        Files.delete(gate);
        await(herder.restartTask(new ConnectorTaskId(connector, 0)));
        awaitHeld(gate, 0);
        assertThat(readCounts(connector)).isEqualTo(counts(2, Map.of("running", 1L, "unassigned", 1L)));
        Files.createFile(gate);
        awaitCounts(connector, counts(2, Map.of("running", 2L)));

        // DELETE /connectors/{c}: its tasks stop here, none counts as destroyed, and the group goes with them.
        await(herder.deleteConnector(connector));
        awaitCounts(connector, Map.of());
    }

    /**
     * Waits until new instances of the tasks wait at the closed gate: created and registered,
     * but not yet reported. Their counts hold still until the gate opens.
     */
    private static void awaitHeld(Path gate, int... tasks) throws Exception {
        for (int task : tasks) {
            Path waiting = GatedSourceTask.waitingFile(gate, task);
            Await.until(() -> Files.exists(waiting), TIMEOUT, () -> "a new instance of task " + task + " to wait at "
                    + gate);
            Files.delete(waiting);
        }
    }

    private static Map<String, String> workerProps(KafkaBroker broker, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(extra);
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.flush.interval.ms", "200");
        return props;
    }

    private static ConnectorConfigValidator validator(Plugins plugins, WorkerConfig config, ConfigResolver resolver) {
        return new ConnectorConfigValidator(plugins, config, resolver,
                plugins.newOverridePolicy(config.connectorClientConfigOverridePolicy()));
    }

    private static Admin noAdmin() {
        throw new IllegalStateException("This test does not use the offsets API, which needs an admin client");
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Waits until the connector's counts MBean reads {@code expected}; empty means not registered. */
    private static void awaitCounts(String connector, Map<String, Long> expected) {
        Await.until(() -> readCounts(connector).equals(expected), TIMEOUT,
                () -> "kafka.connect:type=connect-worker-metrics,connector=" + connector + " to read " + expected
                        + ", but it reads " + readCounts(connector));
    }

    private static Map<String, Long> counts(long total, Map<String, Long> nonZero) {
        Map<String, Long> counts = new LinkedHashMap<>();
        COUNTS.forEach(c -> counts.put(c, c.equals("total") ? total : nonZero.getOrDefault(c, 0L)));
        return counts;
    }

    private static Map<String, Long> readCounts(String connector) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try {
            ObjectName name = new ObjectName("kafka.connect:type=connect-worker-metrics,connector=" + connector);
            if (!JMX.isRegistered(name)) {
                return counts;
            }
            for (String count : COUNTS) {
                counts.put(count, (Long) JMX.getAttribute(name, "connector-" + count + "-task-count"));
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the task counts of " + connector, e);
        }
        return counts;
    }

    private static List<String> taskStates(Herder herder, String connector) {
        return herder.connectorStatus(connector).tasks().stream()
                .map((TaskStatusReport task) -> task.id() + "=" + task.status().state()).toList();
    }
}

package dev.ferry.runtime.herder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.cluster.SoloMembership;
import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.config.ConnectorConfigValidator;
import dev.ferry.runtime.config.StandaloneConfig;
import dev.ferry.runtime.herder.offsets.ConnectorOffsetsEditor;
import dev.ferry.runtime.metrics.ConnectMetrics;
import dev.ferry.runtime.model.ConnectorStatusReport;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.InstanceStatus;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.plugins.PluginDiscovery;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.storage.FileOffsetBackingStore;
import dev.ferry.runtime.storage.MemoryConfigStore;
import dev.ferry.runtime.storage.MemoryStatusStore;
import dev.ferry.runtime.worker.Worker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker whose herder runs but which cannot do its work (Kafka unreachable) says so: its health
 * turns unhealthy with the reason, and the RUNNING statuses it reports carry the reason as their
 * trace; FAILED and PAUSED ones keep what they had, and all of it clears when the problem does.
 */
class WorkerReadinessTest {
    private static final String WORKER_ID = "readiness.test:8083";
    private static final String OUTAGE = "Cannot reach Kafka at bootstrap.servers=127.0.0.1:1 for 20 s: no answer.";

    @TempDir
    Path dir;
    private final AtomicReference<Optional<String>> problem = new AtomicReference<>(Optional.empty());
    private final MemoryStatusStore statuses = new MemoryStatusStore();
    private FileOffsetBackingStore offsets;
    private ConnectMetrics metrics;
    private WorkerHerder herder;

    @BeforeEach
    void start() throws Exception {
        Plugins plugins = Plugins.discover(List.of(), List.of(), PluginDiscovery.ONLY_SCAN);
        Path offsetsFile = dir.resolve("offsets");
        StandaloneConfig config = new StandaloneConfig(Map.of("bootstrap.servers", "127.0.0.1:1",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.storage.StringConverter",
                "offset.storage.file.filename", offsetsFile.toString()), plugins);
        offsets = new FileOffsetBackingStore(offsetsFile);
        offsets.start();
        metrics = ConnectMetrics.forWorker(WORKER_ID, config, null, Time.SYSTEM);
        ConfigResolver resolver = ConfigResolver.fromWorkerConfig(config, ConfigResolver.ProviderFactory.CLASSPATH);
        ConnectorConfigValidator validator = new ConnectorConfigValidator(plugins, config, resolver,
                plugins.newOverridePolicy(config.connectorClientConfigOverridePolicy()));
        String restUrl = "http://" + WORKER_ID + "/";
        herder = new WorkerHerder(new HerderParts(WORKER_ID, restUrl)
                .worker(listener -> new Worker(WORKER_ID, config, plugins, resolver, offsets, null, listener, Time.SYSTEM,
                        metrics))
                .plugins(plugins, validator, resolver)
                .configStore(new MemoryConfigStore())
                .statusStore(statuses, ActiveTopics.inMemory())
                .membership((work, listener) -> new SoloMembership(restUrl, work, listener))
                .offsets(new ConnectorOffsetsEditor(offsets, () -> {
                    throw new IllegalStateException("no admin client in this test");
                }, plugins))
                .readiness(problem::get));
        herder.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        herder.stop();
        metrics.close();
        offsets.close();
    }

    @Test
    void health_isUnhealthyWithTheReason_whileTheWorkerCannotDoItsWork() throws Exception {
        assertThat(health().status()).isEqualTo("healthy");

        problem.set(Optional.of(OUTAGE));
        assertThat(health()).isEqualTo(new Herder.WorkerHealth("unhealthy", OUTAGE));

        problem.set(Optional.empty());
        assertThat(health().status()).isEqualTo("healthy");
    }

    @Test
    void runningStatuses_carryTheReason_otherStatesKeepTheirs() {
        ConnectorTaskId running = new ConnectorTaskId("orders", 0);
        ConnectorTaskId failed = new ConnectorTaskId("orders", 1);
        statuses.putConnector("orders", new InstanceStatus(State.RUNNING, WORKER_ID, null, "1.0", 1));
        statuses.putTask(running, new InstanceStatus(State.RUNNING, WORKER_ID, null, "1.0", 1));
        statuses.putTask(failed, new InstanceStatus(State.FAILED, WORKER_ID, "java.io.IOException: disk", "1.0", 1));

        problem.set(Optional.of(OUTAGE));
        ConnectorStatusReport report = herder.connectorStatus("orders");
        assertThat(report.connector().state()).isEqualTo(State.RUNNING);
        assertThat(report.connector().trace()).isEqualTo("Not making progress: " + OUTAGE);
        assertThat(report.tasks()).extracting(t -> t.status().state()).containsExactly(State.RUNNING, State.FAILED);
        assertThat(report.tasks()).extracting(t -> t.status().trace())
                .containsExactly("Not making progress: " + OUTAGE, "java.io.IOException: disk");
        assertThat(herder.taskStatus(running).trace()).isEqualTo("Not making progress: " + OUTAGE);

        problem.set(Optional.empty());
        assertThat(herder.connectorStatus("orders").connector().trace()).isNull();
        assertThat(herder.taskStatus(running).trace()).isNull();
    }

    private Herder.WorkerHealth health() throws Exception {
        return herder.health().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}

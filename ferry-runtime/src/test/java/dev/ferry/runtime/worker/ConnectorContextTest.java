package dev.ferry.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.config.StandaloneConfig;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.storage.FileOffsetBackingStore;
import dev.ferry.runtime.storage.OffsetCodec;
import dev.ferry.runtime.worker.fixtures.ContextProbeSinkConnector;
import dev.ferry.runtime.worker.fixtures.ContextProbeSourceConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.sink.SinkConnectorContext;
import org.apache.kafka.connect.source.SourceConnectorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The context a connector is initialized with is the one connect-api's {@code SourceConnector.context()}
 * and {@code SinkConnector.context()} cast to: a source connector reads its stored offsets through
 * it (as MirrorMaker's and Debezium's connectors do when they start), a sink connector gets a
 * {@link SinkConnectorContext}. A plain context would fail both with a ClassCastException.
 */
class ConnectorContextTest {
    @TempDir
    Path dir;
    private FileOffsetBackingStore offsets;
    private RecordingStatusListener listener;
    private Worker worker;

    @BeforeEach
    void startWorker() {
        Plugins plugins = FixturePluginDirectory.plugins();
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "127.0.0.1:1");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.storage.file.filename", dir.resolve("offsets").toString());
        StandaloneConfig config = new StandaloneConfig(props, plugins);
        offsets = new FileOffsetBackingStore(dir.resolve("offsets"));
        offsets.start();
        listener = new RecordingStatusListener();
        worker = new Worker("test-worker", config, plugins,
                ConfigResolver.fromWorkerConfig(config, ConfigResolver.ProviderFactory.CLASSPATH), offsets,
                "cluster", listener, Time.SYSTEM);
    }

    @AfterEach
    void stopWorker() {
        worker.close();
        offsets.close();
    }

    @Test
    void sourceConnector_readsItsStoredOffsetsThroughItsContext() throws Exception {
        offsets.set(Map.of(OffsetCodec.key("probe", Map.of("file", "a.txt")), OffsetCodec.value(Map.of("position", 42L))))
                .get();
        Path report = dir.resolve("source-report");

        worker.startConnector("probe", Map.of("name", "probe", "connector.class", ContextProbeSourceConnector.class.getName(),
                "partition", "a.txt", "report", report.toString()), TargetState.STARTED);

        listener.awaitConnector("probe", State.RUNNING);
        assertThat(Files.readString(report)).isEqualTo("{position=42}");
        assertThat(SourceConnectorContext.class).isAssignableFrom(RunnerConnectorContext.Source.class);
    }

    @Test
    void sinkConnector_getsASinkConnectorContext() throws Exception {
        Path report = dir.resolve("sink-report");

        worker.startConnector("probe-sink", Map.of("name", "probe-sink", "connector.class",
                ContextProbeSinkConnector.class.getName(), "topics", "t", "report", report.toString()), TargetState.STARTED);

        listener.awaitConnector("probe-sink", State.RUNNING);
        assertThat(Files.readString(report)).isEqualTo(RunnerConnectorContext.Sink.class.getName());
        assertThat(SinkConnectorContext.class).isAssignableFrom(RunnerConnectorContext.Sink.class);
    }
}

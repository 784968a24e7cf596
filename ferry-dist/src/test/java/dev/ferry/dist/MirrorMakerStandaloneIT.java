package dev.ferry.dist;

import dev.ferry.testkit.KafkaBroker;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * MirrorMaker 2 on a standalone Ferry worker, between two real clusters: its three connectors replicate a topic
 * (keys, values, headers, timestamps, per-partition order), write heartbeats and checkpoints, and translate a
 * consumer group's offsets, both when installed as an Apache user installs them (a plugin.path directory holding only
 * Apache's connect-mirror and connect-mirror-client jars) and as Ferry's bundled plugin. They link classes of Apache's
 * connect-runtime, which Ferry serves from its compatibility library (regression: creating MirrorSourceConnector
 * answered HTTP 500 with an empty body). See {@link MirrorMakerScenario} for what is checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MirrorMakerStandaloneIT {
    private KafkaBroker source;
    private KafkaBroker target;

    @BeforeAll
    void startTwoClusters() {
        source = KafkaBroker.builder().build().start();
        target = KafkaBroker.builder().build().start();
    }

    @AfterAll
    void stopClusters() {
        if (source != null) {
            source.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    void fromAPluginDirectoryHoldingOnlyApachesTwoMirrorJars_mirrorMakerReplicatesAndTranslatesOffsets(@TempDir Path dir)
            throws Exception {
        MirrorMakerScenario scenario = new MirrorMakerScenario("user", source, target);
        scenario.prepareSource();
        try (WorkerProcess worker = WorkerProcess.start(dir, target.bootstrapServers(),
                Map.of("plugin.path", MirrorMakerScenario.userPluginPath().toString()))) {
            scenario.createConnectors(worker);

            scenario.assertReplicated(worker);
            scenario.assertHeartbeats(worker);
            scenario.assertOffsetsTranslated(worker);
        }
    }

    @Test
    void asFerrysBundledPlugin_mirrorMakerReplicatesAndTranslatesOffsets(@TempDir Path dir) throws Exception {
        MirrorMakerScenario scenario = new MirrorMakerScenario("bundled", source, target);
        scenario.prepareSource();
        try (WorkerProcess worker = WorkerProcess.start(dir, target.bootstrapServers(), Map.of())) {
            scenario.createConnectors(worker);

            scenario.assertReplicated(worker);
            scenario.assertHeartbeats(worker);
            scenario.assertOffsetsTranslated(worker);
        }
    }
}

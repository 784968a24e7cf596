package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.KafkaBroker;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
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
 * answered HTTP 500 with an empty body). See {@link MirrorMakerScenario} for what is checked. Validating the three
 * connectors' configs, with invalid values among them, answers the values and errors Apache 4.3.1's worker answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MirrorMakerStandaloneIT {
    private static final ObjectMapper JSON = new ObjectMapper();
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
    void validatingMirrorMakersConfigs_answersWhatApachesWorkerAnswers(@TempDir Path dir) throws Exception {
        MirrorMakerScenario scenario = new MirrorMakerScenario("validate", source, target);
        Map<String, String> pluginPath = Map.of("plugin.path", MirrorMakerScenario.userPluginPath().toString());
        // Ferry's worker starts while Apache's does: neither validation depends on the other worker.
        Path ferryDir = java.nio.file.Files.createDirectories(dir.resolve("ferry"));
        java.util.concurrent.Future<WorkerProcess> ferryStart = WorkerProcess.startInBackground(
                () -> WorkerProcess.start(ferryDir, target.bootstrapServers(), pluginPath));
        Map<String, JsonNode> apache = new TreeMap<>();
        try (ApacheConnectProcess worker = ApacheConnectProcess.startStandalone(dir.resolve("apache"),
                target.bootstrapServers(), pluginPath)) {
            scenario.connectors().forEach((name, config) -> apache.put(name, validation(worker.rest::put, name, config)));
        } catch (Exception | AssertionError e) {
            WorkerProcess.closeWhenStarted(ferryStart);
            throw e;
        }
        Map<String, JsonNode> ferry = new TreeMap<>();
        try (WorkerProcess worker = ferryStart.get()) {
            scenario.connectors().forEach((name, config) -> ferry.put(name, validation(worker::put, name, config)));
        }

        for (String name : apache.keySet()) {
            assertThat(apache.get(name).path("error_count").asInt()).as(name + ": Apache finds the invalid values")
                    .isPositive();
            assertThat(ferry.get(name).path("error_count")).as(name + " error_count")
                    .isEqualTo(apache.get(name).path("error_count"));
            assertThat(valuesByName(ferry.get(name))).as(name + ": each setting's value and errors")
                    .isEqualTo(valuesByName(apache.get(name)));
        }
    }

    /** PUT /connector-plugins/{class}/config/validate with the connector's config and its name. */
    private static JsonNode validation(BiFunction<String, String, HttpResponse<String>> put, String name,
                                       Map<String, String> config) {
        Map<String, String> named = new java.util.LinkedHashMap<>(config);
        named.put("name", name);
        // invalid values, one of Connect's own settings and one of MirrorMaker's, so that errors are compared too
        named.put("tasks.max", "zero");
        named.put("emit.heartbeats.interval.seconds", "often");
        String connectorClass = config.get("connector.class");
        try {
            HttpResponse<String> answer = put.apply("/connector-plugins/"
                    + connectorClass.substring(connectorClass.lastIndexOf('.') + 1) + "/config/validate",
                    JSON.writeValueAsString(named));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            return JSON.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Setting name to its validated value and errors (the definitions are the differential REST suite's). */
    private static Map<String, String> valuesByName(JsonNode validation) {
        Map<String, String> values = new TreeMap<>();
        validation.path("configs").forEach(c -> values.put(c.path("value").path("name").asText(),
                c.path("value").path("value").toString() + " " + c.path("value").path("errors")));
        return values;
    }

    @Test
    void asFerrysBundledPlugin_mirrorMakerReplicatesAndTranslatesOffsets_andResumesAfterARestart(@TempDir Path dir) throws Exception {
        MirrorMakerScenario scenario = new MirrorMakerScenario("bundled", source, target);
        scenario.prepareSource();
        try (WorkerProcess worker = WorkerProcess.start(dir, target.bootstrapServers(), Map.of())) {
            scenario.createConnectors(worker);

            scenario.assertReplicated(worker);
            scenario.assertHeartbeats(worker);
            scenario.assertOffsetsTranslated(worker);

            // MirrorMaker resumes from the source offsets the worker stored for it: no record twice, none lost
            assertThat(worker.stop()).isZero();
            scenario.writeMore(3);
            worker.launch();
            scenario.awaitRunning(worker); // a Ferry standalone worker keeps the connectors created over REST
            scenario.assertReplicated(worker);
        }
    }
}

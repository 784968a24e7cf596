package dev.ferry.dist;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ferry's distributed worker answers every REST call of {@link RestDifferentialSteps} as a
 * one-worker Apache Kafka Connect 4.3.1 cluster does (status codes, JSON shapes and values,
 * headers), apart from the differences {@link DeliberateDifferences} lists with their reasons.
 */
@WithKafka
class RestDifferentialDistributedIT {
    private static final DeliberateDifferences.Mode MODE = DeliberateDifferences.Mode.DISTRIBUTED;

    @TempDir
    Path dir;

    @Test
    void ferryClusterAnswersEveryCallAsAnApacheClusterDoes(KafkaBroker broker) throws Exception {
        Path apacheDir = dir.resolve("apache");
        Path ferryDir = dir.resolve("ferry");
        // The two start side by side: Apache's start-up no longer waits for Ferry's.
        Future<WorkerProcess> ferryStart = WorkerProcess.startInBackground(() -> WorkerProcess.startDistributed(
                ferryDir, broker.bootstrapServers(), "rest-diff-ferry", Map.of()));
        ApacheConnectProcess apache;
        try {
            apache = ApacheConnectProcess.startDistributed(apacheDir, broker.bootstrapServers(), "rest-diff-apache",
                    Map.of());
        } catch (Exception | AssertionError e) {
            WorkerProcess.closeWhenStarted(ferryStart);
            throw e;
        }
        try (apache; WorkerProcess ferry = ferryStart.get()) {
            ferry.await(Duration.ofSeconds(60), "Ferry worker healthy", () -> ferry.get("/health").statusCode() == 200);
            DifferentialTarget apacheTarget = RestDifferential.target("apache", MODE, apache.port, apacheDir,
                    apache::logTail);
            DifferentialTarget ferryTarget = RestDifferential.target("ferry", MODE, ferry.port, ferryDir,
                    () -> RestDifferentialStandaloneIT.tail(ferry.logText()));
            broker.createTopic(RestDifferential.topic(apacheTarget), 1, Map.of());
            broker.createTopic(RestDifferential.topic(ferryTarget), 1, Map.of());
            RestDifferential.assertSameAnswers(MODE, apacheTarget, ferryTarget);
        }
    }
}

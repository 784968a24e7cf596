package dev.ferry.dist;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ferry's standalone worker answers every REST call of {@link RestDifferentialSteps} as Apache
 * Kafka Connect 4.3.1's standalone worker does (status codes, JSON shapes and values, headers),
 * apart from the differences {@link DeliberateDifferences} lists with their reasons.
 */
@WithKafka
class RestDifferentialStandaloneIT {
    private static final DeliberateDifferences.Mode MODE = DeliberateDifferences.Mode.STANDALONE;

    @TempDir
    Path dir;

    @Test
    void ferryStandaloneAnswersEveryCallAsApacheStandaloneDoes(KafkaBroker broker) throws Exception {
        Path apacheDir = dir.resolve("apache");
        Path ferryDir = dir.resolve("ferry");
        // The two start side by side: Apache's start-up no longer waits for Ferry's.
        Future<WorkerProcess> ferryStart = WorkerProcess.startInBackground(() -> WorkerProcess.start(
                Files.createDirectories(ferryDir), broker.bootstrapServers(), Map.of()));
        ApacheConnectProcess apache;
        try {
            apache = ApacheConnectProcess.startStandalone(apacheDir, broker.bootstrapServers(), Map.of());
        } catch (Exception | AssertionError e) {
            WorkerProcess.closeWhenStarted(ferryStart);
            throw e;
        }
        try (apache; WorkerProcess ferry = ferryStart.get()) {
            DifferentialTarget apacheTarget = RestDifferential.target("apache", MODE, apache.port, apacheDir,
                    apache::logTail);
            DifferentialTarget ferryTarget = RestDifferential.target("ferry", MODE, ferry.port, ferryDir,
                    () -> tail(ferry.logText()));
            broker.createTopic(RestDifferential.topic(apacheTarget), 1, Map.of());
            broker.createTopic(RestDifferential.topic(ferryTarget), 1, Map.of());
            RestDifferential.assertSameAnswers(MODE, apacheTarget, ferryTarget);
        }
    }

    static String tail(String log) {
        return log.substring(Math.max(0, log.length() - 8000));
    }
}

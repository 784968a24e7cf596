package dev.ferry.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a worker without connectors several times. Each run times launch to {@code GET /}
 * answering 200, lets the worker sit idle, reads its resident set, and stops it. Every run gets a
 * fresh directory, so no run starts from state an earlier one left.
 */
final class StartupPhase {

    /** Generous: Apache needs about 7 s, and a worker that takes longer has failed the figure anyway. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final BenchmarkOptions options;
    private final ProcStats stats;
    private final String bootstrapServers;
    private final PrintStream progress;

    StartupPhase(BenchmarkOptions options, ProcStats stats, String bootstrapServers, PrintStream progress) {
        this.options = options;
        this.stats = stats;
        this.bootstrapServers = bootstrapServers;
        this.progress = progress;
    }

    Startup run() throws IOException {
        List<Double> ready = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        for (int run = 1; run <= options.startupRuns(); run++) {
            Path dir = options.workDir().resolve("startup-" + run);
            try (WorkerProcess worker = WorkerProcess.launch(options.launcher(), options.dist(), dir, bootstrapServers)) {
                double seconds = worker.awaitReady(READY_TIMEOUT).toNanos() / 1e9;
                WorkerProcess.sleep(options.idleSeconds() * 1000L);
                long rssKib = stats.rssKib(worker.pid());
                ready.add(seconds);
                rss.add(rssKib);
                progress.printf("start-up run %d of %d: REST ready in %.2f s; RSS after %d s idle: %.0f MB%n", run,
                        options.startupRuns(), seconds, options.idleSeconds(), rssKib / 1024.0);
            }
        }
        return new Startup(ready, rss);
    }
}

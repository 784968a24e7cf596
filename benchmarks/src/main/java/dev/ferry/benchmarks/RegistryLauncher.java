package dev.ferry.benchmarks;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code ferry registry} as its own process, started through the {@code ./ferry} launcher of the built distribution
 * and configured by {@code SCHEMA_REGISTRY_*} environment variables, as a cp-schema-registry container would be.
 */
final class RegistryLauncher implements AutoCloseable {
    private final Process process;
    private final String url;
    private final Duration startToReady;

    private RegistryLauncher(Process process, String url, Duration startToReady) {
        this.process = process;
        this.url = url;
        this.startToReady = startToReady;
    }

    /** Starts the registry on a free loopback port and returns once {@code GET /subjects} answers 200. */
    static RegistryLauncher start(Path launcher, Path dist, Path dir, String bootstrapServers)
            throws IOException, InterruptedException {
        int port = WorkerProcess.freePort();
        ProcessBuilder builder = new ProcessBuilder(List.of(launcher.toString(), "registry"))
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(dir.resolve("registry.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("FERRY_HOME", dist.toString());
        builder.environment().put("SCHEMA_REGISTRY_LISTENERS", "http://127.0.0.1:" + port);
        builder.environment().put("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", bootstrapServers);
        long launched = System.nanoTime();
        Process process = builder.start();
        String url = "http://127.0.0.1:" + port;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = launched + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the registry exited with " + process.exitValue() + "; see "
                        + dir.resolve("registry.log"));
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/subjects")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return new RegistryLauncher(process, url, Duration.ofNanos(System.nanoTime() - launched));
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the registry did not answer within 120 s; see " + dir.resolve("registry.log"));
    }

    String url() {
        return url;
    }

    long pid() {
        return process.pid();
    }

    Duration startToReady() {
        return startToReady;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}

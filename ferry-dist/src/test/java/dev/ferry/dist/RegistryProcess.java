package dev.ferry.dist;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ferry registry} running as its own process from the built distribution, configured the way a
 * cp-schema-registry container is: by {@code SCHEMA_REGISTRY_*} environment variables, without a properties file.
 */
final class RegistryProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final int port;
    private final Path log;
    private final Process process;

    private RegistryProcess(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts a registry storing schemas in {@code _schemas} on {@code bootstrap}; returns once it answers. */
    static RegistryProcess start(Path dir, String bootstrap) throws IOException {
        Files.createDirectories(dir);
        int port = WorkerProcess.freePort();
        Path dist = WorkerProcess.distDir();
        Path log = dir.resolve("registry.log");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC",
                WorkerProcess.QUICK_JIT));
        cmd.addAll(WorkerProcess.classDataOptions(bootstrap)); // the registry runs from the same jars
        cmd.addAll(List.of("-Dferry.home=" + dist, "-cp", dist.resolve("lib") + "/*", "dev.ferry.cli.Main",
                "registry"));
        ProcessBuilder builder = new ProcessBuilder(cmd)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("SCHEMA_REGISTRY_LISTENERS", "http://127.0.0.1:" + port);
        builder.environment().put("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", bootstrap);
        RegistryProcess registry = new RegistryProcess(port, log, builder.start());
        WorkerProcess.awaitUntil(Duration.ofSeconds(60), "registry on port " + port, () -> {
            if (!registry.process.isAlive()) {
                throw new AssertionError("registry exited with " + registry.process.exitValue() + "; log:\n"
                        + registry.logText());
            }
            return registry.get("/subjects").statusCode() == 200;
        });
        return registry;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String logText() {
        return WorkerProcess.logText(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}

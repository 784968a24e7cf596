package dev.ferry.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server in its own process, scraping Ferry workers every second and evaluating
 * a rules file every second, with its HTTP API on a free loopback port. Tests query it the way
 * Grafana and Alertmanager do: {@code /api/v1/query}, {@code /api/v1/rules}, {@code /api/v1/alerts}.
 */
final class PrometheusServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The scrape job's name, as in docs/MONITORING.md; the worker-down alert matches on it. */
    static final String JOB = "ferry";

    private final int port;
    private final Path log;
    private final Process process;

    private PrometheusServer(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts Prometheus in {@code dir} with job {@value #JOB} scraping {@code GET /metrics} of the
     * workers at {@code targets} ({@code host:port}) and evaluating {@code rulesFile}; returns once
     * it is ready to answer queries.
     */
    static PrometheusServer start(PrometheusBinaries binaries, Path dir, Path rulesFile, List<String> targets)
            throws IOException {
        Files.createDirectories(dir);
        StringBuilder targetList = new StringBuilder();
        for (String target : targets) {
            targetList.append(targetList.isEmpty() ? "" : ", ").append('\'').append(target).append('\'');
        }
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                  - '%s'
                scrape_configs:
                  - job_name: %s
                    metrics_path: /metrics
                    static_configs:
                      - targets: [%s]
                """.formatted(rulesFile, JOB, targetList));
        return startWithConfig(binaries, dir, config);
    }

    /**
     * Starts Prometheus in {@code dir} with the config file {@code config} (its rule files resolved relative to
     * it, as Prometheus does); returns once it is ready to answer queries.
     */
    static PrometheusServer startWithConfig(PrometheusBinaries binaries, Path dir, Path config) throws IOException {
        Files.createDirectories(dir);
        int port = WorkerProcess.freePort();
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(binaries.prometheus.toString(),
                "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(port, log, process);
        try {
            WorkerProcess.awaitUntil(Duration.ofSeconds(30), "Prometheus ready on port " + port, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("Prometheus exited with " + process.exitValue() + ":\n" + server.logText());
                }
                return server.get("/-/ready").statusCode() == 200;
            });
        } catch (RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The result vector (or matrix) of an instant query; fails on a query error. */
    JsonNode query(String promql) {
        JsonNode answer = api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        return answer.path("data").path("result");
    }

    /** {@code /api/v1/rules}: the loaded rule groups with each rule's query, health and last error. */
    JsonNode rules() {
        return api("/api/v1/rules").path("data").path("groups");
    }

    /** {@code /api/v1/alerts}: the pending and firing alerts with their labels and annotations. */
    JsonNode alerts() {
        return api("/api/v1/alerts").path("data").path("alerts");
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private JsonNode api(String pathAndQuery) {
        HttpResponse<String> response = get(pathAndQuery);
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Prometheus " + pathAndQuery + " returned non-JSON: " + response.body(), e);
        }
        if (!"success".equals(body.path("status").asText())) {
            throw new AssertionError("Prometheus " + URLDecoder.decode(pathAndQuery, StandardCharsets.UTF_8) + " failed: " + body);
        }
        return body;
    }

    private HttpResponse<String> get(String pathAndQuery) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.ferry.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.testkit.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two-worker distributed Ferry cluster the console's browser tests share: real worker processes
 * from the built distribution on the test broker, with the {@code env} config provider (for
 * {@code ${env:...}} passwords) and Ferry's bundled plugins. Starting two workers (side by side)
 * costs seconds, so all console test classes of a run use one cluster ({@link #shared}); each class
 * names its connectors after itself so that classes do not see each other's work as theirs. The
 * workers stop when the test JVM exits (a shutdown hook), or at {@link #close} for a cluster made
 * with {@link #start}.
 *
 * <pre>{@code
 * @WithKafka
 * @TestInstance(PER_CLASS)
 * class ConsoleSomethingIT {
 *     ConsoleCluster cluster; Browser browser;
 *     @BeforeAll void start(KafkaBroker broker) { cluster = ConsoleCluster.shared(broker); browser = Browser.start(); }
 *     @AfterAll void stop() { browser.close(); }
 *     @Test void ...() { browser.open(cluster.consoleUrl(1, "#/plugins")); ... }
 * }
 * }</pre>
 */
final class ConsoleCluster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ConsoleCluster shared;

    final KafkaBroker broker;
    final Path dir;
    private final List<WorkerProcess> workers = new ArrayList<>();
    private final Thread cleanup;

    private ConsoleCluster(KafkaBroker broker, Path dir) {
        this.broker = broker;
        this.dir = dir;
        this.cleanup = new Thread(this::stopWorkers, "console-cluster-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** The cluster of this test run on {@code broker}, started on first use. */
    static synchronized ConsoleCluster shared(KafkaBroker broker) {
        if (shared == null || shared.broker != broker || !shared.alive()) {
            if (shared != null) {
                shared.close();
            }
            shared = start(broker, "console-it", Map.of(), List.of());
        }
        return shared;
    }

    /**
     * A cluster of two workers of group {@code group}, with {@code extra} worker settings and
     * {@code jvmOptions}; close it when done.
     */
    static ConsoleCluster start(KafkaBroker broker, String group, Map<String, String> extra, List<String> jvmOptions) {
        Path dir;
        try {
            dir = Files.createTempDirectory("ferry-" + group + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ConsoleCluster cluster = new ConsoleCluster(broker, dir);
        try {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("config.providers", "env");
            props.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
            props.put("offset.flush.interval.ms", "1000");
            props.putAll(extra);
            List<WorkerProcess.Start> starts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Path workerDir = dir.resolve("worker-" + i);
                starts.add(() -> WorkerProcess.startDistributed(workerDir, broker.bootstrapServers(), group, props,
                        jvmOptions));
            }
            cluster.workers.addAll(WorkerProcess.startTogether(starts));
            for (WorkerProcess worker : cluster.workers) {
                worker.await(Duration.ofSeconds(60), "worker joined the group", () -> isHealthy(worker));
            }
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        } catch (Exception e) {
            cluster.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : new IllegalStateException(e);
        }
        return cluster;
    }

    private static boolean isHealthy(WorkerProcess worker) {
        HttpResponse<String> health = worker.get("/health");
        return health.statusCode() == 200 || health.statusCode() == 401;
    }

    private boolean alive() {
        for (WorkerProcess worker : workers) {
            try {
                worker.get("/");
            } catch (RuntimeException e) {
                return false;
            }
        }
        return !workers.isEmpty();
    }

    List<WorkerProcess> workers() {
        return workers;
    }

    WorkerProcess worker(int i) {
        return workers.get(i);
    }

    /** The console of worker {@code i}, at {@code route} (e.g. {@code "#/plugins"}, or "" for the overview). */
    String consoleUrl(int i, String route) {
        return "http://127.0.0.1:" + workers.get(i).port + "/ui/" + route;
    }

    /** Creates (through worker 0's REST API) a connector, asserting 201. */
    void create(String name, Map<String, String> config) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        ObjectNode configNode = body.putObject("config");
        config.forEach(configNode::put);
        HttpResponse<String> created = worker(0).post("/connectors", body.toString());
        if (created.statusCode() != 201) {
            throw new AssertionError("Creating " + name + " answered " + created.statusCode() + ": " + created.body());
        }
    }

    /** A FileStreamSink from {@code topic} into {@code file} (a file under this cluster's folder). */
    void createFileSink(String name, String topic, String file) {
        create(name, Map.of("connector.class", "FileStreamSink", "tasks.max", "1", "topics", topic,
                "file", dir.resolve(file).toString()));
    }

    /** A FileStreamSource reading {@code file} (created empty under this cluster's folder) into {@code topic}. */
    void createFileSource(String name, String file, String topic) {
        Path path = dir.resolve(file);
        try {
            if (!Files.exists(path)) {
                Files.createFile(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        create(name, Map.of("connector.class", "FileStreamSource", "tasks.max", "1", "topic", topic,
                "file", path.toString()));
    }

    /**
     * A sink whose task fails at start: its file is in a directory that does not exist
     * ({@link #missingDirOf}); create that directory to let a restart succeed.
     */
    void createFailingSink(String name, String topic) {
        create(name, Map.of("connector.class", "FileStreamSink", "tasks.max", "1", "topics", topic,
                "file", missingDirOf(name).resolve(name + ".txt").toString()));
    }

    /** The directory whose absence makes {@link #createFailingSink}'s task fail. */
    Path missingDirOf(String failingSink) {
        return dir.resolve("missing-" + failingSink);
    }

    /** Deletes the connector if it exists (through worker 0). */
    void delete(String name) {
        worker(0).delete("/connectors/" + name);
    }

    /** Waits until the connector is {@code connectorState} with {@code tasks} tasks all in {@code taskState}. */
    JsonNode awaitStatus(String name, String connectorState, String taskState, int tasks) {
        JsonNode[] last = new JsonNode[1];
        worker(0).await(Duration.ofSeconds(60), name + " " + connectorState + " with " + tasks + " " + taskState
                + " tasks", () -> {
            HttpResponse<String> r = worker(0).get("/connectors/" + name + "/status");
            if (r.statusCode() != 200) {
                return false;
            }
            JsonNode status = JSON.readTree(r.body());
            last[0] = status;
            if (!connectorState.equals(status.path("connector").path("state").asText())
                    || status.path("tasks").size() != tasks) {
                return false;
            }
            for (JsonNode task : status.path("tasks")) {
                if (!taskState.equals(task.path("state").asText())) {
                    return false;
                }
            }
            return true;
        });
        return last[0];
    }

    /** GET {@code path} on worker 0 as JSON (200 expected). */
    JsonNode json(String path) {
        return worker(0).json(path);
    }

    private void stopWorkers() {
        for (WorkerProcess worker : workers) {
            try {
                worker.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stopWorkers();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException ignored) {
            // the JVM is shutting down already
        }
    }
}

package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.cli.fixtures.TickingSourceConnector;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane under concurrent clients, at CI scale (issue 15 item 3; {@code ./benchmarks/run density}
 * measures the same at 200 connectors and 20 clients beside Apache): a standalone worker assembled as
 * {@code ferry standalone} assembles it, on the test kit's broker, keeps a connector moving records while five
 * clients at once create fifty two-task connectors and read {@code GET /connectors?expand=status} and each new
 * connector's status between creates. Every create must answer 201 and every read 200 with a JSON body (no 5xx, no
 * timeouts), every connector and task must end up RUNNING, and records must keep flowing meanwhile.
 */
@WithKafka
class RestUnderLoadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 5;
    private static final int CONNECTORS_PER_CLIENT = 10;
    private static final int TASKS_PER_CONNECTOR = 2;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void fiveClientsCreatingAndReadingAtOnce_getNoErrors_whileRecordsKeepMoving(KafkaBroker broker) throws Exception {
        String topic = "rest-under-load-moving";
        broker.createTopic(topic, 1);
        try (StandaloneWorker worker = StandaloneWorker.start(workerProps(broker), List.of());
             Admin admin = Admin.create(broker.adminConfig())) {
            URI rest = worker.restUrl();
            assertThat(send(rest, "POST", "/connectors", connector("moving", 1, topic, 5)).statusCode()).isEqualTo(201);
            awaitEndOffsetAbove(admin, topic, 0);

            long movedBefore = endOffset(admin, topic);
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    for (int i = 0; i < CONNECTORS_PER_CLIENT; i++) {
                        String name = "load-" + client + "-" + i;
                        expect(failures, rest, "POST", "/connectors",
                                connector(name, TASKS_PER_CONNECTOR, "rest-under-load-quiet", 60_000), 201);
                        expect(failures, rest, "GET", "/connectors?expand=status", null, 200);
                        expect(failures, rest, "GET", "/connectors/" + name + "/status", null, 200);
                    }
                    return null;
                }));
            }
            for (Future<?> client : done) {
                client.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();
            long moved = endOffset(admin, topic) - movedBefore;

            assertThat(failures).as("requests not answered as expected").isEmpty();
            int connectors = CLIENTS * CONNECTORS_PER_CLIENT + 1;
            awaitAllRunning(rest, connectors, connectors * TASKS_PER_CONNECTOR - 1);
            assertThat(moved).as("records the moving connector sent while the clients ran").isPositive();
            assertThat(send(rest, "GET", "/health", null).statusCode()).as("the herder still answers").isEqualTo(200);
        }
    }

    private Map<String, String> workerProps(KafkaBroker broker) throws IOException {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.storage.file.filename", dir.resolve("connect.offsets").toString());
        props.put("listeners", "http://127.0.0.1:" + freePort());
        props.put("plugin.discovery", "service_load");
        return props;
    }

    private static String connector(String name, int tasks, String topic, long tickMillis) throws IOException {
        return JSON.writeValueAsString(Map.of("name", name, "config", Map.of(
                "connector.class", TickingSourceConnector.class.getName(),
                "tasks.max", Integer.toString(tasks),
                "topic", topic,
                "tick.ms", Long.toString(tickMillis))));
    }

    /** Sends the request; anything but {@code status} with a JSON object body is added to {@code failures}. */
    private void expect(List<String> failures, URI rest, String method, String path, String body, int status) {
        try {
            HttpResponse<String> response = send(rest, method, path, body);
            boolean json = response.body().startsWith("{") && JSON.readTree(response.body()).isObject();
            if (response.statusCode() != status || !json) {
                failures.add(method + " " + path + " -> " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            failures.add(method + " " + path + " -> " + e);
        }
    }

    private HttpResponse<String> send(URI rest, String method, String path, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void awaitAllRunning(URI rest, int connectors, int tasks) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = "";
        while (System.nanoTime() < deadline) {
            JsonNode expanded = JSON.readTree(send(rest, "GET", "/connectors?expand=status", null).body());
            int runningConnectors = 0;
            int runningTasks = 0;
            for (JsonNode entry : expanded) {
                JsonNode status = entry.path("status");
                runningConnectors += "RUNNING".equals(status.path("connector").path("state").asText()) ? 1 : 0;
                for (JsonNode task : status.path("tasks")) {
                    runningTasks += "RUNNING".equals(task.path("state").asText()) ? 1 : 0;
                }
            }
            if (runningConnectors == connectors && runningTasks == tasks) {
                return;
            }
            last = runningConnectors + " connectors and " + runningTasks + " tasks RUNNING";
            Thread.sleep(100);
        }
        throw new AssertionError("not all " + connectors + " connectors and " + tasks + " tasks RUNNING: " + last);
    }

    private static long endOffset(Admin admin, String topic) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                .get(10, TimeUnit.SECONDS).offset();
    }

    private static void awaitEndOffsetAbove(Admin admin, String topic, long offset) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (endOffset(admin, topic) <= offset) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the moving connector sent nothing to " + topic + " within 20 s");
            }
            Thread.sleep(50);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache's own {@code BasicAuthSecurityRestExtension} (connect-basic-auth-extension 4.3.1 from
 * Maven Central, installed in a {@code plugin.path} directory as a user installs it) guarding a
 * two-worker Ferry cluster, configured as on Apache: {@code rest.extension.classes}, a JAAS file
 * using its {@code PropertyFileLoginModule} named by {@code -Djava.security.auth.login.config}, and
 * a credentials file. Requests without or with wrong credentials get Apache's 401, right ones
 * work, a write sent to the follower is forwarded to the leader with its credentials, and task
 * configs (an internal request the filter lets through) still reach the leader. A second extension,
 * compiled by the test into a plugin of its own, serves a JAX-RS resource from
 * {@code clusterState()}, which Jersey (loaded from the installation's {@code lib-ext/jersey})
 * serves behind the same filter.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestExtensionBasicAuthIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String GROUP = "basic-auth-it";
    private static final String EXTENSION =
            "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension";
    /** What Apache 4.3.1's filter answers (status 401, this body, typed application/json), seen on a real Apache worker. */
    private static final String APACHE_401_BODY = "User cannot access the resource.";
    private static final String ADMIN = basic("admin", "admin-secret");
    private static final String TOPIC = "basic-auth-lines";
    private static final String PROBE_EXTENSION = "probe.ProbeExtension";
    private static final String PROBE_SOURCE = """
            package probe;

            import jakarta.ws.rs.GET;
            import jakarta.ws.rs.Path;
            import jakarta.ws.rs.Produces;
            import jakarta.ws.rs.core.MediaType;
            import java.util.Map;
            import java.util.TreeMap;
            import java.util.TreeSet;
            import org.apache.kafka.connect.health.ConnectClusterState;
            import org.apache.kafka.connect.rest.ConnectRestExtension;
            import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

            public class ProbeExtension implements ConnectRestExtension {
                public void configure(Map<String, ?> configs) {
                }

                public void register(ConnectRestExtensionContext context) {
                    context.configurable().register(new ProbeResource(context.clusterState()));
                }

                public void close() {
                }

                public String version() {
                    return "1.0-probe";
                }

                @Path("/probe")
                @Produces(MediaType.APPLICATION_JSON)
                public static class ProbeResource {
                    private final ConnectClusterState state;

                    public ProbeResource(ConnectClusterState state) {
                        this.state = state;
                    }

                    @GET
                    public Map<String, Object> cluster() {
                        Map<String, Object> answer = new TreeMap<>();
                        answer.put("connectors", new TreeSet<>(state.connectors()));
                        answer.put("kafka_cluster_id", state.clusterDetails().kafkaClusterId());
                        return answer;
                    }
                }
            }
            """;

    private Path dir;
    private final List<WorkerProcess> workers = new ArrayList<>();

    @BeforeAll
    void startTwoGuardedWorkers(KafkaBroker broker, @TempDir Path dir) throws IOException {
        this.dir = dir;
        broker.createTopic(TOPIC, 4, Map.of());
        Path credentials = dir.resolve("credentials.properties");
        Files.writeString(credentials, "admin=admin-secret\nalice=wonderland\n");
        Path jaas = dir.resolve("connect-jaas.conf");
        Files.writeString(jaas, "KafkaConnect {\n"
                + "  org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule required\n"
                + "  file=\"" + credentials + "\";\n"
                + "};\n");
        Path probePlugins = dir.resolve("probe-plugins");
        ProbePlugin.build(PROBE_SOURCE, PROBE_EXTENSION, probePlugins.resolve("probe"));
        Map<String, String> props = Map.of(
                "plugin.path", pluginPath() + "," + probePlugins,
                "rest.extension.classes", EXTENSION + "," + PROBE_EXTENSION);
        for (int i = 0; i < 2; i++) {
            List<String> jvm = new ArrayList<>(List.of("-Djava.security.auth.login.config=" + jaas));
            if (i == 0) {
                jvm.add("-Xlog:class+load=info"); // the positive control of the no-cost test below
            }
            workers.add(WorkerProcess.startDistributed(dir.resolve("worker-" + i), broker.bootstrapServers(), GROUP,
                    props, jvm));
        }
        for (WorkerProcess worker : workers) {
            worker.await(Duration.ofSeconds(60), "worker joined the group",
                    () -> "healthy".equals(json(send(worker, "GET", "/health", null, ADMIN)).path("status").asText()));
        }
    }

    @AfterAll
    void stopWorkers() throws InterruptedException {
        for (WorkerProcess worker : workers) {
            worker.close();
        }
    }

    @Test
    @Order(1)
    void requestsWithoutOrWithWrongCredentials_getApaches401_onEveryWorker() {
        List<String> refusedCredentials = new ArrayList<>();
        refusedCredentials.add(null);
        refusedCredentials.add(basic("admin", "wrong"));
        refusedCredentials.add(basic("mallory", "admin-secret"));
        refusedCredentials.add("Bearer admin-secret");
        refusedCredentials.add("Basic bm8tY29sb24="); // "no-colon"
        for (WorkerProcess worker : workers) {
            for (String authorization : refusedCredentials) {
                for (String[] request : List.of(new String[] {"GET", "/"}, new String[] {"GET", "/connectors"},
                        new String[] {"POST", "/connectors"}, new String[] {"GET", "/admin/loggers"})) {
                    HttpResponse<String> response = send(worker, request[0], request[1],
                            request[0].equals("POST") ? sink("intruder", 1) : null, authorization);
                    assertThat(response.statusCode()).as("%s %s with %s", request[0], request[1], authorization)
                            .isEqualTo(401);
                    assertThat(response.body()).isEqualTo(APACHE_401_BODY);
                    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                            type -> assertThat(type).startsWith("application/json"));
                }
            }
        }
        assertThat(send(workers.get(0), "GET", "/connectors", null, ADMIN).body()).doesNotContain("intruder");
    }

    @Test
    @Order(2)
    void theRightCredentials_work_forEveryUserOfTheFile() throws IOException {
        for (WorkerProcess worker : workers) {
            HttpResponse<String> root = send(worker, "GET", "/", null, ADMIN);
            assertThat(root.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(root.body()).path("version").asText()).isNotEmpty();
            assertThat(send(worker, "GET", "/connector-plugins", null, basic("alice", "wonderland")).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    @Order(3)
    void writesSentToTheFollower_areForwardedWithTheirCredentials_andTaskConfigsReachTheLeader() throws Exception {
        // One create through each worker: whichever is the follower forwards its create to the leader, whose
        // filter checks the forwarded Authorization header; a missing header would come back as a 401.
        for (int i = 0; i < workers.size(); i++) {
            HttpResponse<String> created = send(workers.get(i), "POST", "/connectors", sink("guarded-" + i, 2), ADMIN);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        // Each worker runs one of the connectors; the follower's posts its task configs to the leader's
        // internal endpoint (signed, without credentials), which the filter lets through as Apache's does.
        Set<String> taskWorkers = new HashSet<>();
        workers.get(0).await(Duration.ofSeconds(60), "both connectors and their four tasks RUNNING", () -> {
            taskWorkers.clear();
            for (int i = 0; i < workers.size(); i++) {
                JsonNode status = json(send(workers.get(1 - i), "GET", "/connectors/guarded-" + i + "/status", null,
                        ADMIN));
                if (!"RUNNING".equals(status.path("connector").path("state").asText())
                        || status.path("tasks").size() != 2) {
                    return false;
                }
                for (JsonNode task : status.path("tasks")) {
                    if (!"RUNNING".equals(task.path("state").asText())) {
                        return false;
                    }
                    taskWorkers.add(task.path("worker_id").asText());
                }
            }
            return true;
        });
        assertThat(taskWorkers).containsExactlyInAnyOrder(workers.get(0).workerId(), workers.get(1).workerId());

        // more forwarded writes, through both workers
        for (WorkerProcess worker : workers) {
            assertThat(send(worker, "PUT", "/connectors/guarded-0/pause", null, ADMIN).statusCode()).isEqualTo(202);
            assertThat(send(worker, "PUT", "/connectors/guarded-0/resume", null, ADMIN).statusCode()).isEqualTo(202);
        }
        HttpResponse<String> refused = send(workers.get(1), "DELETE", "/connectors/guarded-1", null,
                basic("admin", "wrong"));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(send(workers.get(1), "GET", "/connectors/guarded-1", null, ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void theInternalTaskConfigEndpoint_isNotGuarded_asApachesFilterLetsItThrough() {
        for (WorkerProcess worker : workers) {
            HttpResponse<String> unsigned = send(worker, "POST", "/connectors/guarded-0/tasks", "[]", null);
            // the filter let it pass: the answer is the endpoint's own (an unsigned request is refused), not 401
            assertThat(unsigned.statusCode()).as(unsigned.body()).isNotEqualTo(401);
            assertThat(unsigned.body()).contains("error_code");
        }
    }

    @Test
    @Order(5)
    void anExtensionsResource_isServedByJersey_behindTheSameFilter_fromClusterState() throws IOException {
        for (WorkerProcess worker : workers) {
            HttpResponse<String> refused = send(worker, "GET", "/probe", null, basic("admin", "wrong"));
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).isEqualTo(APACHE_401_BODY);

            HttpResponse<String> served = send(worker, "GET", "/probe", null, ADMIN);
            assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
            JsonNode probe = JSON.readTree(served.body());
            assertThat(probe.path("connectors").toString()).isEqualTo("[\"guarded-0\",\"guarded-1\"]");
            assertThat(probe.path("kafka_cluster_id").asText())
                    .isEqualTo(json(send(worker, "GET", "/", null, ADMIN)).path("kafka_cluster_id").asText());
        }
    }

    @Test
    @Order(6)
    void withoutRestExtensions_noJaxRsOrJerseyClassIsLoaded_norJerseyOnTheClassPath(KafkaBroker broker)
            throws Exception {
        // positive control: the guarded worker 0 logs its class loading and did load them
        String guardedLog = workers.get(0).logText();
        assertThat(guardedLog).contains("jakarta.ws.rs.container.ContainerRequestFilter",
                "org.glassfish.jersey.server.ApplicationHandler");
        try (var lib = Files.list(WorkerProcess.distDir().resolve("lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("jersey-") || name.startsWith("hk2-"));
        }

        try (WorkerProcess plain = WorkerProcess.startDistributed(dir.resolve("plain"), broker.bootstrapServers(),
                "no-extension-it", Map.of(), List.of("-Xlog:class+load=info"))) {
            assertThat(plain.get("/connectors").statusCode()).isEqualTo(200);
            String log = plain.logText();
            assertThat(log).contains("dev.ferry.rest.RestServer");
            assertThat(log).doesNotContain("jakarta.ws.rs.", "org.glassfish.jersey.", "dev.ferry.rest.extensions.");
        }
    }

    private static Path pluginPath() {
        String path = System.getProperty("rest.extension.plugin.path");
        if (path == null) {
            throw new IllegalStateException("System property rest.extension.plugin.path is not set; run this test "
                    + "through Maven (ferry-dist's failsafe configuration copies Apache's basic auth extension there)");
        }
        return Path.of(path);
    }

    private String sink(String name, int tasks) {
        return "{\"name\":\"" + name + "\",\"config\":{"
                + "\"connector.class\":\"org.apache.kafka.connect.file.FileStreamSinkConnector\","
                + "\"tasks.max\":\"" + tasks + "\",\"topics\":\"" + TOPIC + "\","
                + "\"file\":\"" + dir.resolve(name + ".txt") + "\"}}";
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(WorkerProcess worker, String method, String path, String body,
                                             String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker.port + path))
                .timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }
}

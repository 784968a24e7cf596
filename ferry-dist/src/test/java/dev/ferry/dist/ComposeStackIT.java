package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import dev.ferry.testkit.db.PostgresServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose stack of {@code deploy/compose} without containers: the same programs as processes on loopback,
 * configured from the compose file itself (as {@code docker-compose config} resolves it), so what the compose file
 * describes is known to work.
 *
 * <p>Each container becomes: Kafka, the test kit's KRaft broker; PostgreSQL, a real server running the SQL the
 * compose file mounts into {@code /docker-entrypoint-initdb.d} in the database its {@code POSTGRES_DB} names, with
 * its {@code POSTGRES_PASSWORD}; the registry and both workers, the image's entrypoint script
 * ({@code deploy/docker/entrypoint.sh}, run by dash) with each service's {@code environment:} block and
 * {@code command:} on the built distribution; the init service, its script {@code create-connectors.sh} with the
 * connector JSON it mounts; Prometheus, the real server with the compose file's config and the alert rules it
 * mounts. The only change to what compose passes is the network: every {@code service:port} and host name becomes
 * a loopback address and port, and the container paths of the plugin path become empty directories.
 *
 * <p>Then, as a user of the compose stack would see it: the connector runs, a row inserted into the sample table is
 * in Kafka within seconds as Avro that decodes through the registry's schema, Prometheus scrapes both workers and
 * has the connector's series, and it has loaded every alert rule of {@code monitoring/ferry-alerts.yml}. Last, the
 * worker running the task is stopped: the other runs it, and the next row arrives, once.
 */
@WithKafka
class ComposeStackIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOOPBACK = "127.0.0.1";
    /** "Within seconds": the connector polls every second; a row must arrive well before this. */
    private static final Duration ARRIVAL = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void composeStackOnLoopback_movesAnInsertedRowIntoKafkaAsAvro_andPrometheusHasTheConnectorsSeriesAndRules(
            KafkaBroker broker) throws Exception {
        ComposeModel compose = ComposeModel.load();
        Loopback net = new Loopback(compose);
        net.map("kafka", 29092, broker.bootstrapServers());

        Map<String, String> pgEnv = compose.environment("postgres");
        try (PostgresServer postgres = PostgresServer.start(dir.resolve("postgres"), pgEnv.get("POSTGRES_PASSWORD"))) {
            assertThat(pgEnv.get("POSTGRES_USER")).as("the test server's superuser is the compose file's user")
                    .isEqualTo(PostgresServer.USER);
            String database = pgEnv.get("POSTGRES_DB");
            postgres.createDatabase(database);
            JdbcTestSupport.execute(postgres, database, Files.readString(
                    compose.hostFile("postgres", "/docker-entrypoint-initdb.d/01-customers.sql")));
            net.map("postgres", 5432, LOOPBACK + ":" + postgres.port());

            int registryPort = WorkerProcess.freePort();
            net.map("schema-registry", 8081, LOOPBACK + ":" + registryPort);
            List<String> workers = compose.workerServices();
            Map<String, Integer> workerPorts = new LinkedHashMap<>();
            for (String worker : workers) {
                workerPorts.put(worker, WorkerProcess.freePort());
                net.map(worker, 8083, LOOPBACK + ":" + workerPorts.get(worker));
            }

            List<ServiceProcess> running = new ArrayList<>();
            try {
                ServiceProcess registry = start(compose, net, "schema-registry", running);
                registry.await(Duration.ofSeconds(60), "registry answers GET /subjects",
                        () -> new ConnectRest(registryPort).get("/subjects").statusCode() == 200);
                Map<String, ServiceProcess> workerProcesses = new LinkedHashMap<>();
                for (String worker : workers) {
                    workerProcesses.put(worker, start(compose, net, worker, running));
                }
                for (String worker : workers) {
                    // what the image's HEALTHCHECK waits for, and so the compose file's depends_on
                    workerProcesses.get(worker).await(Duration.ofSeconds(60), worker + " ready",
                            () -> new ConnectRest(workerPorts.get(worker)).get("/health/ready").statusCode() == 200);
                }
                ConnectRest connect = new ConnectRest(workerPorts.get(workers.get(0)));

                JsonNode connector = createConnectorsAsTheInitServiceDoes(compose, net);
                String name = "postgres-customers-source";
                String topic = connector.path("topic.prefix").asText() + connector.path("table.whitelist").asText();
                WorkerProcess.awaitUntil(Duration.ofSeconds(30), name + " and its task RUNNING",
                        () -> {
                            // 404 until the status of the new connector is written
                            HttpResponse<String> status = connect.get("/connectors/" + name + "/status");
                            return status.statusCode() == 200 && running(JSON.readTree(status.body()));
                        });

                awaitRecords(broker, topic, 3, Duration.ofSeconds(30));
                long inserted = System.nanoTime();
                JdbcTestSupport.execute(postgres, database,
                        "INSERT INTO customers (name, email, country) VALUES ('Dana Loopback', 'dana@example.com', 'DE')");
                List<TopicRecords.Raw> records = awaitRecords(broker, topic, 4, ARRIVAL);
                Duration took = Duration.ofNanos(System.nanoTime() - inserted);
                assertThat(took).as("the inserted row reached Kafka within seconds").isLessThan(ARRIVAL);
                System.out.println("ComposeStackIT: the inserted row was in Kafka " + took.toMillis() + " ms later");

                GenericRecord row = decode(new ConnectRest(registryPort), records.get(3).value());
                assertThat(row.get("name")).hasToString("Dana Loopback");
                assertThat(row.get("email")).hasToString("dana@example.com");
                assertThat(row.get("country")).hasToString("DE");
                assertThat(row.get("id")).isEqualTo(4);
                assertThat(new ConnectRest(registryPort).json("/subjects")).extracting(JsonNode::asText)
                        .contains(topic + "-value");

                assertPrometheusScrapesTheWorkers_hasTheConnectorsSeries_andLoadedTheRules(compose, net, name,
                        workers.size());

                // the point of two workers: stop the one running the task (docker compose stop), and the other
                // runs it from the committed offset; the next row arrives, and no row twice
                String taskWorker = connect.json("/connectors/" + name + "/status").path("tasks").path(0)
                        .path("worker_id").asText();
                String stopped = workers.stream().filter(w -> taskWorker.equals(LOOPBACK + ":" + workerPorts.get(w)))
                        .findFirst().orElseThrow(() -> new AssertionError("the task runs on " + taskWorker
                                + ", none of the workers " + workerPorts));
                String survivor = workers.stream().filter(w -> !w.equals(stopped)).findFirst().orElseThrow();
                workerProcesses.get(stopped).close();
                ConnectRest other = new ConnectRest(workerPorts.get(survivor));
                JdbcTestSupport.execute(postgres, database,
                        "INSERT INTO customers (name, country) VALUES ('Eve Failover', 'NL')");
                records = awaitRecords(broker, topic, 5, Duration.ofSeconds(30));
                assertThat(decode(new ConnectRest(registryPort), records.get(4).value()).get("name"))
                        .hasToString("Eve Failover");
                WorkerProcess.awaitUntil(Duration.ofSeconds(10), "the task RUNNING on " + survivor, () -> {
                    JsonNode task = other.json("/connectors/" + name + "/status").path("tasks").path(0);
                    return "RUNNING".equals(task.path("state").asText())
                            && task.path("worker_id").asText().equals(LOOPBACK + ":" + workerPorts.get(survivor));
                });
            } catch (AssertionError | RuntimeException e) {
                StringBuilder logs = new StringBuilder(e.getMessage() == null ? "" : e.getMessage());
                for (ServiceProcess p : running) {
                    logs.append("\n--- ").append(p.service).append(" log (tail) ---\n").append(p.logTail());
                }
                throw new AssertionError(logs.toString(), e);
            } finally {
                for (int i = running.size() - 1; i >= 0; i--) {
                    running.get(i).close();
                }
            }
        }
    }

    /**
     * The init service's script against the first worker, with the connector files it mounts adapted to loopback;
     * run twice, as a second {@code docker compose up} would: the second run only updates.
     */
    private JsonNode createConnectorsAsTheInitServiceDoes(ComposeModel compose, Loopback net) throws Exception {
        Path connectors = compose.hostFile("connect-init", "/connect-init/connectors");
        Path adapted = Files.createDirectories(dir.resolve("connectors"));
        JsonNode connector = null;
        try (var files = Files.list(connectors)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                ObjectNode config = (ObjectNode) JSON.readTree(file.toFile());
                List<String> keys = new ArrayList<>();
                config.fieldNames().forEachRemaining(keys::add);
                for (String key : keys) {
                    config.set(key, new TextNode(net.adapt(config.path(key).asText())));
                }
                Files.writeString(adapted.resolve(file.getFileName()), JSON.writeValueAsString(config));
                connector = config;
            }
        }
        assertThat(connector).as("connector files in " + connectors).isNotNull();
        Map<String, String> env = net.adaptAll("connect-init", compose.environment("connect-init"));
        env.put("CONNECTORS_DIR", adapted.toString());
        List<String> command = new ArrayList<>();
        compose.service("connect-init").path("command").forEach(c -> command.add(c.asText()));
        command.set(1, compose.hostFile("connect-init", command.get(1)).toString());
        command.set(0, "dash");
        assertThat(runScript(command, env, 0)).contains("connector postgres-customers-source created");
        assertThat(runScript(command, env, 0)).as("a second run changes nothing")
                .contains("connector postgres-customers-source updated");

        // a config the worker refuses fails the init service at once, naming the answer and the file
        Path broken = Files.createDirectories(dir.resolve("broken-connectors"));
        Files.writeString(broken.resolve("broken-source.json"), "{\"connector.class\": \"com.example.NoSuchConnector\"}");
        Map<String, String> brokenEnv = new LinkedHashMap<>(env);
        brokenEnv.put("CONNECTORS_DIR", broken.toString());
        long started = System.nanoTime();
        assertThat(runScript(command, brokenEnv, 1)).contains("/connectors/broken-source/config answered 400")
                .contains("com.example.NoSuchConnector").contains("fix " + broken.resolve("broken-source.json"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no retries for a refused config")
                .isLessThan(Duration.ofSeconds(5));
        return connector;
    }

    private void assertPrometheusScrapesTheWorkers_hasTheConnectorsSeries_andLoadedTheRules(ComposeModel compose,
            Loopback net, String connector, int workers) throws Exception {
        Path root = compose.containerView("prometheus", dir.resolve("prometheus-container"));
        Path config = root.resolve("etc/prometheus/prometheus.yml");
        JsonNode prometheusConfig = ComposeModel.YAML.readTree(config.toFile());
        for (JsonNode job : prometheusConfig.path("scrape_configs")) {
            for (JsonNode staticConfig : job.path("static_configs")) {
                ArrayNode targets = (ArrayNode) staticConfig.path("targets");
                for (int i = 0; i < targets.size(); i++) {
                    targets.set(i, new TextNode(net.adapt(targets.get(i).asText())));
                }
            }
        }
        ComposeModel.YAML.writeValue(config.toFile(), prometheusConfig);
        JsonNode shipped = ComposeModel.YAML.readTree(ComposeModel.repository().resolve("monitoring/ferry-alerts.yml")
                .toFile());
        TreeSet<String> alerts = new TreeSet<>();
        shipped.path("groups").forEach(g -> g.path("rules").forEach(r -> alerts.add(r.path("alert").asText())));

        try (PrometheusServer prometheus = PrometheusServer.startWithConfig(PrometheusBinaries.locate(),
                dir.resolve("prometheus"), config)) {
            try {
                WorkerProcess.awaitUntil(Duration.ofSeconds(30), "both workers scraped",
                        () -> prometheus.query("up{job=\"ferry\"} == 1").size() == workers);
                WorkerProcess.awaitUntil(Duration.ofSeconds(30), "the connector's series", () ->
                        !prometheus.query("kafka_connect_connector_status{connector=\"" + connector
                                + "\", status=\"running\"} == 1").isEmpty()
                        && !prometheus.query("kafka_connect_source_task_source_record_write_total{connector=\""
                                + connector + "\"} >= 4").isEmpty());
                WorkerProcess.awaitUntil(Duration.ofSeconds(30), "every alert rule loaded and evaluated", () -> {
                    TreeSet<String> healthy = new TreeSet<>();
                    prometheus.rules().forEach(g -> g.path("rules").forEach(r -> {
                        if ("ok".equals(r.path("health").asText())) {
                            healthy.add(r.path("name").asText());
                        }
                    }));
                    return healthy.equals(alerts);
                });
                // Only a problem may be pending or firing. FerryTaskNoProgress may be pending: its rate over 15
                // minutes is 0 for a task whose few records were all counted before the first scrape.
                List<String> problems = new ArrayList<>();
                for (JsonNode alert : prometheus.alerts()) {
                    String alertName = alert.path("labels").path("alertname").asText();
                    if ("firing".equals(alert.path("state").asText()) || List.of("FerryTaskFailed",
                            "FerryConnectorFailed", "FerryWorkerDown").contains(alertName)) {
                        problems.add(alertName + " " + alert.path("state").asText() + " " + alert.path("labels"));
                    }
                }
                assertThat(problems).as("alerts of a healthy stack").isEmpty();
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- Prometheus log ---\n" + prometheus.logText()
                        + "\n--- rules ---\n" + prometheus.rules(), e);
            }
        }
    }

    /** A service of the compose file run through the image's entrypoint with its environment and command. */
    private ServiceProcess start(ComposeModel compose, Loopback net, String service, List<ServiceProcess> running)
            throws IOException {
        Map<String, String> env = net.adaptAll(service, compose.environment(service));
        if (env.containsKey("CONNECT_PLUGIN_PATH")) {
            // the image's plugin folders, empty as in a fresh container (Ferry's bundled plugins come with the dist)
            List<String> folders = new ArrayList<>();
            for (String folder : env.get("CONNECT_PLUGIN_PATH").split(",")) {
                folders.add(Files.createDirectories(dir.resolve(service + "-fs").resolve(folder.substring(1))).toString());
            }
            env.put("CONNECT_PLUGIN_PATH", String.join(",", folders));
        }
        List<String> args = new ArrayList<>();
        compose.service(service).path("command").forEach(c -> args.add(c.asText()));
        ServiceProcess process = ServiceProcess.start(service, dir.resolve(service), env, args);
        running.add(process);
        return process;
    }

    private static boolean running(JsonNode status) {
        JsonNode tasks = status.path("tasks");
        if ("FAILED".equals(status.path("connector").path("state").asText())
                || "FAILED".equals(tasks.path(0).path("state").asText())) {
            throw new AssertionError("the connector failed: " + status);
        }
        return "RUNNING".equals(status.path("connector").path("state").asText()) && tasks.size() == 1
                && "RUNNING".equals(tasks.path(0).path("state").asText());
    }

    private static List<TopicRecords.Raw> awaitRecords(KafkaBroker broker, String topic, int count, Duration timeout) {
        List<List<TopicRecords.Raw>> last = new ArrayList<>(List.of(List.of()));
        WorkerProcess.awaitUntil(timeout, count + " records in " + topic, () -> {
            try {
                last.set(0, TopicRecords.read(broker, topic));
            } catch (AssertionError e) {
                // the first record creates the topic (the broker's auto.create.topics.enable, as apache/kafka's)
                if (String.valueOf(e.getMessage()).endsWith("does not exist")) {
                    return false;
                }
                throw e;
            }
            return last.get(0).size() >= count;
        });
        assertThat(last.get(0)).as("exactly the table's rows, each once").hasSize(count);
        return last.get(0);
    }

    /** A value in Confluent's wire format, decoded with the writer schema the registry holds for its id. */
    private static GenericRecord decode(ConnectRest registry, byte[] framed) throws IOException {
        assertThat(framed).isNotNull();
        assertThat(framed[0]).as("magic byte").isZero();
        int id = ByteBuffer.wrap(framed, 1, 4).getInt();
        Schema writer = new Schema.Parser().parse(registry.json("/schemas/ids/" + id).path("schema").asText());
        return new GenericDatumReader<GenericRecord>(writer).read(null,
                DecoderFactory.get().binaryDecoder(framed, 5, framed.length - 5, null));
    }

    private static String runScript(List<String> command, Map<String, String> env, int exitCode) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isEqualTo(exitCode);
        return output;
    }

    /**
     * The compose network on loopback: each {@code service:containerPort} the stack uses, and each service's own
     * host name, replaced by a loopback address and port.
     */
    static final class Loopback {
        private final ComposeModel compose;
        private final Map<String, String> addresses = new LinkedHashMap<>();
        private final Map<String, String> ports = new LinkedHashMap<>();

        Loopback(ComposeModel compose) {
            this.compose = compose;
        }

        void map(String service, int containerPort, String hostAndPort) {
            addresses.put(service + ":" + containerPort, hostAndPort);
            ports.put(service, hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
        }

        String adapt(String value) {
            String adapted = value;
            for (Map.Entry<String, String> address : addresses.entrySet()) {
                adapted = adapted.replace(address.getKey(), address.getValue());
            }
            return adapted;
        }

        /**
         * {@code service}'s environment on loopback: other services' addresses replaced, its own host name and
         * listener address made loopback ones, {@code CONNECT_REST_PORT} its loopback port. Fails if a value still
         * names a service, so a new reference in the compose file cannot slip through unmapped.
         */
        Map<String, String> adaptAll(String service, Map<String, String> env) {
            String ownPort = ports.get(service);
            Map<String, String> adapted = new LinkedHashMap<>();
            env.forEach((key, value) -> {
                String v = adapt(value);
                if (v.equals(service)) {
                    v = LOOPBACK;
                } else if (ownPort != null && v.matches("[a-z]+://0\\.0\\.0\\.0:\\d+")) {
                    v = v.substring(0, v.indexOf("://") + 3) + LOOPBACK + ":" + ownPort;
                } else if (ownPort != null && key.equals("CONNECT_REST_PORT")) {
                    v = ownPort;
                }
                adapted.put(key, v);
            });
            for (Map.Entry<String, String> e : adapted.entrySet()) {
                for (String other : compose.serviceNames()) {
                    if (e.getValue().equals(other) || e.getValue().contains(other + ":") || e.getValue().contains("//" + other)) {
                        throw new AssertionError(e.getKey() + "=" + e.getValue() + " still names the service " + other
                                + ": ComposeStackIT has no loopback address for it; map it in the test");
                    }
                }
            }
            return adapted;
        }
    }
}

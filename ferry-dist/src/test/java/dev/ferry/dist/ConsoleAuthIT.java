package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.rest.security.PasswordHashes;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console under Apache's basic authentication extension (connect-basic-auth-extension from
 * Maven Central on {@code plugin.path}, as in {@code RestExtensionBasicAuthIT}) on a two-worker
 * cluster of its own: the page loads without credentials, the API asks for them through the
 * sign-in dialog, wrong ones are refused, right ones work on the follower too (the workers list
 * is the leader's answer, forwarded, with every worker's version fetched with the same credentials).
 * Signed in, a user creates a two-task sink with a dead letter queue from the form, sees its
 * metrics charted for the tasks of both workers (the worker serving the page asks the other one
 * with the user's credentials), and browses and replays its dead letter queue.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleAuthIT {
    private static final String EXTENSION =
            "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension";
    private static final String OPERATOR = "Basic " + Base64.getEncoder()
            .encodeToString("operator:console-secret".getBytes(StandardCharsets.UTF_8));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SINK = "auth-dlq-sink";
    private static final String TOPIC = "auth-orders";
    private static final String DLQ = "auth-orders-dead";

    private ConsoleCluster cluster;
    private Browser browser;

    @BeforeAll
    void start(KafkaBroker broker) throws Exception {
        Path dir = Files.createTempDirectory("ferry-console-auth-");
        Path credentials = dir.resolve("credentials.properties");
        Files.writeString(credentials, "operator=console-secret\n");
        Path jaas = dir.resolve("connect-jaas.conf");
        Files.writeString(jaas, "KafkaConnect {\n"
                + "  org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule required\n"
                + "  file=\"" + credentials + "\";\n"
                + "};\n");
        String pluginPath = System.getProperty("rest.extension.plugin.path");
        if (pluginPath == null) {
            throw new IllegalStateException("System property rest.extension.plugin.path is not set; run this test "
                    + "through Maven (ferry-dist's failsafe configuration copies Apache's basic auth extension there)");
        }
        cluster = ConsoleCluster.start(broker, "console-auth-it",
                Map.of("plugin.path", pluginPath, "rest.extension.classes", EXTENSION),
                List.of("-Djava.security.auth.login.config=" + jaas));
        browser = Browser.start();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void theConsoleLoads_asksForCredentials_refusesWrongOnes_andWorksWithRightOnes() {
        assertThat(cluster.worker(1).get("/connectors").statusCode()).isEqualTo(401);
        browser.open(cluster.consoleUrl(1, ""));

        WebElement dialog = browser.testId("sign-in");
        browser.type("User name", "operator").type("Password", "wrong");
        browser.click("Sign in");
        browser.await(Browser.WAIT, "the refusal", () -> browser.testId("sign-in-reason").getText().contains("refused"));
        browser.screenshot("sign-in");

        browser.type("User name", "operator").type("Password", "console-secret");
        browser.click("Sign in");
        browser.heading("Overview");
        browser.await(Browser.WAIT, "both workers with their versions", () -> {
            List<WebElement> rows = browser.all(By.cssSelector("[data-testid='worker-table'] tbody tr"));
            return rows.size() == 2 && rows.stream().noneMatch(row -> row.getText().contains("unknown"));
        });
        assertThat(dialog.isDisplayed()).isFalse();

        browser.go("#/plugins");
        browser.heading("Plugins");
        browser.awaitText("FileStreamSinkConnector");
        // The two refused calls (before signing in, and with the wrong password) are the only errors logged.
        assertThat(browser.severeLogs()).allMatch(message -> message.contains("401 (Unauthorized)"));
    }

    @Test
    @Order(2)
    void signedIn_aTwoTaskSinkIsCreatedFromTheForm_andItsMetricsComeFromTheTasksOfBothWorkers() {
        cluster.broker.createTopic(TOPIC, 2, Map.of());
        browser.open(cluster.consoleUrl(1, "#/new"));
        browser.heading("New connector");
        new Select(browser.testId("form-plugin")).selectByValue("org.apache.kafka.connect.file.FileStreamSinkConnector");
        browser.testId("form-name").sendKeys(SINK);
        typeField("tasks.max", "2");
        typeField("topics", TOPIC);
        typeField("file", cluster.dir.resolve(SINK + ".txt").toString());
        chooseField("errors.tolerance", "all");
        typeField("errors.deadletterqueue.topic.name", DLQ);
        typeField("errors.deadletterqueue.topic.replication.factor", "1");
        chooseField("errors.deadletterqueue.context.headers.enable", "true");
        chooseField("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        browser.testId("form-submit").click();
        browser.await(Browser.WAIT, "the connector page of " + SINK, () -> browser.url().endsWith("#/connectors/" + SINK));
        browser.heading(SINK);

        Set<String> workers = new HashSet<>();
        cluster.worker(0).await(Duration.ofSeconds(30), SINK + "'s two tasks running on both workers", () -> {
            JsonNode status = authorized(cluster.worker(0), "GET", "/connectors/" + SINK + "/status", null);
            workers.clear();
            int running = 0;
            for (JsonNode task : status.path("tasks")) {
                running += "RUNNING".equals(task.path("state").asText()) ? 1 : 0;
                workers.add(task.path("worker_id").asText());
            }
            return running == 2 && workers.size() == 2;
        });

        // Both workers' tasks in one answer from either worker: each asks the other with the user's credentials.
        // A worker samples a watched connector every 5 s, so a task started since its last sample shows at the next.
        for (int i = 0; i < 2; i++) {
            WorkerProcess worker = cluster.worker(i);
            worker.await(Duration.ofSeconds(20), "both tasks in worker " + i + "'s metrics series", () -> authorized(
                    worker, "GET", "/connectors/" + SINK + "/metrics/series", null).path("tasks").size() == 2);
            JsonNode series = authorized(worker, "GET", "/connectors/" + SINK + "/metrics/series", null);
            assertThat(series.path("unreachable_workers")).as("worker %d's answer: %s", i, series).isEmpty();
            List<String> taskWorkers = new ArrayList<>();
            series.path("tasks").forEach(t -> taskWorkers.add(t.path("task").asInt() + "@" + t.path("worker_id").asText()));
            assertThat(taskWorkers).as("worker %d's answer: %s", i, series).hasSize(2);
            assertThat(series.path("tasks").findValuesAsText("worker_id")).containsExactlyInAnyOrderElementsOf(workers);
            JsonNode restarts = authorized(cluster.worker(i), "GET", "/connectors/" + SINK + "/restarts", null);
            assertThat(restarts.path("unreachable_workers")).as("worker %d's answer: %s", i, restarts).isEmpty();
        }
        browser.await(Duration.ofSeconds(20), "charts with a line for each task", () -> {
            String panel = browser.testId("metrics-panel").getText();
            return panel.contains("Records read per second") && panel.contains("task 0") && panel.contains("task 1");
        });
        // The other worker's task gets values too (its sampling started with the first request it was asked).
        browser.await(Duration.ofSeconds(20), "a value for each task's records read per second", () -> {
            String chart = browser.testId("chart-records_in_per_sec").getText();
            return chart.contains("task 0") && chart.contains("task 1") && !chart.contains("no data");
        });
        assertThat(browser.text()).doesNotContain("missing from this answer");
        browser.screenshot("auth-connector-metrics");
    }

    @Test
    @Order(3)
    void signedIn_theDlqPageListsADeadRecordAndReplaysItToItsOriginalTopic() throws Exception {
        produce(cluster.broker, "auth-bad", "{broken json");
        cluster.worker(0).await(Duration.ofSeconds(30), "the record in the DLQ",
                () -> authorized(cluster.worker(1), "GET", "/connectors/" + SINK + "/dlq", null)
                        .path("records").size() == 1);

        browser.go("#/connectors/" + SINK + "/dlq");
        browser.heading("Dead letter queue of " + SINK);
        browser.awaitText("{broken json");
        assertThat(browser.testId("dlq-summary").getText()).contains(DLQ);
        assertThat(browser.testId("dlq-records").getText()).contains(TOPIC + "-0@0").contains("auth-bad");
        browser.screenshot("auth-dlq");

        browser.field("Select the record at offset 0").click();
        browser.click("Replay 1 selected");
        assertThat(browser.testId("confirm-dialog").getText()).contains("1 to " + TOPIC + " (partition 0)");
        browser.click("Replay 1 record(s)");
        browser.awaitText("Replayed 1 record(s).");
        ConsumerRecord<byte[], byte[]> copy = read(cluster.broker, TOPIC, 1);
        assertThat(new String(copy.key(), StandardCharsets.UTF_8)).isEqualTo("auth-bad");
        assertThat(new String(copy.value(), StandardCharsets.UTF_8)).isEqualTo("{broken json");
        assertThat(copy.headers().toArray()).isEmpty();
        assertThat(browser.severeLogs()).isEmpty();
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** The form field of config key {@code key}, its group opened. */
    private WebElement awaitField(String key) {
        WebElement[] found = new WebElement[1];
        browser.await(Browser.WAIT, "field " + key, () -> {
            List<WebElement> all = browser.all(By.cssSelector("[data-testid='field-" + key + "']"));
            found[0] = all.isEmpty() ? null : all.get(0);
            return found[0] != null;
        });
        WebElement group = found[0].findElement(By.xpath("ancestor::details[1]"));
        if (group.getAttribute("open") == null) {
            WebElement summary = group.findElement(By.tagName("summary"));
            browser.script("arguments[0].scrollIntoView({block: 'center'})", summary);
            summary.click();
        }
        browser.script("arguments[0].scrollIntoView({block: 'center'})", found[0]);
        return found[0];
    }

    private void typeField(String key, String value) {
        WebElement input = awaitField(key);
        input.clear();
        input.sendKeys(value);
    }

    private void chooseField(String key, String value) {
        WebElement input = awaitField(key);
        if (input.getTagName().equals("select")) {
            new Select(input).selectByValue(value);
        } else {
            input.clear();
            input.sendKeys(value);
        }
    }

    /** {@code method path} on {@code worker} as the operator; the answer's JSON (2xx expected). */
    /**
     * The console under Ferry's own authentication ({@code rest.authentication.users}, no extension) on a standalone
     * worker of its own: the console's requests get no Basic challenge (a browser would show its own prompt over the
     * page's dialog), the dialog refuses a wrong password, an admin signs in and sees the overview and the plugins,
     * and a read-only user may read but its write is refused with 403 naming the role.
     */
    @Test
    @Order(4)
    void underFerrysOwnAuthentication_theConsoleSignsInThroughItsOwnDialog() throws Exception {
        String users = "admin:admin:" + PasswordHashes.hash("admin-Pa55word".toCharArray(), 10_000)
                + ",viewer:read-only:" + PasswordHashes.hash("viewer-Pa55word".toCharArray(), 10_000);
        Path dir = Files.createTempDirectory(cluster.dir, "built-in-auth-");
        try (WorkerProcess worker = WorkerProcess.start(dir, cluster.broker.bootstrapServers(),
                Map.of("rest.authentication.users", users))) {
            HttpResponse<String> script = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + worker.port + "/connectors"))
                    .header("X-Requested-With", "XMLHttpRequest").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(script.statusCode()).isEqualTo(401);
            assertThat(script.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"ferry\"");

            browser.open("http://127.0.0.1:" + worker.port + "/ui/");
            browser.testId("sign-in");
            browser.type("User name", "admin").type("Password", "wrong");
            browser.click("Sign in");
            browser.await(Browser.WAIT, "the refusal", () -> browser.testId("sign-in-reason").getText().contains("refused"));
            browser.type("User name", "admin").type("Password", "admin-Pa55word");
            browser.click("Sign in");
            browser.heading("Overview");
            browser.go("#/plugins");
            browser.heading("Plugins");
            browser.awaitText("FileStreamSinkConnector");
            browser.screenshot("built-in-auth-plugins");

            String viewer = "Basic " + Base64.getEncoder().encodeToString("viewer:viewer-Pa55word"
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + worker.port + "/connectors")).header("Authorization", viewer)
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> write = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + worker.port + "/connectors")).header("Authorization", viewer)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"config\":{}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(write.statusCode()).isEqualTo(403);
            assertThat(JSON.readTree(write.body()).path("message").asText()).contains("'viewer' has the read-only role");
        }
    }

    private static JsonNode authorized(WorkerProcess worker, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker.port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", OPERATOR)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void produce(KafkaBroker broker, String key, String value) throws Exception {
        Map<String, Object> config = new HashMap<>(broker.producerConfig());
        config.put("key.serializer", ByteArraySerializer.class.getName());
        config.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(TOPIC, 0, key.getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static ConsumerRecord<byte[], byte[]> read(KafkaBroker broker, String topic, long offset) {
        Map<String, Object> config = new HashMap<>(broker.consumerConfig());
        config.put("key.deserializer", ByteArrayDeserializer.class.getName());
        config.put("value.deserializer", ByteArrayDeserializer.class.getName());
        config.remove("group.id");
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadline = System.currentTimeMillis() + 20_000;
            while (found.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).records(tp).stream().filter(r -> r.offset() == offset)
                        .forEach(found::add);
            }
        }
        assertThat(found).as("a record at " + topic + "-0@" + offset).isNotEmpty();
        return found.get(0);
    }
}

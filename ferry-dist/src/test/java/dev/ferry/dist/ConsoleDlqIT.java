package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/**
 * The dead letter queue page in a real browser on the two-worker cluster: a FileStreamSink with a
 * DLQ gets malformed JSON; the page served by the second worker lists the dead records with their
 * decoded error headers and stack trace, and replays a selected one to its original topic after a
 * confirmation naming where it goes. The connector page charts every task's recent metrics, links
 * to the queue, and lists the automatic-restart policy's decisions.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleDlqIT {
    private static final String SINK = "console-dlq-sink";
    private static final String TOPIC = "console-dlq-orders";
    private static final String DLQ = "console-dlq-orders-dead";

    private ConsoleCluster cluster;
    private Browser browser;

    @BeforeAll
    void start(KafkaBroker broker) throws Exception {
        cluster = ConsoleCluster.shared(broker);
        broker.createTopic(TOPIC, 1, Map.of());
        cluster.create(SINK, Map.of("connector.class", "FileStreamSink", "tasks.max", "1", "topics", TOPIC,
                "file", cluster.dir.resolve(SINK + ".txt").toString(),
                "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable", "false",
                "errors.tolerance", "all",
                "errors.deadletterqueue.topic.name", DLQ,
                "errors.deadletterqueue.topic.replication.factor", "1",
                "errors.deadletterqueue.context.headers.enable", "true"));
        cluster.awaitStatus(SINK, "RUNNING", "RUNNING", 1);
        produce(broker, "order-1", "\"good\"");
        produce(broker, "order-2", "{broken json");
        produce(broker, "order-3", "[1,2");
        cluster.worker(0).await(Duration.ofSeconds(60), "two records in the DLQ",
                () -> cluster.json("/connectors/" + SINK + "/dlq").path("records").size() == 2);
        browser = Browser.start();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (cluster != null) {
            cluster.delete(SINK);
            cluster.delete("console-dlq-none");
        }
    }

    @Test
    @Order(1)
    void theDlqPageListsTheDeadRecordsWithTheirDecodedErrorHeaders() {
        browser.open(cluster.consoleUrl(1, "#/connectors/" + SINK + "/dlq"));
        browser.heading("Dead letter queue of " + SINK);
        browser.awaitText("{broken json");
        assertThat(browser.testId("dlq-summary").getText()).contains(DLQ);
        assertThat(browser.all(By.cssSelector("[data-testid='dlq-record']"))).hasSize(2);
        String table = browser.testId("dlq-records").getText();
        assertThat(table).contains(TOPIC + "-0@1").contains(TOPIC + "-0@2").contains("VALUE_CONVERTER")
                .contains("DataException").contains("order-2");

        browser.find(By.xpath("//summary[normalize-space(.)='Details of offset 0']")).click();
        browser.awaitText("org.apache.kafka.connect.json.JsonConverter");
        assertThat(browser.button("Copy stack trace of the record at offset 0").isDisplayed()).isTrue();
        assertThat(browser.text()).contains("Original topic").contains("JsonConverter.toConnectData(JsonConverter.java");
        browser.screenshot("dlq");
        browser.screenshotAt("dlq-phone", 390);
        assertThat(browser.severeLogs()).isEmpty();
    }

    @Test
    @Order(2)
    void aSelectedRecordIsReplayedToItsOriginalTopicAfterAConfirmationNamingIt() throws Exception {
        browser.open(cluster.consoleUrl(1, "#/connectors/" + SINK + "/dlq"));
        browser.heading("Dead letter queue of " + SINK);
        assertThat(browser.button("Replay selected").isEnabled()).isFalse();

        browser.field("Select the record at offset 0").click();
        browser.click("Replay 1 selected");
        String dialog = browser.testId("confirm-dialog").getText();
        assertThat(dialog).contains("1 to " + TOPIC + " (partition 0)").contains("cause is fixed");
        browser.screenshot("dlq-replay-confirm");
        browser.click("Replay 1 record(s)");

        browser.awaitText("Replayed 1 record(s).");
        assertThat(browser.testId("replay-result").getText()).contains(TOPIC + "-0").contains("3");
        ConsumerRecord<byte[], byte[]> copy = read(cluster.broker, TOPIC, 3);
        assertThat(new String(copy.key(), StandardCharsets.UTF_8)).isEqualTo("order-2");
        assertThat(new String(copy.value(), StandardCharsets.UTF_8)).isEqualTo("{broken json");
        assertThat(copy.headers().toArray()).isEmpty();
        // Still broken, so the sink dead-letters it again: the queue grows to three.
        cluster.worker(0).await(Duration.ofSeconds(60), "the replayed record dead-lettered again",
                () -> cluster.json("/connectors/" + SINK + "/dlq").path("records").size() == 3);
        browser.click("Refresh");
        browser.await(Duration.ofSeconds(30), "three records listed",
                () -> browser.all(By.cssSelector("[data-testid='dlq-record']")).size() == 3);
        browser.screenshot("dlq-replayed");
    }

    @Test
    @Order(3)
    void aSinkWithoutADeadLetterQueueSaysWhichSettingGivesIt() {
        cluster.createFileSink("console-dlq-none", TOPIC, "console-dlq-none.txt");
        browser.open(cluster.consoleUrl(0, "#/connectors/console-dlq-none/dlq"));
        browser.heading("Dead letter queue of console-dlq-none");
        assertThat(browser.testId("dlq-error").getText()).contains("errors.deadletterqueue.topic.name");
    }

    @Test
    @Order(4)
    void theConnectorPageChartsEveryTasksRecentMetricsAndLinksToTheQueue() throws Exception {
        browser.open(cluster.consoleUrl(1, "#/connectors/" + SINK));
        browser.heading(SINK);
        browser.await(Duration.ofSeconds(30), "the charts",
                () -> browser.testId("metrics-panel").getText().contains("Records read per second"));
        assertThat(browser.testId("metrics-panel").getText()).contains("Records read per second")
                .contains("Dead-lettered records per 5 s").contains("Consumer lag");
        // The worker started sampling with the page's first request: records flowing now show as a rate
        // drawn as a line once a few 5 s samples are in.
        // The chart is redrawn with every sample, so each look finds it afresh (a kept element goes stale).
        int[] produced = {0};
        browser.await(Duration.ofSeconds(45), "a line of records read per second", () -> {
            WebElement chart = browser.testId("chart-records_in_per_sec");
            boolean drawn = !chart.findElements(By.tagName("polyline")).isEmpty()
                    && !chart.getText().contains("task 0: 0/s");
            if (!drawn) {
                produceUnchecked(cluster.broker, "more-" + produced[0], "\"more-" + produced[0]++ + "\"");
            }
            return drawn;
        });
        String label = Browser.reading(() -> browser.testId("chart-records_in_per_sec")
                .findElement(By.tagName("svg")).getAttribute("aria-label"));
        assertThat(label).startsWith("Records read per second: task 0 ").contains("peak");
        assertThat(Browser.reading(() -> browser.testId("chart-records_in_per_sec").getText())).contains("task 0:");
        assertThat(browser.testId("restart-history-empty").getText()).contains("ferry.restart.enabled=true");
        browser.screenshot("connector-metrics");

        browser.find(By.cssSelector("[data-testid='dlq-link']")).click();
        browser.heading("Dead letter queue of " + SINK);
    }

    @Test
    @Order(5)
    void theConnectorPageListsTheRestartPolicysDecisions() {
        cluster.create("console-dlq-restarting", Map.of("connector.class", "FileStreamSink", "tasks.max", "1",
                "topics", TOPIC, "file", cluster.dir.resolve("no-such-dir").resolve("restarting.txt").toString(),
                "ferry.restart.enabled", "true", "ferry.restart.max.attempts", "1",
                "ferry.restart.backoff.initial.ms", "200"));
        browser.open(cluster.consoleUrl(0, "#/connectors/console-dlq-restarting"));
        browser.heading("console-dlq-restarting");
        browser.await(Duration.ofSeconds(60), "the policy giving up",
                () -> browser.testId("restart-history").getText().contains("Gave up after 1 restart(s)"));
        String history = browser.testId("restart-history").getText();
        assertThat(history).contains("Restarted (attempt 1 of 1)").contains("restart 1 of 1 scheduled for")
                .contains("task 0");
        assertThat(browser.all(By.cssSelector("[data-testid='restart-event']"))).hasSize(3);
        browser.screenshot("connector-restarts");
        cluster.delete("console-dlq-restarting");
    }

    private static void produceUnchecked(KafkaBroker broker, String key, String value) {
        try {
            produce(broker, key, value);
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + TOPIC, e);
        }
    }

    private static void produce(KafkaBroker broker, String key, String value) throws Exception {
        Map<String, Object> config = new HashMap<>(broker.producerConfig());
        config.put("key.serializer", ByteArraySerializer.class.getName());
        config.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(TOPIC, key.getBytes(StandardCharsets.UTF_8),
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
            long deadline = System.currentTimeMillis() + 30_000;
            while (found.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).records(tp).stream().filter(r -> r.offset() == offset)
                        .forEach(found::add);
            }
        }
        assertThat(found).as("a record at " + topic + "-0@" + offset).isNotEmpty();
        return found.get(0);
    }
}

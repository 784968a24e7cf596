package dev.ferry.runtime.task.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

/**
 * Source tasks sharing one producer keep what a producer of their own gives them: their
 * {@code kafka.producer} MBeans under their own client ids with their own counts, a send failure
 * seen by the task that sent the record only, callbacks that cannot stall the other tasks, their
 * own buffer share; and tasks whose settings would change by sharing keep a producer of their own.
 */
@WithKafka
class SharedProducersTest {
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();
    private static final long WAIT_SECONDS = 30;

    @Test
    void tasksOnOneProducerKeepTheirOwnMetricsAndFailures(KafkaBroker broker) throws Exception {
        broker.createTopic("shared-a", 1);
        broker.createTopic("shared-b", 1);
        List<Map<String, Object>> made = new ArrayList<>();
        SharedProducers producers = new SharedProducers(props -> {
            made.add(props);
            return new KafkaProducer<>(props);
        }, Time.SYSTEM, true);
        Producer<byte[], byte[]> a = producers.producerFor(id("a"), props(broker, "a"));
        Producer<byte[], byte[]> b = producers.producerFor(id("b"), props(broker, "b"));
        assertThat(made).as("one Kafka producer for both tasks").hasSize(1);
        String shared = (String) made.get(0).get(ProducerConfig.CLIENT_ID_CONFIG);
        assertThat(networkThreads(shared)).as("one I/O thread for both tasks").isEqualTo(1);

        for (int i = 0; i < 5; i++) {
            a.send(record("shared-a", 10)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 3; i++) {
            b.send(record("shared-b", 10)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        // Bigger than max.request.size: only the task that sent it sees the failure.
        CompletableFuture<Exception> aFailure = new CompletableFuture<>();
        a.send(record("shared-a", 2_000_000), (metadata, error) -> aFailure.complete(error));
        assertThat(aFailure.get(WAIT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(RecordTooLargeException.class);
        b.send(record("shared-b", 10)).get(WAIT_SECONDS, TimeUnit.SECONDS);

        ObjectName aMetrics = new ObjectName("kafka.producer:type=producer-metrics,client-id=connector-producer-a-0");
        ObjectName bMetrics = new ObjectName("kafka.producer:type=producer-metrics,client-id=connector-producer-b-0");
        assertThat(JMX.getAttribute(aMetrics, "record-send-total")).isEqualTo(5.0);
        assertThat(JMX.getAttribute(aMetrics, "record-error-total")).isEqualTo(1.0);
        assertThat(JMX.getAttribute(bMetrics, "record-send-total")).isEqualTo(4.0);
        assertThat(JMX.getAttribute(bMetrics, "record-error-total")).isEqualTo(0.0);
        assertThat((Double) JMX.getAttribute(bMetrics, "outgoing-byte-total")).isGreaterThan(4 * 10.0);
        // Connection-level attributes come from the shared client, under the task's name.
        assertThat(JMX.getAttribute(aMetrics, "request-latency-avg")).isInstanceOf(Double.class);
        assertThat((Double) JMX.getAttribute(aMetrics, "connection-count")).isPositive();
        assertThat(JMX.getAttribute(new ObjectName("kafka.producer:type=producer-topic-metrics,"
                + "client-id=connector-producer-a-0,topic=shared-a"), "record-send-total")).isEqualTo(5.0);
        assertThat(JMX.isRegistered(new ObjectName("kafka.producer:type=app-info,id=connector-producer-a-0"))).isTrue();
        assertThat(JMX.queryNames(new ObjectName("kafka.producer:type=producer-metrics,client-id=ferry-shared-producer-*"),
                null)).as("the shared client's own MBeans would count every record twice").isEmpty();

        a.close(Duration.ofSeconds(WAIT_SECONDS));
        assertThat(JMX.queryNames(new ObjectName("kafka.producer:client-id=connector-producer-a-0,*"), null)).isEmpty();
        assertThat(JMX.isRegistered(new ObjectName("kafka.producer:type=app-info,id=connector-producer-a-0"))).isFalse();
        b.send(record("shared-b", 10)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(networkThreads(shared)).as("still open for the other task").isEqualTo(1);
        b.close(Duration.ofSeconds(WAIT_SECONDS));
        assertThat(networkThreads(shared)).as("closed with its last task").isZero();
        assertThat(JMX.queryNames(new ObjectName("kafka.producer:client-id=connector-producer-b-0,*"), null)).isEmpty();
    }

    @Test
    void aTaskBlockedInItsCallbackOrWithAFullBufferHoldsUpNoOtherTask() throws Exception {
        MockProducer<byte[], byte[]> mock = new MockProducer<>(false, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        SharedProducers producers = new SharedProducers(props -> mock, Time.SYSTEM, true);
        Map<String, Object> small = new HashMap<>(Map.of(ProducerConfig.BUFFER_MEMORY_CONFIG, "1000",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "300"));
        Producer<byte[], byte[]> a = producers.producerFor(id("a"), mockProps("a", small));
        Producer<byte[], byte[]> b = producers.producerFor(id("b"), mockProps("b", small));

        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch aCalled = new CountDownLatch(1);
        a.send(record("t", 100), (metadata, error) -> {
            aCalled.countDown();
            awaitQuietly(release);
        });
        CountDownLatch bCalled = new CountDownLatch(1);
        b.send(record("t", 100), (metadata, error) -> bCalled.countDown());
        mock.completeNext(); // a's record: its callback blocks
        assertThat(aCalled.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        mock.completeNext(); // b's record
        assertThat(bCalled.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("b's callback runs while a's blocks").isTrue();

        // a's share is still held by its blocked callback: a waits, then gives up; b sends.
        a.send(record("t", 700));
        assertThatThrownBy(() -> a.send(record("t", 700))).isInstanceOf(BufferExhaustedException.class);
        b.send(record("t", 700));
        release.countDown();
        mock.completeNext();
        mock.completeNext();
        a.close(Duration.ofSeconds(WAIT_SECONDS));
        b.close(Duration.ofSeconds(WAIT_SECONDS));
        assertThat(mock.closed()).isTrue();
    }

    @Test
    void aTasksCountsAreExactWhenReadAndWhenItGoesQuietThoughTalliedInBulk() throws Exception {
        MockProducer<byte[], byte[]> mock = new MockProducer<>(false, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        SharedProducers producers = new SharedProducers(props -> mock, Time.SYSTEM, true);
        Producer<byte[], byte[]> a = producers.producerFor(id("tally"), mockProps("tally", Map.of()));
        Producer<byte[], byte[]> b = producers.producerFor(id("other"), mockProps("other", Map.of()));
        a.send(record("t", 10));
        a.send(record("t", 500));
        a.send(record("t", 10));
        mock.completeNext();
        mock.completeNext();

        // One record still in flight: reading the task's metrics brings its counts up to date.
        assertThat(metric(a, "producer-metrics", "record-send-total")).isEqualTo(2.0);
        assertThat(metric(a, "producer-topic-metrics", "record-send-total")).isEqualTo(2.0);
        assertThat((Double) metric(a, "producer-metrics", "record-size-max")).isEqualTo(500.0 + 82);

        // The last one acknowledged: nothing in flight, so the MBeans are up to date without a read.
        mock.completeNext();
        ObjectName tally = new ObjectName("kafka.producer:type=producer-metrics,client-id=connector-producer-tally-0");
        assertThat(JMX.getAttribute(tally, "record-send-total")).isEqualTo(3.0);
        assertThat((Double) JMX.getAttribute(tally, "outgoing-byte-total")).isEqualTo(3 * 82 + 520.0);
        assertThat(JMX.getAttribute(new ObjectName("kafka.producer:type=producer-metrics,"
                + "client-id=connector-producer-other-0"), "record-send-total")).isEqualTo(0.0);
        a.close(Duration.ofSeconds(WAIT_SECONDS));
        b.close(Duration.ofSeconds(WAIT_SECONDS));
    }

    @Test
    void tasksWhoseSettingsSharingWouldChangeKeepAProducerOfTheirOwn() {
        ConnectorTaskId id = id("c");
        Map<String, Object> plain = mockProps("c", Map.of());
        assertThat(SharedProducers.shareable(id, plain)).isTrue();
        assertThat(SharedProducers.shareable(id, with(plain, ProducerConfig.TRANSACTIONAL_ID_CONFIG, "x"))).isFalse();
        assertThat(SharedProducers.shareable(id, with(plain, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"))).isFalse();
        assertThat(SharedProducers.shareable(id, with(plain, ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, "com.X"))).isFalse();
        assertThat(SharedProducers.shareable(id, with(plain, ProducerConfig.METRIC_REPORTER_CLASSES_CONFIG, ""))).isFalse();
        assertThat(SharedProducers.shareable(id, with(plain, ProducerConfig.CLIENT_ID_CONFIG, "mine"))).isFalse();

        List<Map<String, Object>> made = new ArrayList<>();
        SharedProducers producers = new SharedProducers(props -> {
            made.add(props);
            return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        }, Time.SYSTEM, true);
        Producer<byte[], byte[]> own = producers.producerFor(id, with(plain, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"));
        assertThat(own).isInstanceOf(MockProducer.class);
        Producer<byte[], byte[]> first = producers.producerFor(id("d"), mockProps("d", Map.of("linger.ms", "5")));
        Producer<byte[], byte[]> other = producers.producerFor(id("e"), mockProps("e", Map.of("linger.ms", "50")));
        assertThat(made).as("different settings, different producers").hasSize(3);
        assertThat(made.get(1).get(ProducerConfig.CLIENT_ID_CONFIG)).isNotEqualTo("connector-producer-d-0");
        first.close();
        other.close();
        own.close();

        SharedProducers off = new SharedProducers(props -> {
            made.add(props);
            return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        }, Time.SYSTEM, false);
        off.producerFor(id("f"), mockProps("f", Map.of())).close();
        assertThat(made.get(3).get(ProducerConfig.CLIENT_ID_CONFIG)).isEqualTo("connector-producer-f-0");
    }

    private static Object metric(Producer<byte[], byte[]> producer, String group, String name) {
        return producer.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals(group) && e.getKey().name().equals(name))
                .findFirst().orElseThrow().getValue().metricValue();
    }

    private static ConnectorTaskId id(String connector) {
        return new ConnectorTaskId(connector, 0);
    }

    private static Map<String, Object> props(KafkaBroker broker, String connector) {
        Map<String, Object> props = new HashMap<>(broker.producerConfig());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "connector-producer-" + connector + "-0");
        return props;
    }

    private static Map<String, Object> mockProps(String connector, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "connector-producer-" + connector + "-0");
        return props;
    }

    private static Map<String, Object> with(Map<String, Object> props, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(props);
        copy.put(key, value);
        return copy;
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, int size) {
        return new ProducerRecord<>(topic, new byte[size]);
    }

    private static long networkThreads(String clientId) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("kafka-producer-network-thread | " + clientId))
                .count();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

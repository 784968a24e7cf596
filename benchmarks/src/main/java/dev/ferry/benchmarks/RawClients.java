package dev.ferry.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ceiling a connector is measured against: a plain KafkaProducer and KafkaConsumer moving the
 * same lines, configured as Apache's Connect framework configures its task clients (see
 * research/connect-runtime.md section 2.4), so a ratio of 100% means the runtime adds no cost over
 * the clients it drives. Everything the framework leaves alone (linger.ms, batch.size, fetch sizes,
 * max.poll.records) keeps the client default, as it does in a connector.
 */
final class RawClients {

    private RawClients() {
    }

    /**
     * Sends lines 0 to {@code n - 1} (null keys, as FileStreamSource sends them) and waits for every
     * acknowledgement. The lines are built before the clock starts, so only the client is timed.
     */
    static Throughput produce(String bootstrapServers, String topic, int n) {
        byte[][] values = new byte[n][];
        for (int i = 0; i < n; i++) {
            values[i] = BenchmarkLines.line(i);
        }
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "benchmark-raw-producer");
        // The framework's forced source-producer settings (Apache Worker#baseProducerConfigs).
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Long.MAX_VALUE));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE));
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            producer.partitionsFor(topic); // metadata before the clock starts, as a running task has it
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, null, values[i]), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (failure.get() != null) {
                throw new IllegalStateException("The raw producer failed to send to " + topic + ": "
                        + failure.get(), failure.get());
            }
            return new Throughput(n, seconds);
        }
    }

    /**
     * Reads {@code n} records from the start of {@code topic} in a fresh group, as a sink task's
     * consumer does. Like {@link TransferWatch}, the clock starts at the first records, so the group
     * join is not counted, and those first records are left out of the count.
     */
    static Throughput consume(String bootstrapServers, String topic, long n, Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "benchmark-raw-consumer");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "benchmark-raw-consumer");
        // The framework's sink-consumer settings (Apache Worker#baseConsumerConfigs).
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            long seen = 0;
            long firstBatch = 0;
            long start = 0;
            long bytes = 0; // touched so the JIT cannot drop the reads
            while (seen < n) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The raw consumer read only " + seen + " of " + n
                            + " records from " + topic + " within " + timeout);
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                if (seen == 0) {
                    start = System.nanoTime();
                    firstBatch = records.count();
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    bytes += record.value().length;
                }
                seen += records.count();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (bytes == 0) {
                throw new IllegalStateException("The raw consumer read only empty records from " + topic);
            }
            return new Throughput(seen - firstBatch, seconds);
        }
    }
}

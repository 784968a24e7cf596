package dev.ferry.runtime.storage.kafka;

import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.testkit.KafkaBroker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Worker configs with fresh topic names, a raw reader of topics, golden files and a polling wait. */
final class StoreTestSupport {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private StoreTestSupport() {
    }

    /** A distributed worker config whose three internal topics are new names, one replica each. */
    static DistributedConfig workerConfig(KafkaBroker broker, Map<String, String> extra) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("group.id", "ferry-store-test-" + id);
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("config.storage.topic", "configs-" + id);
        props.put("offset.storage.topic", "offsets-" + id);
        props.put("status.storage.topic", "statuses-" + id);
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "3");
        props.put("status.storage.partitions", "3");
        // Internal clients take the worker's client settings; a short fetch wait keeps write-then-read-back
        // round trips in tests from waiting out the default 500 ms when a fetch is already parked at the broker.
        props.put("fetch.max.wait.ms", "50");
        props.putAll(extra);
        return new DistributedConfig(props);
    }

    /** Every record of the topic as {@code key<TAB>value} (UTF-8; a tombstone as {@code null}), by partition then offset. */
    static List<String> readAll(KafkaBroker broker, String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = records(broker, topic);
        List<String> lines = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            lines.add(utf8(record.key()) + "\t" + (record.value() == null ? "null" : utf8(record.value())));
        }
        return lines;
    }

    /** Every record of the topic, by partition then offset. */
    static List<ConsumerRecord<byte[], byte[]>> records(KafkaBroker broker, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(broker.consumerConfig())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read topic " + topic + " to its end " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                    .thenComparingLong(ConsumerRecord::offset));
            return records;
        }
    }

    /** The lines of a golden file under {@code storage-kafka/}, without blank lines and {@code #} comments. */
    static List<String> golden(String name) {
        try (InputStream in = StoreTestSupport.class.getResourceAsStream("/storage-kafka/" + name)) {
            if (in == null) {
                throw new AssertionError("Missing golden file storage-kafka/" + name);
            }
            List<String> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the condition holds, failing with {@code what} after {@link #TIMEOUT}. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting until " + what, e);
            }
        }
    }

    static String utf8(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }
}

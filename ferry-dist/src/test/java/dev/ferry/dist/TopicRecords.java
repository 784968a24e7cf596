package dev.ferry.dist;

import dev.ferry.testkit.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every record of a topic as raw bytes, read from the beginning to the end offsets of the moment
 * of the call, ordered by partition and offset. The oracle tests read the internal topics with it,
 * so what they compare is exactly what a worker wrote, not what a deserializer made of it.
 */
final class TopicRecords {

    /** One record; {@code value} is null for a tombstone. */
    record Raw(int partition, long offset, byte[] key, byte[] value) {
        String keyText() {
            return key == null ? null : new String(key, StandardCharsets.UTF_8);
        }

        String valueText() {
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }
    }

    private TopicRecords() {
    }

    static List<Raw> read(KafkaBroker broker, String topic) {
        Map<String, Object> config = new HashMap<>(broker.consumerConfig());
        config.put("key.deserializer", ByteArrayDeserializer.class.getName());
        config.put("value.deserializer", ByteArrayDeserializer.class.getName());
        config.put("enable.auto.commit", "false");
        config.remove("group.id");
        List<Raw> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new AssertionError("topic " + topic + " does not exist");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end offsets " + end + " within 30 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(topic, r.partition()))) {
                        records.add(new Raw(r.partition(), r.offset(), r.key(), r.value()));
                    }
                }
            }
        }
        records.sort(Comparator.comparingInt(Raw::partition).thenComparingLong(Raw::offset));
        return records;
    }
}

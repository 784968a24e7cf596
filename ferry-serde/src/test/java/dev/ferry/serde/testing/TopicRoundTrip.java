package dev.ferry.serde.testing;

import dev.ferry.testkit.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes records through a real topic with configured serializer instances and reads them back, raw and through
 * the deserializers, so that tests see both the bytes on the topic and the values an application gets.
 */
public final class TopicRoundTrip {

    private TopicRoundTrip() {
    }

    public static <K, V> void send(KafkaBroker broker, String topic, Serializer<K> keySerializer,
                                   Serializer<V> valueSerializer, List<Map.Entry<K, V>> records) {
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(broker.producerConfig(), keySerializer, valueSerializer)) {
            for (Map.Entry<K, V> record : records) {
                producer.send(new ProducerRecord<>(topic, 0, record.getKey(), record.getValue()));
            }
            producer.flush();
        }
    }

    /** Sends one value (null key) with the serializer given. */
    public static <V> void sendValue(KafkaBroker broker, String topic, Serializer<V> valueSerializer, V value) {
        try (KafkaProducer<byte[], V> producer = new KafkaProducer<>(broker.producerConfig(), new ByteArraySerializer(),
                valueSerializer)) {
            producer.send(new ProducerRecord<>(topic, 0, null, value));
            producer.flush();
        }
    }

    /** The first {@code count} records of partition 0, read with the deserializers given. */
    public static <K, V> List<ConsumerRecord<K, V>> read(KafkaBroker broker, String topic, int count,
                                                          Deserializer<K> keys, Deserializer<V> values) {
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(broker.consumerConfig(), keys, values)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        if (records.size() < count) {
            throw new AssertionError("Read " + records.size() + " of " + count + " records from " + topic);
        }
        return records;
    }

    /** The raw bytes of the first {@code count} values of partition 0. */
    public static List<byte[]> rawValues(KafkaBroker broker, String topic, int count) {
        return read(broker, topic, count, new ByteArrayDeserializer(), new ByteArrayDeserializer()).stream()
                .map(ConsumerRecord::value).toList();
    }
}

package dev.ferry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A how-to for the test kit: the shortest path from nothing to records round-tripping through a
 * real Kafka broker. Copy it as the start of an integration test.
 */
// Step 1: ask for a broker. @WithKafka registers the kit's JUnit extension; any parameter of type
// KafkaBroker (in the constructor, a @BeforeAll/@BeforeEach method or a test) then receives a
// running broker. It is a real Apache Kafka 4.3.1 node in this JVM, not a mock. By default one
// broker is shared by every test class in the JVM, so this class pays the start-up cost only if
// it happens to be the first one to ask.
@WithKafka
class ProduceAndConsumeTutorialTest {

    @Test
    void producedRecords_canBeConsumedInOrder(KafkaBroker broker) throws Exception {
        // Step 2: create the topic the test needs. The broker may be shared, so the name is
        // specific to this test. createTopic returns once the partitions have leaders, so there
        // is no need to wait or retry before producing. Topic configs go in the map.
        String topic = "tutorial-greetings";
        broker.createTopic(topic, 1, Map.of("retention.ms", "3600000"));

        // Step 3: produce. producerConfig() holds bootstrap.servers (and byte-array serializers,
        // which we replace with string ones here). It is a fresh mutable map on every call.
        Map<String, Object> producerConfig = broker.producerConfig();
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            for (String word : List.of("hello", "ahoy", "bonjour")) {
                // get() waits for the broker's acknowledgement, so the records are stored before
                // the consumer starts; a real pipeline would not block per record.
                RecordMetadata stored = producer.send(new ProducerRecord<>(topic, "greeting", word)).get();
                assertThat(stored.topic()).isEqualTo(topic);
            }
        }

        // Step 4: consume. consumerConfig() already sets auto.offset.reset=earliest, so a new
        // group reads the records produced above. Subscribing needs a group id; make it unique
        // to the test for the same reason as the topic name.
        Map<String, Object> consumerConfig = broker.consumerConfig();
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "tutorial-reader");
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.subscribe(List.of(topic));
            // Poll until everything arrived, with a deadline so a broken pipeline fails the test
            // instead of hanging it. The first poll also joins the group, which takes a moment.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < 3 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    received.add(record.value());
                }
            }
        }

        // Step 5: assert on what arrived. One partition keeps the order of the sends.
        assertThat(received).containsExactly("hello", "ahoy", "bonjour");

        // No clean-up: the extension closes the broker, and deletes its data, when the tests in
        // this JVM are done.
    }
}

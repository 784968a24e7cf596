package dev.ferry.converters.avro;

import dev.ferry.serde.avro.KafkaAvroDeserializer;
import dev.ferry.serde.avro.KafkaAvroSerializer;
import dev.ferry.serde.testing.TestRegistry;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records cross a real topic between applications using the Avro serdes and Connect using the converter, both
 * against the same real registry: what an application writes, a sink connector reads, and what a source connector
 * writes, an application reads.
 */
@WithKafka
class AvroConverterInteropTest {

    static TestRegistry registry;

    @BeforeAll
    static void startRegistry(KafkaBroker broker) {
        registry = TestRegistry.start(broker);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void aRecordAnApplicationWroteReadsAsAStructThroughTheConverter(KafkaBroker broker) {
        org.apache.avro.Schema user = AvroDataGoldenSchemaTest.parse(Golden.text("foreign-user.avsc"));
        GenericRecord record = new GenericData.Record(user);
        record.put("id", 7L);
        record.put("kind", new GenericData.EnumSymbol(user.getField("kind").schema(), "A"));
        record.put("choice", 3);
        record.put("hash", new GenericData.Fixed(user.getField("hash").schema(), new byte[] {9, 9, 9, 9}));
        record.put("age", 40);
        Map<String, Object> producerConfig = broker.producerConfig();
        producerConfig.put("value.serializer", KafkaAvroSerializer.class.getName());
        producerConfig.put("schema.registry.url", registry.directUrl());
        try (KafkaProducer<byte[], Object> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>("app-to-connect", record)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        byte[] bytes = readOne(broker, "app-to-connect");
        SchemaAndValue read = AvroConverterTest.converterFor(registry.directUrl(), false)
                .toConnectData("app-to-connect", bytes);

        Struct struct = (Struct) read.value();
        assertThat(read.schema().name()).isEqualTo("com.acme.User");
        assertThat(read.schema().version()).isEqualTo(1);
        assertThat(struct.getInt64("id")).isEqualTo(7L);
        assertThat(struct.getString("kind")).isEqualTo("A");
        assertThat(struct.getStruct("choice").getInt32("int")).isEqualTo(3);
        assertThat(struct.get("hash")).isEqualTo(ByteBuffer.wrap(new byte[] {9, 9, 9, 9}));
        assertThat(struct.getInt32("age")).isEqualTo(40);
    }

    @Test
    void aStructTheConverterWroteReadsAsAGenericRecordInAnApplication(KafkaBroker broker) throws Exception {
        byte[] bytes = AvroConverterTest.converterFor(registry.directUrl(), false)
                .fromConnectData("connect-to-app", AvroDataGoldenSchemaTest.order(), AvroConverterTest.orderValue());
        Map<String, Object> producerConfig = broker.producerConfig();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("connect-to-app", bytes)).get();
        }

        Object read;
        try (KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
            deserializer.configure(Map.of("schema.registry.url", registry.directUrl()), false);
            read = deserializer.deserialize("connect-to-app", readOne(broker, "connect-to-app"));
        }

        GenericRecord record = (GenericRecord) read;
        assertThat(record.getSchema().getFullName()).isEqualTo("com.example.Order");
        assertThat(record.get("tiny")).isEqualTo(5);
        assertThat(record.get("note")).isNull();
        assertThat(record.get("amount")).isEqualTo(ByteBuffer.wrap(new byte[] {0x04, (byte) 0xd2}));
        GenericRecord entry = (GenericRecord) ((List<?>) record.get("counts")).get(0);
        assertThat(entry.get("key")).isEqualTo(7);
        assertThat(entry.get("value").toString()).isEqualTo("x");
    }

    private static byte[] readOne(KafkaBroker broker, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(broker.consumerConfig())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (records.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            assertThat(records).as("a record on " + topic).isNotEmpty();
            return records.get(0).value();
        }
    }
}

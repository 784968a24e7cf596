package dev.ferry.serde.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.serde.avro.test.Payment;
import dev.ferry.serde.client.RegisteredSchema;
import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.client.SchemaRegistryClients;
import dev.ferry.schema.avro.AvroSchema;
import dev.ferry.serde.testing.TestRegistry;
import dev.ferry.serde.testing.TopicRoundTrip;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Avro serializer and deserializer through a real topic and the real registry. */
@WithKafka
class AvroSerdeRoundTripTest {

    private static final Schema ORDER = new Schema.Parser().parse("""
            {"type":"record","name":"Order","namespace":"com.acme","fields":[
              {"name":"id","type":"long"},
              {"name":"customer","type":{"type":"record","name":"Customer","fields":[
                {"name":"name","type":"string"},{"name":"email","type":["null","string"],"default":null}]}},
              {"name":"lines","type":{"type":"array","items":{"type":"record","name":"Line","fields":[
                {"name":"sku","type":"string"},{"name":"qty","type":"int"}]}}},
              {"name":"tags","type":{"type":"map","values":"string"}},
              {"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID"]}},
              {"name":"total","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}},
              {"name":"day","type":{"type":"int","logicalType":"date"}}
            ]}""");

    private static TestRegistry registry;

    @BeforeAll
    static void start(KafkaBroker broker) {
        registry = TestRegistry.start(broker);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private static GenericRecord order(long id) {
        Schema customerSchema = ORDER.getField("customer").schema();
        GenericData.Record customer = new GenericData.Record(customerSchema);
        customer.put("name", "Ada");
        customer.put("email", id % 2 == 0 ? null : "ada@example.com");
        Schema lineSchema = ORDER.getField("lines").schema().getElementType();
        GenericData.Record line = new GenericData.Record(lineSchema);
        line.put("sku", "A-1");
        line.put("qty", 3);
        GenericData.Record order = new GenericData.Record(ORDER);
        order.put("id", id);
        order.put("customer", customer);
        order.put("lines", List.of(line));
        order.put("tags", Map.of("channel", "web"));
        order.put("status", new GenericData.EnumSymbol(ORDER.getField("status").schema(), "PAID"));
        order.put("total", new BigDecimal("12.50"));
        order.put("day", LocalDate.of(2026, 12, 7));
        return order;
    }

    @Test
    void genericRecordsAndPrimitiveKeysRoundTripAndTheRegistryIsAskedOncePerSchema(KafkaBroker broker) {
        String topic = "avro-orders";
        broker.createTopic(topic, 1);
        Map<String, Object> configs = registry.serdeConfig("avro.use.logical.type.converters", true);
        KafkaAvroSerializer keys = new KafkaAvroSerializer();
        keys.configure(configs, true);
        KafkaAvroSerializer values = new KafkaAvroSerializer();
        values.configure(configs, false);
        int before = registry.requests();
        List<Map.Entry<Object, Object>> records = new java.util.ArrayList<>();
        for (long i = 0; i < 50; i++) {
            records.add(new SimpleEntry<>("order-" + i, order(i)));
        }
        records.add(new SimpleEntry<>("order-gone", null));
        TopicRoundTrip.send(broker, topic, keys, values, records);
        assertThat(registry.requests() - before).as("one registration per subject").isEqualTo(2);

        KafkaAvroDeserializer keyReader = new KafkaAvroDeserializer();
        keyReader.configure(configs, true);
        KafkaAvroDeserializer valueReader = new KafkaAvroDeserializer();
        valueReader.configure(configs, false);
        int beforeRead = registry.requests();
        List<ConsumerRecord<Object, Object>> read = TopicRoundTrip.read(broker, topic, 51, keyReader, valueReader);
        // The key and value ids were learned when registering in this JVM's other client; this one asks once each.
        assertThat(registry.requests() - beforeRead).isEqualTo(2);
        assertThat(read.get(0).key()).isEqualTo("order-0");
        GenericRecord first = (GenericRecord) read.get(1).value();
        assertThat(first.toString()).isEqualTo(order(1).toString());
        assertThat(first.get("total")).isEqualTo(new BigDecimal("12.50"));
        assertThat(read.get(50).key()).isEqualTo("order-gone");
        assertThat(read.get(50).value()).isNull();

        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.directUrl()))) {
            RegisteredSchema value = client.latest(topic + "-value");
            assertThat(value.schema().canonical()).isEqualTo(AvroSchema.of(ORDER).canonical());
            RegisteredSchema key = client.latest(topic + "-key");
            assertThat(key.schema().canonical()).isEqualTo("\"string\"");
            byte[] raw = TopicRoundTrip.rawValues(broker, topic, 1).get(0);
            assertThat(raw[0]).isZero();
            assertThat(ByteBuffer.wrap(raw, 1, 4).getInt()).isEqualTo(value.id());
        }
        keys.close();
        values.close();
        keyReader.close();
        valueReader.close();
    }

    @Test
    void specificRecordsAreReadAsTheirGeneratedClass(KafkaBroker broker) {
        String topic = "avro-payments";
        broker.createTopic(topic, 1);
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(registry.serdeConfig(), false);
        TopicRoundTrip.sendValue(broker, topic, serializer, new Payment("p-1", 9.75));
        KafkaAvroDeserializer specific = new KafkaAvroDeserializer();
        specific.configure(registry.serdeConfig("specific.avro.reader", "true"), false);
        KafkaAvroDeserializer generic = new KafkaAvroDeserializer();
        generic.configure(registry.serdeConfig(), false);
        byte[] raw = TopicRoundTrip.rawValues(broker, topic, 1).get(0);
        Object payment = specific.deserialize(topic, raw);
        assertThat(payment).isInstanceOf(Payment.class);
        assertThat(((Payment) payment).id()).isEqualTo("p-1");
        assertThat(((Payment) payment).amount()).isEqualTo(9.75);
        assertThat(generic.deserialize(topic, raw)).isInstanceOf(GenericRecord.class);
        serializer.close();
        specific.close();
        generic.close();
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaFailsNamingTopicAndSubject() {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(registry.serdeConfig("auto.register.schemas", false), false);
        assertThatThrownBy(() -> serializer.serialize("avro-unregistered", order(1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic 'avro-unregistered'")
                .hasMessageContaining("avro-unregistered-value")
                .hasMessageContaining("40401");
        serializer.close();
    }

    @Test
    void useLatestVersionWritesWithTheLatestIdAndChecksCompatibility() {
        Schema v1 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Item\",\"fields\":["
                + "{\"name\":\"sku\",\"type\":\"string\"}]}");
        Schema v2 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Item\",\"fields\":["
                + "{\"name\":\"sku\",\"type\":\"string\"},{\"name\":\"size\",\"type\":\"int\",\"default\":0}]}");
        Schema other = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Item\",\"fields\":["
                + "{\"name\":\"sku\",\"type\":\"long\"}]}");
        int latestId;
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.directUrl()))) {
            client.register("avro-items-value", AvroSchema.of(v1), false);
            latestId = client.register("avro-items-value", AvroSchema.of(v2), false);
        }
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(registry.serdeConfig("auto.register.schemas", false, "use.latest.version", true), false);
        GenericData.Record item = new GenericData.Record(v2);
        item.put("sku", "A");
        item.put("size", 4);
        byte[] framed = serializer.serialize("avro-items", item);
        assertThat(ByteBuffer.wrap(framed, 1, 4).getInt()).isEqualTo(latestId);

        GenericData.Record wrong = new GenericData.Record(other);
        wrong.put("sku", 5L);
        assertThatThrownBy(() -> serializer.serialize("avro-items", wrong))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("latest schema of subject 'avro-items-value'")
                .hasMessageContaining("latest.compatibility.strict=false");
        serializer.close();
    }

    @Test
    void topLevelBytes_areWrittenRawWithoutAvrosLengthPrefix_asConfluentsSerializersWriteThem() {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(registry.serdeConfig(), false);
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(registry.serdeConfig(), false);
        byte[] payload = {1, 2, 3, (byte) 0xff};

        byte[] framed = serializer.serialize("avro-blobs", payload);

        assertThat(framed).hasSize(5 + payload.length);
        assertThat(java.util.Arrays.copyOfRange(framed, 5, framed.length)).isEqualTo(payload);
        assertThat((byte[]) deserializer.deserialize("avro-blobs", framed)).isEqualTo(payload);
        serializer.close();
        deserializer.close();
    }

    @Test
    void bytesWithoutTheMagicByteAreRefusedSayingSo() {
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(registry.serdeConfig(), false);
        assertThatThrownBy(() -> deserializer.deserialize("avro-plain", "{\"id\":1}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic 'avro-plain'")
                .hasMessageContaining("Unknown magic byte 0x7b")
                .hasMessageContaining("not written with a schema-registry serializer");
        deserializer.close();
    }
}

package dev.ferry.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.ferry.serde.avro.AvroSerde;
import dev.ferry.serde.json.JsonSchemaSerde;
import dev.ferry.serde.json.KafkaJsonSchemaSerializer;
import dev.ferry.serde.protobuf.ProtobufSerde;
import dev.ferry.serde.testing.TestRegistry;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka Streams serdes configure both halves and round-trip through the real registry. */
@WithKafka
class SerdesForStreamsTest {

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

    @Test
    void avroSerdeRoundTrips() {
        Schema schema = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Click\",\"fields\":["
                + "{\"name\":\"url\",\"type\":\"string\"}]}");
        GenericRecord click = new GenericData.Record(schema);
        click.put("url", "/home");
        try (AvroSerde serde = new AvroSerde()) {
            serde.configure(registry.serdeConfig(), false);
            Object read = serde.deserializer().deserialize("streams-clicks", serde.serializer().serialize("streams-clicks", click));
            assertThat(read.toString()).isEqualTo(click.toString());
        }
    }

    @Test
    void protobufSerdeRoundTrips() {
        Timestamp time = Timestamp.newBuilder().setSeconds(9).build();
        try (ProtobufSerde<Message> serde = new ProtobufSerde<>()) {
            serde.configure(registry.serdeConfig(), true);
            Message read = serde.deserializer().deserialize("streams-times", serde.serializer().serialize("streams-times", time));
            assertThat(read.toByteArray()).isEqualTo(time.toByteArray());
        }
    }

    @Test
    void jsonSchemaSerdeRoundTrips() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode schema = mapper.readTree("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}}}");
        JsonNode value = mapper.readTree("{\"n\":1}");
        try (JsonSchemaSerde<JsonNode> serde = new JsonSchemaSerde<>()) {
            serde.configure(registry.serdeConfig(), false);
            byte[] bytes = serde.serializer().serialize("streams-json", KafkaJsonSchemaSerializer.envelope(schema, value));
            assertThat(serde.deserializer().deserialize("streams-json", bytes)).isEqualTo(value);
        }
    }
}

package dev.ferry.serde.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.serde.client.RegisteredSchema;
import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.client.SchemaRegistryClients;
import dev.ferry.serde.testing.TestRegistry;
import dev.ferry.serde.testing.TopicRoundTrip;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** JSON Schema serializer and deserializer through a real topic and the real registry. */
@WithKafka
class JsonSchemaSerdeRoundTripTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PERSON_SCHEMA = """
            {"$schema":"http://json-schema.org/draft-07/schema#","title":"com.acme.Person","type":"object",
             "properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":0},
                           "emails":{"type":"array","items":{"type":"string"}}},
             "required":["name"]}""";

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

    /** What an application maps the JSON onto with {@code json.value.type}. */
    public static class Person {
        public String name;
        public int age;
        public List<String> emails;
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void envelopedValuesRoundTripAsPlainJsonPayloads(KafkaBroker broker) {
        String topic = "json-people";
        broker.createTopic(topic, 1);
        KafkaJsonSchemaSerializer<JsonNode> serializer = new KafkaJsonSchemaSerializer<>();
        serializer.configure(registry.serdeConfig("json.fail.invalid.schema", true), false);
        JsonNode payload = json("{\"name\":\"Ada\",\"age\":36,\"emails\":[\"ada@example.com\"]}");
        int before = registry.requests();
        for (int i = 0; i < 20; i++) {
            TopicRoundTrip.sendValue(broker, topic, serializer,
                    KafkaJsonSchemaSerializer.envelope(json(PERSON_SCHEMA), payload));
        }
        TopicRoundTrip.sendValue(broker, topic, serializer, null);
        assertThat(registry.requests() - before).isEqualTo(1);

        byte[] raw = TopicRoundTrip.rawValues(broker, topic, 1).get(0);
        assertThat(new String(Arrays.copyOfRange(raw, 5, raw.length), StandardCharsets.UTF_8))
                .isEqualTo("{\"name\":\"Ada\",\"age\":36,\"emails\":[\"ada@example.com\"]}");
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.directUrl()))) {
            RegisteredSchema registered = client.latest(topic + "-value");
            assertThat(ByteBuffer.wrap(raw, 1, 4).getInt()).isEqualTo(registered.id());
            assertThat(registered.schema().name()).isEqualTo("com.acme.Person");
        }

        KafkaJsonSchemaDeserializer<JsonNode> deserializer = new KafkaJsonSchemaDeserializer<>();
        deserializer.configure(registry.serdeConfig("json.fail.invalid.schema", true), false);
        List<ConsumerRecord<byte[], JsonNode>> read = TopicRoundTrip.read(broker, topic, 21, new ByteArrayDeserializer(),
                deserializer);
        assertThat(read.get(0).value()).isEqualTo(payload);
        assertThat(read.get(20).value()).isNull();

        KafkaJsonSchemaDeserializer<Person> typed = new KafkaJsonSchemaDeserializer<>();
        typed.configure(registry.serdeConfig("json.value.type", Person.class.getName()), false);
        Person person = typed.deserialize(topic, raw);
        assertThat(person.name).isEqualTo("Ada");
        assertThat(person.emails).containsExactly("ada@example.com");
        serializer.close();
        deserializer.close();
        typed.close();
    }

    @Test
    void anInvalidValueIsRefusedNamingTheProblemWhenValidationIsOn() {
        KafkaJsonSchemaSerializer<JsonNode> strict = new KafkaJsonSchemaSerializer<>();
        strict.configure(registry.serdeConfig("json.fail.invalid.schema", "true"), false);
        ObjectNode bad = KafkaJsonSchemaSerializer.envelope(json(PERSON_SCHEMA), json("{\"age\":-1}"));
        assertThatThrownBy(() -> strict.serialize("json-bad", bad))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic 'json-bad'")
                .hasMessageContaining("does not match its JSON Schema")
                .hasMessageContaining("name")
                .hasMessageContaining("json.fail.invalid.schema=false");
        KafkaJsonSchemaSerializer<JsonNode> lenient = new KafkaJsonSchemaSerializer<>();
        lenient.configure(registry.serdeConfig(), false);
        assertThat(lenient.serialize("json-bad", bad)).isNotNull();
        strict.close();
        lenient.close();
    }

    @Test
    void plainValuesAndObjectsAreWrittenWithTheLatestSchema() {
        KafkaJsonSchemaSerializer<JsonNode> registering = new KafkaJsonSchemaSerializer<>();
        registering.configure(registry.serdeConfig(), false);
        byte[] first = registering.serialize("json-latest",
                KafkaJsonSchemaSerializer.envelope(json(PERSON_SCHEMA), json("{\"name\":\"Bo\"}")));
        KafkaJsonSchemaSerializer<Object> latest = new KafkaJsonSchemaSerializer<>();
        latest.configure(registry.serdeConfig("auto.register.schemas", false, "use.latest.version", true,
                "json.fail.invalid.schema", true), false);
        Person person = new Person();
        person.name = "Cy";
        person.age = 3;
        person.emails = List.of();
        byte[] framed = latest.serialize("json-latest", person);
        assertThat(ByteBuffer.wrap(framed, 1, 4).getInt()).isEqualTo(ByteBuffer.wrap(first, 1, 4).getInt());
        assertThat(new String(Arrays.copyOfRange(framed, 5, framed.length), StandardCharsets.UTF_8))
                .isEqualTo("{\"name\":\"Cy\",\"age\":3,\"emails\":[]}");
        // The validator runs against the registry's schema: a null array is refused, not written.
        person.emails = null;
        assertThatThrownBy(() -> latest.serialize("json-latest", person))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("emails");
        registering.close();
        latest.close();
    }

    @Test
    void aPlainValueWithoutSchemaOrLatestVersionIsRefusedSayingWhatToDo() {
        KafkaJsonSchemaSerializer<JsonNode> serializer = new KafkaJsonSchemaSerializer<>();
        serializer.configure(registry.serdeConfig(), false);
        assertThatThrownBy(() -> serializer.serialize("json-none", json("{\"name\":\"x\"}")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("use.latest.version=true");
        serializer.close();
    }
}

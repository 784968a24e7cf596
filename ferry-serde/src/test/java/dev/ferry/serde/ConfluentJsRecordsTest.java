package dev.ferry.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaProviders;
import dev.ferry.schema.SchemaType;
import dev.ferry.serde.avro.KafkaAvroDeserializer;
import dev.ferry.serde.avro.KafkaAvroSerializer;
import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.client.SchemaRegistryClients;
import dev.ferry.serde.json.KafkaJsonSchemaDeserializer;
import dev.ferry.serde.json.KafkaJsonSchemaSerializer;
import dev.ferry.serde.testing.TestRegistry;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records framed by Confluent's own JavaScript serializers ({@code wire/confluent-js-records.txt}, made by
 * {@code confluent-js-records.mjs}) are read by Ferry's deserializers, and Ferry's serializers write the same
 * bytes for the same values: byte-level interoperability with a third-party client, through the real registry.
 * The pinned frames carry id 1 (the mock registry's first id); the test puts in the id the registry gives here.
 */
@WithKafka
class ConfluentJsRecordsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

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

    record Golden(SchemaType type, String schema, JsonNode value, byte[] framed) {
    }

    @Test
    void avroRecordsWrittenByConfluentsClientReadBackAndAreWrittenIdentically() throws Exception {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(registry.serdeConfig(), false);
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(registry.serdeConfig(), false);
        int checked = 0;
        for (Golden golden : goldens(SchemaType.AVRO)) {
            byte[] framed = withId(golden.framed(), register("js-orders-value", golden));
            GenericRecord expected = avroRecord(new Schema.Parser().parse(golden.schema()), golden.value());
            assertThat(deserializer.deserialize("js-orders", framed).toString()).isEqualTo(expected.toString());
            assertThat(serializer.serialize("js-orders", expected)).isEqualTo(framed);
            checked++;
        }
        assertThat(checked).isEqualTo(2);
        serializer.close();
        deserializer.close();
    }

    @Test
    void jsonSchemaRecordsWrittenByConfluentsClientReadBackAndAreWrittenIdentically() throws Exception {
        KafkaJsonSchemaSerializer<JsonNode> serializer = new KafkaJsonSchemaSerializer<>();
        serializer.configure(registry.serdeConfig("json.fail.invalid.schema", true), false);
        KafkaJsonSchemaDeserializer<JsonNode> deserializer = new KafkaJsonSchemaDeserializer<>();
        deserializer.configure(registry.serdeConfig("json.fail.invalid.schema", true), false);
        int checked = 0;
        for (Golden golden : goldens(SchemaType.JSON)) {
            byte[] framed = withId(golden.framed(), register("js-people-value", golden));
            assertThat(deserializer.deserialize("js-people", framed)).isEqualTo(golden.value());
            JsonNode envelope = KafkaJsonSchemaSerializer.envelope(MAPPER.readTree(golden.schema()), golden.value());
            assertThat(serializer.serialize("js-people", envelope)).isEqualTo(framed);
            checked++;
        }
        assertThat(checked).isEqualTo(2);
        serializer.close();
        deserializer.close();
    }

    private static int register(String subject, Golden golden) {
        ParsedSchema schema = SchemaProviders.of(golden.type()).parse(golden.schema(), List.of(), Map.of());
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.directUrl()))) {
            return client.register(subject, schema, false);
        }
    }

    private static byte[] withId(byte[] framed, int id) {
        byte[] copy = framed.clone();
        ByteBuffer.wrap(copy, 1, 4).putInt(id);
        return copy;
    }

    private static GenericRecord avroRecord(Schema schema, JsonNode value) {
        GenericData.Record record = new GenericData.Record(schema);
        record.put("id", value.get("id").asLong());
        record.put("customer", value.get("customer").asText());
        record.put("note", value.get("note").isNull() ? null : value.get("note").asText());
        List<Integer> lines = new ArrayList<>();
        value.get("lines").forEach(line -> lines.add(line.asInt()));
        record.put("lines", lines);
        record.put("price", value.get("price").asDouble());
        return record;
    }

    private static List<Golden> goldens(SchemaType type) throws Exception {
        List<Golden> goldens = new ArrayList<>();
        try (InputStream in = ConfluentJsRecordsTest.class.getResourceAsStream("/wire/confluent-js-records.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" \\| ");
                if (SchemaType.valueOf(parts[0].trim()) == type) {
                    goldens.add(new Golden(type, MAPPER.readTree(parts[1]).asText(), MAPPER.readTree(parts[2]),
                            HexFormat.of().parseHex(parts[3].trim())));
                }
            }
        }
        return goldens;
    }
}

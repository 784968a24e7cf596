package dev.ferry.converters.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.converters.GoldenFiles;
import dev.ferry.schema.SchemaProviders;
import dev.ferry.schema.SchemaType;
import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.client.SchemaRegistryClients;
import dev.ferry.serde.testing.TestRegistry;
import dev.ferry.serde.wire.WireFormat;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithKafka
class JsonSchemaConverterTest {

    static final Schema READING = SchemaBuilder.struct().name("dev.ferry.golden.Reading")
            .field("id", Schema.INT32_SCHEMA)
            .field("sensor", Schema.STRING_SCHEMA)
            .field("temp", Schema.FLOAT64_SCHEMA)
            .field("when", Date.SCHEMA)
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field("price", Decimal.schema(2))
            .build();

    static Struct reading() {
        return new Struct(READING).put("id", 150).put("sensor", "hi").put("temp", 21.5)
                .put("when", new java.util.Date(19_000L * 86_400_000L)).put("tags", List.of("a"))
                .put("price", new BigDecimal("12.34"));
    }

    static TestRegistry registry;

    @BeforeAll
    static void startRegistry(KafkaBroker broker) {
        registry = TestRegistry.start(broker);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    static JsonSchemaConverter converter(boolean isKey, Map<String, String> extra) {
        Map<String, Object> configs = new HashMap<>(extra);
        configs.putIfAbsent("schema.registry.url", registry.url());
        JsonSchemaConverter converter = new JsonSchemaConverter();
        converter.configure(configs, isKey);
        return converter;
    }

    @Test
    void aRecordIsTheFiveBytePrefixThenTheDocumentAsUtf8Json() throws IOException {
        JsonSchemaConverter converter = converter(false, Map.of());

        byte[] written = converter.fromConnectData("json-golden", READING, reading());

        int id = ByteBuffer.wrap(written, 1, 4).getInt();
        byte[] golden = golden(id);
        assertThat(new String(written, 5, written.length - 5, StandardCharsets.UTF_8))
                .isEqualTo(new String(golden, 5, golden.length - 5, StandardCharsets.UTF_8));
        assertThat(HexFormat.of().formatHex(written)).isEqualTo(HexFormat.of().formatHex(golden));
        SchemaAndValue read = converter(false, Map.of()).toConnectData("json-golden", golden);
        assertThat(read.value()).isEqualTo(withSchema(reading(), read.schema()));
        assertThat(read.schema().version()).isEqualTo(1);
    }

    @Test
    void everyTypeRoundTripsThroughTheRegistry() {
        JsonSchemaConverter converter = converter(false, Map.of());

        byte[] bytes = converter.fromConnectData("json-everything", JsonSchemaDataTest.EVERYTHING,
                JsonSchemaDataTest.everything());
        SchemaAndValue read = converter(false, Map.of()).toConnectData("json-everything", bytes);

        assertThat(read.value()).isEqualTo(withSchema(JsonSchemaDataTest.everything(), read.schema()));
        assertThat(read.schema().field("i8").schema().type()).isEqualTo(Schema.Type.INT8);
        assertThat(read.schema().field("price").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(read.schema().field("defaulted").schema().defaultValue()).isEqualTo("fallback");
    }

    @Test
    void aPrimitiveKeyIsRegisteredUnderTheKeySubject() {
        JsonSchemaConverter converter = converter(true, Map.of());

        byte[] bytes = converter.fromConnectData("json-keys", Schema.INT64_SCHEMA, 7L);
        SchemaAndValue read = converter(true, Map.of()).toConnectData("json-keys", bytes);

        assertThat(new String(bytes, 5, bytes.length - 5, StandardCharsets.UTF_8)).isEqualTo("7");
        assertThat(read.value()).isEqualTo(7L);
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()))) {
            assertThat(client.latest("json-keys-key").schema().canonical()).contains("\"connect.type\":\"int64\"");
        }
    }

    @Test
    void aDocumentThatBreaksItsSchemaIsRefusedWhenValidationIsOn() {
        String schema = "{\"type\":\"object\",\"title\":\"Small\",\"properties\":{\"n\":{\"type\":\"integer\","
                + "\"maximum\":10}}}";
        int id;
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()))) {
            id = client.register("json-validated-value", SchemaProviders.of(SchemaType.JSON).parse(schema, List.of(),
                    Map.of()), false);
        }
        byte[] tooBig = WireFormat.frame(id, "{\"n\":11}".getBytes(StandardCharsets.UTF_8));

        Struct lenient = (Struct) converter(false, Map.of()).toConnectData("json-validated", tooBig).value();

        assertThat(lenient.get("n")).isEqualTo(11L);
        assertThatThrownBy(() -> converter(false, Map.of("json.fail.invalid.schema", "true"))
                .toConnectData("json-validated", tooBig))
                .isInstanceOf(DataException.class).hasMessageContaining("json-validated").hasMessageContaining("/n: must have a maximum value of 10");
    }

    @Test
    void recordNameStrategyRegistersUnderTheTitle() {
        JsonSchemaConverter converter = converter(false, Map.of("value.subject.name.strategy",
                "io.confluent.kafka.serializers.subject.RecordNameStrategy"));

        converter.fromConnectData("json-by-name", READING, reading());

        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()))) {
            assertThat(client.latest("dev.ferry.golden.Reading").schema().canonical()).contains("\"connect.index\"");
        }
    }

    @Test
    void useLatestVersionWritesWithTheRegisteredSchemasIdAndValidatesAgainstIt() {
        String schema = "{\"type\":\"object\",\"title\":\"Reading\",\"properties\":{\"id\":{\"type\":\"integer\"}},"
                + "\"required\":[\"id\",\"site\"]}";
        int id;
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()))) {
            id = client.register("json-latest-value", SchemaProviders.of(SchemaType.JSON).parse(schema, List.of(),
                    Map.of()), false);
        }
        Map<String, String> latest = Map.of("auto.register.schemas", "false", "use.latest.version", "true",
                "latest.compatibility.strict", "false");

        byte[] bytes = converter(false, latest).fromConnectData("json-latest", READING, reading());

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(((Struct) converter(false, Map.of()).toConnectData("json-latest", bytes).value()).get("id"))
                .isEqualTo(150L);
        Map<String, String> validating = new HashMap<>(latest);
        validating.put("json.fail.invalid.schema", "true");
        assertThatThrownBy(() -> converter(false, validating).fromConnectData("json-latest", READING, reading()))
                .isInstanceOf(DataException.class).hasMessageContaining("site");
    }

    @Test
    void oncePerSchemaTheRegistryIsAskedSoRecordsFlowWhileItIsDown(KafkaBroker broker) {
        TestRegistry own = TestRegistry.start(broker);
        JsonSchemaConverter converter = new JsonSchemaConverter();
        converter.configure(Map.of("schema.registry.url", own.url(), "max.retries", "0"), false);
        byte[] first = converter.fromConnectData("json-cached", READING, reading());
        converter.toConnectData("json-cached", first);

        own.close();

        for (int i = 0; i < 100; i++) {
            byte[] again = converter.fromConnectData("json-cached", READING, reading().put("id", i));
            assertThat(((Struct) converter.toConnectData("json-cached", again).value()).get("id")).isEqualTo(i);
        }
        Schema other = SchemaBuilder.struct().name("Other").field("x", Schema.INT32_SCHEMA).build();
        assertThatThrownBy(() -> converter.fromConnectData("json-cached", other, new Struct(other).put("x", 1)))
                .isInstanceOf(RetriableException.class).hasMessageContaining(own.url());
    }

    @Test
    void badInputIsADataExceptionNamingTopicAndId() {
        JsonSchemaConverter converter = converter(false, Map.of());
        byte[] valid = converter.fromConnectData("json-bad", READING, reading());
        byte[] notJson = valid.clone();
        notJson[5] = '!';

        assertThatThrownBy(() -> converter.toConnectData("json-bad", "{\"id\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DataException.class).hasMessageContaining("json-bad").hasMessageContainingAll("0x7b", "wire format");
        assertThatThrownBy(() -> converter.toConnectData("json-bad", HexFormat.of().parseHex("00000f423f7b7d")))
                .isInstanceOf(DataException.class).hasMessageContaining("json-bad").hasMessageContaining("999999");
        assertThatThrownBy(() -> converter.toConnectData("json-bad", notJson))
                .isInstanceOf(DataException.class).hasMessageContaining("json-bad").hasMessageContaining("not JSON");
    }

    static Struct withSchema(Struct value, Schema schema) {
        Struct copy = new Struct(schema);
        for (org.apache.kafka.connect.data.Field field : value.schema().fields()) {
            copy.put(field.name(), value.get(field));
        }
        return copy;
    }

    static byte[] golden(int id) {
        byte[] prefix = GoldenFiles.withId(GoldenFiles.hex("golden/json-reading.hex"), id);
        byte[] payload = GoldenFiles.resource("golden/json-reading.json");
        byte[] framed = new byte[prefix.length + payload.length];
        System.arraycopy(prefix, 0, framed, 0, prefix.length);
        System.arraycopy(payload, 0, framed, prefix.length, payload.length);
        return framed;
    }
}

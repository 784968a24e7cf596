package dev.ferry.converters.avro;

import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaProviders;
import dev.ferry.schema.SchemaType;
import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.client.SchemaRegistryClients;
import dev.ferry.serde.testing.TestRegistry;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AvroConverter against a real Ferry schema registry on a real broker. */
@WithKafka
class AvroConverterTest {

    static TestRegistry registry;
    static SchemaRegistryClient client;

    @BeforeAll
    static void startRegistry(KafkaBroker broker) {
        registry = TestRegistry.start(broker);
        client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.directUrl()));
    }

    @AfterAll
    static void stopRegistry() {
        client.close();
        registry.close();
    }

    static AvroConverter converterFor(String url, boolean isKey) {
        AvroConverter converter = new AvroConverter();
        converter.configure(Map.of("schema.registry.url", url), isKey);
        return converter;
    }

    static AvroConverter converter(boolean isKey, Map<String, String> extra) {
        AvroConverter converter = new AvroConverter();
        Map<String, Object> configs = new HashMap<>(extra);
        configs.putIfAbsent("schema.registry.url", registry.directUrl());
        converter.configure(configs, isKey);
        return converter;
    }

    static Struct orderValue() {
        Map<Integer, String> counts = Map.of(7, "x");
        return new Struct(AvroDataGoldenSchemaTest.order())
                .put("tiny", (byte) 5)
                .put("note", null)
                .put("amount", new BigDecimal("12.34"))
                .put("counts", counts);
    }

    @Test
    void theOrderStructIsWrittenAsConfluentsGoldenBytesAndRegisteredAsTheGoldenSchema() {
        byte[] written = converter(false, Map.of()).fromConnectData("golden-orders", AvroDataGoldenSchemaTest.order(),
                orderValue());

        // The id is the registry's; the rest of the bytes is pinned.
        byte[] golden = withId(Golden.hex("order-value-id1.hex"), idOf(written));
        assertThat(HexFormat.of().formatHex(written)).isEqualTo(HexFormat.of().formatHex(golden));
        assertThat(client.latest("golden-orders-value").schema().canonical()).isEqualTo(Golden.text("order.avsc"));
    }

    @Test
    void goldenBytesWrittenByAnotherProducerReadAsTheOrderStruct() {
        int id = client.register("golden-orders-in-value", avro(Golden.text("order.avsc")), false);

        SchemaAndValue read = converter(false, Map.of()).toConnectData("golden-orders-in",
                withId(Golden.hex("order-value-id1.hex"), id));

        assertThat(read.schema()).isEqualTo(AvroDataGoldenSchemaTest.order());
        assertThat(read.value()).isEqualTo(orderValue());
    }

    @Test
    void aTopLevelDecimalIsWrittenAsRawBytesWithoutAvrosLengthPrefixAsConfluentsSerializerWritesIt() {
        AvroConverter converter = converter(false, Map.of());
        Schema decimal = Decimal.schema(2);

        byte[] written = converter.fromConnectData("raw-decimal", decimal, new BigDecimal("12.34"));
        byte[] golden = withId(Golden.hex("decimal-value-id1.hex"), idOf(written));
        SchemaAndValue read = converter.toConnectData("raw-decimal", golden);
        byte[] bytes = converter.fromConnectData("raw-bytes", Schema.BYTES_SCHEMA, ByteBuffer.wrap(new byte[] {7, 8}));

        assertThat(HexFormat.of().formatHex(written)).isEqualTo(HexFormat.of().formatHex(golden));
        assertThat(read.schema()).isEqualTo(decimal);
        assertThat(read.value()).isEqualTo(new BigDecimal("12.34"));
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).containsExactly(7, 8);
        assertThat(converter.toConnectData("raw-bytes", bytes).value()).isEqualTo(ByteBuffer.wrap(new byte[] {7, 8}));
    }

    @Test
    void everyConnectTypeAndLogicalTypeRoundTripsThroughTheRegistry() {
        Schema inner = SchemaBuilder.struct().name("com.example.Inner").field("s", Schema.STRING_SCHEMA).build();
        Schema schema = SchemaBuilder.struct().name("com.example.Everything").version(1)
                .field("i8", Schema.INT8_SCHEMA)
                .field("i16", Schema.INT16_SCHEMA)
                .field("i32", Schema.INT32_SCHEMA)
                .field("i64", Schema.INT64_SCHEMA)
                .field("f32", Schema.FLOAT32_SCHEMA)
                .field("f64", Schema.FLOAT64_SCHEMA)
                .field("bool", Schema.BOOLEAN_SCHEMA)
                .field("str", Schema.STRING_SCHEMA)
                .field("bytes", Schema.BYTES_SCHEMA)
                .field("dec", Decimal.schema(3))
                .field("date", Date.SCHEMA)
                .field("time", Time.SCHEMA)
                .field("ts", Timestamp.SCHEMA)
                .field("optional", Schema.OPTIONAL_FLOAT64_SCHEMA)
                .field("defaulted", SchemaBuilder.string().defaultValue("d").build())
                .field("inner", inner)
                .field("list", SchemaBuilder.array(inner).build())
                .field("map", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_INT32_SCHEMA).build())
                .field("intMap", SchemaBuilder.map(Schema.INT64_SCHEMA, Schema.STRING_SCHEMA).optional().build())
                .build();
        Map<String, Integer> map = new HashMap<>();
        map.put("a", 1);
        map.put("none", null);
        Struct value = new Struct(schema)
                .put("i8", (byte) 8).put("i16", (short) 16).put("i32", 32).put("i64", 64L)
                .put("f32", 1.5f).put("f64", 2.5d).put("bool", true).put("str", "s")
                .put("bytes", ByteBuffer.wrap(new byte[] {1, 2}))
                .put("dec", new BigDecimal("-1.234"))
                .put("date", new java.util.Date(86_400_000L * 20_000))
                .put("time", new java.util.Date(3_600_000L))
                .put("ts", new java.util.Date(1_700_000_000_000L))
                .put("optional", null)
                .put("defaulted", "d")
                .put("inner", new Struct(inner).put("s", "in"))
                .put("list", List.of(new Struct(inner).put("s", "a"), new Struct(inner).put("s", "b")))
                .put("map", map)
                .put("intMap", Map.of(1L, "one"));
        AvroConverter converter = converter(false, Map.of());

        SchemaAndValue read = converter.toConnectData("everything", converter.fromConnectData("everything", schema, value));

        assertThat(read.schema()).isEqualTo(schema);
        assertThat(read.value()).isEqualTo(value);
    }

    @Test
    void primitivesAtTopLevelRoundTripAndReadWithTheirRegistryVersion() {
        AvroConverter converter = converter(true, Map.of());
        Object[][] cases = {
            {Schema.INT8_SCHEMA, (byte) 1}, {Schema.INT16_SCHEMA, (short) 2}, {Schema.INT32_SCHEMA, 3},
            {Schema.INT64_SCHEMA, 4L}, {Schema.FLOAT32_SCHEMA, 5f}, {Schema.FLOAT64_SCHEMA, 6d},
            {Schema.BOOLEAN_SCHEMA, false}, {Schema.STRING_SCHEMA, "seven"}, {Schema.OPTIONAL_STRING_SCHEMA, "eight"},
            {Schema.BYTES_SCHEMA, ByteBuffer.wrap(new byte[] {9})},
        };
        for (Object[] c : cases) {
            String topic = "primitive-" + ((Schema) c[0]).type() + (((Schema) c[0]).isOptional() ? "-optional" : "");
            SchemaAndValue read = converter.toConnectData(topic, converter.fromConnectData(topic, (Schema) c[0], c[1]));

            assertThat(read.schema().type()).as(topic).isEqualTo(((Schema) c[0]).type());
            assertThat(read.schema().isOptional()).as(topic).isEqualTo(((Schema) c[0]).isOptional());
            // As in Confluent's converter, the registry version reaches only a schema that is not a union: an
            // optional top-level schema (a union with null) reads without one.
            assertThat(read.schema().version()).as(topic).isEqualTo(((Schema) c[0]).isOptional() ? null : 1);
            assertThat(read.value()).as(topic).isEqualTo(c[1]);
            assertThat(client.latest(topic + "-key").id()).as(topic).isEqualTo(idOf(converter.fromConnectData(topic,
                    (Schema) c[0], c[1])));
        }
    }

    @Test
    void theRegistryIsAskedOncePerNewSchemaNeverPerRecord() {
        AvroConverter converter = converter(false, Map.of("schema.registry.url", registry.url()));
        Schema first = SchemaBuilder.struct().name("com.example.Counted").field("n", Schema.INT32_SCHEMA).build();
        Schema second = SchemaBuilder.struct().name("com.example.Counted").field("n", Schema.INT32_SCHEMA)
                .field("extra", Schema.OPTIONAL_STRING_SCHEMA).build();

        for (Schema schema : List.of(first, second)) {
            for (int i = 0; i < 100; i++) {
                byte[] bytes = converter.fromConnectData("counted", schema, new Struct(schema).put("n", i));
                assertThat(((Struct) converter.toConnectData("counted", bytes).value()).get("n")).isEqualTo(i);
            }
        }

        // Per new schema: its registration when first written, its version under the subject when first read (the
        // schema itself is known to the client from the registration).
        assertThat(registry.requestLog()).containsExactly(
                "POST /subjects/counted-value/versions?normalize=false", "POST /subjects/counted-value?normalize=false",
                "POST /subjects/counted-value/versions?normalize=false", "POST /subjects/counted-value?normalize=false");
    }

    @Test
    void theConnectSchemaVersionIsTheWriterSchemasVersionUnderTheSubject() {
        AvroConverter converter = converter(false, Map.of());
        Schema v1 = SchemaBuilder.struct().name("com.example.Evolving").field("a", Schema.INT32_SCHEMA).build();
        Schema v2 = SchemaBuilder.struct().name("com.example.Evolving").field("a", Schema.INT32_SCHEMA)
                .field("b", SchemaBuilder.string().defaultValue("b").build()).build();

        byte[] first = converter.fromConnectData("evolving", v1, new Struct(v1).put("a", 1));
        byte[] second = converter.fromConnectData("evolving", v2, new Struct(v2).put("a", 2));

        assertThat(converter.toConnectData("evolving", first).schema().version()).isEqualTo(1);
        assertThat(converter.toConnectData("evolving", second).schema().version()).isEqualTo(2);
    }

    @Test
    void withUseLatestVersionOlderRecordsReadAsTheSubjectsLatestSchema() {
        AvroConverter writer = converter(false, Map.of());
        Schema v1 = SchemaBuilder.struct().name("com.example.Upgraded").field("a", Schema.INT32_SCHEMA).build();
        Schema v2 = SchemaBuilder.struct().name("com.example.Upgraded").field("a", Schema.INT32_SCHEMA)
                .field("b", SchemaBuilder.string().defaultValue("b").build()).build();
        byte[] old = writer.fromConnectData("upgraded", v1, new Struct(v1).put("a", 1));
        writer.fromConnectData("upgraded", v2, new Struct(v2).put("a", 2).put("b", "x"));

        SchemaAndValue read = converter(false, Map.of("use.latest.version", "true")).toConnectData("upgraded", old);

        Struct struct = (Struct) read.value();
        assertThat(struct.get("a")).isEqualTo(1);
        assertThat(struct.get("b")).isEqualTo("b");
        assertThat(read.schema().version()).as("the writer schema's version, as Confluent's").isEqualTo(1);
    }

    @Test
    void recordNameStrategyRegistersUnderTheRecordsFullName() {
        AvroConverter converter = converter(false, Map.of("value.subject.name.strategy",
                "io.confluent.kafka.serializers.subject.RecordNameStrategy"));
        Schema schema = SchemaBuilder.struct().name("com.example.ByName").field("n", Schema.INT32_SCHEMA).build();

        byte[] bytes = converter.fromConnectData("by-name", schema, new Struct(schema).put("n", 1));

        assertThat(client.latest("com.example.ByName").id()).isEqualTo(idOf(bytes));
        assertThat(converter.toConnectData("by-name", bytes).schema().version()).isEqualTo(1);
    }

    @Test
    void useLatestVersionWritesWithTheSubjectsLatestSchemaWithoutRegistering() {
        int registered = client.register("latest-only-value", avro(Golden.text("collections.avsc")), false);
        AvroConverter converter = converter(false, Map.of("auto.register.schemas", "false", "use.latest.version", "true"));
        Schema bag = AvroDataGoldenSchemaTest.collections();
        Map<String, Long> attrs = new HashMap<>();
        attrs.put("n", 1L);
        Struct value = new Struct(bag).put("tags", List.of("t")).put("attrs", attrs);

        byte[] bytes = converter.fromConnectData("latest-only", bag, value);

        assertThat(idOf(bytes)).isEqualTo(registered);
        Struct read = (Struct) converter.toConnectData("latest-only", bytes).value();
        assertThat(read.schema().version()).isEqualTo(1);
        assertThat(read.get("tags")).isEqualTo(List.of("t"));
        assertThat(read.get("attrs")).isEqualTo(attrs);
    }

    @Test
    void useLatestVersionFillsTheLatestSchemasFieldsByNameAndTakesDefaultsForTheOnesTheRecordLacks() {
        int registered = client.register("latest-evolved-value", avro("{\"type\":\"record\",\"name\":\"Evolved\","
                + "\"fields\":[{\"name\":\"added\",\"type\":\"string\",\"default\":\"new\"},"
                + "{\"name\":\"kept\",\"type\":\"int\"}]}"), false);
        AvroConverter converter = converter(false, Map.of("auto.register.schemas", "false", "use.latest.version", "true",
                "latest.compatibility.strict", "false"));
        Schema old = SchemaBuilder.struct().name("Evolved").field("kept", Schema.INT32_SCHEMA)
                .field("dropped", Schema.STRING_SCHEMA).build();

        byte[] bytes = converter.fromConnectData("latest-evolved", old, new Struct(old).put("kept", 5).put("dropped", "x"));

        assertThat(idOf(bytes)).isEqualTo(registered);
        Struct read = (Struct) converter.toConnectData("latest-evolved", bytes).value();
        assertThat(read.get("added")).isEqualTo("new");
        assertThat(read.get("kept")).isEqualTo(5);
        assertThat(read.schema().field("dropped")).isNull();
    }

    @Test
    void withAutoRegistrationOffAnUnregisteredSchemaIsADataExceptionNamingTheTopic() {
        AvroConverter converter = converter(false, Map.of("auto.register.schemas", "false"));
        Schema schema = SchemaBuilder.struct().name("com.example.Unregistered").field("n", Schema.INT32_SCHEMA).build();

        assertThatThrownBy(() -> converter.fromConnectData("unregistered", schema, new Struct(schema).put("n", 1)))
                .isInstanceOf(DataException.class).hasMessageContaining("topic unregistered");
    }

    @Test
    void aWrongMagicByteIsADataExceptionNamingTheTopicAndWhatToCheck() {
        byte[] notFramed = {1, 0, 0, 0, 1, 2};

        assertThatThrownBy(() -> converter(false, Map.of()).toConnectData("bad-magic", notFramed))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("topic bad-magic")
                .hasMessageContaining("magic byte")
                .hasMessageContaining("value.converter");
    }

    @Test
    void anUnknownSchemaIdIsADataExceptionNamingTheTopicTheIdAndTheRegistry() {
        byte[] unknown = withId(Golden.hex("order-value-id1.hex"), 999_999);

        assertThatThrownBy(() -> converter(false, Map.of()).toConnectData("unknown-id", unknown))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("topic unknown-id")
                .hasMessageContaining("id 999999")
                .hasMessageContaining(registry.directUrl())
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void aPayloadThatIsNotAvroOfItsSchemaIsADataExceptionNamingTheId() {
        int id = client.register("garbled-value", avro(Golden.text("order.avsc")), false);
        byte[] garbled = withId(new byte[] {0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff}, id);

        assertThatThrownBy(() -> converter(false, Map.of()).toConnectData("garbled", garbled))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("topic garbled")
                .hasMessageContaining("schema id " + id);
    }

    @Test
    void configDeclaresConfluentsConverterKeys() {
        assertThat(new AvroConverter().config().names()).contains("schema.registry.url", "auto.register.schemas",
                "use.latest.version", "value.subject.name.strategy", "basic.auth.user.info", "schemas.cache.config",
                "connect.meta.data", "enhanced.avro.schema.support", "scrub.invalid.names",
                "avro.use.logical.type.converters", "ignore.default.for.nullables", "generalized.sum.type.support",
                "allow.optional.map.keys", "flatten.singleton.unions", "discard.type.doc.default");
    }

    static ParsedSchema avro(String text) {
        return SchemaProviders.of(SchemaType.AVRO).parse(text, List.of(), Map.of());
    }

    static int idOf(byte[] framed) {
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }

    static byte[] withId(byte[] framed, int id) {
        byte[] copy = Arrays.copyOf(framed, framed.length);
        ByteBuffer.wrap(copy, 1, 4).putInt(id);
        return copy;
    }
}

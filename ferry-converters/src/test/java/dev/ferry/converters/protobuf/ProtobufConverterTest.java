package dev.ferry.converters.protobuf;

import static dev.ferry.converters.GoldenFiles.idOf;
import static dev.ferry.converters.GoldenFiles.withId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.converters.GoldenFiles;
import dev.ferry.schema.SchemaProviders;
import dev.ferry.schema.SchemaType;
import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.client.SchemaRegistryClients;
import dev.ferry.serde.testing.TestRegistry;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
class ProtobufConverterTest {

    static final Schema READING = SchemaBuilder.struct().name("dev.ferry.golden.Reading")
            .field("id", Schema.INT32_SCHEMA)
            .field("sensor", Schema.STRING_SCHEMA)
            .field("temp", Schema.FLOAT64_SCHEMA)
            .build();

    static TestRegistry registry;

    @BeforeAll
    static void startRegistry(KafkaBroker broker) {
        registry = TestRegistry.start(broker);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    static ProtobufConverter converter(boolean isKey, Map<String, String> extra) {
        ProtobufConverter converter = new ProtobufConverter();
        Map<String, Object> configs = new java.util.HashMap<>(extra);
        configs.putIfAbsent("schema.registry.url", registry.url());
        converter.configure(configs, isKey);
        return converter;
    }

    @Test
    void aRecordMatchesTheGoldenBytesOfConfluentsWireFormat() throws IOException {
        ProtobufConverter converter = converter(false, Map.of());
        // the golden file pins the layout; the schema id is whatever this registry assigned, put into it
        byte[] written = converter.fromConnectData("golden-readings",
                READING, new Struct(READING).put("id", 150).put("sensor", "hi").put("temp", 21.5));

        byte[] golden = withId(GoldenFiles.hex("golden/protobuf-reading.hex"), idOf(written));
        assertThat(HexFormat.of().formatHex(written)).isEqualTo(HexFormat.of().formatHex(golden));
        Struct read = (Struct) converter(false, Map.of()).toConnectData("golden-readings", golden).value();
        assertThat(read.get("id")).isEqualTo(150);
        assertThat(read.get("sensor")).isEqualTo("hi");
        assertThat(read.get("temp")).isEqualTo(21.5);
        assertThat(read.schema().version()).isEqualTo(1);
    }

    @Test
    void everyTypeRoundTripsThroughTheRegistry() {
        ProtobufConverter converter = converter(false, Map.of());

        Schema schema = ProtobufDataTest.EVERYTHING;
        Struct expected = copy(ProtobufDataTest.everything(), schema);

        byte[] bytes = converter.fromConnectData("pb-everything", schema, expected);
        Struct read = (Struct) converter(false, Map.of()).toConnectData("pb-everything", bytes).value();

        for (String name : List.of("i32", "i64", "f32", "f64", "flag", "text", "price", "day", "time", "at",
                "defaulted", "tags", "counts")) {
            assertThat(read.get(name)).as(name).isEqualTo(expected.get(name));
        }
        assertThat(read.get("blob")).isEqualTo(ByteBuffer.wrap((byte[]) expected.get("blob")));
        assertThat(read.get("i8")).isEqualTo((byte) -8);
        assertThat(read.get("i16")).isEqualTo((short) 1600);
        assertThat(read.getStruct("home").get("street")).isEqualTo("Elm");
        assertThat(((Struct) read.getMap("byId").get(7)).get("zip")).isEqualTo(1234);
        assertThat(((Struct) read.getArray("previous").get(0)).get("street")).isEqualTo("Oak");
        assertThat(read.get("missing")).isEqualTo("");
    }

    @Test
    void int8Int16AndDecimalScaleKeepTheirConnectTypesThroughTheRegistry() {
        Schema schema = SchemaBuilder.struct().name("Narrow").field("i8", Schema.INT8_SCHEMA)
                .field("i16", Schema.INT16_SCHEMA).field("amount", org.apache.kafka.connect.data.Decimal.schema(3))
                .build();
        ProtobufConverter converter = converter(false, Map.of());

        byte[] bytes = converter.fromConnectData("pb-narrow", schema, new Struct(schema).put("i8", (byte) 1)
                .put("i16", (short) 2).put("amount", new BigDecimal("1.500")));
        Struct read = (Struct) converter(false, Map.of()).toConnectData("pb-narrow", bytes).value();

        assertThat(read.get("i8")).isEqualTo((byte) 1);
        assertThat(read.get("i16")).isEqualTo((short) 2);
        assertThat(read.schema().field("amount").schema().parameters()).containsEntry("scale", "3");
    }

    @Test
    void aSchemaAsConfluentsConverterRegistersItReadsWithItsConnectTypes() {
        String proto = """
                syntax = "proto3";
                package shop;

                import "confluent/meta.proto";
                import "confluent/type/decimal.proto";

                message Item {
                  int32 qty = 1 [(confluent.field_meta) = { params: [ { key: "connect.type", value: "int16" } ] }];
                  confluent.type.Decimal price = 2 [(confluent.field_meta) = {
                    params: [ { key: "precision", value: "8" }, { key: "scale", value: "2" } ]
                  }];
                  repeated ConnectDefault2Entry attrs = 3;
                  oneof pick {
                    string code = 4;
                    int64 number = 5;
                  }

                  message ConnectDefault2Entry {
                    string key = 1;
                    int32 value = 2;
                  }
                }
                """;
        int id;
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()))) {
            id = client.register("pb-shop-value", SchemaProviders.of(SchemaType.PROTOBUF).parse(proto, List.of(),
                    Map.of()), false);
        }
        // qty 3; price {value 0x04d2 (1234), precision 8, scale 2}; attrs {"a": 1}; number 9
        byte[] record = withId(HexFormat.of().parseHex("00" + "00000000" + "00" + "0803"
                + "12" + "08" + "0a0204d2" + "1008" + "1802" + "1a" + "05" + "0a0161" + "1001" + "2809"), id);

        Struct read = (Struct) converter(false, Map.of()).toConnectData("pb-shop", record).value();

        assertThat(read.get("qty")).isEqualTo((short) 3);
        assertThat(read.get("price")).isEqualTo(new BigDecimal("12.34"));
        assertThat(read.schema().field("price").schema().parameters())
                .containsEntry("scale", "2").containsEntry("connect.decimal.precision", "8");
        assertThat(read.getMap("attrs")).isEqualTo(Map.of("a", 1));
        assertThat(read.getStruct("pick_0").get("number")).isEqualTo(9L);
        assertThat(read.schema().field("attrs").schema().name()).isEqualTo("connect_default2");
    }

    @Test
    void recordNameStrategyRegistersUnderTheMessagesFullName() {
        ProtobufConverter converter = converter(false, Map.of("value.subject.name.strategy",
                "io.confluent.kafka.serializers.subject.RecordNameStrategy"));

        converter.fromConnectData("pb-by-name", READING, new Struct(READING).put("id", 1).put("sensor", "a")
                .put("temp", 1.0));

        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()))) {
            assertThat(client.latest("dev.ferry.golden.Reading").schema().canonical()).contains("message Reading");
        }
    }

    @Test
    void useLatestVersionWritesWithTheRegisteredSchema() {
        String proto = """
                syntax = "proto3";
                package dev.ferry.golden;

                message Reading {
                  int32 id = 1;
                  string sensor = 2;
                  double temp = 3;
                  string site = 4;
                }
                """;
        int id;
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()))) {
            id = client.register("pb-latest-value", SchemaProviders.of(SchemaType.PROTOBUF).parse(proto, List.of(),
                    Map.of()), false);
        }
        ProtobufConverter converter = converter(false, Map.of("auto.register.schemas", "false",
                "use.latest.version", "true", "latest.compatibility.strict", "false"));

        byte[] bytes = converter.fromConnectData("pb-latest", READING, new Struct(READING).put("id", 5)
                .put("sensor", "s").put("temp", 2.0));
        Struct read = (Struct) converter(false, Map.of()).toConnectData("pb-latest", bytes).value();

        assertThat(idOf(bytes)).isEqualTo(id);
        assertThat(read.get("id")).isEqualTo(5);
        assertThat(read.get("site")).isEqualTo("");
    }

    @Test
    void datesAndTimesOfDayRoundTripThroughTheRegistry() {
        Schema schema = SchemaBuilder.struct().name("When").field("day", org.apache.kafka.connect.data.Date.SCHEMA)
                .field("time", org.apache.kafka.connect.data.Time.SCHEMA).build();
        Struct value = new Struct(schema).put("day", new java.util.Date(19_000L * 86_400_000L))
                .put("time", new java.util.Date(13 * 3_600_000L + 7_123));
        ProtobufConverter converter = converter(false, Map.of());

        Struct read = (Struct) converter(false, Map.of()).toConnectData("pb-when",
                converter.fromConnectData("pb-when", schema, value)).value();

        assertThat(read.get("day")).isEqualTo(value.get("day"));
        assertThat(read.get("time")).isEqualTo(value.get("time"));
    }

    @Test
    void keysAndPrimitivesUseTheirWrappersAndTheKeySubject() throws Exception {
        ProtobufConverter converter = converter(true, Map.of());

        byte[] bytes = converter.fromConnectData("pb-keys", Schema.STRING_SCHEMA, "k-1");
        SchemaAndValue read = converter(true, Map.of()).toConnectData("pb-keys", bytes);

        assertThat(read.schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(read.value()).isEqualTo("k-1");
        // StringValue is message 7 of google/protobuf/wrappers.proto: indexes [7] = count 1, then 7, zig-zag
        assertThat(bytes[5]).isEqualTo((byte) 2);
        assertThat(bytes[6]).isEqualTo((byte) 14);
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()))) {
            assertThat(client.latest("pb-keys-key").schema().canonical()).contains("message StringValue");
        }
    }

    @Test
    void aRecordOfTheSecondMessageOfASchemaIsReadByItsMessageIndexes() {
        String proto = """
                syntax = "proto3";
                package golden;

                message First {
                  string a = 1;
                }
                message Second {
                  int64 b = 1;
                }
                """;
        int id;
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()))) {
            id = client.register("pb-second-value", SchemaProviders.of(SchemaType.PROTOBUF).parse(proto, List.of(),
                    Map.of()), false);
        }
        // magic, id, indexes [1] (count 1 -> 0x02, index 1 -> 0x02), then field 1 varint 42
        byte[] record = withId(HexFormat.of().parseHex("00" + "00000000" + "0202" + "082a"), id);

        Struct read = (Struct) converter(false, Map.of()).toConnectData("pb-second", record).value();

        assertThat(read.schema().name()).isEqualTo("Second");
        assertThat(read.get("b")).isEqualTo(42L);
    }

    @Test
    void oncePerSchemaTheRegistryIsAskedSoRecordsFlowWhileItIsDown(KafkaBroker broker) {
        TestRegistry own = TestRegistry.start(broker);
        ProtobufConverter converter = new ProtobufConverter();
        converter.configure(Map.of("schema.registry.url", own.url(), "max.retries", "0"), false);
        Struct value = new Struct(READING).put("id", 1).put("sensor", "a").put("temp", 1.0);
        byte[] first = converter.fromConnectData("pb-cached", READING, value);
        converter.toConnectData("pb-cached", first);

        own.close();

        for (int i = 0; i < 100; i++) {
            byte[] again = converter.fromConnectData("pb-cached", READING, value.put("id", i));
            assertThat(((Struct) converter.toConnectData("pb-cached", again).value()).get("id")).isEqualTo(i);
        }
        Schema other = SchemaBuilder.struct().name("Other").field("x", Schema.INT32_SCHEMA).build();
        assertThatThrownBy(() -> converter.fromConnectData("pb-cached", other, new Struct(other).put("x", 1)))
                .isInstanceOf(RetriableException.class).hasMessageContaining(own.url());
    }

    @Test
    void theSchemaVersionIsTheOneUnderTheTopicReadFromNotTheFirstTopicThatSameIdWasReadFrom() {
        ProtobufConverter converter = converter(false, Map.of());
        byte[] written = converter.fromConnectData("pb-version-a", READING,
                new Struct(READING).put("id", 1).put("sensor", "a").put("temp", 1.0));

        assertThat(converter.toConnectData("pb-version-a", written).schema().version()).isEqualTo(1);
        // the same record copied to a topic whose subject never registered the schema has no version there
        assertThat(converter.toConnectData("pb-version-b", written).schema().version()).isNull();
    }

    @Test
    void aRecordWithABadMagicByteOrAnUnknownIdIsADataExceptionNamingTopicAndId() {
        ProtobufConverter converter = converter(false, Map.of());

        assertThatThrownBy(() -> converter.toConnectData("pb-bad", new byte[] {7, 0, 0, 0, 1, 0}))
                .isInstanceOf(DataException.class).hasMessageContaining("pb-bad").hasMessageContainingAll("0x07", "wire format");
        assertThatThrownBy(() -> converter.toConnectData("pb-bad", HexFormat.of().parseHex("00000f423f0000")))
                .isInstanceOf(DataException.class).hasMessageContaining("pb-bad").hasMessageContaining("999999");
        assertThatThrownBy(() -> converter.toConnectData("pb-bad", "plain text".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DataException.class).hasMessageContaining("pb-bad");
    }

    @Test
    void aTruncatedMessageOrARecordOfAnotherFormatIsADataException() {
        ProtobufConverter converter = converter(false, Map.of());
        byte[] valid = converter.fromConnectData("pb-broken", READING, new Struct(READING).put("id", 1)
                .put("sensor", "a long enough sensor name").put("temp", 1.0));
        byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 4);
        dev.ferry.converters.json.JsonSchemaConverter jsonConverter = new dev.ferry.converters.json.JsonSchemaConverter();
        jsonConverter.configure(Map.of("schema.registry.url", registry.url()), false);
        byte[] json = jsonConverter.fromConnectData("pb-broken-json", Schema.STRING_SCHEMA, "text");

        assertThatThrownBy(() -> converter.toConnectData("pb-broken", truncated))
                .isInstanceOf(DataException.class).hasMessageContaining("pb-broken")
                .hasMessageContaining("not a valid message");
        assertThatThrownBy(() -> converter.toConnectData("pb-broken", json))
                .isInstanceOf(DataException.class).hasMessageContaining("is a JSON schema, not Protobuf");
    }

    @Test
    void aMessageFieldSentTwiceIsMergedAsProtobufDoes() {
        Schema schema = SchemaBuilder.struct().name("Merged").field("home", SchemaBuilder.struct().name("Address")
                .field("street", Schema.OPTIONAL_STRING_SCHEMA).field("zip", Schema.OPTIONAL_INT32_SCHEMA).optional()
                .build()).build();
        ProtobufConverter converter = converter(false, Map.of());
        byte[] written = converter.fromConnectData("pb-merged", schema, new Struct(schema));
        // the same id and indexes, then home twice: {street "a"}, then {zip 7}
        byte[] record = withId(HexFormat.of().parseHex("00" + "00000000" + "00" + "0a030a0161" + "0a021007"),
                idOf(written));

        Struct read = (Struct) converter(false, Map.of()).toConnectData("pb-merged", record).value();

        assertThat(read.getStruct("home").get("street")).isEqualTo("a");
        assertThat(read.getStruct("home").get("zip")).isEqualTo(7);
    }

    @Test
    void decimalsKeepTheirValueThroughTheRegistry() {
        Schema schema = SchemaBuilder.struct().name("Money")
                .field("amount", org.apache.kafka.connect.data.Decimal.schema(2)).build();
        ProtobufConverter converter = converter(false, Map.of());

        byte[] bytes = converter.fromConnectData("pb-money", schema, new Struct(schema).put("amount",
                new BigDecimal("10.25")));

        assertThat(((Struct) converter(false, Map.of()).toConnectData("pb-money", bytes).value()).get("amount"))
                .isEqualTo(new BigDecimal("10.25"));
    }

    static Struct copy(Struct value, Schema schema) {
        Struct copy = new Struct(schema);
        schema.fields().forEach(field -> copy.put(field.name(), value.get(field.name())));
        return copy;
    }
}

package dev.ferry.converters.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import dev.ferry.schema.protobuf.ProtobufMeta;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class ProtobufDataTest {

    static final Schema ADDRESS = SchemaBuilder.struct().name("com.example.Address")
            .field("street", Schema.STRING_SCHEMA)
            .field("zip", Schema.OPTIONAL_INT32_SCHEMA)
            .build();

    static final Schema EVERYTHING = SchemaBuilder.struct().name("com.example.Everything")
            .field("i8", Schema.INT8_SCHEMA)
            .field("i16", Schema.INT16_SCHEMA)
            .field("i32", Schema.INT32_SCHEMA)
            .field("i64", Schema.INT64_SCHEMA)
            .field("f32", Schema.FLOAT32_SCHEMA)
            .field("f64", Schema.FLOAT64_SCHEMA)
            .field("flag", Schema.BOOLEAN_SCHEMA)
            .field("text", Schema.STRING_SCHEMA)
            .field("blob", Schema.BYTES_SCHEMA)
            .field("price", Decimal.builder(2).parameter("connect.decimal.precision", "10").build())
            .field("day", Date.SCHEMA)
            .field("time", Time.SCHEMA)
            .field("at", Timestamp.SCHEMA)
            .field("missing", Schema.OPTIONAL_STRING_SCHEMA)
            .field("defaulted", SchemaBuilder.string().defaultValue("fallback").build())
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field("counts", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build())
            .field("byId", SchemaBuilder.map(Schema.INT32_SCHEMA, ADDRESS).build())
            .field("home", ADDRESS)
            .field("previous", SchemaBuilder.array(ADDRESS).build())
            .build();

    static Struct everything() {
        return new Struct(EVERYTHING)
                .put("i8", (byte) -8)
                .put("i16", (short) 1600)
                .put("i32", 320_000)
                .put("i64", -64_000_000_000L)
                .put("f32", 3.25f)
                .put("f64", -6.5e100)
                .put("flag", true)
                .put("text", "héllo")
                .put("blob", new byte[] {0, 1, 2, (byte) 255})
                .put("price", new BigDecimal("-12345.67"))
                .put("day", new java.util.Date(19_000L * 86_400_000L))
                .put("time", new java.util.Date(13 * 3_600_000L + 5 * 60_000 + 7_123))
                .put("at", new java.util.Date(1_700_000_000_123L))
                .put("tags", List.of("a", "b"))
                .put("counts", Map.of("x", 1L, "y", 2L))
                .put("byId", Map.of(7, new Struct(ADDRESS).put("street", "Main").put("zip", 1234)))
                .put("home", new Struct(ADDRESS).put("street", "Elm"))
                .put("previous", List.of(new Struct(ADDRESS).put("street", "Oak").put("zip", 42)));
    }

    @Test
    void everyConnectTypeAndLogicalTypeSurvivesTheWireAndBack() throws Exception {
        ProtobufData data = new ProtobufData(ProtobufDataConfig.defaults());
        Struct value = everything();

        SchemaAndValue back = roundTrip(data, EVERYTHING, value);

        Struct read = (Struct) back.value();
        assertThat(read.schema().name()).isEqualTo("Everything");
        assertThat(read.get("i8")).isEqualTo((byte) -8);
        assertThat(read.get("i16")).isEqualTo((short) 1600);
        assertThat(read.get("i32")).isEqualTo(320_000);
        assertThat(read.get("i64")).isEqualTo(-64_000_000_000L);
        assertThat(read.get("f32")).isEqualTo(3.25f);
        assertThat(read.get("f64")).isEqualTo(-6.5e100);
        assertThat(read.get("flag")).isEqualTo(true);
        assertThat(read.get("text")).isEqualTo("héllo");
        assertThat(read.get("blob")).isEqualTo(ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 255}));
        assertThat(read.get("price")).isEqualTo(new BigDecimal("-12345.67"));
        assertThat(read.schema().field("price").schema().parameters())
                .containsEntry("scale", "2").containsEntry("connect.decimal.precision", "10");
        assertThat(read.get("day")).isEqualTo(value.get("day"));
        assertThat(read.get("time")).isEqualTo(value.get("time"));
        assertThat(read.get("at")).isEqualTo(value.get("at"));
        assertThat(read.get("missing")).isEqualTo("");
        assertThat(read.get("defaulted")).isEqualTo("fallback");
        assertThat(read.get("tags")).isEqualTo(List.of("a", "b"));
        assertThat(read.get("counts")).isEqualTo(Map.of("x", 1L, "y", 2L));
        Struct byId = (Struct) read.getMap("byId").get(7);
        assertThat(byId.get("street")).isEqualTo("Main");
        assertThat(byId.get("zip")).isEqualTo(1234);
        assertThat(read.getStruct("home").get("street")).isEqualTo("Elm");
        assertThat(((Struct) read.getArray("previous").get(0)).get("zip")).isEqualTo(42);
        assertThat(read.schema().field("i8").schema().type()).isEqualTo(Schema.Type.INT8);
        assertThat(read.schema().field("i16").schema().type()).isEqualTo(Schema.Type.INT16);
        assertThat(read.schema().field("i32").schema().parameters())
                .containsEntry("io.confluent.connect.protobuf.Tag", "3");
    }

    @Test
    void structsBecomeMessagesNamedAsConfluentNamesThem() {
        ProtoMessageType type = new ProtobufData(ProtobufDataConfig.defaults()).fromConnectSchema(EVERYTHING);

        assertThat(type.file().getPackage()).isEqualTo("com.example");
        assertThat(type.message().getName()).isEqualTo("Everything");
        assertThat(type.indexes()).containsExactly(0);
        assertThat(type.file().getDependencies()).extracting(f -> f.getName()).contains(
                "confluent/type/decimal.proto", "google/type/date.proto", "google/type/timeofday.proto",
                "google/protobuf/timestamp.proto", "confluent/meta.proto");
        Descriptor message = type.message();
        assertThat(message.findFieldByName("i8").getType()).isEqualTo(FieldDescriptor.Type.INT32);
        assertThat(ProtobufMeta.of(message.findFieldByName("i8")).params()).containsEntry("connect.type", "int8");
        assertThat(message.findFieldByName("tags").isRepeated()).isTrue();
        assertThat(message.findFieldByName("counts").getMessageType().getFullName())
                .isEqualTo("com.example.Everything.ConnectDefault1Entry");
        assertThat(message.findFieldByName("home").getMessageType().getFullName())
                .isEqualTo("com.example.Everything.Address");
        assertThat(message.findFieldByName("price").getMessageType().getFullName()).isEqualTo("confluent.type.Decimal");
    }

    @Test
    void anUnnamedStructIsConnectDefault1() {
        Schema schema = SchemaBuilder.struct().field("a", Schema.STRING_SCHEMA).build();

        ProtoMessageType type = new ProtobufData(ProtobufDataConfig.defaults()).fromConnectSchema(schema);

        assertThat(type.message().getFullName()).isEqualTo("ConnectDefault1");
    }

    @Test
    void aTopLevelPrimitiveIsItsWrapperAndReadsBackAsThePrimitive() throws Exception {
        ProtobufData data = new ProtobufData(ProtobufDataConfig.defaults());

        SchemaAndValue back = roundTrip(data, Schema.INT64_SCHEMA, 42L);

        assertThat(data.fromConnectSchema(Schema.INT64_SCHEMA).message().getFullName())
                .isEqualTo("google.protobuf.Int64Value");
        assertThat(data.fromConnectSchema(Schema.INT64_SCHEMA).indexes()).containsExactly(2);
        assertThat(back.schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(back.value()).isEqualTo(42L);
    }

    @Test
    void wrapperForNullablesKeepsANullDistinctFromZero() throws Exception {
        ProtobufData data = new ProtobufData(ProtobufDataConfig.from(Map.of("wrapper.for.nullables", "true")));
        Schema schema = SchemaBuilder.struct().name("W").field("n", Schema.OPTIONAL_INT32_SCHEMA)
                .field("m", Schema.OPTIONAL_INT32_SCHEMA).field("r", Schema.INT32_SCHEMA).build();

        Struct read = (Struct) roundTrip(data, schema, new Struct(schema).put("m", 0).put("r", 5)).value();

        assertThat(data.fromConnectSchema(schema).message().findFieldByName("n").getMessageType().getFullName())
                .isEqualTo("google.protobuf.Int32Value");
        assertThat(read.get("n")).isNull();
        assertThat(read.get("m")).isEqualTo(0);
        assertThat(read.get("r")).isEqualTo(5);
        assertThat(read.schema().field("r").schema().isOptional()).isFalse();
    }

    @Test
    void optionalForNullablesWritesProto3OptionalFields() throws Exception {
        ProtobufData data = new ProtobufData(ProtobufDataConfig.from(Map.of("optional.for.nullables", "true")));
        Schema schema = SchemaBuilder.struct().name("O").field("a", Schema.OPTIONAL_STRING_SCHEMA)
                .field("b", Schema.STRING_SCHEMA).build();

        Struct read = (Struct) roundTrip(data, schema, new Struct(schema).put("b", "x")).value();

        assertThat(data.fromConnectSchema(schema).message().findFieldByName("a").toProto().getProto3Optional()).isTrue();
        assertThat(read.get("a")).isNull();
        assertThat(read.schema().field("a").schema().isOptional()).isTrue();
        assertThat(read.schema().field("b").schema().isOptional()).isFalse();
    }

    @Test
    void aOneofReadsAsAUnionStructAndWritesBack() throws Exception {
        ProtobufData data = new ProtobufData(ProtobufDataConfig.defaults());
        Schema union = SchemaBuilder.struct().name("io.confluent.connect.protobuf.Union.choice")
                .field("text", SchemaBuilder.string().optional().parameter("io.confluent.connect.protobuf.Tag", "2"))
                .field("number", SchemaBuilder.int32().optional().parameter("io.confluent.connect.protobuf.Tag", "3"))
                .optional().build();
        Schema schema = SchemaBuilder.struct().name("U").field("id", Schema.INT32_SCHEMA)
                .field("choice_0", union).build();
        Struct value = new Struct(schema).put("id", 1).put("choice_0", new Struct(union).put("number", 9));

        Descriptor message = data.fromConnectSchema(schema).message();
        Struct read = (Struct) roundTrip(data, schema, value).value();

        assertThat(message.getRealOneofs()).singleElement().satisfies(o -> assertThat(o.getName()).isEqualTo("choice"));
        assertThat(read.getStruct("choice_0").get("number")).isEqualTo(9);
        assertThat(read.getStruct("choice_0").get("text")).isNull();
        assertThat(read.schema().field("choice_0").schema().name())
                .isEqualTo("io.confluent.connect.protobuf.Union.choice");
    }

    @Test
    void anEnumReadsAsItsSymbolOrNumber() throws Exception {
        Schema color = SchemaBuilder.string().name("Color").optional()
                .parameter("io.confluent.connect.protobuf.Enum", "Color")
                .parameter("io.confluent.connect.protobuf.Enum.RED", "0")
                .parameter("io.confluent.connect.protobuf.Enum.BLUE", "1").build();
        Schema schema = SchemaBuilder.struct().name("E").field("color", color).build();
        ProtobufData symbols = new ProtobufData(ProtobufDataConfig.defaults());
        ProtobufData numbers = new ProtobufData(ProtobufDataConfig.from(Map.of("int.for.enums", "true")));

        Message message = symbols.fromConnectData(schema, new Struct(schema).put("color", "BLUE"),
                symbols.fromConnectSchema(schema).message());

        assertThat(((Struct) symbols.toConnectData(message, null).value()).get("color")).isEqualTo("BLUE");
        assertThat(((Struct) numbers.toConnectData(message, null).value()).get("color")).isEqualTo(1);
    }

    @Test
    void enhancedSchemaSupportKeepsPackageNames() throws Exception {
        ProtobufData data = new ProtobufData(ProtobufDataConfig.from(Map.of("enhanced.protobuf.schema.support", "true")));

        SchemaAndValue back = roundTrip(data, ADDRESS, new Struct(ADDRESS).put("street", "Elm"));

        assertThat(back.schema().name()).isEqualTo("com.example.Address");
    }

    @Test
    void unionsCanBeFlattenedOrLeftWithoutTheirIndex() throws Exception {
        Schema union = SchemaBuilder.struct().name("io.confluent.connect.protobuf.Union.choice")
                .field("text", SchemaBuilder.string().optional().parameter("io.confluent.connect.protobuf.Tag", "2"))
                .optional().build();
        Schema schema = SchemaBuilder.struct().name("U").field("choice_0", union).build();
        Struct value = new Struct(schema).put("choice_0", new Struct(union).put("text", "t"));
        Descriptor type = new ProtobufData(ProtobufDataConfig.defaults()).fromConnectSchema(schema).message();
        Message message = new ProtobufData(ProtobufDataConfig.defaults()).fromConnectData(schema, value, type);

        Struct flat = (Struct) new ProtobufData(ProtobufDataConfig.from(Map.of("flatten.unions", "true")))
                .toConnectData(message, null).value();
        Struct unindexed = (Struct) new ProtobufData(ProtobufDataConfig.from(Map.of("generate.index.for.unions",
                "false"))).toConnectData(message, null).value();

        assertThat(flat.get("text")).isEqualTo("t");
        assertThat(unindexed.getStruct("choice").get("text")).isEqualTo("t");
    }

    @Test
    void anUnsetMessageFieldIsNullOrAnEmptyStructPerConfig() throws Exception {
        Schema schema = SchemaBuilder.struct().name("P").field("home", SchemaBuilder.struct().name("Address")
                .field("street", Schema.OPTIONAL_STRING_SCHEMA).optional().build()).build();
        Descriptor type = new ProtobufData(ProtobufDataConfig.defaults()).fromConnectSchema(schema).message();
        Message empty = DynamicMessage.newBuilder(type).build();

        Struct plain = (Struct) new ProtobufData(ProtobufDataConfig.defaults()).toConnectData(empty, null).value();
        Struct generated = (Struct) new ProtobufData(ProtobufDataConfig.from(Map.of("generate.struct.for.nulls",
                "true"))).toConnectData(empty, null).value();

        assertThat(plain.get("home")).isNull();
        assertThat(generated.getStruct("home").get("street")).isEqualTo("");
    }

    @Test
    void theDirectDecoderTakesUnpackedRepeatedScalarsAndLeavesMergesToDynamicMessage() throws Exception {
        Schema schema = SchemaBuilder.struct().name("R").field("n", SchemaBuilder.array(Schema.INT32_SCHEMA).build())
                .field("home", SchemaBuilder.struct().name("Address").field("street", Schema.OPTIONAL_STRING_SCHEMA)
                        .field("zip", Schema.OPTIONAL_INT32_SCHEMA).optional().build())
                .build();
        ProtobufData data = new ProtobufData(ProtobufDataConfig.defaults());
        Descriptor type = data.fromConnectSchema(schema).message();
        // n = 1, 2 as two unpacked varints (field 1, wire type 0), then packed 3; home sent twice: street, then zip
        byte[] bytes = HexFormat.of().parseHex("0801" + "0802" + "0a0103" + "1203" + "0a0161" + "1202" + "1007");

        Struct decoded = (Struct) data.toConnectData(DecodedMessage.decode(type, CodedInputStream.newInstance(
                HexFormat.of().parseHex("0801" + "0802" + "0a0103"))), null).value();

        assertThat(decoded.getArray("n")).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> DecodedMessage.decode(type, CodedInputStream.newInstance(bytes)))
                .isInstanceOf(DecodedMessage.Unsupported.class);
        Struct merged = (Struct) data.toConnectData(DynamicMessage.parseFrom(type, bytes), null).value();
        assertThat(merged.getStruct("home").get("street")).isEqualTo("a");
        assertThat(merged.getStruct("home").get("zip")).isEqualTo(7);
    }

    @Test
    void invalidNamesAreScrubbedOnlyWhenAsked() {
        Schema schema = SchemaBuilder.struct().name("my-record").field("a field", Schema.STRING_SCHEMA).build();

        ProtoMessageType scrubbed = new ProtobufData(ProtobufDataConfig.from(Map.of("scrub.invalid.names", "true")))
                .fromConnectSchema(schema);

        assertThat(scrubbed.message().getName()).isEqualTo("my_record");
        assertThat(scrubbed.message().getFields().get(0).getName()).isEqualTo("a_field");
        assertThatThrownBy(() -> new ProtobufData(ProtobufDataConfig.defaults()).fromConnectSchema(schema))
                .isInstanceOf(DataException.class).hasMessageContaining("scrub.invalid.names");
    }

    @Test
    void aTopLevelArrayIsRefusedWithAHint() {
        assertThatThrownBy(() -> new ProtobufData(ProtobufDataConfig.defaults())
                .fromConnectSchema(SchemaBuilder.array(Schema.STRING_SCHEMA).build()))
                .isInstanceOf(DataException.class).hasMessageContaining("HoistField");
    }

    /** Writes, then reads back both through DynamicMessage and through the direct decoder, which must agree. */
    static SchemaAndValue roundTrip(ProtobufData data, Schema schema, Object value) throws Exception {
        Descriptor type = data.fromConnectSchema(schema).message();
        byte[] bytes = data.fromConnectData(schema, value, type).toByteArray();
        SchemaAndValue viaDynamicMessage = data.toConnectData(DynamicMessage.parseFrom(type, bytes), null);
        SchemaAndValue decoded = data.toConnectData(DecodedMessage.decode(type, CodedInputStream.newInstance(bytes)),
                null);
        assertThat(decoded).isEqualTo(viaDynamicMessage);
        return decoded;
    }
}

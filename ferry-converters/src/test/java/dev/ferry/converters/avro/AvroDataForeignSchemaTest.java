package dev.ferry.converters.avro;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Avro written by applications that know nothing of Connect (golden schema foreign-user.avsc): unions, enums,
 * fixed, docs, field defaults and a recursive record map to the Connect shapes Confluent's converter gives them,
 * and with enhanced.avro.schema.support the enum goes back to Avro as the same enum.
 */
class AvroDataForeignSchemaTest {

    private final org.apache.avro.Schema user = AvroDataGoldenSchemaTest.parse(Golden.text("foreign-user.avsc"));

    @Test
    void enumsUnionsFixedDocsAndFieldDefaultsMapToConfluentsConnectShapes() {
        Schema connect = new AvroData(AvroDataConfig.defaults()).toConnectSchema(user);

        assertThat(connect.name()).isEqualTo("com.acme.User");
        assertThat(connect.parameters()).containsEntry("io.confluent.connect.avro.record.doc", "A user")
                .containsEntry("io.confluent.connect.avro.field.doc.id", "the id");
        Schema kind = connect.field("kind").schema();
        assertThat(kind.type()).isEqualTo(Schema.Type.STRING);
        assertThat(kind.name()).isEqualTo("com.acme.Kind");
        assertThat(kind.parameters()).containsExactly(
                Map.entry("io.confluent.connect.avro.enum.default.Kind", "A"),
                Map.entry("io.confluent.connect.avro.Enum", "com.acme.Kind"),
                Map.entry("io.confluent.connect.avro.Enum.A", "A"),
                Map.entry("io.confluent.connect.avro.Enum.B", "B"));
        Schema choice = connect.field("choice").schema();
        assertThat(choice.type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(choice.name()).isEqualTo("io.confluent.connect.avro.Union");
        assertThat(choice.isOptional()).isTrue();
        assertThat(choice.fields()).extracting(f -> f.name()).containsExactly("int", "string");
        assertThat(choice.field("int").schema()).isEqualTo(Schema.OPTIONAL_INT32_SCHEMA);
        Schema hash = connect.field("hash").schema();
        assertThat(hash.type()).isEqualTo(Schema.Type.BYTES);
        assertThat(hash.name()).isEqualTo("com.acme.Hash");
        assertThat(hash.parameters()).containsEntry("connect.fixed.size", "4");
        Schema age = connect.field("age").schema();
        assertThat(age.defaultValue()).isEqualTo(18);
        assertThat(age.parameters()).containsEntry("io.confluent.connect.avro.field.default", "true");
        Schema next = connect.field("next").schema();
        assertThat(next.isOptional()).isTrue();
        assertThat(next.name()).isEqualTo("com.acme.User");
        assertThat(next.field("next").schema().name()).isEqualTo("com.acme.User");
    }

    @Test
    void aForeignRecordReadsAsAStructWithItsUnionBranchAndNestedRecord() {
        GenericRecord inner = record(2, null);
        GenericRecord outer = record(1, inner);

        SchemaAndValue read = new AvroData(AvroDataConfig.defaults()).toConnectData(user, outer, 4);

        assertThat(read.schema().version()).isEqualTo(4);
        Struct struct = (Struct) read.value();
        assertThat(struct.getInt64("id")).isEqualTo(1L);
        assertThat(struct.getString("kind")).isEqualTo("B");
        assertThat(struct.getStruct("choice").get("string")).isEqualTo("s");
        assertThat(struct.getStruct("choice").get("int")).isNull();
        assertThat(struct.get("hash")).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
        assertThat(struct.getStruct("next").getInt64("id")).isEqualTo(2L);
        assertThat(struct.getStruct("next").get("next")).isNull();
    }

    @Test
    void withEnhancedSchemaSupportTheEnumAndFixedGoBackToAvroUnchanged() {
        AvroData enhanced = new AvroData(AvroDataConfig.from(Map.of("enhanced.avro.schema.support", "true")));
        org.apache.avro.Schema kind = user.getField("kind").schema();
        org.apache.avro.Schema hash = user.getField("hash").schema();

        org.apache.avro.Schema kindBack = enhanced.fromConnectSchema(enhanced.toConnectSchema(kind));
        org.apache.avro.Schema hashBack = enhanced.fromConnectSchema(enhanced.toConnectSchema(hash));
        Object symbol = enhanced.fromConnectData(enhanced.toConnectSchema(kind), kindBack, "B");

        assertThat(kindBack.getType()).isEqualTo(org.apache.avro.Schema.Type.ENUM);
        assertThat(kindBack.getFullName()).isEqualTo("com.acme.Kind");
        assertThat(kindBack.getEnumSymbols()).containsExactly("A", "B");
        assertThat(kindBack.getEnumDefault()).isEqualTo("A");
        assertThat(symbol).isEqualTo(new GenericData.EnumSymbol(kindBack, "B"));
        assertThat(hashBack.getType()).isEqualTo(org.apache.avro.Schema.Type.FIXED);
        assertThat(hashBack.getFixedSize()).isEqualTo(4);
    }

    @Test
    void aRecursiveRecordGoesBackToAvroAsARecordThatRefersToItself() {
        AvroData data = new AvroData(AvroDataConfig.defaults());

        org.apache.avro.Schema back = data.fromConnectSchema(data.toConnectSchema(user));

        assertThat(back.getFullName()).isEqualTo("com.acme.User");
        org.apache.avro.Schema next = back.getField("next").schema();
        assertThat(next.getTypes()).hasSize(2);
        assertThat(next.getTypes().get(1)).isSameAs(back);
        assertThat(AvroDataGoldenSchemaTest.parse(back.toString())).isEqualTo(back);
    }

    @Test
    void withoutEnhancedSchemaSupportAnEnumGoesBackToAvroAsAString() {
        AvroData data = new AvroData(AvroDataConfig.defaults());

        org.apache.avro.Schema back = data.fromConnectSchema(data.toConnectSchema(user.getField("kind").schema()));

        assertThat(back.getType()).isEqualTo(org.apache.avro.Schema.Type.STRING);
        assertThat(back.getProp("connect.name")).isEqualTo("com.acme.Kind");
    }

    @Test
    void generalizedSumTypesNameUnionsAndEnumsTheFormatNeutralWay() {
        AvroData data = new AvroData(AvroDataConfig.from(Map.of("generalized.sum.type.support", "true")));

        Schema connect = data.toConnectSchema(user);

        Schema choice = connect.field("choice").schema();
        assertThat(choice.name()).startsWith("connect_union_");
        assertThat(choice.parameters()).containsEntry("org.apache.kafka.connect.data.Union", choice.name());
        assertThat(choice.fields()).extracting(f -> f.name())
                .containsExactly("connect_union_field_0", "connect_union_field_1");
        assertThat(connect.field("kind").schema().parameters())
                .containsEntry("org.apache.kafka.connect.data.Enum", "com.acme.Kind")
                .containsEntry("org.apache.kafka.connect.data.Enum.B", "1");
    }

    @Test
    void aConnectUnionStructWritesItsSetBranchAsTheAvroUnionValue() {
        AvroData data = new AvroData(AvroDataConfig.defaults());
        Schema union = SchemaBuilder.struct().name("io.confluent.connect.avro.Union")
                .field("int", Schema.OPTIONAL_INT32_SCHEMA)
                .field("string", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        Struct value = new Struct(union).put("string", "s");

        org.apache.avro.Schema avro = data.fromConnectSchema(union);
        SchemaAndValue back = new AvroRoundTrip().roundTrip(union, value);

        assertThat(avro.toString()).isEqualTo("[\"int\",\"string\"]");
        assertThat(data.fromConnectData(union, avro, value)).isEqualTo("s");
        assertThat(back.value()).isEqualTo(value);
    }

    @Test
    void scrubInvalidNamesTurnsConnectNamesIntoValidAvroNames() {
        AvroData data = new AvroData(AvroDataConfig.from(Map.of("scrub.invalid.names", "true")));
        Schema schema = SchemaBuilder.struct().name("com.my-company.1st Record")
                .field("first-name", Schema.STRING_SCHEMA).build();

        org.apache.avro.Schema avro = data.fromConnectSchema(schema);

        assertThat(avro.getFullName()).isEqualTo("com.my_company.x1st_Record");
        assertThat(avro.getFields()).extracting(org.apache.avro.Schema.Field::name).containsExactly("first_name");
    }

    private GenericRecord record(long id, GenericRecord next) {
        GenericRecord record = new GenericData.Record(user);
        record.put("id", id);
        record.put("kind", new GenericData.EnumSymbol(user.getField("kind").schema(), "B"));
        record.put("choice", new org.apache.avro.util.Utf8("s"));
        record.put("hash", new GenericData.Fixed(user.getField("hash").schema(), new byte[] {1, 2, 3, 4}));
        record.put("age", 30);
        record.put("next", next);
        return record;
    }
}

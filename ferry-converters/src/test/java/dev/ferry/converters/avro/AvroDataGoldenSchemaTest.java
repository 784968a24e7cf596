package dev.ferry.converters.avro;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Avro schema text a Connect schema converts to, pinned in golden files written from Confluent's documented
 * mapping (connect.type for int8/int16, ConnectDefault names, optionals as unions with null, MapEntry arrays,
 * Decimal bytes with precision 64, logical types with their connect.name and connect.version). The text is what the
 * registry stores, so it must match Confluent's converter byte for byte for both to register the same schema.
 */
class AvroDataGoldenSchemaTest {

    private final AvroData avroData = new AvroData(AvroDataConfig.defaults());

    static Schema order() {
        return SchemaBuilder.struct().name("com.example.Order").version(2).doc("An order")
                .field("tiny", Schema.INT8_SCHEMA)
                .field("note", Schema.OPTIONAL_STRING_SCHEMA)
                .field("amount", Decimal.schema(2))
                .field("counts", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build())
                .build();
    }

    static Schema unnamedWithDefaults() {
        return SchemaBuilder.struct()
                .field("first", SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build())
                .field("second", SchemaBuilder.struct().field("y", Schema.STRING_SCHEMA).optional().build())
                .field("count", SchemaBuilder.int64().optional().defaultValue(7L).build())
                .field("flag", SchemaBuilder.bool().defaultValue(true).build())
                .build();
    }

    static Schema logicalTypes() {
        return SchemaBuilder.struct().name("com.example.Times")
                .field("day", Date.SCHEMA)
                .field("at", Time.SCHEMA)
                .field("ts", Timestamp.SCHEMA)
                .field("price", Decimal.builder(3).parameter("connect.decimal.precision", "10").optional().build())
                .field("small", Schema.OPTIONAL_INT16_SCHEMA)
                .build();
    }

    static Schema collections() {
        return SchemaBuilder.struct().name("com.example.Bag")
                .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
                .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_INT64_SCHEMA).build())
                .build();
    }

    static Schema defaults() {
        return SchemaBuilder.struct()
                .field("b", SchemaBuilder.bytes().defaultValue(ByteBuffer.wrap("foo".getBytes(
                        StandardCharsets.ISO_8859_1))).build())
                .field("d", Decimal.builder(2).defaultValue(new BigDecimal("1.00")).build())
                .field("day", Date.builder().defaultValue(new java.util.Date(2 * 86_400_000L)).build())
                .field("list", SchemaBuilder.array(Schema.STRING_SCHEMA).defaultValue(List.of("a")).build())
                .field("m", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA)
                        .defaultValue(Map.of("k", 1)).build())
                .build();
    }

    @Test
    void structWithInt8OptionalStringDecimalAndIntKeyedMapGivesConfluentsSchema() {
        assertThat(avroData.fromConnectSchema(order()).toString()).isEqualTo(Golden.text("order.avsc"));
    }

    @Test
    void unnamedStructsAreNumberedConnectDefaultsAndDefaultsPutNullLast() {
        assertThat(avroData.fromConnectSchema(unnamedWithDefaults()).toString())
                .isEqualTo(Golden.text("unnamed-with-defaults.avsc"));
    }

    @Test
    void logicalTypesCarryTheirConnectNameVersionAndAvroLogicalType() {
        assertThat(avroData.fromConnectSchema(logicalTypes()).toString()).isEqualTo(Golden.text("logical-types.avsc"));
    }

    @Test
    void arraysAndStringKeyedMapsAreAvroArraysAndMaps() {
        assertThat(avroData.fromConnectSchema(collections()).toString()).isEqualTo(Golden.text("collections.avsc"));
    }

    /** Defaults go both on the field (Avro's) and as connect.default; bytes as ISO-8859-1 text, logical types raw. */
    @Test
    void defaultsOfBytesDecimalDateArrayAndMapAreWrittenAsAvroAndConnectDefaults() {
        assertThat(avroData.fromConnectSchema(defaults()).toString()).isEqualTo(Golden.text("defaults.avsc"));
    }

    @Test
    void eachGoldenSchemaReadsBackAsTheConnectSchemaItCameFrom() {
        for (Object[] pair : new Object[][] {
            {"order.avsc", order()}, {"logical-types.avsc", logicalTypes()}, {"collections.avsc", collections()},
            {"defaults.avsc", defaults()}}) {
            Schema back = avroData.toConnectSchema(parse(Golden.text((String) pair[0])));
            assertThat(back).as((String) pair[0]).isEqualTo(pair[1]);
        }
    }

    @Test
    void unnamedStructsReadBackUnnamedWithTheirDefaults() {
        Schema back = avroData.toConnectSchema(parse(Golden.text("unnamed-with-defaults.avsc")));

        assertThat(back.name()).isNull();
        assertThat(back.field("first").schema().name()).isNull();
        assertThat(back.field("second").schema().isOptional()).isTrue();
        assertThat(back.field("count").schema().defaultValue()).isEqualTo(7L);
        assertThat(back.field("count").schema().isOptional()).isTrue();
        assertThat(back.field("flag").schema().defaultValue()).isEqualTo(true);
    }

    @Test
    void withoutConnectMetaDataOnlyAvroItselfIsWritten() {
        AvroData plain = new AvroData(AvroDataConfig.from(Map.of("connect.meta.data", "false")));

        assertThat(plain.fromConnectSchema(order()).toString()).isEqualTo("{\"type\":\"record\",\"name\":\"Order\","
                + "\"namespace\":\"com.example\",\"fields\":[{\"name\":\"tiny\",\"type\":\"int\"},"
                + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null},"
                + "{\"name\":\"amount\",\"type\":{\"type\":\"bytes\",\"scale\":2,\"precision\":64,\"logicalType\":\"decimal\"}},"
                + "{\"name\":\"counts\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"MapEntry\","
                + "\"namespace\":\"io.confluent.connect.avro\",\"fields\":[{\"name\":\"key\",\"type\":\"int\"},"
                + "{\"name\":\"value\",\"type\":\"string\"}]}}}]}");
    }

    static org.apache.avro.Schema parse(String text) {
        return new org.apache.avro.Schema.Parser().parse(text);
    }
}

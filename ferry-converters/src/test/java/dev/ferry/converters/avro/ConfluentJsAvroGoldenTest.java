package dev.ferry.converters.avro;

import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.client.SchemaRegistryClients;
import dev.ferry.serde.testing.TestRegistry;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

import static dev.ferry.converters.avro.AvroConverterTest.avro;
import static dev.ferry.converters.avro.AvroConverterTest.withId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records written by Confluent's own JavaScript Avro serializer (see {@code avro/confluent-js/README.md}) read as
 * the Connect data they hold, and the converter writes the same bytes for that data.
 */
@WithKafka
class ConfluentJsAvroGoldenTest {

    static final String DECIMAL_SCHEMA = "{\"type\":\"bytes\",\"scale\":2,\"precision\":64,\"connect.version\":1,"
            + "\"connect.parameters\":{\"scale\":\"2\"},\"connect.name\":\"org.apache.kafka.connect.data.Decimal\","
            + "\"logicalType\":\"decimal\"}";

    static TestRegistry registry;
    static int orderId;
    static int userId;
    static int decimalId;

    @BeforeAll
    static void registerTheGoldenSchemas(KafkaBroker broker) {
        registry = TestRegistry.start(broker);
        try (SchemaRegistryClient client = SchemaRegistryClients.create(
                Map.of("schema.registry.url", registry.directUrl()))) {
            orderId = client.register("js-order-value", avro(Golden.text("order.avsc")), false);
            userId = client.register("js-user-value", avro(Golden.text("foreign-user.avsc")), false);
            decimalId = client.register("js-decimal-value", avro(DECIMAL_SCHEMA), false);
        }
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    static AvroConverter converter(Map<String, String> extra) {
        AvroConverter converter = new AvroConverter();
        Map<String, Object> configs = new java.util.HashMap<>(extra);
        configs.put("schema.registry.url", registry.directUrl());
        converter.configure(configs, false);
        return converter;
    }

    @Test
    void theOrderConfluentsSerializerWroteReadsAsTheOrderStructAndIsWrittenBackByteForByte() {
        byte[] golden = withId(Golden.hex("confluent-js/order.hex"), orderId);
        AvroConverter converter = converter(Map.of());

        SchemaAndValue read = converter.toConnectData("js-order", golden);
        byte[] written = converter.fromConnectData("js-order", read.schema(), read.value());

        assertThat(read.schema()).isEqualTo(AvroDataGoldenSchemaTest.order());
        assertThat(read.value()).isEqualTo(AvroConverterTest.orderValue());
        assertThat(HexFormat.of().formatHex(written)).isEqualTo(HexFormat.of().formatHex(golden));
    }

    @Test
    void aRecordWithEnumUnionFixedAndRecursionReadsAsItsStruct() {
        Struct user = (Struct) converter(Map.of()).toConnectData("js-user",
                withId(Golden.hex("confluent-js/user.hex"), userId)).value();

        assertThat(user.getInt64("id")).isEqualTo(7L);
        assertThat(user.getString("kind")).isEqualTo("B");
        assertThat(user.getStruct("choice").get("string")).isEqualTo("s");
        assertThat(user.get("hash")).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
        assertThat(user.getInt32("age")).isEqualTo(30);
        Struct next = user.getStruct("next");
        assertThat(next.getInt64("id")).isEqualTo(8L);
        assertThat(next.getString("kind")).isEqualTo("A");
        assertThat(next.getStruct("choice").get("int")).isEqualTo(3);
        assertThat(next.get("next")).isNull();
    }

    /**
     * Written back, the record keeps its enum and fixed types; its three-branch union with null becomes optional
     * in Connect and goes back to Avro with null first (Confluent's mapping), so the union's branch numbers in the
     * payload change while the data stays the same.
     */
    @Test
    void withEnhancedSchemaSupportTheRecordIsWrittenBackAsTheSameData() {
        byte[] golden = withId(Golden.hex("confluent-js/user.hex"), userId);
        AvroConverter converter = converter(Map.of("enhanced.avro.schema.support", "true"));

        SchemaAndValue read = converter.toConnectData("js-user-back", golden);
        byte[] written = converter.fromConnectData("js-user-back", read.schema(), read.value());
        SchemaAndValue again = converter.toConnectData("js-user-back", written);

        org.apache.avro.Schema writtenSchema = new AvroData(AvroDataConfig.from(
                Map.of("enhanced.avro.schema.support", "true"))).fromConnectSchema(read.schema());
        assertThat(writtenSchema.getField("kind").schema().getType()).isEqualTo(org.apache.avro.Schema.Type.ENUM);
        assertThat(writtenSchema.getField("hash").schema().getType()).isEqualTo(org.apache.avro.Schema.Type.FIXED);
        assertThat(writtenSchema.getField("choice").schema().toString()).isEqualTo("[\"null\",\"int\",\"string\"]");
        // The second read's schema carries a registry version and connect.* parameters; the data is what counts.
        assertThat(values(again.value())).isEqualTo(values(read.value()));
        assertThat(HexFormat.of().formatHex(Arrays.copyOfRange(written, 5, written.length)))
                .isEqualTo("0e02040273010203043c0210000206050607082400");
    }

    @Test
    void aTopLevelDecimalConfluentsSerializerWroteAsRawBytesReadsAndIsWrittenBackByteForByte() {
        byte[] golden = withId(Golden.hex("confluent-js/decimal.hex"), decimalId);
        AvroConverter converter = converter(Map.of());

        SchemaAndValue read = converter.toConnectData("js-decimal", golden);
        byte[] written = converter.fromConnectData("js-decimal", Decimal.schema(2), new BigDecimal("12.34"));

        assertThat(read.schema()).isEqualTo(Decimal.schema(2));
        assertThat(read.value()).isEqualTo(new BigDecimal("12.34"));
        assertThat(HexFormat.of().formatHex(written)).isEqualTo(HexFormat.of().formatHex(golden));
    }

    /** A struct's data without its schema: field names to values, nested structs likewise. */
    private static Object values(Object value) {
        if (!(value instanceof Struct struct)) {
            return value;
        }
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        struct.schema().fields().forEach(field -> fields.put(field.name(), values(struct.get(field))));
        return fields;
    }
}

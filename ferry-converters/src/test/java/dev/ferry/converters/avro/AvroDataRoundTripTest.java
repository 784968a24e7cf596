package dev.ferry.converters.avro;

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

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every Connect type and logical type survives Connect -> Avro binary -> Connect with its schema unchanged. */
class AvroDataRoundTripTest {

    private final AvroRoundTrip trip = new AvroRoundTrip();

    @Test
    void everyPrimitiveAndLogicalTypeRoundTripsAtTopLevel() {
        Object[][] cases = {
            {Schema.INT8_SCHEMA, (byte) -8},
            {Schema.INT16_SCHEMA, (short) 1600},
            {Schema.INT32_SCHEMA, 32},
            {Schema.INT64_SCHEMA, Long.MAX_VALUE},
            {Schema.FLOAT32_SCHEMA, 3.5f},
            {Schema.FLOAT64_SCHEMA, -2.25d},
            {Schema.BOOLEAN_SCHEMA, true},
            {Schema.STRING_SCHEMA, "héllo"},
            {Schema.BYTES_SCHEMA, ByteBuffer.wrap(new byte[] {0, 1, (byte) 255})},
            {Schema.OPTIONAL_INT8_SCHEMA, (byte) 1},
            {Schema.OPTIONAL_STRING_SCHEMA, "x"},
            {Decimal.schema(4), new BigDecimal("-12345.6789")},
            {Date.SCHEMA, new java.util.Date(19_000L * 86_400_000L)},
            {Time.SCHEMA, new java.util.Date(45_296_789L)},
            {Timestamp.SCHEMA, new java.util.Date(1_765_000_000_123L)},
        };
        for (Object[] c : cases) {
            Schema schema = (Schema) c[0];
            SchemaAndValue back = trip.roundTrip(schema, c[1]);
            assertThat(back.schema()).as(schema.toString()).isEqualTo(schema);
            assertThat(back.value()).as(schema.toString()).isEqualTo(c[1]);
        }
    }

    @Test
    void nestedStructsArraysAndMapsOfEveryKeyKindRoundTrip() {
        Schema address = SchemaBuilder.struct().name("com.example.Address")
                .field("street", Schema.STRING_SCHEMA)
                .field("zip", Schema.OPTIONAL_INT32_SCHEMA)
                .build();
        Schema point = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).field("y", Schema.INT32_SCHEMA).build();
        Schema schema = SchemaBuilder.struct().name("com.example.Customer").version(3).doc("a customer")
                .parameter("owner", "sales")
                .field("id", Schema.INT64_SCHEMA)
                .field("home", address)
                .field("work", SchemaBuilder.struct().name("com.example.Address")
                        .field("street", Schema.STRING_SCHEMA)
                        .field("zip", Schema.OPTIONAL_INT32_SCHEMA)
                        .optional().build())
                .field("scores", SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).build())
                .field("points", SchemaBuilder.array(point).build())
                .field("labels", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())
                .field("byCode", SchemaBuilder.map(Schema.INT16_SCHEMA, Decimal.schema(2)).build())
                .field("raw", Schema.OPTIONAL_BYTES_SCHEMA)
                .build();
        Struct home = new Struct(address).put("street", "1 Main St").put("zip", 12345);
        Struct pointValue = new Struct(point).put("x", 1).put("y", -1);
        Map<Short, BigDecimal> byCode = new HashMap<>();
        byCode.put((short) 7, new BigDecimal("1.50"));
        Struct value = new Struct(schema)
                .put("id", 42L)
                .put("home", home)
                .put("work", null)
                .put("scores", Arrays.asList(1, null, 3))
                .put("points", List.of(pointValue))
                .put("labels", Map.of("k", "v"))
                .put("byCode", byCode)
                .put("raw", ByteBuffer.wrap(new byte[] {9}));

        SchemaAndValue back = trip.roundTrip(schema, value);

        assertThat(back.schema()).isEqualTo(schema);
        assertThat(back.value()).isEqualTo(value);
    }

    /**
     * Each map with non-string keys becomes a record named io.confluent.connect.avro.MapEntry; Avro defines a name
     * once per schema, so (in Confluent's mapping as here) one schema can hold one such map shape.
     */
    @Test
    void mapsWithStructKeysAndWithOptionalStringKeysRoundTripAsMapEntryArrays() {
        Schema point = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).field("y", Schema.INT32_SCHEMA).build();
        Schema byPoint = SchemaBuilder.map(point, Schema.BOOLEAN_SCHEMA).optional().build();
        Schema byOptionalName = SchemaBuilder.map(Schema.OPTIONAL_STRING_SCHEMA, Schema.INT32_SCHEMA).build();
        Map<String, Integer> names = new HashMap<>();
        names.put(null, 0);
        names.put("a", 1);
        Map<Struct, Boolean> points = Map.of(new Struct(point).put("x", 1).put("y", -1), true);

        SchemaAndValue pointsBack = trip.roundTrip(byPoint, points);
        SchemaAndValue namesBack = trip.roundTrip(byOptionalName, names);

        assertThat(pointsBack.schema()).isEqualTo(byPoint);
        assertThat(pointsBack.value()).isEqualTo(points);
        assertThat(namesBack.schema()).isEqualTo(byOptionalName);
        assertThat(namesBack.value()).isEqualTo(names);
    }

    @Test
    void namedMapsWithOptionalKeysNestedInEachOtherKeepTheirNames() {
        Schema schema = SchemaBuilder.map(Schema.OPTIONAL_STRING_SCHEMA,
                SchemaBuilder.map(Schema.OPTIONAL_STRING_SCHEMA, Schema.INT32_SCHEMA).name("foo.bar").build())
                .name("biz.baz").version(1).build();
        Map<String, Map<String, Integer>> value = Map.of("foo", Map.of("bar", 1));

        SchemaAndValue back = trip.roundTrip(schema, value);

        assertThat(back.schema()).isEqualTo(schema);
        assertThat(back.value()).isEqualTo(value);
    }

    @Test
    void optionalStringKeyedMapsAreAvroMapsWithAllowOptionalMapKeys() {
        Schema schema = SchemaBuilder.map(Schema.OPTIONAL_STRING_SCHEMA, Schema.INT32_SCHEMA).build();
        AvroData data = new AvroData(AvroDataConfig.from(Map.of("allow.optional.map.keys", "true")));

        assertThat(data.fromConnectSchema(schema).toString()).isEqualTo("{\"type\":\"map\",\"values\":\"int\"}");
    }

    /** Avro defines a named type once: the second use of a struct, named or not, refers to the first. */
    @Test
    void aStructUsedTwiceIsDefinedOnceAndReferredToByName() {
        for (String name : new String[] {"inner", null}) {
            Schema inner = SchemaBuilder.struct().name(name).field("value", Schema.INT64_SCHEMA).optional().build();
            Schema outer = SchemaBuilder.struct().name(name == null ? null : "outer")
                    .field("struct", inner)
                    .field("array", SchemaBuilder.array(inner).build())
                    .build();
            Struct innerValue = new Struct(inner).put("value", 46421L);
            Struct value = new Struct(outer).put("struct", innerValue).put("array", List.of(innerValue));

            org.apache.avro.Schema avro = new AvroData(AvroDataConfig.defaults()).fromConnectSchema(outer);
            SchemaAndValue back = trip.roundTrip(outer, value);

            org.apache.avro.Schema record = avro.getField("struct").schema().getTypes().get(1);
            assertThat(record.getFullName()).isEqualTo(name == null ? "io.confluent.connect.avro.ConnectDefault2" : "inner");
            assertThat(avro.getField("array").schema().getElementType().getTypes().get(1)).isSameAs(record);
            assertThat(back.schema()).isEqualTo(outer);
            assertThat(back.value()).isEqualTo(value);
        }
    }

    @Test
    void optionalAndDefaultValuesRoundTrip() {
        Schema schema = SchemaBuilder.struct().name("com.example.Defaults")
                .field("count", SchemaBuilder.int32().defaultValue(5).build())
                .field("name", SchemaBuilder.string().optional().defaultValue("anon").build())
                .field("ratio", SchemaBuilder.float64().optional().build())
                .field("when", Timestamp.builder().defaultValue(new java.util.Date(0)).build())
                .field("amount", Decimal.builder(2).optional().defaultValue(new BigDecimal("9.99")).build())
                .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).defaultValue(List.of("a")).build())
                .build();
        Struct value = new Struct(schema); // every field left unset: writing takes each field's default

        SchemaAndValue back = trip.roundTrip(schema, value);

        assertThat(back.schema()).isEqualTo(schema);
        Struct read = (Struct) back.value();
        assertThat(read.get("count")).isEqualTo(5);
        assertThat(read.get("name")).isEqualTo("anon");
        assertThat(read.get("ratio")).isNull();
        assertThat(read.get("when")).isEqualTo(new java.util.Date(0));
        assertThat(read.get("amount")).isEqualTo(new BigDecimal("9.99"));
        assertThat(read.get("tags")).isEqualTo(List.of("a"));
    }

    @Test
    void ignoreDefaultForNullablesWritesANullInsteadOfTheDefault() {
        Schema schema = SchemaBuilder.struct().name("com.example.Nullable")
                .field("name", SchemaBuilder.string().optional().defaultValue("anon").build())
                .build();
        Struct value = new Struct(schema).put("name", null);

        Struct keeping = (Struct) trip.roundTrip(schema, value).value();
        Struct ignoring = (Struct) new AvroRoundTrip(Map.of("ignore.default.for.nullables", "true"))
                .roundTrip(schema, value).value();

        assertThat(keeping.getWithoutDefault("name")).isEqualTo("anon");
        assertThat(ignoring.getWithoutDefault("name")).isNull();
    }

    @Test
    void docsRideAsConnectDocOrWithDiscardTypeDocDefaultAsAvroFieldDocs() {
        Schema schema = SchemaBuilder.struct().name("com.example.Documented")
                .field("id", SchemaBuilder.int64().doc("the id").build())
                .build();

        org.apache.avro.Schema plain = new AvroData(AvroDataConfig.defaults()).fromConnectSchema(schema);
        org.apache.avro.Schema discarding = new AvroData(AvroDataConfig.from(Map.of("discard.type.doc.default", "true")))
                .fromConnectSchema(schema);
        SchemaAndValue back = new AvroRoundTrip(Map.of("discard.type.doc.default", "true"))
                .roundTrip(schema, new Struct(schema).put("id", 1L));

        assertThat(plain.getField("id").doc()).isNull();
        assertThat(plain.getField("id").schema().getProp("connect.doc")).isEqualTo("the id");
        assertThat(discarding.getField("id").doc()).isEqualTo("the id");
        assertThat(back.schema().field("id").schema().doc()).isEqualTo("the id");
    }

    @Test
    void schemalessValuesRoundTripAsConfluentsAnythingRecord() {
        Map<Object, Object> map = new HashMap<>();
        map.put("n", 1);
        map.put(2L, Arrays.asList("a", null, true));
        AvroData data = new AvroData(AvroDataConfig.defaults());

        SchemaAndValue back = trip.roundTrip(null, map);

        assertThat(data.fromConnectSchema(null).getFullName()).isEqualTo("io.confluent.connect.avro.Anything");
        assertThat(back.schema()).isNull();
        assertThat(back.value()).isEqualTo(map);
    }

    @Test
    void aNullTopLevelValueOfAnOptionalSchemaIsNullAndOfARequiredSchemaIsRefused() {
        AvroData data = new AvroData(AvroDataConfig.defaults());

        assertThat(data.fromConnectData(Schema.OPTIONAL_STRING_SCHEMA, null)).isNull();
        assertThatThrownBy(() -> data.fromConnectData(Schema.STRING_SCHEMA, null))
                .isInstanceOf(DataException.class).hasMessageContaining("null value for non-optional schema");
    }

    @Test
    void aValueOfTheWrongJavaTypeIsADataExceptionNamingTheType() {
        AvroData data = new AvroData(AvroDataConfig.defaults());

        assertThatThrownBy(() -> data.fromConnectData(Schema.INT32_SCHEMA, "not a number"))
                .isInstanceOf(DataException.class).hasMessageContaining("INT32").hasMessageContaining("String");
    }

    @Test
    void theSchemaCacheHoldsAtMostSchemasCacheConfigEntries() {
        AvroData data = new AvroData(AvroDataConfig.from(Map.of("schemas.cache.config", "2")));

        for (int i = 0; i < 5; i++) {
            data.fromConnectSchema(SchemaBuilder.struct().name("com.example.S" + i).field("f", Schema.INT32_SCHEMA).build());
        }

        assertThat(data.cachedSchemas()).isEqualTo(2);
    }
}

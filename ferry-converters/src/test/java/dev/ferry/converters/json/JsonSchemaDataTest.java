package dev.ferry.converters.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class JsonSchemaDataTest {

    static final Schema ADDRESS = SchemaBuilder.struct().name("com.example.Address")
            .field("street", Schema.STRING_SCHEMA)
            .field("zip", Schema.OPTIONAL_INT32_SCHEMA)
            .optional()
            .build();

    static final Schema EVERYTHING = SchemaBuilder.struct().name("com.example.Everything").version(3).doc("all of it")
            .field("i8", Schema.INT8_SCHEMA)
            .field("i16", Schema.INT16_SCHEMA)
            .field("i32", Schema.INT32_SCHEMA)
            .field("i64", Schema.INT64_SCHEMA)
            .field("f32", Schema.FLOAT32_SCHEMA)
            .field("f64", Schema.FLOAT64_SCHEMA)
            .field("flag", Schema.BOOLEAN_SCHEMA)
            .field("text", SchemaBuilder.string().parameter("origin", "test").build())
            .field("blob", Schema.BYTES_SCHEMA)
            .field("price", Decimal.builder(2).optional().build())
            .field("day", Date.SCHEMA)
            .field("time", Time.SCHEMA)
            .field("at", Timestamp.SCHEMA)
            .field("missing", Schema.OPTIONAL_STRING_SCHEMA)
            .field("defaulted", SchemaBuilder.string().defaultValue("fallback").build())
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field("counts", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build())
            .field("byId", SchemaBuilder.map(Schema.INT32_SCHEMA, ADDRESS).build())
            .field("home", ADDRESS)
            .field("previous", SchemaBuilder.array(ADDRESS).optional().build())
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
    void everyConnectTypeAndLogicalTypeSurvivesJsonTextAndBack() throws Exception {
        JsonSchemaData data = new JsonSchemaData(JsonSchemaDataConfig.defaults());

        Struct read = (Struct) roundTrip(data, EVERYTHING, everything());

        assertThat(read).isEqualTo(everythingAsRead(read.schema()));
        assertThat(read.schema()).isEqualTo(EVERYTHING);
    }

    @Test
    void numericDecimalsAreJsonNumbers() throws Exception {
        JsonSchemaData data = new JsonSchemaData(JsonSchemaDataConfig.from(Map.of("decimal.format", "NUMERIC")));
        Schema schema = SchemaBuilder.struct().name("D").field("d", Decimal.schema(3)).build();

        JsonNode json = data.fromConnectData(schema, new Struct(schema).put("d", new BigDecimal("1.250")));
        Struct read = (Struct) roundTrip(data, schema, new Struct(schema).put("d", new BigDecimal("1.250")));

        assertThat(JsonSchemaData.write(json)).isEqualTo("{\"d\":1.250}");
        assertThat(read.get("d")).isEqualTo(new BigDecimal("1.250"));
        assertThat(data.fromConnectSchema(schema).at("/properties/d/type").asText()).isEqualTo("number");
    }

    @Test
    void theSchemaIsLaidOutAsConfluentLaysItOut() throws Exception {
        Schema schema = SchemaBuilder.struct().name("Person")
                .field("name", Schema.STRING_SCHEMA)
                .field("age", Schema.OPTIONAL_INT16_SCHEMA)
                .build();

        JsonNode json = new JsonSchemaData(JsonSchemaDataConfig.from(Map.of("object.additional.properties", "false")))
                .fromConnectSchema(schema);

        assertThat(json).isEqualTo(JsonSchemaData.MAPPER.readTree("""
                {"type":"object","properties":{
                   "name":{"type":"string","connect.index":0},
                   "age":{"oneOf":[{"type":"null"},{"type":"integer","connect.type":"int16"}],"connect.index":1}},
                 "additionalProperties":false,"title":"Person"}"""));
    }

    @Test
    void aSchemaWrittenByHandMapsToConnectTypes() throws Exception {
        JsonNode document = JsonSchemaData.MAPPER.readTree("""
                {"$schema":"http://json-schema.org/draft-07/schema#","title":"Order","type":"object",
                 "properties":{
                   "id":{"type":"integer"},
                   "total":{"type":"number"},
                   "note":{"type":["string","null"]},
                   "status":{"enum":["NEW","DONE"]},
                   "lines":{"type":"array","items":{"$ref":"#/definitions/Line"}}},
                 "required":["id"],
                 "definitions":{"Line":{"type":"object","properties":{"sku":{"type":"string"}}}}}""");
        JsonSchemaData data = new JsonSchemaData(JsonSchemaDataConfig.from(Map.of("use.optional.for.nonrequired", "true")));

        Schema schema = data.toConnectSchema(document, name -> null, 4);
        Struct value = (Struct) data.toConnectData(schema, JsonSchemaData.MAPPER.readTree("""
                {"id":5,"total":1.5,"status":"DONE","lines":[{"sku":"a"}]}"""));

        assertThat(schema.name()).isEqualTo("Order");
        assertThat(schema.version()).isEqualTo(4);
        assertThat(schema.field("id").schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(schema.field("id").schema().isOptional()).isFalse();
        assertThat(schema.field("total").schema().type()).isEqualTo(Schema.Type.FLOAT64);
        assertThat(schema.field("note").schema().isOptional()).isTrue();
        assertThat(schema.field("status").schema().parameters()).containsEntry("io.confluent.connect.json.Enum.DONE", "DONE");
        assertThat(value.get("id")).isEqualTo(5L);
        assertThat(value.get("note")).isNull();
        assertThat(value.get("status")).isEqualTo("DONE");
        assertThat(((Struct) value.getArray("lines").get(0)).get("sku")).isEqualTo("a");
    }

    @Test
    void aOneOfOfTwoTypesIsAUnionStruct() throws Exception {
        JsonNode document = JsonSchemaData.MAPPER.readTree("""
                {"oneOf":[{"type":"string"},{"type":"integer","connect.type":"int32"}]}""");
        JsonSchemaData data = new JsonSchemaData(JsonSchemaDataConfig.defaults());
        Schema schema = data.toConnectSchema(document, name -> null, null);

        Struct number = (Struct) data.toConnectData(schema, JsonSchemaData.MAPPER.readTree("12"));

        assertThat(schema.name()).isEqualTo("io.confluent.connect.json.OneOf");
        assertThat(number.get("io.confluent.connect.json.OneOf.field.1")).isEqualTo(12);
        assertThat(JsonSchemaData.write(data.fromConnectData(schema, number))).isEqualTo("12");
        assertThat(data.fromConnectSchema(schema).get("oneOf")).hasSize(2);
    }

    @Test
    void closedObjectsAndSingletonUnionsFollowTheirSettings() throws Exception {
        Schema schema = SchemaBuilder.struct().name("S").field("a", Schema.STRING_SCHEMA).build();
        JsonNode singleton = JsonSchemaData.MAPPER.readTree("{\"oneOf\":[{\"type\":\"string\"}]}");

        JsonNode open = new JsonSchemaData(JsonSchemaDataConfig.defaults()).fromConnectSchema(schema);
        JsonNode closed = new JsonSchemaData(JsonSchemaDataConfig.from(Map.of("object.additional.properties", "false")))
                .fromConnectSchema(schema);
        Schema flattened = new JsonSchemaData(JsonSchemaDataConfig.defaults()).toConnectSchema(singleton, n -> null, null);
        Schema kept = new JsonSchemaData(JsonSchemaDataConfig.from(Map.of("flatten.singleton.unions", "false")))
                .toConnectSchema(singleton, n -> null, null);

        assertThat(open.has("additionalProperties")).isFalse();
        assertThat(closed.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(flattened.type()).isEqualTo(Schema.Type.STRING);
        assertThat(kept.name()).isEqualTo("io.confluent.connect.json.OneOf");
    }

    @Test
    void anUnknownDecimalFormatIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> JsonSchemaDataConfig.from(Map.of("decimal.format", "HEX")))
                .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
                .hasMessageContaining("decimal.format").hasMessageContaining("BASE64 or NUMERIC");
    }

    @Test
    void aMissingRequiredValueIsADataExceptionNamingTheType() {
        JsonSchemaData data = new JsonSchemaData(JsonSchemaDataConfig.defaults());
        Schema schema = SchemaBuilder.struct().name("R").field("n", Schema.INT32_SCHEMA).build();

        assertThatThrownBy(() -> data.toConnectData(schema, JsonSchemaData.MAPPER.readTree("{}")))
                .isInstanceOf(DataException.class).hasMessageContaining("required INT32");
        assertThatThrownBy(() -> data.toConnectData(schema, JsonSchemaData.MAPPER.readTree("{\"n\":\"x\"}")))
                .isInstanceOf(DataException.class).hasMessageContaining("does not fit Connect INT32");
    }

    static Struct everythingAsRead(Schema schema) {
        Struct expected = everything();
        Struct copy = new Struct(schema);
        for (org.apache.kafka.connect.data.Field field : EVERYTHING.fields()) {
            copy.put(field.name(), expected.get(field));
        }
        copy.put("blob", ByteBuffer.wrap((byte[]) expected.get("blob")).array());
        return copy;
    }

    static Object roundTrip(JsonSchemaData data, Schema schema, Object value) throws Exception {
        String schemaText = JsonSchemaData.write(data.fromConnectSchema(schema));
        String valueText = JsonSchemaData.write(data.fromConnectData(schema, value));
        Schema readSchema = data.toConnectSchema(JsonSchemaData.MAPPER.readTree(schemaText), name -> null, null);
        return data.toConnectData(readSchema, JsonSchemaData.MAPPER.readTree(valueText));
    }
}

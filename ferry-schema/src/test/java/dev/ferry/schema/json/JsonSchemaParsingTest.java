package dev.ferry.schema.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.schema.InvalidSchemaException;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaProviders;
import dev.ferry.schema.SchemaReference;
import dev.ferry.schema.SchemaType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSchemaParsingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ORDER = """
            {
              "$schema": "http://json-schema.org/draft-07/schema#",
              "title": "com.example.Order",
              "type": "object",
              "properties": {
                "id": {"type": "integer"},
                "amount": {"type": "number", "minimum": 0.0, "multipleOf": 0.01},
                "tags": {"type": "array", "items": {"type": "string"}}
              },
              "required": ["id"]
            }
            """;

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void serviceLoader_findsTheJsonProvider() {
        assertThat(SchemaProviders.of(SchemaType.JSON)).isInstanceOf(JsonSchemaProvider.class);
    }

    @Test
    void canonical_isCompactWithKeyOrderAndDecimalsAsWritten() {
        assertThat(JsonSchemaProvider.parse(ORDER).canonical()).isEqualTo("{\"$schema\":\"http://json-schema.org/"
                + "draft-07/schema#\",\"title\":\"com.example.Order\",\"type\":\"object\",\"properties\":{\"id\":"
                + "{\"type\":\"integer\"},\"amount\":{\"type\":\"number\",\"minimum\":0.0,\"multipleOf\":0.01},"
                + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},\"required\":[\"id\"]}");
    }

    @Test
    void name_isTheTitle() {
        assertThat(JsonSchemaProvider.parse(ORDER).name()).isEqualTo("com.example.Order");
    }

    @Test
    void name_withoutTitle_saysToAddOne() {
        assertThatThrownBy(() -> JsonSchemaProvider.parse("{\"type\":\"string\"}").name())
                .isInstanceOf(InvalidSchemaException.class).hasMessageContaining("Add a \"title\"");
    }

    @Test
    void validate_namesThePathOfEachViolation() throws Exception {
        JsonSchema schema = JsonSchemaProvider.parse(ORDER);
        assertThat(schema.validate(json("{\"id\":1,\"amount\":2.5,\"tags\":[\"a\"]}"))).isEmpty();
        List<String> problems = schema.validate(json("{\"amount\":-1,\"tags\":[3]}"));
        assertThat(problems).hasSize(3);
        assertThat(String.join("\n", problems)).contains("id").contains("/amount").contains("/tags/0");
    }

    @Test
    void malformedJson_namesLineAndColumn() {
        assertThatThrownBy(() -> JsonSchemaProvider.parse("{\n  \"type\": \"object\",\n  \"properties\": {\n}"))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageStartingWith("Invalid JSON Schema: ")
                .hasMessageContaining("line 4")
                .hasMessageContaining("not well-formed JSON");
    }

    @Test
    void misspeltType_isRefusedByTheMetaSchemaNamingThePath() {
        assertThatThrownBy(() -> JsonSchemaProvider.parse("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"strin\"}}}"))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("draft-07 meta-schema")
                .hasMessageContaining("/properties/a/type");
    }

    @Test
    void aJsonArray_isNoSchema() {
        assertThatThrownBy(() -> JsonSchemaProvider.parse("[1,2]"))
                .isInstanceOf(InvalidSchemaException.class).hasMessageContaining("not array");
    }

    @Test
    void booleanSchemas_areSchemas() throws Exception {
        assertThat(JsonSchemaProvider.parse("true").validate(json("42"))).isEmpty();
        assertThat(JsonSchemaProvider.parse("false").validate(json("42"))).hasSize(1);
    }

    @Test
    void draft4AndDraft2020_areReadByTheirOwnRules() throws Exception {
        JsonSchema draft4 = JsonSchemaProvider.parse("{\"$schema\":\"http://json-schema.org/draft-04/schema#\","
                + "\"type\":\"number\",\"maximum\":10,\"exclusiveMaximum\":true}");
        assertThat(draft4.draft()).isEqualTo("draft-04");
        assertThat(draft4.validate(json("10"))).hasSize(1);
        JsonSchema draft2020 = JsonSchemaProvider.parse("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
                + "\"type\":\"array\",\"prefixItems\":[{\"type\":\"string\"}],\"items\":false}");
        assertThat(draft2020.draft()).isEqualTo("draft 2020-12");
        assertThat(draft2020.validate(json("[\"a\"]"))).isEmpty();
        assertThat(draft2020.validate(json("[\"a\",1]"))).isNotEmpty();
        assertThat(JsonSchemaProvider.parse("{\"type\":\"string\"}").draft()).isEqualTo("draft-07");
    }

    @Test
    void anUnknownOrOldSchemaDialect_isReadAsDraft7WithoutFetchingIt() throws Exception {
        for (String dialect : List.of("http://json-schema.org/draft-03/schema#", "http://example.invalid/meta#")) {
            JsonSchema schema = JsonSchemaProvider.parse("{\"$schema\":\"" + dialect + "\",\"type\":\"string\"}");
            assertThat(schema.draft()).isEqualTo("draft-07");
            assertThat(schema.canonical()).contains(dialect);
            assertThat(schema.validate(json("3"))).singleElement().asString().startsWith("#: ");
        }
    }

    @Test
    void references_resolveByTheirRefUrl_andValidateThroughIt() throws Exception {
        String address = "{\"type\":\"object\",\"properties\":{\"zip\":{\"type\":\"string\"}},\"required\":[\"zip\"]}";
        String customer = "{\"type\":\"object\",\"properties\":{\"home\":{\"$ref\":\"address.json\"}}}";
        JsonSchema schema = new JsonSchemaProvider().parse(customer,
                List.of(new SchemaReference("address.json", "address", 1)), Map.of("address.json", address));
        assertThat(schema.validate(json("{\"home\":{\"zip\":\"1000\"}}"))).isEmpty();
        assertThat(schema.validate(json("{\"home\":{}}"))).singleElement().asString().contains("zip");
        assertThat(schema.canonical()).isEqualTo(customer);
    }

    @Test
    void references_resolveAgainstTheSchemasId() throws Exception {
        String address = "{\"$id\":\"https://example.com/address.json\",\"type\":\"string\"}";
        String customer = "{\"$id\":\"https://example.com/customer.json\",\"type\":\"object\",\"properties\":"
                + "{\"home\":{\"$ref\":\"address.json\"}}}";
        JsonSchema schema = new JsonSchemaProvider().parse(customer, List.of(new SchemaReference(
                "https://example.com/address.json", "address", 1)), Map.of("https://example.com/address.json", address));
        assertThat(schema.validate(json("{\"home\":3}"))).isNotEmpty();
        assertThat(schema.validate(json("{\"home\":\"x\"}"))).isEmpty();
    }

    @Test
    void anUnresolvableRef_namesTheRefAndHowToDeclareIt() {
        assertThatThrownBy(() -> JsonSchemaProvider.parse("{\"properties\":{\"a\":{\"$ref\":\"other.json\"},"
                + "\"b\":{\"$ref\":\"#/definitions/missing\"}}}"))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("'other.json' at #/properties/a")
                .hasMessageContaining("'#/definitions/missing' at #/properties/b")
                .hasMessageContaining("declare a reference");
    }

    @Test
    void equality_isCanonicalTextAndReferences() {
        ParsedSchema a = JsonSchemaProvider.parse("{\"type\":\"string\",\"maxLength\":3}");
        ParsedSchema spaced = JsonSchemaProvider.parse("{ \"type\" : \"string\",\n \"maxLength\" : 3 }");
        ParsedSchema reordered = JsonSchemaProvider.parse("{\"maxLength\":3,\"type\":\"string\"}");
        assertThat(a).isEqualTo(spaced).hasSameHashCodeAs(spaced).isNotEqualTo(reordered);
        assertThat(a.normalized()).isEqualTo(reordered.normalized());
    }

    @Test
    void normalisation_sortsKeysAtEveryLevelAndTheReferences() {
        String address = "{\"type\":\"string\"}";
        SchemaReference b = new SchemaReference("b.json", "b", 1);
        SchemaReference a = new SchemaReference("a.json", "a", 1);
        JsonSchema schema = new JsonSchemaProvider().parse("{\"type\":\"object\",\"properties\":{\"z\":{\"$ref\":"
                + "\"b.json\"},\"a\":{\"$ref\":\"a.json\",\"description\":\"d\"}}}", List.of(b, a, b),
                Map.of("a.json", address, "b.json", address));
        JsonSchema normalized = schema.normalized();
        assertThat(normalized.canonical()).isEqualTo("{\"properties\":{\"a\":{\"$ref\":\"a.json\",\"description\":"
                + "\"d\"},\"z\":{\"$ref\":\"b.json\"}},\"type\":\"object\"}");
        assertThat(normalized.references()).containsExactly(a, b);
    }
}

package dev.ferry.schema.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.schema.InvalidSchemaException;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaProviders;
import dev.ferry.schema.SchemaReference;
import dev.ferry.schema.SchemaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class AvroSchemaParsingTest {

    private static ParsedSchema parse(String text) {
        return SchemaProviders.of(SchemaType.AVRO).parse(text, List.of(), Map.of());
    }

    @Test
    void serviceLoader_findsTheAvroProvider() {
        assertThat(SchemaProviders.supports(SchemaType.AVRO)).isTrue();
        assertThat(SchemaProviders.of(SchemaType.AVRO)).isInstanceOf(AvroSchemaProvider.class);
    }

    @Test
    void primitiveInObjectForm_isCanonicalisedToTheQuotedTypeName() {
        assertThat(parse("{\"type\":\"string\"}").canonical()).isEqualTo("\"string\"");
        assertThat(parse("  \"long\" ").canonical()).isEqualTo("\"long\"");
    }

    @Test
    void record_losesWhitespaceButKeepsDocAliasesAndCustomProperties() {
        String text = """
                {
                  "type" : "record", "name" : "User", "namespace" : "com.example", "doc" : "A user",
                  "owner" : "team-a",
                  "fields" : [
                    { "name" : "id", "type" : "long", "doc" : "the key" },
                    { "name" : "email", "type" : ["null", "string"], "default" : null, "aliases" : ["mail"] }
                  ]
                }
                """;
        assertThat(parse(text).canonical()).isEqualTo("{\"type\":\"record\",\"name\":\"User\",\"namespace\":"
                + "\"com.example\",\"doc\":\"A user\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",\"doc\":"
                + "\"the key\"},{\"name\":\"email\",\"type\":[\"null\",\"string\"],\"default\":null,\"aliases\":"
                + "[\"mail\"]}],\"owner\":\"team-a\"}");
    }

    @Test
    void name_isTheRecordsFullName() {
        assertThat(parse("{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"com.example\",\"fields\":[]}").name())
                .isEqualTo("com.example.User");
    }

    @Test
    void name_ofAPrimitive_saysToUseTopicNameStrategy() {
        assertThatThrownBy(() -> parse("\"int\"").name())
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("not a record").hasMessageContaining("TopicNameStrategy");
    }

    @Test
    void raw_isAvrosSchema() {
        ParsedSchema schema = parse("\"bytes\"");
        assertThat(schema.raw()).isInstanceOf(Schema.class);
        assertThat(((AvroSchema) schema).avroSchema().getType()).isEqualTo(Schema.Type.BYTES);
    }

    @Test
    void malformedJson_namesAvrosComplaintWithLineAndColumn() {
        assertThatThrownBy(() -> parse("{\"type\":\"record\",\n\"name\":\"X\",\n\"fields\":[}"))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageStartingWith("Invalid Avro schema: ")
                .hasMessageContaining("at line: 3, column: 10")
                .hasMessageNotContaining("REDACTED")
                .hasMessageContaining("not well-formed JSON");
    }

    @Test
    void unknownType_namesTheTypeAndHowToDefineOrReferenceIt() {
        assertThatThrownBy(() -> parse("{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"b\",\"type\":\"B\"}]}"))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("Undefined schema: B")
                .hasMessageContaining("reference");
    }

    @Test
    void badDefault_isAcceptedWhenReadBackButRejectedWhenRegistered() {
        String text = "{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"n\",\"type\":\"int\",\"default\":\"x\"}]}";
        assertThat(parse(text).canonical()).contains("\"default\":\"x\"");
        assertThatThrownBy(() -> SchemaProviders.of(SchemaType.AVRO).parseNew(text, List.of(), Map.of()))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("Invalid default")
                .hasMessageContaining("Give the field a default of its type");
    }

    @Test
    void nonAsciiOrDashedNames_areReadBackButRefusedForNewSchemas() {
        String text = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"first-name\",\"type\":\"string\"}]}";
        assertThat(parse(text).canonical()).contains("first-name");
        assertThatThrownBy(() -> SchemaProviders.of(SchemaType.AVRO).parseNew(text, List.of(), Map.of()))
                .isInstanceOf(InvalidSchemaException.class).hasMessageContaining("first-name");
    }

    @Test
    void references_areParsedFirstAndWrittenByNameInTheCanonicalText() {
        String address = "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"com.example\",\"fields\":"
                + "[{\"name\":\"zip\",\"type\":\"string\"}]}";
        String user = "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"com.example\",\"fields\":"
                + "[{\"name\":\"home\",\"type\":\"com.example.Address\"}]}";
        List<SchemaReference> refs = List.of(new SchemaReference("com.example.Address", "address", 1));
        AvroSchema schema = new AvroSchemaProvider().parse(user, refs, Map.of("com.example.Address", address));
        // Avro writes a type of the enclosing namespace by its short name, and so does Confluent's canonical text.
        assertThat(schema.canonical()).isEqualTo(user.replace("com.example.Address", "Address"));
        assertThat(schema.formatted("resolved")).contains("\"zip\"");
        assertThat(schema.references()).isEqualTo(refs);
        assertThat(schema.avroSchema().getField("home").schema().getField("zip")).isNotNull();
    }

    @Test
    void references_givenDependentFirst_stillResolve() {
        String zip = "{\"type\":\"fixed\",\"name\":\"Zip\",\"size\":5}";
        String address = "{\"type\":\"record\",\"name\":\"Address\",\"fields\":[{\"name\":\"zip\",\"type\":\"Zip\"}]}";
        String user = "{\"type\":\"record\",\"name\":\"User\",\"fields\":[{\"name\":\"home\",\"type\":\"Address\"}]}";
        Map<String, String> resolved = new LinkedHashMap<>();
        resolved.put("Address", address);
        resolved.put("Zip", zip);
        AvroSchema schema = new AvroSchemaProvider().parse(user, List.of(new SchemaReference("Address", "a", 1)), resolved);
        assertThat(schema.canonical()).isEqualTo(user);
    }

    @Test
    void brokenReference_isNamedInTheMessage() {
        assertThatThrownBy(() -> new AvroSchemaProvider().parse("\"string\"", List.of(),
                Map.of("com.example.Bad", "{\"type\":\"record\"")))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("referenced schema 'com.example.Bad'");
    }

    @Test
    void equality_followsCanonicalFormAndReferences() {
        ParsedSchema a = parse("{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");
        ParsedSchema spaced = parse("{ \"type\" : \"record\", \"name\" : \"A\",\n \"fields\" : [ {\"name\":\"x\",\"type\":{\"type\":\"int\"}} ] }");
        ParsedSchema documented = parse("{\"type\":\"record\",\"name\":\"A\",\"doc\":\"d\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");
        assertThat(a).isEqualTo(spaced).hasSameHashCodeAs(spaced);
        assertThat(a).isNotEqualTo(documented);
        ParsedSchema withRef = new AvroSchemaProvider().parse(a.canonical(), List.of(new SchemaReference("B", "b", 1)),
                Map.of("B", "{\"type\":\"fixed\",\"name\":\"B\",\"size\":1}"));
        assertThat(a).isNotEqualTo(withRef);
    }
}

package dev.ferry.schema.json;

import static dev.ferry.schema.CompatibilityCase.allowedEverywhere;
import static dev.ferry.schema.CompatibilityCase.rejected;
import static dev.ferry.schema.CompatibilityLevel.BACKWARD;
import static dev.ferry.schema.CompatibilityLevel.BACKWARD_TRANSITIVE;
import static dev.ferry.schema.CompatibilityLevel.FORWARD;
import static dev.ferry.schema.CompatibilityLevel.FORWARD_TRANSITIVE;
import static dev.ferry.schema.CompatibilityLevel.FULL;
import static dev.ferry.schema.CompatibilityLevel.FULL_TRANSITIVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.schema.CompatibilityCase;
import dev.ferry.schema.CompatibilityLevel;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonSchemaCompatibilityTest {

    private static final CompatibilityLevel[] ALL = {BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE,
            FULL, FULL_TRANSITIVE};

    private static String open(String properties) {
        return "{\"type\":\"object\",\"properties\":{" + properties + "}}";
    }

    private static String closed(String properties, String required) {
        return "{\"type\":\"object\",\"properties\":{" + properties + "},\"required\":[" + required + "],"
                + "\"additionalProperties\":false}";
    }

    private static String partial(String properties, String additional) {
        return "{\"type\":\"object\",\"properties\":{" + properties + "},\"additionalProperties\":" + additional + "}";
    }

    private static final String A = "\"a\":{\"type\":\"string\"}";
    private static final String B = "\"b\":{\"type\":\"string\"}";

    static final List<CompatibilityCase> TABLE = List.of(
            rejected("adding a property to an open object", List.of(open(A)), open(A + "," + B), "#/properties/b",
                    BACKWARD, BACKWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            allowedEverywhere("adding a property that accepts anything to an open object", List.of(open(A)),
                    open(A + ",\"b\":{}")),
            rejected("removing a property from an open object", List.of(open(A + "," + B)), open(A), "#/properties/b",
                    FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            rejected("adding an optional property to a closed object", List.of(closed(A, "")),
                    closed(A + "," + B, ""), "#/properties/b", FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            rejected("adding a required property to a closed object", List.of(closed(A, "")),
                    closed(A + "," + B, "\"b\""), "#/properties/b", ALL),
            allowedEverywhere("adding a property the partial model covers",
                    List.of(partial(A, "{\"type\":\"string\"}")), partial(A + "," + B, "{\"type\":\"string\"}")),
            rejected("adding a property the partial model does not cover", List.of(partial(A, "{\"type\":\"string\"}")),
                    partial(A + ",\"b\":{\"type\":\"integer\"}", "{\"type\":\"string\"}"), "#/properties/b", ALL),
            rejected("changing a property's type", List.of(open(A)), open("\"a\":{\"type\":\"integer\"}"),
                    "#/properties/a", ALL),
            rejected("widening integer to number", List.of(open("\"n\":{\"type\":\"integer\"}")),
                    open("\"n\":{\"type\":\"number\"}"), "#/properties/n", FORWARD, FORWARD_TRANSITIVE, FULL,
                    FULL_TRANSITIVE),
            rejected("making a property required", List.of(closed(A, "")), closed(A, "\"a\""), "#/required/a",
                    BACKWARD, BACKWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            allowedEverywhere("making a property that has a default required",
                    List.of(closed("\"a\":{\"type\":\"string\",\"default\":\"x\"}", "")),
                    closed("\"a\":{\"type\":\"string\",\"default\":\"x\"}", "\"a\"")),
            rejected("adding an enum value", List.of(open("\"k\":{\"enum\":[\"A\",\"B\"]}")),
                    open("\"k\":{\"enum\":[\"A\",\"B\",\"C\"]}"), "#/properties/k/enum", FORWARD, FORWARD_TRANSITIVE,
                    FULL, FULL_TRANSITIVE),
            rejected("lowering maxLength", List.of(open("\"a\":{\"type\":\"string\",\"maxLength\":10}")),
                    open("\"a\":{\"type\":\"string\",\"maxLength\":5}"), "#/properties/a/maxLength", BACKWARD,
                    BACKWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            rejected("raising minimum", List.of(open("\"n\":{\"type\":\"number\",\"minimum\":0}")),
                    open("\"n\":{\"type\":\"number\",\"minimum\":1}"), "#/properties/n/minimum", BACKWARD,
                    BACKWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            rejected("closing an open object", List.of(open(A)),
                    "{\"type\":\"object\",\"properties\":{" + A + "},\"additionalProperties\":false}",
                    "#/additionalProperties", BACKWARD, BACKWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            rejected("changing the items of an array", List.of(open("\"t\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}")),
                    open("\"t\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}"), "#/properties/t/items", ALL),
            rejected("adding a oneOf branch", List.of(open("\"v\":{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}")),
                    open("\"v\":{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\"},{\"type\":\"boolean\"}]}"),
                    "#/properties/v", FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            rejected("changing a oneOf branch", List.of(open("\"v\":{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}")),
                    open("\"v\":{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"boolean\"}]}"), "#/properties/v", ALL),
            rejected("changing oneOf to allOf", List.of(open("\"v\":{\"oneOf\":[{\"type\":\"string\"},{\"minLength\":1}]}")),
                    open("\"v\":{\"allOf\":[{\"type\":\"string\"},{\"minLength\":1}]}"), "COMBINED_TYPE_CHANGED", ALL),
            rejected("making a property nullable", List.of(open(A)), open("\"a\":{\"type\":[\"string\",\"null\"]}"),
                    "#/properties/a", FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            rejected("changing a field behind a $ref",
                    List.of(withAddress("string")), withAddress("integer"), "#/properties/home/properties/zip", ALL),
            rejected("raising a maxLength an older version lacked (transitive and forward checks see it)",
                    List.of("{\"type\":\"string\"}", "{\"type\":\"string\",\"maxLength\":5}"),
                    "{\"type\":\"string\",\"maxLength\":8}", "#/maxLength", BACKWARD_TRANSITIVE, FORWARD,
                    FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            rejected("a limit the latest dropped but the oldest had (only FORWARD passes)",
                    List.of("{\"type\":\"string\",\"maxLength\":5}", "{\"type\":\"string\"}"),
                    "{\"type\":\"string\",\"maxLength\":8}", "#/maxLength", BACKWARD, BACKWARD_TRANSITIVE,
                    FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            rejected("adding an optional property to an object closed by unevaluatedProperties (2020-12)",
                    List.of(draft2020("\"type\":\"object\",\"properties\":{" + A + "},\"unevaluatedProperties\":false")),
                    draft2020("\"type\":\"object\",\"properties\":{" + A + "," + B + "},\"unevaluatedProperties\":false"),
                    "#/properties/b", FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            rejected("adding a position to a closed tuple (2020-12)",
                    List.of(draft2020("\"type\":\"array\",\"prefixItems\":[{\"type\":\"string\"}],\"items\":false")),
                    draft2020("\"type\":\"array\",\"prefixItems\":[{\"type\":\"string\"},{\"type\":\"integer\"}],"
                            + "\"items\":false"), "#/items/1", FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            rejected("lowering maxContains", List.of(draft2020("\"type\":\"array\",\"contains\":{\"type\":\"string\"},"
                    + "\"maxContains\":3")), draft2020("\"type\":\"array\",\"contains\":{\"type\":\"string\"},"
                    + "\"maxContains\":2"), "#/maxContains", BACKWARD, BACKWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            rejected("dropping an enum beside a type (the allOf narrows to one part)",
                    List.of("{\"type\":\"string\",\"enum\":[\"red\"]}"), "{\"type\":\"string\"}", "#/",
                    FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            rejected("changing a const", List.of(open("\"c\":{\"const\":\"red\"}")), open("\"c\":{\"const\":\"blue\"}"),
                    "#/properties/c/const", ALL),
            allowedEverywhere("changing the JSON type of Connect bytes",
                    List.of("{\"type\":\"string\",\"connect.type\":\"bytes\"}"),
                    "{\"type\":\"number\",\"connect.type\":\"bytes\"}"),
            allowedEverywhere("changing only title and description", List.of(open(A)),
                    "{\"title\":\"T\",\"description\":\"d\",\"type\":\"object\",\"properties\":{" + A + "}}"));

    private static String draft2020(String body) {
        return "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\"," + body + "}";
    }

    private static String withAddress(String zipType) {
        return "{\"type\":\"object\",\"definitions\":{\"addr\":{\"type\":\"object\",\"properties\":{\"zip\":{\"type\":\""
                + zipType + "\"}}}},\"properties\":{\"home\":{\"$ref\":\"#/definitions/addr\"}}}";
    }

    static Stream<Arguments> rows() {
        return CompatibilityCase.atEveryLevel(TABLE);
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("rows")
    void change_isAllowedOrRefusedPerLevel(String change, CompatibilityLevel level, CompatibilityCase row) {
        row.verify(SchemaType.JSON, level);
    }

    @Test
    void propertyAddedToAnOpenObject_isReportedInConfluentsShape() {
        ParsedSchema old = JsonSchemaProvider.parse(open(A));
        ParsedSchema next = JsonSchemaProvider.parse(open(A + "," + B));
        assertThat(CompatibilityLevel.BACKWARD.check(next, List.of(old), List.of(3))).containsExactly(
                "{errorType:\"OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL\", description:\"The new schema has an "
                        + "open content model and has a property or item at path '#/properties/b' which is missing "
                        + "in the old schema\"}",
                "{oldSchemaVersion: 3}",
                "{oldSchema: '" + old.canonical() + "'}");
    }

    @Test
    void typeNarrowedInAForwardCheck_callsTheOldSchemaTheReader() {
        ParsedSchema old = JsonSchemaProvider.parse("{\"type\":\"integer\"}");
        ParsedSchema next = JsonSchemaProvider.parse("{\"type\":\"number\"}");
        assertThat(next.incompatibilitiesWith(old)).isEmpty();
        assertThat(old.incompatibilitiesWith(next, "old", "new")).containsExactly("{errorType:\"TYPE_NARROWED\", "
                + "description:\"A type at path '#/' is different between the old schema and the new schema\"}");
    }

    @Test
    void recursiveSchemas_compareWithoutLooping() {
        String tree = "{\"type\":\"object\",\"properties\":{\"v\":{\"type\":\"%s\"},\"children\":{\"type\":\"array\","
                + "\"items\":{\"$ref\":\"#\"}}}}";
        ParsedSchema old = JsonSchemaProvider.parse(tree.formatted("string"));
        assertThat(JsonSchemaProvider.parse(tree.formatted("string")).incompatibilitiesWith(old)).isEmpty();
        assertThat(JsonSchemaProvider.parse(tree.formatted("integer")).incompatibilitiesWith(old))
                .anySatisfy(m -> assertThat(m).contains("TYPE_CHANGED").contains("#/properties/v"));
    }

    @Test
    void anAvroSchema_isADifferentType() {
        ParsedSchema json = JsonSchemaProvider.parse("{\"type\":\"string\"}");
        ParsedSchema avro = dev.ferry.schema.avro.AvroSchemaProvider.parse("\"string\"");
        assertThat(json.incompatibilitiesWith(avro)).containsExactly("Incompatible because of different schema type");
    }
}

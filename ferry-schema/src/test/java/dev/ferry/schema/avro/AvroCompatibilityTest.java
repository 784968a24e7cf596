package dev.ferry.schema.avro;

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

class AvroCompatibilityTest {

    private static String record(String fields) {
        return "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"com.example\",\"fields\":[" + fields + "]}";
    }

    private static final String ID = "{\"name\":\"id\",\"type\":\"int\"}";

    static final List<CompatibilityCase> TABLE = List.of(
            allowedEverywhere("adding a field with a default", List.of(record(ID)),
                    record(ID + ",{\"name\":\"email\",\"type\":\"string\",\"default\":\"\"}")),
            rejected("adding a field without a default", List.of(record(ID)),
                    record(ID + ",{\"name\":\"email\",\"type\":\"string\"}"), "'email'",
                    BACKWARD, BACKWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            allowedEverywhere("removing a field that has a default",
                    List.of(record(ID + ",{\"name\":\"email\",\"type\":\"string\",\"default\":\"\"}")), record(ID)),
            rejected("removing a field without a default",
                    List.of(record(ID + ",{\"name\":\"email\",\"type\":\"string\"}")), record(ID), "'email'",
                    FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            rejected("widening int to long", List.of(record(ID)), record("{\"name\":\"id\",\"type\":\"long\"}"),
                    "field 'id'", FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            rejected("changing int to string", List.of(record(ID)), record("{\"name\":\"id\",\"type\":\"string\"}"),
                    "field 'id'", BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            rejected("making a field nullable", List.of(record(ID)),
                    record("{\"name\":\"id\",\"type\":[\"null\",\"int\"]}"), "field 'id'",
                    FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            rejected("adding an enum symbol", List.of(record(enumField("A\",\"B"))), record(enumField("A\",\"B\",\"C")),
                    "MISSING_ENUM_SYMBOLS", FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            rejected("renaming the record", List.of(record(ID)), record(ID).replace("\"User\"", "\"Person\""),
                    "NAME_MISMATCH", BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            rejected("dropping a default an older version lacked (only the transitive checks see the oldest)",
                    List.of(record(ID), record(ID + ",{\"name\":\"email\",\"type\":\"string\",\"default\":\"\"}")),
                    record(ID + ",{\"name\":\"email\",\"type\":\"string\"}"), "'email'",
                    BACKWARD_TRANSITIVE, FULL_TRANSITIVE),
            rejected("re-adding a removed field with another type (only the transitive checks see it)",
                    List.of(record(ID + ",{\"name\":\"x\",\"type\":\"string\",\"default\":\"\"}"), record(ID)),
                    record(ID + ",{\"name\":\"x\",\"type\":\"int\",\"default\":0}"), "field 'x'",
                    BACKWARD_TRANSITIVE, FORWARD_TRANSITIVE, FULL_TRANSITIVE),
            rejected("changing a nested record's field type", List.of(record(nested("string"))), record(nested("int")),
                    "field 'home.zip'", BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE),
            allowedEverywhere("changing only documentation", List.of(record(ID)),
                    record("{\"name\":\"id\",\"type\":\"int\",\"doc\":\"the id\"}")));

    private static String enumField(String symbols) {
        return "{\"name\":\"kind\",\"type\":{\"type\":\"enum\",\"name\":\"Kind\",\"symbols\":[\"" + symbols + "\"]}}";
    }

    private static String nested(String zipType) {
        return "{\"name\":\"home\",\"type\":{\"type\":\"record\",\"name\":\"Address\",\"fields\":[{\"name\":\"zip\","
                + "\"type\":\"" + zipType + "\"}]}}";
    }

    static Stream<Arguments> rows() {
        return CompatibilityCase.atEveryLevel(TABLE);
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("rows")
    void change_isAllowedOrRefusedPerLevel(String change, CompatibilityLevel level, CompatibilityCase row) {
        row.verify(SchemaType.AVRO, level);
    }

    @Test
    void missingDefault_isReportedInConfluentsShape() {
        ParsedSchema old = AvroSchemaProvider.parse(record(ID));
        ParsedSchema next = AvroSchemaProvider.parse(record(ID + ",{\"name\":\"email\",\"type\":\"string\"}"));
        assertThat(CompatibilityLevel.BACKWARD.check(next, List.of(old), List.of(1))).containsExactly(
                "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'email' at path '/fields/1' "
                        + "in the new schema has no default value and is missing in the old schema', "
                        + "additionalInfo:'email'}",
                "{oldSchemaVersion: 1}",
                "{oldSchema: '" + old.canonical() + "'}");
    }

    @Test
    void typeMismatch_inAForwardCheck_callsTheOldSchemaTheReader() {
        ParsedSchema old = AvroSchemaProvider.parse(record(ID));
        ParsedSchema next = AvroSchemaProvider.parse(record("{\"name\":\"id\",\"type\":\"long\"}"));
        assertThat(CompatibilityLevel.FORWARD.check(next, List.of(old))).containsExactly(
                "{errorType:'TYPE_MISMATCH', description:'The type (path '/fields/0/type', field 'id') of a field in "
                        + "the old schema does not match with the new schema', additionalInfo:'reader type: INT not "
                        + "compatible with writer type: LONG'}",
                "{oldSchema: '" + old.canonical() + "'}");
    }

    @Test
    void primitiveChange_isATypeMismatchAtTheRoot() {
        assertThat(AvroSchemaProvider.parse("\"boolean\"").incompatibilitiesWith(AvroSchemaProvider.parse("\"int\"")))
                .containsExactly("{errorType:'TYPE_MISMATCH', description:'The type (path '/') of a field in the new "
                        + "schema does not match with the old schema', additionalInfo:'reader type: BOOLEAN not "
                        + "compatible with writer type: INT'}");
    }
}

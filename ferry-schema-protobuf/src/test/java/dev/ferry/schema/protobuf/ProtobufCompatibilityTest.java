package dev.ferry.schema.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.schema.CompatibilityLevel;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Confluent's Protobuf rules, one row per rule: the schema data was written with, the schema reading it, and the
 * errors a backward check reports (none for an allowed change). A second table runs whole subject histories
 * through each compatibility level.
 */
class ProtobufCompatibilityTest {

    private static final String HEADER = "syntax = \"proto3\";\npackage shop;\n";

    static Stream<Arguments> rules() {
        return Stream.of(
                // allowed
                row("a field added", "message A { string a = 1; }", "message A { string a = 1; int32 b = 2; }"),
                row("a field removed", "message A { string a = 1; int32 b = 2; }", "message A { string a = 1; }"),
                row("a field renamed", "message A { string a = 1; }", "message A { string renamed = 1; }"),
                row("int32 to int64 (both varints)", "message A { int32 a = 1; }", "message A { int64 a = 1; }"),
                row("uint64 to bool (both varints)", "message A { uint64 a = 1; }", "message A { bool a = 1; }"),
                row("an enum to int32 (both varints)", "message A { E a = 1; } enum E { Z = 0; }", "message A { int32 a = 1; } enum E { Z = 0; }"),
                row("string to bytes", "message A { string a = 1; }", "message A { bytes a = 1; }"),
                row("fixed32 to sfixed32", "message A { fixed32 a = 1; }", "message A { sfixed32 a = 1; }"),
                row("string becomes repeated", "message A { optional string a = 1; }", "message A { repeated string a = 1; }"),
                row("a message added", "message A { string a = 1; }", "message A { string a = 1; } message B { string b = 1; }"),
                row("messages reordered", "message A { string a = 1; } message B { string b = 1; }", "message B { string b = 1; } message A { string a = 1; }"),
                row("an enum constant added", "message A { E e = 1; } enum E { Z = 0; }", "message A { E e = 1; } enum E { Z = 0; O = 1; }"),
                row("an enum constant removed", "message A { E e = 1; } enum E { Z = 0; O = 1; }", "message A { E e = 1; } enum E { Z = 0; }"),
                row("an enum constant renamed", "message A { E e = 1; } enum E { Z = 0; }", "message A { E e = 1; } enum E { NONE = 0; }"),
                row("an enum removed", "message A { string a = 1; } enum E { Z = 0; }", "message A { string a = 1; }"),
                row("a oneof field added", "message A { oneof o { string a = 1; } }", "message A { oneof o { string a = 1; int32 b = 2; } }"),
                row("a oneof added", "message A { string a = 1; }", "message A { string a = 1; oneof o { int32 b = 2; } }"),
                row("a whole oneof removed", "message A { string a = 1; oneof o { int32 b = 2; int32 c = 3; } }", "message A { string a = 1; }"),
                row("one field moved into a new oneof", "message A { string a = 1; }", "message A { oneof o { string a = 1; } }"),
                row("a oneof field moved to the top level", "message A { oneof o { string a = 1; int32 b = 2; } }", "message A { string a = 1; oneof o { int32 b = 2; } }"),
                row("a nested message's field added", "message A { B b = 1; message B { string x = 1; } }", "message A { B b = 1; message B { string x = 1; string y = 2; } }"),
                row("map value int32 to int64", "message A { map<string, int32> m = 1; }", "message A { map<string, int64> m = 1; }"),
                row("a recursive message unchanged", "message A { A next = 1; string v = 2; }", "message A { A next = 1; string v = 2; }"),
                // rejected
                row("the package changed", "message A { string a = 1; }", "message A { string a = 1; }", "package other;",
                        "PACKAGE_CHANGED #/"),
                row("a message removed", "message A { string a = 1; } message B { string b = 1; }", "message A { string a = 1; }",
                        null, "MESSAGE_REMOVED #/B"),
                row("a nested message removed", "message A { message B { string b = 1; } }", "message A { }",
                        null, "MESSAGE_REMOVED #/A/B"),
                row("scalar to message", "message A { string a = 1; }", "message A { B a = 1; } message B { }",
                        null, "FIELD_KIND_CHANGED #/A/1"),
                row("message to map", "message A { B a = 1; } message B { }", "message A { map<string, string> a = 1; } message B { }",
                        null, "FIELD_KIND_CHANGED #/A/1"),
                row("int32 to string", "message A { int32 a = 1; }", "message A { string a = 1; }",
                        null, "FIELD_SCALAR_KIND_CHANGED #/A/1"),
                row("int32 to sint32 (zigzag)", "message A { int32 a = 1; }", "message A { sint32 a = 1; }",
                        null, "FIELD_SCALAR_KIND_CHANGED #/A/1"),
                row("float to double", "message A { float a = 1; }", "message A { double a = 1; }",
                        null, "FIELD_SCALAR_KIND_CHANGED #/A/1"),
                row("fixed32 to fixed64", "message A { fixed32 a = 1; }", "message A { fixed64 a = 1; }",
                        null, "FIELD_SCALAR_KIND_CHANGED #/A/1"),
                row("a field's message type renamed", "message A { B a = 1; } message B { } message C { }", "message A { C a = 1; } message B { } message C { }",
                        null, "FIELD_NAMED_TYPE_CHANGED #/A/1"),
                row("an optional number becomes repeated", "message A { optional int32 a = 1; }", "message A { repeated int32 a = 1; }",
                        null, "FIELD_NUMERIC_LABEL_CHANGED #/A/1"),
                row("a oneof field removed", "message A { oneof o { string a = 1; int32 b = 2; } }", "message A { oneof o { string a = 1; } }",
                        null, "ONEOF_FIELD_REMOVED #/A/o/2"),
                row("two fields moved into a oneof", "message A { string a = 1; int32 b = 2; }", "message A { oneof o { string a = 1; int32 b = 2; } }",
                        null, "MULTIPLE_FIELDS_MOVED_TO_ONEOF #/A/o"),
                row("a field moved into an existing oneof", "message A { string a = 1; oneof o { int32 b = 2; } }", "message A { oneof o { string a = 1; int32 b = 2; } }",
                        null, "FIELD_MOVED_TO_EXISTING_ONEOF #/A/o"),
                row("a field type changed inside a oneof", "message A { oneof o { string a = 1; } }", "message A { oneof o { double a = 1; } }",
                        null, "FIELD_SCALAR_KIND_CHANGED #/A/o/1"),
                row("map key type changed", "message A { map<string, int32> m = 1; }", "message A { map<int32, int32> m = 1; }",
                        null, "FIELD_SCALAR_KIND_CHANGED #/A/1"),
                row("a field of a referenced message breaks", "message A { B b = 1; } message B { string x = 1; }", "message A { B b = 1; } message B { double x = 1; }",
                        null, "FIELD_NAMED_TYPE_CHANGED #/A/1", "FIELD_SCALAR_KIND_CHANGED #/B/1"),
                row("a field of a nested message breaks", "message A { B b = 1; message B { string x = 1; } }", "message A { B b = 1; message B { float x = 1; } }",
                        null, "FIELD_NAMED_TYPE_CHANGED #/A/1", "FIELD_SCALAR_KIND_CHANGED #/A/B/1"));
    }

    static Stream<Arguments> proto2Rules() {
        return Stream.of(
                row2("a required field added", "message A { optional string a = 1; }", "message A { optional string a = 1; required int32 b = 2; }",
                        "REQUIRED_FIELD_ADDED #/A/2"),
                row2("a required field removed", "message A { optional string a = 1; required int32 b = 2; }", "message A { optional string a = 1; }",
                        "REQUIRED_FIELD_REMOVED #/A/2"),
                row2("an optional field added", "message A { optional string a = 1; }", "message A { optional string a = 1; optional int32 b = 2; }"),
                row2("required string becomes optional", "message A { required string a = 1; }", "message A { optional string a = 1; }"),
                row2("required int32 becomes optional", "message A { required int32 a = 1; }", "message A { optional int32 a = 1; }",
                        "FIELD_NUMERIC_LABEL_CHANGED #/A/1"));
    }

    private static Arguments row(String change, String writer, String reader, String readerPackage, String... errors) {
        String readerHeader = readerPackage == null ? HEADER : "syntax = \"proto3\";\n" + readerPackage + "\n";
        return Arguments.of(change, HEADER + writer, readerHeader + reader, List.of(errors));
    }

    private static Arguments row(String change, String writer, String reader) {
        return row(change, writer, reader, null);
    }

    private static Arguments row2(String change, String writer, String reader, String... errors) {
        String header = "syntax = \"proto2\";\npackage shop;\n";
        return Arguments.of(change, header + writer, header + reader, List.of(errors));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"rules", "proto2Rules"})
    void aBackwardCheckReportsExactlyTheBrokenRules(String change, String writer, String reader, List<String> errors) {
        ProtobufSchema written = ProtobufSchemaProvider.parse(writer);
        ProtobufSchema reading = ProtobufSchemaProvider.parse(reader);

        List<String> found = ProtobufCompatibility.differences(reading, written).stream()
                .filter(d -> !d.type().compatible())
                .map(d -> d.type() + " " + d.path())
                .toList();

        assertThat(found).as(change).containsExactlyInAnyOrderElementsOf(errors);
        assertThat(reading.incompatibilitiesWith(written)).hasSize(errors.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theMessagesNameTheRuleThePathAndTheRoles(String change, String writer, String reader, List<String> errors) {
        List<String> messages = ProtobufSchemaProvider.parse(reader).incompatibilitiesWith(ProtobufSchemaProvider.parse(writer));

        for (int i = 0; i < errors.size(); i++) {
            String[] typeAndPath = errors.get(i).split(" ");
            assertThat(messages).anySatisfy(m -> assertThat(m)
                    .startsWith("{errorType:\"" + typeAndPath[0] + "\", description:\"")
                    .contains("'" + typeAndPath[1] + "'")
                    .contains("reader schema").contains("writer schema"));
        }
    }

    static Stream<Arguments> levels() {
        String v1 = HEADER + "message A { string a = 1; int32 b = 2; }";
        String addField = HEADER + "message A { string a = 1; int32 b = 2; int64 c = 3; }";
        String removeMessageB = HEADER + "message A { string a = 1; int32 b = 2; }";
        String withB = HEADER + "message A { string a = 1; int32 b = 2; } message B { string x = 1; }";
        String bChanged = HEADER + "message A { string a = 1; int32 b = 2; } message B { double x = 1; }";
        String bBack = HEADER + "message A { string a = 1; int32 b = 2; } message B { string x = 1; }";
        return Stream.of(
                // adding a field and adding a message are allowed both ways
                level(CompatibilityLevel.BACKWARD, List.of(v1), addField, true),
                level(CompatibilityLevel.FORWARD, List.of(v1), addField, true),
                level(CompatibilityLevel.FULL, List.of(v1), addField, true),
                level(CompatibilityLevel.BACKWARD, List.of(v1), withB, true),
                // ... but removing a message only forward
                level(CompatibilityLevel.BACKWARD, List.of(withB), removeMessageB, false),
                level(CompatibilityLevel.FORWARD, List.of(withB), removeMessageB, true),
                level(CompatibilityLevel.FULL, List.of(withB), removeMessageB, false),
                // and adding one only backward
                level(CompatibilityLevel.FORWARD, List.of(v1), withB, false),
                level(CompatibilityLevel.FULL_TRANSITIVE, List.of(v1), withB, false),
                level(CompatibilityLevel.NONE, List.of(withB), removeMessageB, true),
                // transitive levels look past the latest version
                level(CompatibilityLevel.BACKWARD, List.of(withB, bChanged), bBack, false),
                level(CompatibilityLevel.BACKWARD, List.of(bChanged, withB), bBack, true),
                level(CompatibilityLevel.BACKWARD_TRANSITIVE, List.of(bChanged, withB), bBack, false),
                level(CompatibilityLevel.FORWARD_TRANSITIVE, List.of(bChanged, withB), bBack, false),
                level(CompatibilityLevel.FULL_TRANSITIVE, List.of(v1, addField), addField, true));
    }

    private static Arguments level(CompatibilityLevel level, List<String> history, String candidate, boolean allowed) {
        return Arguments.of(level, history, candidate, allowed);
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("levels")
    void eachLevelAllowsWhatConfluentAllows(CompatibilityLevel level, List<String> history, String candidate,
                                            boolean allowed) {
        List<ProtobufSchema> previous = history.stream().map(ProtobufSchemaProvider::parse).toList();

        List<String> problems = level.check(ProtobufSchemaProvider.parse(candidate), previous);

        assertThat(problems.isEmpty()).as(String.join("\n", problems)).isEqualTo(allowed);
    }
}

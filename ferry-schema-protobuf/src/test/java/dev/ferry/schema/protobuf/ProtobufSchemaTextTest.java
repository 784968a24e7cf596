package dev.ferry.schema.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The texts a registry stores and returns, pinned in {@code src/test/resources/golden}: the canonical text in
 * Confluent's layout (no comments, messages before enums per scope, sections separated by blank lines), the
 * normalised text, and the serialized {@code FileDescriptorProto}.
 */
class ProtobufSchemaTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"order", "order-proto2"})
    void theCanonicalTextIsConfluentsLayout(String name) {
        ProtobufSchema schema = ProtobufSchemaProvider.parse(golden(name + ".proto"));

        assertThat(schema.canonical()).isEqualTo(golden(name + ".canonical"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"order", "order-proto2"})
    void theCanonicalTextParsesToItself(String name) {
        String canonical = golden(name + ".canonical");

        assertThat(ProtobufSchemaProvider.parse(canonical).canonical()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"order", "order-proto2"})
    void theNormalizedTextQualifiesNamesAndSortsByNumberAndName(String name) {
        ProtobufSchema schema = ProtobufSchemaProvider.parse(golden(name + ".proto"));

        assertThat(schema.normalized().canonical()).isEqualTo(golden(name + ".normalized"));
        assertThat(ProtobufSchemaProvider.parse(golden(name + ".normalized")).normalized().canonical())
                .isEqualTo(golden(name + ".normalized"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"order", "order-proto2"})
    void theSerializedFormIsPinnedAndParsesBack(String name) throws Exception {
        ProtobufSchema schema = ProtobufSchemaProvider.parse(golden(name + ".proto"));
        String serialized = golden(name + ".serialized").strip();

        assertThat(schema.formatted("serialized")).isEqualTo(serialized);
        FileDescriptorProto proto = FileDescriptorProto.parseFrom(Base64.getDecoder().decode(serialized));
        assertThat(proto.getName()).isEqualTo("default");
        ProtobufSchema back = new ProtobufSchemaProvider().parse(serialized, List.of(), Map.of());
        assertThat(back.formatted("serialized")).isEqualTo(serialized);
        assertThat(back.name()).isEqualTo(schema.name());
    }

    @Test
    void schemasThatDifferInOrderAndNamingNormalizeToOneText() {
        ProtobufSchema a = ProtobufSchemaProvider.parse("""
                syntax = "proto3";
                package p;
                import "google/protobuf/timestamp.proto";
                import "google/protobuf/duration.proto";
                option java_package = "x";
                option java_multiple_files = true;
                message M {
                  int32 b = 2;
                  google.protobuf.Timestamp a = 1;
                  Kind kind = 3;
                  enum Kind { Y = 1; X = 0; }
                }
                """);
        ProtobufSchema b = ProtobufSchemaProvider.parse("""
                syntax = "proto3";
                package p;
                import "google/protobuf/duration.proto";
                import "google/protobuf/timestamp.proto";
                option java_multiple_files = true;
                option java_package = "x";
                // the same message, written differently
                message M {
                  .google.protobuf.Timestamp a = 1;
                  int32 b = 2;
                  .p.M.Kind kind = 3;
                  enum Kind { X = 0; Y = 1; }
                }
                """);

        assertThat(a.canonical()).isNotEqualTo(b.canonical());
        assertThat(a.normalized().canonical()).isEqualTo(b.normalized().canonical());
        assertThat(a.normalized()).isEqualTo(b.normalized());
    }

    @Test
    void theCommentsOfTheSourceAreNotPartOfTheCanonicalText() {
        ProtobufSchema schema = ProtobufSchemaProvider.parse("""
                syntax = "proto3";
                // a comment
                message M {
                  /* another */ string s = 1; // trailing
                }
                """);

        assertThat(schema.canonical()).isEqualTo("syntax = \"proto3\";\n\nmessage M {\n  string s = 1;\n}\n");
    }

    static String golden(String name) {
        try (InputStream in = ProtobufSchemaTextTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theIgnoreExtensionsFormatLeavesOutCustomOptionsAndExtensions() {
        ProtobufSchema schema = ProtobufSchemaProvider.parse(golden("order-proto2.proto"));

        String text = schema.formatted("ignore_extensions");

        assertThat(text).doesNotContain("extensions 100").doesNotContain("extend ").contains("message Account {");
        assertThat(schema.formatted("no_such_format")).isEqualTo(schema.canonical());
        assertThat(schema.formatted(null)).isEqualTo(schema.canonical());
    }

    @Test
    void aFileWithoutSyntaxAndPackageStartsWithItsImportsAndKeepsReservedAsWritten() {
        String text = """

                import "google/protobuf/descriptor.proto";

                message Level {
                  optional Grade grade = 1;
                }
                enum Grade {
                  reserved 50 to max, 7;
                  reserved 2 to 4;
                  reserved "OLD";
                  LOW = 1;
                  HIGH = 5;
                }
                """;

        ProtobufSchema schema = ProtobufSchemaProvider.parse(text);

        assertThat(schema.canonical()).isEqualTo(text);
        assertThat(schema.normalized().canonical()).isEqualTo("""

                import "google/protobuf/descriptor.proto";

                message Level {
                  optional .Grade grade = 1;
                }
                enum Grade {
                  reserved 2 to 4;
                  reserved 7;
                  reserved 50 to max;
                  reserved "OLD";
                  LOW = 1;
                  HIGH = 5;
                }
                """);
    }

    @Test
    void stringOptionsAreEscapedAsInProtoSource() {
        ProtobufSchema schema = ProtobufSchemaProvider.parse(
                "syntax = \"proto3\";\noption java_package = \"a\\\\b \\\"q\\\" \\'s\\' \\n\\t\";\nmessage M { }\n");

        assertThat(schema.canonical()).contains("option java_package = \"a\\\\b \\\"q\\\" \\'s\\' \\n\\t\";");
        assertThat(schema.fileDescriptor().getOptions().getJavaPackage()).isEqualTo("a\\b \"q\" 's' \n\t");
    }
}

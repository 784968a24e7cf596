package dev.ferry.schema.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.StructProto;
import com.google.protobuf.Value;
import dev.ferry.schema.InvalidSchemaException;
import dev.ferry.schema.SchemaReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Imports through references (by import path), the imports that need none, and schemas of compiled files. */
class ProtobufSchemaReferencesTest {

    private static final String CURRENCY = """
            syntax = "proto3";
            package common;
            enum Currency { CURRENCY_UNSPECIFIED = 0; EUR = 1; USD = 2; }
            """;
    private static final String MONEY = """
            syntax = "proto3";
            package common;
            import "common/currency.proto";
            message Money { Currency currency = 1; int64 units = 2; }
            """;
    private static final String ORDER = """
            syntax = "proto3";
            package shop;
            import "common/money.proto";
            message Order { string id = 1; common.Money total = 2; }
            """;
    private static final List<SchemaReference> REFERENCES = List.of(new SchemaReference("common/money.proto", "money", 1));
    private static final Map<String, String> RESOLVED = Map.of("common/money.proto", MONEY, "common/currency.proto", CURRENCY);

    private final ProtobufSchemaProvider provider = new ProtobufSchemaProvider();

    @Test
    void anImportResolvesThroughTheReferenceNamedByItsPathAndTransitiveOnesToo() {
        ProtobufSchema order = provider.parse(ORDER, REFERENCES, RESOLVED);

        Descriptor money = order.firstMessage().findFieldByName("total").getMessageType();
        assertThat(money.getFullName()).isEqualTo("common.Money");
        assertThat(money.getFile().getName()).isEqualTo("common/money.proto");
        assertThat(money.findFieldByName("currency").getEnumType().getFullName()).isEqualTo("common.Currency");
        assertThat(order.references()).isEqualTo(REFERENCES);
        assertThat(order.resolvedReferences()).isEqualTo(RESOLVED);
    }

    @Test
    void aMissingTransitiveReferenceNamesTheFileThatImportsIt() {
        assertThatThrownBy(() -> provider.parse(ORDER, REFERENCES, Map.of("common/money.proto", MONEY)))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("common/money.proto imports \"common/currency.proto\"");
    }

    @Test
    void anImportCycleIsRefused() {
        String a = "syntax = \"proto3\";\nimport \"b.proto\";\nmessage A { }\n";
        String b = "syntax = \"proto3\";\nimport \"a.proto\";\nmessage B { }\n";

        assertThatThrownBy(() -> provider.parse("syntax = \"proto3\";\nimport \"a.proto\";\nmessage C { }\n", List.of(),
                Map.of("a.proto", a, "b.proto", b)))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("cycle");
    }

    @Test
    void wellKnownAndConfluentImportsResolveWithoutReferences() {
        ProtobufSchema schema = ProtobufSchemaProvider.parse("""
                syntax = "proto3";
                package p;
                import "google/protobuf/timestamp.proto";
                import "google/protobuf/duration.proto";
                import "google/protobuf/wrappers.proto";
                import "google/protobuf/struct.proto";
                import "google/protobuf/any.proto";
                import "google/protobuf/empty.proto";
                import "google/protobuf/field_mask.proto";
                import "google/protobuf/descriptor.proto";
                import "confluent/meta.proto";
                import "confluent/type/decimal.proto";
                import "google/type/date.proto";
                import "google/type/timeofday.proto";
                message M {
                  google.protobuf.Timestamp t = 1;
                  google.protobuf.Duration d = 2;
                  google.protobuf.StringValue s = 3;
                  google.protobuf.Struct st = 4;
                  google.protobuf.Any a = 5;
                  google.protobuf.Empty e = 6;
                  google.protobuf.FieldMask f = 7;
                  google.protobuf.FileDescriptorProto fd = 8;
                  confluent.type.Decimal amount = 9 [(confluent.field_meta) = { params: [{key: "precision", value: "10"}] }];
                  confluent.Meta meta = 10;
                  google.type.Date day = 11;
                  google.type.TimeOfDay time = 12;
                }
                """);

        Descriptor m = schema.firstMessage();
        assertThat(m.findFieldByName("t").getMessageType()).isSameAs(com.google.protobuf.Timestamp.getDescriptor());
        assertThat(m.findFieldByName("amount").getMessageType().getFullName()).isEqualTo("confluent.type.Decimal");
        assertThat(m.findFieldByName("meta").getMessageType().getFile().getName()).isEqualTo("confluent/meta.proto");
        assertThat(m.findFieldByName("day").getMessageType().findFieldByName("year").getNumber()).isEqualTo(1);
        assertThat(m.findFieldByName("time").getMessageType().findFieldByName("nanos").getNumber()).isEqualTo(4);
        assertThat(schema.resolvedReferences()).isEmpty();
    }

    @Test
    void theSchemaOfACompiledFileReadsWhatTheCompiledClassWrites() throws Exception {
        ProtobufSchema schema = ProtobufSchema.of(StructProto.getDescriptor());
        Struct struct = Struct.newBuilder()
                .putFields("n", Value.newBuilder().setNumberValue(1.5).build())
                .putFields("l", Value.newBuilder().setListValue(ListValue.newBuilder()
                        .addValues(Value.newBuilder().setStringValue("x"))).build())
                .build();

        ProtobufSchema registered = ProtobufSchemaProvider.parse(schema.canonical());
        Descriptor structType = registered.messageNamed("google.protobuf.Struct");
        DynamicMessage read = DynamicMessage.parseFrom(structType, struct.toByteArray());

        assertThat(schema.name()).isEqualTo("google.protobuf.Struct");
        assertThat(Struct.parseFrom(read.toByteArray())).isEqualTo(struct);
        assertThat(registered.canonical()).isEqualTo(schema.canonical());
        assertThat(schema.formatted("serialized")).isEqualTo(registered.formatted("serialized"));
        assertThat(schema.canonical()).contains("repeated .google.protobuf.Struct.FieldsEntry fields = 1")
                .contains("option map_entry = true;");
    }

    @Test
    void theSchemaOfACompiledFileCarriesItsNonWellKnownImportsAsTexts() {
        ProtobufSchema order = provider.parse(ORDER, REFERENCES, RESOLVED);

        ProtobufSchema derived = ProtobufSchema.of(order.fileDescriptor());

        assertThat(derived.resolvedReferences()).containsOnlyKeys("common/money.proto", "common/currency.proto");
        ProtobufSchema reparsed = provider.parse(derived.canonical(), REFERENCES, derived.resolvedReferences());
        assertThat(reparsed.firstMessage().findFieldByName("total").getMessageType().getFullName())
                .isEqualTo("common.Money");
        assertThat(derived.indexesOf(order.firstMessage())).containsExactly(0);
    }

    @Test
    void aMessageIndexPathOfACompiledNestedMessageIsFoundByName() {
        ProtobufSchema schema = ProtobufSchema.of(com.google.protobuf.DescriptorProtos.getDescriptor());
        Descriptor extensionRange = com.google.protobuf.DescriptorProtos.DescriptorProto.ExtensionRange.getDescriptor();

        List<Integer> path = schema.indexesOf(extensionRange);

        assertThat(path).hasSize(2);
        assertThat(schema.messageAt(path).getFullName()).isEqualTo(extensionRange.getFullName());
    }

    @Test
    void everyWellKnownFileKeptAsTextBuilds() {
        for (String path : WellKnownProtos.resourcePaths()) {
            assertThat(WellKnownProtos.get(path).getName()).as(path).isEqualTo(path);
            assertThat(WellKnownProtos.get(path).getMessageTypes().size() + WellKnownProtos.get(path).getEnumTypes().size())
                    .as(path).isPositive();
        }
    }

    @Test
    void aRegisteredCopyOfAWellKnownFileResolvesToTheCompiledOne() {
        String copy = "syntax = \"proto3\";\npackage google.protobuf;\nmessage Timestamp { int64 seconds = 1; int32 nanos = 2; }\n";
        ProtobufSchema schema = provider.parse(
                "syntax = \"proto3\";\nimport \"google/protobuf/timestamp.proto\";\nmessage M { google.protobuf.Timestamp t = 1; }\n",
                List.of(new SchemaReference("google/protobuf/timestamp.proto", "google/protobuf/timestamp.proto", 1)),
                Map.of("google/protobuf/timestamp.proto", copy));

        assertThat(schema.firstMessage().findFieldByName("t").getMessageType())
                .isSameAs(com.google.protobuf.Timestamp.getDescriptor());
    }
}

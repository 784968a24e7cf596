package dev.ferry.schema.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Custom options, Confluent's meta above all: in the descriptor, through the serialized form, printed back. */
class ProtobufCustomOptionsTest {

    private static final String PRICED = """
            syntax = "proto3";
            package shop;
            import "confluent/meta.proto";
            import "confluent/type/decimal.proto";
            message Item {
              option (confluent.message_meta).doc = "an item";
              confluent.type.Decimal price = 1 [(confluent.field_meta) = { params: [{key: "precision", value: "10"}, {key: "scale", value: "2"}] }];
              string name = 2 [(confluent.field_meta).tags = "PII", (confluent.field_meta).tags = "NAME"];
            }
            """;

    @Test
    void confluentMetaOptionsReachTheDescriptor() {
        Descriptor item = ProtobufSchemaProvider.parse(PRICED).firstMessage();

        assertThat(ProtobufMeta.of(item.findFieldByName("price")).params())
                .containsExactlyInAnyOrderEntriesOf(Map.of("precision", "10", "scale", "2"));
        assertThat(ProtobufMeta.of(item.findFieldByName("name")).tags()).containsExactly("PII", "NAME");
        assertThat(ProtobufMeta.of(item).doc()).isEqualTo("an item");
    }

    @Test
    void metaOptionsSurviveTheSerializedForm() {
        ProtobufSchema schema = ProtobufSchemaProvider.parse(PRICED);

        ProtobufSchema back = new ProtobufSchemaProvider().parse(schema.formatted("serialized"), List.of(), Map.of());

        assertThat(ProtobufMeta.of(back.firstMessage().findFieldByName("price")).params()).containsEntry("scale", "2");
        assertThat(back.canonical()).contains("""
                  .confluent.type.Decimal price = 1 [(confluent.field_meta) = {
                    params: [
                      {
                        value: "10",
                        key: "precision"
                      },
                """);
    }

    @Test
    void aDescriptorBuiltInCodeWithMetaPrintsTheOptionAsConfluentDoes() throws Exception {
        FileDescriptorProto proto = FileDescriptorProto.newBuilder()
                .setName("default").setSyntax("proto3").setPackage("gen")
                .addDependency(ProtobufMeta.IMPORT)
                .addMessageType(DescriptorProto.newBuilder().setName("Row")
                        .addField(FieldDescriptorProto.newBuilder().setName("note").setNumber(1)
                                .setType(FieldDescriptorProto.Type.TYPE_STRING)
                                .setOptions(new ProtobufMeta("a note", Map.of(), List.of()).fieldOptions())))
                .build();
        FileDescriptor file = FileDescriptor.buildFrom(proto, new FileDescriptor[] {ProtobufMeta.file()});

        ProtobufSchema schema = ProtobufSchema.of(file);

        assertThat(schema.canonical()).contains("string note = 1 [(confluent.field_meta) = {\n    doc: \"a note\"\n  }];");
        assertThat(ProtobufMeta.of(ProtobufSchemaProvider.parse(schema.canonical()).firstMessage().findFieldByName("note"))
                .doc()).isEqualTo("a note");
    }

    @Test
    void metaHeldAsAnUnknownFieldIsPrintedAsTheOptionToo() throws Exception {
        byte[] meta = new ProtobufMeta("", Map.of("precision", "5"), List.of()).fieldOptions().toByteArray();
        FileDescriptorProto proto = FileDescriptorProto.newBuilder()
                .setName("default").setSyntax("proto3").setPackage("gen")
                .addDependency(ProtobufMeta.IMPORT)
                .addMessageType(DescriptorProto.newBuilder().setName("Row")
                        .addField(FieldDescriptorProto.newBuilder().setName("amount").setNumber(1)
                                .setType(FieldDescriptorProto.Type.TYPE_BYTES)
                                // parsed without a registry: the option stays an unknown field 1088
                                .setOptions(com.google.protobuf.DescriptorProtos.FieldOptions.parseFrom(meta))))
                .build();
        FileDescriptor file = FileDescriptor.buildFrom(proto, new FileDescriptor[] {ProtobufMeta.file()});
        assertThat(file.getMessageTypes().get(0).getFields().get(0).getOptions().getUnknownFields().hasField(1088)).isTrue();

        ProtobufSchema schema = ProtobufSchema.of(file);

        assertThat(schema.canonical()).contains("(confluent.field_meta) = {");
        assertThat(ProtobufMeta.of(file.getMessageTypes().get(0).getFields().get(0)).params()).containsEntry("precision", "5");
        assertThat(ProtobufMeta.of(ProtobufSchemaProvider.parse(schema.canonical()).firstMessage().getFields().get(0))
                .params()).containsEntry("precision", "5");
    }

    @Test
    void normalizingMergesOptionAssignmentsIntoOneSortedMap() {
        ProtobufSchema schema = ProtobufSchemaProvider.parse("""
                syntax = "proto3";
                package shop;
                import "confluent/meta.proto";
                message Tagged {
                  string a = 1 [(confluent.field_meta).tags = "PII"];
                  string b = 2 [(confluent.field_meta).tags = "PII", (confluent.field_meta).doc = "two"];
                  string c = 3 [(confluent.field_meta) = { tags: ["X"] }, (confluent.field_meta).tags = "Y"];
                }
                """);

        String normalized = schema.normalized().canonical();

        assertThat(normalized).contains("""
                  string a = 1 [(confluent.field_meta) = {
                    tags: "PII"
                  }];
                  string b = 2 [(confluent.field_meta) = {
                    doc: "two",
                    tags: "PII"
                  }];
                  string c = 3 [(confluent.field_meta) = {
                    tags: [
                      "X",
                      "Y"
                    ]
                  }];
                """);
    }

    @Test
    void theTextAndTheDescriptorOfOneSchemaNormalizeAlike() {
        ProtobufSchema parsed = ProtobufSchemaProvider.parse(PRICED);
        ProtobufSchema derived = ProtobufSchema.of(parsed.fileDescriptor());

        assertThat(derived.canonical()).isNotEqualTo(parsed.canonical());
        assertThat(derived.normalized().canonical()).isEqualTo(parsed.normalized().canonical());
    }
}

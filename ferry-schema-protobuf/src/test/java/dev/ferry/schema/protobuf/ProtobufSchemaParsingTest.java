package dev.ferry.schema.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.ferry.schema.InvalidSchemaException;
import dev.ferry.schema.SchemaProviders;
import dev.ferry.schema.SchemaType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtobufSchemaParsingTest {

    private static final String ORDER = """
            syntax = "proto3";
            package shop.v1;

            import "google/protobuf/timestamp.proto";

            option java_package = "com.example.shop";
            option java_outer_classname = "OrderProto";

            // An order as the shop writes it.
            message Order {
              string id = 1;
              repeated Line lines = 2;
              map<string, int64> counters = 3;
              google.protobuf.Timestamp placed_at = 4;
              Status status = 5;
              optional string note = 6;
              oneof payment {
                string card = 7;
                string voucher = 8;
              }

              message Line {
                string sku = 1;
                int32 quantity = 2;
              }
              enum Status {
                UNKNOWN = 0;
                PLACED = 1;
              }
            }
            message Customer {
              string name = 1;
            }
            """;

    @Test
    void theProviderIsFoundThroughTheServiceLoader() {
        assertThat(SchemaProviders.of(SchemaType.PROTOBUF)).isInstanceOf(ProtobufSchemaProvider.class);
    }

    @Test
    void aProto3FileBuildsItsDescriptorWithNestedTypesMapsOneofsAndWellKnownImports() {
        ProtobufSchema schema = ProtobufSchemaProvider.parse(ORDER);

        assertThat(schema.name()).isEqualTo("shop.v1.Order");
        Descriptor order = schema.firstMessage();
        assertThat(order.getFullName()).isEqualTo("shop.v1.Order");
        assertThat(order.findFieldByName("lines").getMessageType().getFullName()).isEqualTo("shop.v1.Order.Line");
        assertThat(order.findFieldByName("counters").isMapField()).isTrue();
        assertThat(order.findFieldByName("placed_at").getMessageType().getFullName())
                .isEqualTo("google.protobuf.Timestamp");
        assertThat(order.findFieldByName("status").getType()).isEqualTo(FieldDescriptor.Type.ENUM);
        assertThat(order.findFieldByName("note").hasPresence()).isTrue();
        assertThat(order.findFieldByName("card").getRealContainingOneof().getName()).isEqualTo("payment");
        assertThat(schema.fileDescriptor().getOptions().getJavaPackage()).isEqualTo("com.example.shop");
        assertThat(schema.raw()).isSameAs(schema.fileDescriptor());
    }

    @Test
    void theBuiltDescriptorEncodesAndDecodesARecord() throws Exception {
        Descriptor order = ProtobufSchemaProvider.parse(ORDER).firstMessage();
        DynamicMessage message = DynamicMessage.newBuilder(order)
                .setField(order.findFieldByName("id"), "o-1")
                .setField(order.findFieldByName("card"), "4242")
                .build();

        DynamicMessage back = DynamicMessage.parseFrom(order, message.toByteArray());

        assertThat(back.getField(order.findFieldByName("id"))).isEqualTo("o-1");
        assertThat(back.getField(order.findFieldByName("card"))).isEqualTo("4242");
    }

    @Test
    void messageIndexPathsCountMessagesOnlyFromTheTopLevelDown() {
        ProtobufSchema schema = ProtobufSchemaProvider.parse(ORDER);
        Descriptor customer = schema.messageNamed("shop.v1.Customer");
        Descriptor line = schema.messageNamed("shop.v1.Order.Line");

        assertThat(schema.indexesOf(schema.firstMessage())).containsExactly(0);
        assertThat(schema.indexesOf(customer)).containsExactly(1);
        assertThat(schema.indexesOf(line)).containsExactly(0, 0);
        assertThat(schema.messageAt(List.of(1))).isEqualTo(customer);
        assertThat(schema.messageAt(List.of(0, 0))).isEqualTo(line);
        assertThatThrownBy(() -> schema.messageAt(List.of(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 2 at depth 0");
    }

    @Test
    void aSyntaxErrorNamesLineAndColumn() {
        assertThatThrownBy(() -> ProtobufSchemaProvider.parse("syntax = \"proto3\";\nmessage A {\n  strin a = 1\n}\n"))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("schema:4:2: expected ';'")
                .hasMessageContaining("Fix the .proto text");
    }

    @Test
    void anUnknownTypeIsRefusedNamingItsLineAndTheFix() {
        assertThatThrownBy(() -> ProtobufSchemaProvider.parse("syntax = \"proto3\";\nmessage A {\n  Missing b = 1;\n}\n"))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("schema:3:3: A.b: \"Missing\" is not defined.")
                .hasMessageContaining("needs its import");
    }

    @Test
    void aFieldNumberUsedTwiceIsRefusedNamingTheField() {
        assertThatThrownBy(() -> ProtobufSchemaProvider.parse(
                "syntax = \"proto3\";\nmessage A {\n  string b = 1;\n  int32 c = 1;\n}\n"))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("schema:4:3: A.c: Field number 1 has already been used");
    }

    @Test
    void aProto3RequiredLabelIsASyntaxError() {
        assertThatThrownBy(() -> ProtobufSchemaProvider.parse("syntax = \"proto3\";\nmessage A {\n  required string b = 1;\n}\n"))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("schema:3:3: 'required' label forbidden in proto3");
    }

    @Test
    void aGroupIsRefusedSayingWhatToUseInstead() {
        assertThatThrownBy(() -> ProtobufSchemaProvider.parse(
                "syntax = \"proto2\";\nmessage A {\n  optional group G = 1 { optional int32 x = 2; }\n}\n"))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("group")
                .hasMessageContaining("nested message");
    }

    @Test
    void textThatIsNeitherProtoNorADescriptorGivesTheParserError() {
        assertThatThrownBy(() -> ProtobufSchemaProvider.parse("AAAA"))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("Syntax error in schema:1:1");
    }

    @Test
    void anImportWithoutReferenceIsRefusedNamingTheFix() {
        assertThatThrownBy(() -> ProtobufSchemaProvider.parse(
                "syntax = \"proto3\";\nimport \"other.proto\";\nmessage A {\n  string b = 1;\n}\n"))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("other.proto")
                .hasMessageContaining("add a reference");
    }

    @Test
    void theSerializedFormParsesBackToTheSameSchema() {
        ProtobufSchema schema = ProtobufSchemaProvider.parse(ORDER);
        String serialized = schema.formatted("serialized");

        ProtobufSchema back = new ProtobufSchemaProvider().parse(serialized, List.of(), Map.of());

        assertThat(back.firstMessage().toProto()).isEqualTo(schema.firstMessage().toProto());
        assertThat(back.formatted("serialized")).isEqualTo(serialized);
        assertThat(back.name()).isEqualTo("shop.v1.Order");
    }
}

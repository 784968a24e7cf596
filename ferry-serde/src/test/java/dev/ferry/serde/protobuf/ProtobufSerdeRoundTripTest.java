package dev.ferry.serde.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.ferry.serde.client.RegisteredSchema;
import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.client.SchemaRegistryClients;
import dev.ferry.serde.testing.TestRegistry;
import dev.ferry.serde.testing.TopicRoundTrip;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Protobuf serializer and deserializer through a real topic and the real registry, with a {@code .proto} file
 * that imports another (registered as a reference) and a well-known type (not registered).
 */
@WithKafka
class ProtobufSerdeRoundTripTest {

    private static TestRegistry registry;
    private static FileDescriptor common;
    private static FileDescriptor shop;

    @BeforeAll
    static void start(KafkaBroker broker) throws DescriptorValidationException {
        registry = TestRegistry.start(broker);
        common = FileDescriptor.buildFrom(FileDescriptorProto.newBuilder()
                .setName("acme/common.proto").setPackage("acme.common").setSyntax("proto3")
                .addMessageType(DescriptorProto.newBuilder().setName("Money")
                        .addField(field("currency", 1, Type.TYPE_STRING))
                        .addField(field("units", 2, Type.TYPE_INT64)))
                .build(), new FileDescriptor[0]);
        shop = FileDescriptor.buildFrom(FileDescriptorProto.newBuilder()
                .setName("acme/shop.proto").setPackage("acme.shop").setSyntax("proto3")
                .addDependency("acme/common.proto").addDependency("google/protobuf/timestamp.proto")
                .addMessageType(DescriptorProto.newBuilder().setName("Order")
                        .addField(field("id", 1, Type.TYPE_INT64))
                        .addField(message("price", 2, ".acme.common.Money"))
                        .addField(message("placed", 3, ".google.protobuf.Timestamp"))
                        .addField(message("lines", 4, ".acme.shop.Order.Line").setLabel(Label.LABEL_REPEATED))
                        .addNestedType(DescriptorProto.newBuilder().setName("Line")
                                .addField(field("sku", 1, Type.TYPE_STRING))
                                .addField(field("qty", 2, Type.TYPE_INT32))))
                .addMessageType(DescriptorProto.newBuilder().setName("Refund")
                        .addField(field("order_id", 1, Type.TYPE_INT64)))
                .build(), new FileDescriptor[] {common, Timestamp.getDescriptor().getFile()});
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private static FieldDescriptorProto.Builder field(String name, int number, Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(Label.LABEL_OPTIONAL).setJsonName(name);
    }

    private static FieldDescriptorProto.Builder message(String name, int number, String typeName) {
        return field(name, number, Type.TYPE_MESSAGE).setTypeName(typeName);
    }

    private static DynamicMessage order(long id) {
        Descriptor orderType = shop.findMessageTypeByName("Order");
        Descriptor lineType = orderType.findNestedTypeByName("Line");
        Descriptor money = common.findMessageTypeByName("Money");
        return DynamicMessage.newBuilder(orderType)
                .setField(orderType.findFieldByName("id"), id)
                .setField(orderType.findFieldByName("price"), DynamicMessage.newBuilder(money)
                        .setField(money.findFieldByName("currency"), "EUR")
                        .setField(money.findFieldByName("units"), 12L).build())
                .setField(orderType.findFieldByName("placed"), Timestamp.newBuilder().setSeconds(1_765_000_000L).build())
                .addRepeatedField(orderType.findFieldByName("lines"), DynamicMessage.newBuilder(lineType)
                        .setField(lineType.findFieldByName("sku"), "A-1")
                        .setField(lineType.findFieldByName("qty"), 3).build())
                .build();
    }

    @Test
    void messagesRoundTripWithTheirMessageIndexesAndImportsAsReferences(KafkaBroker broker) {
        String topic = "proto-orders";
        broker.createTopic(topic, 1);
        Descriptor refundType = shop.findMessageTypeByName("Refund");
        DynamicMessage refund = DynamicMessage.newBuilder(refundType)
                .setField(refundType.findFieldByName("order_id"), 7L).build();
        Descriptor lineType = shop.findMessageTypeByName("Order").findNestedTypeByName("Line");
        DynamicMessage line = DynamicMessage.newBuilder(lineType)
                .setField(lineType.findFieldByName("sku"), "B-2").build();

        KafkaProtobufSerializer<Message> serializer = new KafkaProtobufSerializer<>();
        serializer.configure(registry.serdeConfig(), false);
        int before = registry.requests();
        for (Message message : List.of(order(1), refund, line, order(2))) {
            TopicRoundTrip.sendValue(broker, topic, serializer, message);
        }
        TopicRoundTrip.sendValue(broker, topic, serializer, null);
        // acme/common.proto registered and looked up for its version, then the file itself: once for four records.
        assertThat(registry.requests() - before).isEqualTo(3);

        List<byte[]> raw = TopicRoundTrip.rawValues(broker, topic, 5);
        assertThat(Arrays.copyOfRange(raw.get(0), 5, 6)).as("[0]").isEqualTo(HexFormat.of().parseHex("00"));
        assertThat(Arrays.copyOfRange(raw.get(1), 5, 7)).as("[1]").isEqualTo(HexFormat.of().parseHex("0202"));
        assertThat(Arrays.copyOfRange(raw.get(2), 5, 8)).as("[0,0]").isEqualTo(HexFormat.of().parseHex("040000"));
        assertThat(Arrays.copyOfRange(raw.get(0), 6, raw.get(0).length)).isEqualTo(order(1).toByteArray());
        assertThat(raw.get(4)).isNull();

        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.directUrl()))) {
            RegisteredSchema value = client.latest(topic + "-value");
            assertThat(ByteBuffer.wrap(raw.get(0), 1, 4).getInt()).isEqualTo(value.id());
            assertThat(value.schema().references()).extracting(r -> r.subject()).containsExactly("acme/common.proto");
            assertThat(client.latest("acme/common.proto").schema().canonical()).contains("message Money");
        }

        KafkaProtobufDeserializer<Message> deserializer = new KafkaProtobufDeserializer<>();
        deserializer.configure(registry.serdeConfig(), false);
        List<ConsumerRecord<byte[], Message>> read = TopicRoundTrip.read(broker, topic, 5, new ByteArrayDeserializer(),
                deserializer);
        assertThat(read.get(0).value().getDescriptorForType().getFullName()).isEqualTo("acme.shop.Order");
        assertThat(read.get(0).value().toByteArray()).isEqualTo(order(1).toByteArray());
        assertThat(read.get(0).value().toString()).isEqualTo(order(1).toString());
        assertThat(read.get(1).value().getDescriptorForType().getFullName()).isEqualTo("acme.shop.Refund");
        assertThat(read.get(1).value().toString()).isEqualTo(refund.toString());
        assertThat(read.get(2).value().getDescriptorForType().getFullName()).isEqualTo("acme.shop.Order.Line");
        assertThat(read.get(4).value()).isNull();
        serializer.close();
        deserializer.close();
    }

    @Test
    void aGeneratedClassIsReadWhenConfigured() {
        KafkaProtobufSerializer<Timestamp> serializer = new KafkaProtobufSerializer<>();
        serializer.configure(registry.serdeConfig(), false);
        Timestamp time = Timestamp.newBuilder().setSeconds(42).setNanos(7).build();
        byte[] framed = serializer.serialize("proto-times", time);
        KafkaProtobufDeserializer<Timestamp> deserializer = new KafkaProtobufDeserializer<>();
        deserializer.configure(registry.serdeConfig("specific.protobuf.value.type", Timestamp.class.getName()), false);
        assertThat(deserializer.deserialize("proto-times", framed)).isEqualTo(time);
        serializer.close();
        deserializer.close();
    }

    @Test
    void indexesThatDoNotFitTheSchemaAreRefused() {
        KafkaProtobufSerializer<Message> serializer = new KafkaProtobufSerializer<>();
        serializer.configure(registry.serdeConfig(), false);
        byte[] framed = serializer.serialize("proto-bad", order(3));
        byte[] wrong = new byte[framed.length + 2];
        System.arraycopy(framed, 0, wrong, 0, 5);
        wrong[5] = 0x02;
        wrong[6] = 0x0a; // [5]: the file has two messages
        System.arraycopy(framed, 6, wrong, 7, framed.length - 6);
        KafkaProtobufDeserializer<Message> deserializer = new KafkaProtobufDeserializer<>();
        deserializer.configure(registry.serdeConfig(), false);
        assertThatThrownBy(() -> deserializer.deserialize("proto-bad", Arrays.copyOf(wrong, framed.length + 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic 'proto-bad'")
                .hasMessageContaining("Message indexes [5]");
        serializer.close();
        deserializer.close();
    }
}

package dev.ferry.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaProviders;
import dev.ferry.schema.SchemaType;
import dev.ferry.serde.avro.KafkaAvroDeserializer;
import dev.ferry.serde.avro.KafkaAvroSerializer;
import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.client.SchemaRegistryClients;
import dev.ferry.serde.json.KafkaJsonSchemaDeserializer;
import dev.ferry.serde.json.KafkaJsonSchemaSerializer;
import dev.ferry.serde.protobuf.KafkaProtobufDeserializer;
import dev.ferry.serde.protobuf.KafkaProtobufSerializer;
import dev.ferry.serde.testing.TestRegistry;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records framed by Confluent's own JavaScript serializers ({@code wire/confluent-js-records.txt} and
 * {@code wire/confluent-js-protobuf.txt}, made by the {@code .mjs} scripts beside them) are read by Ferry's deserializers, and Ferry's serializers write the same
 * bytes for the same values: byte-level interoperability with a third-party client, through the real registry.
 * The pinned frames carry id 1 (the mock registry's first id); the test puts in the id the registry gives here.
 */
@WithKafka
class ConfluentJsRecordsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static TestRegistry registry;

    @BeforeAll
    static void start(KafkaBroker broker) {
        registry = TestRegistry.start(broker);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    record Golden(SchemaType type, String schema, JsonNode value, byte[] framed) {
    }

    @Test
    void avroRecordsWrittenByConfluentsClientReadBackAndAreWrittenIdentically() throws Exception {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(registry.serdeConfig(), false);
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(registry.serdeConfig(), false);
        int checked = 0;
        for (Golden golden : goldens(SchemaType.AVRO)) {
            byte[] framed = withId(golden.framed(), register("js-orders-value", golden));
            GenericRecord expected = avroRecord(new Schema.Parser().parse(golden.schema()), golden.value());
            assertThat(deserializer.deserialize("js-orders", framed).toString()).isEqualTo(expected.toString());
            assertThat(serializer.serialize("js-orders", expected)).isEqualTo(framed);
            checked++;
        }
        assertThat(checked).isEqualTo(2);
        serializer.close();
        deserializer.close();
    }

    @Test
    void jsonSchemaRecordsWrittenByConfluentsClientReadBackAndAreWrittenIdentically() throws Exception {
        KafkaJsonSchemaSerializer<JsonNode> serializer = new KafkaJsonSchemaSerializer<>();
        serializer.configure(registry.serdeConfig("json.fail.invalid.schema", true), false);
        KafkaJsonSchemaDeserializer<JsonNode> deserializer = new KafkaJsonSchemaDeserializer<>();
        deserializer.configure(registry.serdeConfig("json.fail.invalid.schema", true), false);
        int checked = 0;
        for (Golden golden : goldens(SchemaType.JSON)) {
            byte[] framed = withId(golden.framed(), register("js-people-value", golden));
            assertThat(deserializer.deserialize("js-people", framed)).isEqualTo(golden.value());
            JsonNode envelope = KafkaJsonSchemaSerializer.envelope(MAPPER.readTree(golden.schema()), golden.value());
            assertThat(serializer.serialize("js-people", envelope)).isEqualTo(framed);
            checked++;
        }
        assertThat(checked).isEqualTo(2);
        serializer.close();
        deserializer.close();
    }

    @Test
    void protobufMessagesWrittenByConfluentsClientReadBackAndAreWrittenIdentically() throws Exception {
        Map<String, String> lines = new java.util.LinkedHashMap<>();
        try (InputStream in = ConfluentJsRecordsTest.class.getResourceAsStream("/wire/confluent-js-protobuf.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.split(" \\| ");
                    lines.put(parts[0].trim(), parts[1].trim());
                }
            }
        }
        // Confluent's JavaScript client registers the base64 FileDescriptorProto form; register exactly that.
        ParsedSchema registered = SchemaProviders.of(SchemaType.PROTOBUF).parse(lines.remove("schema"), List.of(), Map.of());
        int id;
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.directUrl()))) {
            id = client.register("js-shop-value", registered, false);
        }
        FileDescriptor file = FileDescriptor.buildFrom(DescriptorProtos.FileDescriptorProto.newBuilder()
                .setName("acme/shop.proto").setPackage("acme.shop").setSyntax("proto3")
                .addMessageType(DescriptorProtos.DescriptorProto.newBuilder().setName("Order")
                        .addField(field("id", 1, Type.TYPE_INT64, false))
                        .addField(field("item", 2, Type.TYPE_STRING, false))
                        .addNestedType(DescriptorProtos.DescriptorProto.newBuilder().setName("Line")
                                .addField(field("sku", 1, Type.TYPE_STRING, false))))
                .addMessageType(DescriptorProtos.DescriptorProto.newBuilder().setName("Refund")
                        .addField(field("order_id", 1, Type.TYPE_INT64, false))
                        .addField(field("reasons", 2, Type.TYPE_STRING, true)))
                .build(), new FileDescriptor[0]);
        Descriptor order = file.findMessageTypeByName("Order");
        Descriptor refund = file.findMessageTypeByName("Refund");
        Descriptor line = order.findNestedTypeByName("Line");
        Map<String, Message> expected = Map.of(
                "acme.shop.Order", DynamicMessage.newBuilder(order).setField(order.findFieldByName("id"), 7L)
                        .setField(order.findFieldByName("item"), "book").build(),
                "acme.shop.Refund", DynamicMessage.newBuilder(refund).setField(refund.findFieldByName("order_id"), 7L)
                        .addRepeatedField(refund.findFieldByName("reasons"), "late")
                        .addRepeatedField(refund.findFieldByName("reasons"), "torn").build(),
                "acme.shop.Order.Line", DynamicMessage.newBuilder(line).setField(line.findFieldByName("sku"), "A-1").build());

        KafkaProtobufDeserializer<Message> deserializer = new KafkaProtobufDeserializer<>();
        deserializer.configure(registry.serdeConfig(), false);
        KafkaProtobufSerializer<Message> serializer = new KafkaProtobufSerializer<>();
        // Auto-registering the same file in .proto text form must find the base64 registration: same id.
        serializer.configure(registry.serdeConfig(), false);
        assertThat(lines).hasSize(3);
        for (Map.Entry<String, String> golden : lines.entrySet()) {
            byte[] framed = withId(HexFormat.of().parseHex(golden.getValue()), id);
            Message read = deserializer.deserialize("js-shop", framed);
            assertThat(read.getDescriptorForType().getFullName()).isEqualTo(golden.getKey());
            assertThat(read.toString()).isEqualTo(expected.get(golden.getKey()).toString());
            assertThat(serializer.serialize("js-shop", expected.get(golden.getKey()))).isEqualTo(framed);
        }
        serializer.close();
        deserializer.close();
    }

    private static DescriptorProtos.FieldDescriptorProto.Builder field(String name, int number, Type type,
                                                                     boolean repeated) {
        // protoc (and Confluent's JavaScript client) always fill in json_name; so does this file.
        return DescriptorProtos.FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(repeated ? Label.LABEL_REPEATED : Label.LABEL_OPTIONAL).setJsonName(jsonName(name));
    }

    private static String jsonName(String name) {
        StringBuilder json = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                json.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return json.toString();
    }

    private static int register(String subject, Golden golden) {
        ParsedSchema schema = SchemaProviders.of(golden.type()).parse(golden.schema(), List.of(), Map.of());
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.directUrl()))) {
            return client.register(subject, schema, false);
        }
    }

    private static byte[] withId(byte[] framed, int id) {
        byte[] copy = framed.clone();
        ByteBuffer.wrap(copy, 1, 4).putInt(id);
        return copy;
    }

    private static GenericRecord avroRecord(Schema schema, JsonNode value) {
        GenericData.Record record = new GenericData.Record(schema);
        record.put("id", value.get("id").asLong());
        record.put("customer", value.get("customer").asText());
        record.put("note", value.get("note").isNull() ? null : value.get("note").asText());
        List<Integer> lines = new ArrayList<>();
        value.get("lines").forEach(line -> lines.add(line.asInt()));
        record.put("lines", lines);
        record.put("price", value.get("price").asDouble());
        return record;
    }

    private static List<Golden> goldens(SchemaType type) throws Exception {
        List<Golden> goldens = new ArrayList<>();
        try (InputStream in = ConfluentJsRecordsTest.class.getResourceAsStream("/wire/confluent-js-records.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" \\| ");
                if (SchemaType.valueOf(parts[0].trim()) == type) {
                    goldens.add(new Golden(type, MAPPER.readTree(parts[1]).asText(), MAPPER.readTree(parts[2]),
                            HexFormat.of().parseHex(parts[3].trim())));
                }
            }
        }
        return goldens;
    }
}

package dev.ferry.converters.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.converters.GoldenFiles;
import dev.ferry.schema.SchemaProviders;
import dev.ferry.schema.SchemaType;
import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.client.SchemaRegistryClients;
import dev.ferry.serde.testing.TestRegistry;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Records written by Confluent's own Protobuf serializer (see {@code golden/confluent-js/README.md}). */
@WithKafka
class ConfluentJsGoldenTest {

    static TestRegistry registry;
    static int id;

    @BeforeAll
    static void registerTheGoldenSchema(KafkaBroker broker) throws IOException {
        registry = TestRegistry.start(broker);
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()))) {
            id = client.register("golden-pb-value", SchemaProviders.of(SchemaType.PROTOBUF).parse(
                    GoldenFiles.text("golden/confluent-js/golden.proto"), List.of(),
                    Map.of()), false);
        }
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    static ProtobufConverter converter() {
        ProtobufConverter converter = new ProtobufConverter();
        converter.configure(Map.of("schema.registry.url", registry.url()), false);
        return converter;
    }

    @Test
    void aMessageConfluentsSerializerWroteReadsBackAsItsStruct() throws IOException {
        Struct read = (Struct) converter().toConnectData("golden-pb", golden("protobuf-reading.hex")).value();

        assertThat(read.schema().name()).isEqualTo("Reading");
        assertThat(read.get("id")).isEqualTo(150);
        assertThat(read.get("sensor")).isEqualTo("hi");
        assertThat(read.get("temp")).isEqualTo(21.5);
        assertThat(read.getArray("tags")).containsExactly("a", "b");
    }

    @Test
    void aNestedMessageIsFoundByTheIndexesConfluentsSerializerWrote() throws IOException {
        Struct read = (Struct) converter().toConnectData("golden-pb", golden("protobuf-outer-inner.hex")).value();

        assertThat(read.schema().name()).isEqualTo("Inner");
        assertThat(read.get("b")).isEqualTo(42L);
    }

    @Test
    void theConverterWritesTheSameMessageBytesAsConfluentsSerializer() throws IOException {
        Schema reading = SchemaBuilder.struct().name("dev.ferry.golden.Reading")
                .field("id", Schema.INT32_SCHEMA).field("sensor", Schema.STRING_SCHEMA)
                .field("temp", Schema.FLOAT64_SCHEMA).field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
                .build();

        byte[] written = converter().fromConnectData("golden-pb-own", reading, new Struct(reading).put("id", 150)
                .put("sensor", "hi").put("temp", 21.5).put("tags", List.of("a", "b")));

        byte[] golden = golden("protobuf-reading.hex");
        assertThat(HexFormat.of().formatHex(Arrays.copyOfRange(written, 5, written.length)))
                .isEqualTo(HexFormat.of().formatHex(Arrays.copyOfRange(golden, 5, golden.length)));
    }

    /** A golden record with this registry's id for the golden schema in place of the one it was written with. */
    static byte[] golden(String name) {
        return GoldenFiles.withId(GoldenFiles.hex("golden/confluent-js/" + name), id);
    }
}

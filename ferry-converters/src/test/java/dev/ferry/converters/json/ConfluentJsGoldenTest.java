package dev.ferry.converters.json;

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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A record written by Confluent's own JSON Schema serializer (see {@code golden/confluent-js/README.md}). */
@WithKafka
class ConfluentJsGoldenTest {

    static TestRegistry registry;
    static int id;

    @BeforeAll
    static void registerTheGoldenSchema(KafkaBroker broker) throws IOException {
        registry = TestRegistry.start(broker);
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()))) {
            id = client.register("golden-json-value", SchemaProviders.of(SchemaType.JSON).parse(
                    GoldenFiles.text("golden/confluent-js/reading.schema.json"),
                    List.of(), Map.of()), false);
        }
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void aDocumentConfluentsSerializerWroteReadsBackValidAndAsItsStruct() throws IOException {
        JsonSchemaConverter converter = new JsonSchemaConverter();
        converter.configure(Map.of("schema.registry.url", registry.url(), "json.fail.invalid.schema", "true"), false);
        byte[] golden = golden("json-reading.hex");

        SchemaAndValue read = converter.toConnectData("golden-json", golden);

        Struct value = (Struct) read.value();
        assertThat(read.schema().name()).isEqualTo("Reading");
        assertThat(read.schema().field("id").schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(value.get("id")).isEqualTo(150L);
        assertThat(value.get("sensor")).isEqualTo("hi");
        assertThat(value.get("temp")).isEqualTo(21.5);
        assertThat(value.getArray("tags")).containsExactly("a", "b");
        // writing the struct back with the schema it came with gives Confluent's document byte for byte
        JsonSchemaData data = new JsonSchemaData(JsonSchemaDataConfig.defaults());
        assertThat(JsonSchemaData.write(data.fromConnectData(read.schema(), value)))
                .isEqualTo(new String(golden, 5, golden.length - 5, StandardCharsets.UTF_8));
    }

    static byte[] golden(String name) {
        return GoldenFiles.withId(GoldenFiles.hex("golden/confluent-js/" + name), id);
    }
}

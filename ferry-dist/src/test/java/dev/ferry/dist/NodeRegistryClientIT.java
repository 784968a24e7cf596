package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client written for Confluent Schema Registry in another language ({@code @kafkajs/confluent-schema-registry}
 * from npm) against {@code ferry registry}: it registers Avro, Protobuf and JSON Schema subjects and reads them back;
 * the records it encodes are decoded by Ferry's converters (named by Confluent's class names) in a sink, and the
 * records Ferry's converters write from a source are decoded by it.
 */
@WithKafka
class NodeRegistryClientIT {
    private static final List<String> FORMATS = List.of("avro", "protobuf", "json");
    private static final Map<String, String> CONVERTERS = Map.of(
            "avro", "io.confluent.connect.avro.AvroConverter",
            "protobuf", "io.confluent.connect.protobuf.ProtobufConverter",
            "json", "io.confluent.connect.json.JsonSchemaConverter");

    @TempDir
    Path dir;

    @Test
    void confluentClientFromNpm_andFerrysConverters_readEachOthersRecords(KafkaBroker broker) throws Exception {
        NodeClient node = NodeClient.install();
        Files.createDirectories(dir.resolve("worker"));
        try (RegistryProcess registry = RegistryProcess.start(dir.resolve("registry"), broker.bootstrapServers());
             WorkerProcess worker = WorkerProcess.start(dir.resolve("worker"), broker.bootstrapServers(), Map.of())) {
            JsonNode registered = node.call("register", registry.url());
            int avroId = registered.path("avro").path("id").asInt();
            assertThat(avroId).isPositive();
            assertThat(registered.path("latestAvroId").asInt()).isEqualTo(avroId);
            assertThat(registered.path("avroIdBySchema").asInt()).isEqualTo(avroId);
            assertThat(registered.path("avroRoundTrip").path("customer").asText()).isEqualTo("alice");
            assertThat(registry.get("/subjects").body()).contains("node-orders-avro-value", "node-orders-protobuf-value",
                    "node-orders-json-value");
            assertThat(registry.get("/schemas/ids/" + registered.path("protobuf").path("id").asInt()).body())
                    .contains("\"schemaType\":\"PROTOBUF\"");

            // The client's records, decoded by Ferry's converters in a sink.
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker.producerConfig(),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                for (String format : FORMATS) {
                    byte[] value = HexFormat.of().parseHex(registered.path(format).path("hex").asText());
                    producer.send(new ProducerRecord<>("node-" + format, value)).get();
                }
            }
            for (String format : FORMATS) {
                assertThat(worker.post("/connectors", sinkConfig(format, registry.url())).statusCode()).isEqualTo(201);
            }
            for (String format : FORMATS) {
                Path output = dir.resolve(format + "-sink.txt");
                worker.await(Duration.ofSeconds(60), format + " record decoded into " + output,
                        () -> Files.exists(output) && Files.readString(output).contains("customer=alice"));
                assertThat(Files.readString(output)).contains("id=42", "quantity=3", "paid=true");
            }

            // Ferry's records, decoded by the client.
            Path input = Files.writeString(dir.resolve("input.txt"), "hello from ferry\n");
            for (String format : FORMATS) {
                assertThat(worker.post("/connectors", sourceConfig(format, input, registry.url())).statusCode())
                        .isEqualTo(201);
            }
            for (String format : FORMATS) {
                String topic = "ferry-" + format;
                worker.await(Duration.ofSeconds(60), "a record in " + topic, () -> {
                    try {
                        return !TopicRecords.read(broker, topic).isEmpty();
                    } catch (AssertionError notYet) {
                        return false;
                    }
                });
                byte[] written = TopicRecords.read(broker, topic).get(0).value();
                assertThat(written[0]).as("magic byte").isZero();
                JsonNode decoded = node.call("decode", registry.url(), HexFormat.of().formatHex(written));
                assertThat(decoded.path("line").asText()).as(format + " decoded by the npm client: " + decoded)
                        .isEqualTo("hello from ferry");
            }
        }
    }

    private String sinkConfig(String format, String registryUrl) {
        return """
                {"name": "node-%1$s-sink", "config": {
                  "connector.class": "FileStreamSink",
                  "topics": "node-%1$s",
                  "file": "%2$s",
                  "value.converter": "%3$s",
                  "value.converter.schema.registry.url": "%4$s"}}
                """.formatted(format, dir.resolve(format + "-sink.txt"), CONVERTERS.get(format), registryUrl);
    }

    private static String sourceConfig(String format, Path input, String registryUrl) {
        return """
                {"name": "ferry-%1$s-source", "config": {
                  "connector.class": "FileStreamSource",
                  "topic": "ferry-%1$s",
                  "file": "%2$s",
                  "value.converter": "%3$s",
                  "value.converter.schema.registry.url": "%4$s",
                  "transforms": "wrap",
                  "transforms.wrap.type": "org.apache.kafka.connect.transforms.HoistField$Value",
                  "transforms.wrap.field": "line"}}
                """.formatted(format, input, CONVERTERS.get(format), registryUrl);
    }
}

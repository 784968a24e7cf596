package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The registry replaces a Confluent registry in place: started on a {@code _schemas} topic Confluent wrote
 * (the golden records), it serves every subject, version and id as they were and allocates new ids above them.
 */
@WithKafka
class ConfluentTakeoverServerTest {

    @Test
    void aRegistryStartedOnConfluentsTopicServesItsIdsAndContinuesAfterTheHighest(KafkaBroker broker) throws Exception {
        broker.createTopic("_schemas_confluent", 1, Map.of("cleanup.policy", "compact"));
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(broker.producerConfig())) {
            for (String line : goldenLines()) {
                int tab = line.indexOf('\t');
                String value = line.substring(tab + 1);
                producer.send(new ProducerRecord<>("_schemas_confluent", 0,
                        line.substring(0, tab).getBytes(StandardCharsets.UTF_8),
                        value.equals("null") ? null : value.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        try (RegistryServer registry = Registries.start(broker, "confluent")) {
            Http http = new Http(registry.url());
            assertThat(http.get("/subjects/orders-value/versions").body()).isEqualTo("[1,2,3]");
            assertThat(http.get("/subjects/orders-value/versions/2").json().get("id").asInt()).isEqualTo(2);
            assertThat(http.get("/schemas/ids/1/subjects").body()).isEqualTo("[\"orders-copy-value\",\"orders-value\"]");
            assertThat(http.get("/schemas/ids/6").json().get("schemaType").asText()).isEqualTo("PROTOBUF");
            assertThat(http.get("/schemas/ids/7").json().get("references").get(0).get("subject").asText())
                    .isEqualTo("orders-value");
            assertThat(http.get("/subjects/legacy-value/versions").errorCode()).isEqualTo(40401);
            assertThat(http.get("/subjects/legacy-value/versions?deleted=true").body()).isEqualTo("[1,2]");
            assertThat(http.get("/config/orders-value").json().get("compatibilityLevel").asText()).isEqualTo("FULL");
            assertThat(http.get("/mode/orders-copy-value").json().get("mode").asText()).isEqualTo("READONLY");
            assertThat(http.get("/schemas/ids/5").errorCode()).isEqualTo(40403);

            // Version 3 carries Confluent metadata: the latest with metadata, with and without a matching pair.
            JsonNode withMetadata = http.get("/subjects/orders-value/metadata").json();
            assertThat(withMetadata.get("version").asInt()).as(withMetadata.toString()).isEqualTo(3);
            assertThat(withMetadata.at("/metadata/properties/owner").asText()).isEqualTo("shop-team");
            assertThat(http.get("/subjects/orders-value/metadata?key=owner&value=shop-team").json().get("id").asInt())
                    .isEqualTo(8);
            assertThat(http.get("/subjects/orders-value/metadata?key=owner&value=other").errorCode()).isEqualTo(40403);
            assertThat(http.get("/subjects/orders-copy-value/metadata").errorCode()).isEqualTo(40403);
            assertThat(http.get("/subjects/nobody-value/metadata").errorCode()).isEqualTo(40401);

            Http.Response next = http.post("/subjects/new-value/versions", Http.schemaBody("\"double\""));
            assertThat(next.json().get("id").asInt()).as(next.toString()).isEqualTo(9);
            // Registering a schema Confluent stored answers Confluent's id.
            Http.Response known = http.post("/subjects/orders-value/versions", Http.schemaBody(
                    "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}"));
            assertThat(known.json().get("id").asInt()).as(known.toString()).isEqualTo(1);
        }
    }

    private static String[] goldenLines() throws IOException {
        try (InputStream in = ConfluentTakeoverServerTest.class.getResourceAsStream("/confluent-schemas-topic.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toArray(String[]::new);
        }
    }
}

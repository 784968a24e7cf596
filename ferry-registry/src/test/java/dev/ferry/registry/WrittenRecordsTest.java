package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** What the registry writes to its topic is what Confluent's registry writes for the same requests, byte for byte. */
@WithKafka
class WrittenRecordsTest {

    @Test
    void registrationsConfigsModesAndDeletesAreWrittenInConfluentsFormat(KafkaBroker broker) {
        try (RegistryServer registry = Registries.start(broker, "written")) {
            Http http = new Http(registry.url());
            http.post("/subjects/w-value/versions", Http.schemaBody("\"string\""));
            http.put("/config/w-value", "{\"compatibility\":\"FULL\"}");
            http.put("/mode/w-value", "{\"mode\":\"READWRITE\"}");
            http.delete("/subjects/w-value");
            http.delete("/subjects/w-value?permanent=true");
        }
        List<String> records = new ArrayList<>();
        Map<String, Object> config = new HashMap<>(broker.consumerConfig());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition("_schemas_written", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    if (!key.contains("NOOP")) {
                        records.add(key + " " + (record.value() == null ? "null"
                                : new String(record.value(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        assertThat(records).containsExactly(
                "{\"keytype\":\"SCHEMA\",\"subject\":\"w-value\",\"version\":1,\"magic\":1} {\"subject\":\"w-value\","
                        + "\"version\":1,\"id\":1,\"schemaType\":\"AVRO\",\"schema\":\"\\\"string\\\"\",\"deleted\":false}",
                "{\"keytype\":\"CONFIG\",\"subject\":\"w-value\",\"magic\":0} {\"subject\":\"w-value\","
                        + "\"compatibilityLevel\":\"FULL\"}",
                "{\"keytype\":\"MODE\",\"subject\":\"w-value\",\"magic\":0} {\"subject\":\"w-value\",\"mode\":\"READWRITE\"}",
                "{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"w-value\",\"magic\":0} {\"subject\":\"w-value\",\"version\":1}",
                "{\"keytype\":\"SCHEMA\",\"subject\":\"w-value\",\"version\":1,\"magic\":1} null",
                "{\"keytype\":\"MODE\",\"subject\":\"w-value\",\"magic\":0} null",
                "{\"keytype\":\"CONFIG\",\"subject\":\"w-value\",\"magic\":0} null");
    }
}

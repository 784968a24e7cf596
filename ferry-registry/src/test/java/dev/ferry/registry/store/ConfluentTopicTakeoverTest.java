package dev.ferry.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** A {@code _schemas} topic written in Confluent's format is read in place, keeping every id. */
@WithKafka
class ConfluentTopicTakeoverTest {

    private static KafkaLog.Settings settings(KafkaBroker broker, String topic) {
        Map<String, Object> client = new HashMap<>();
        client.put("bootstrap.servers", broker.bootstrapServers());
        return new KafkaLog.Settings(topic, 1, client, Map.of(), Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    private static void produceGolden(KafkaBroker broker, String topic) throws Exception {
        broker.createTopic(topic, 1, Map.of("cleanup.policy", "compact"));
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(broker.producerConfig())) {
            for (GoldenTopic.Line line : GoldenTopic.lines()) {
                producer.send(new ProducerRecord<>(topic, 0, line.keyBytes(), line.valueBytes())).get();
            }
        }
    }

    @Test
    void aTopicConfluentWroteIsReadIntoTheSameSubjectsVersionsIdsConfigsAndModes(KafkaBroker broker) throws Exception {
        produceGolden(broker, "_schemas_takeover");
        RegistryState state = new RegistryState();
        try (KafkaLog log = new KafkaLog(settings(broker, "_schemas_takeover"), state)) {
            log.start();

            assertThat(state.subjects(false, false)).containsExactly(":.staging:orders-value", "customer-value",
                    "orders-copy-value", "orders-value", "proto-value");
            assertThat(state.subjects(true, false)).contains("legacy-value").doesNotContain("gone-value");
            assertThat(state.subjects(false, true)).containsExactly("legacy-value");
            assertThat(state.versions("orders-value", false, false)).extracting(StoreValue.Schema::id)
                    .containsExactly(1, 2, 8);
            assertThat(state.version("orders-copy-value", 1).id()).isEqualTo(1);
            assertThat(state.version("legacy-value", 1).schemaType()).isEqualTo("AVRO");
            assertThat(state.version("legacy-value", 1).deleted()).isTrue();
            assertThat(state.version("legacy-value", 2).deleted()).isTrue();
            assertThat(state.version("gone-value", 1)).isNull();
            assertThat(state.version("proto-value", 1).schemaType()).isEqualTo("PROTOBUF");
            assertThat(state.version("customer-value", 1).references()).singleElement()
                    .satisfies(ref -> assertThat(ref.subject()).isEqualTo("orders-value"));
            assertThat(state.referencedBy("orders-value", 1, false)).containsExactly(7);
            assertThat(state.versionsOf(Contexts.DEFAULT, 1, false)).extracting(RegistryState.SubjectVersion::subject)
                    .containsExactly("orders-copy-value", "orders-value");
            assertThat(state.schemaById(".staging", 1, null).subject()).isEqualTo(":.staging:orders-value");
            assertThat(state.maxId(Contexts.DEFAULT)).isEqualTo(8);
            assertThat(state.maxId(".staging")).isEqualTo(1);
            assertThat(state.config(null).compatibilityLevel()).isEqualTo("BACKWARD");
            assertThat(state.config("orders-value").compatibilityLevel()).isEqualTo("FULL");
            assertThat(state.config("old-config-value").compatibilityLevel()).isEqualTo("NONE");
            assertThat(state.mode("orders-copy-value").mode()).isEqualTo("READONLY");
            assertThat(state.version("orders-value", 3).extras().get("metadata").toString()).contains("shop-team");
            assertThat(state.contexts()).containsExactly(".", ".staging");
        }
    }

    @Test
    void writesAreAppliedBeforeWriteReturnsAndASecondReaderSeesTheSameState(KafkaBroker broker) {
        RegistryState first = new RegistryState();
        try (KafkaLog log = new KafkaLog(settings(broker, "_schemas_writes"), first)) {
            log.start();
            log.write(new StoreKey.Schema("a-value", 1),
                    new StoreValue.Schema("a-value", 1, 1, "AVRO", List.of(), "\"string\"", false, null));
            assertThat(first.version("a-value", 1).id()).isEqualTo(1);
            log.write(new StoreKey.Config("a-value"), new StoreValue.Config("a-value", "NONE", null));
            log.write(new StoreKey.Config("a-value"), null);
            assertThat(first.config("a-value")).isNull();
            log.catchUp();

            RegistryState second = new RegistryState();
            try (KafkaLog other = new KafkaLog(settings(broker, "_schemas_writes"), second)) {
                other.start();
                assertThat(second.version("a-value", 1)).isEqualTo(first.version("a-value", 1));
                assertThat(second.config("a-value")).isNull();
            }
        }
    }

    @Test
    void aSchemasTopicWithTwoPartitionsIsRefusedNamingTheFix(KafkaBroker broker) {
        broker.createTopic("_schemas_two_partitions", 2, Map.of("cleanup.policy", "compact"));
        try (KafkaLog log = new KafkaLog(settings(broker, "_schemas_two_partitions"), new RegistryState())) {
            assertThatThrownBy(log::start).isInstanceOf(StoreException.class)
                    .hasMessageContaining("2 partitions").hasMessageContaining("exactly 1");
        }
    }

    @Test
    void aSchemasTopicThatIsNotCompactedIsRefusedNamingTheFix(KafkaBroker broker) {
        broker.createTopic("_schemas_deleting", 1, Map.of("cleanup.policy", "delete"));
        try (KafkaLog log = new KafkaLog(settings(broker, "_schemas_deleting"), new RegistryState())) {
            assertThatThrownBy(log::start).isInstanceOf(StoreException.class)
                    .hasMessageContaining("cleanup.policy=delete").hasMessageContaining("compact");
        }
    }
}

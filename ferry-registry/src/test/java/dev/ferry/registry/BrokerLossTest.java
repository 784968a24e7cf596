package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.KafkaBroker;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the Kafka cluster goes away, reads keep working from memory and writes fail fast with 50002. */
class BrokerLossTest {

    @Test
    void writesAnswer50002WithinTheStoreTimeoutAndReadsStillWorkWhenTheBrokerIsGone() {
        KafkaBroker broker = KafkaBroker.builder().build().start();
        RegistryServer registry = null;
        try {
            Map<String, String> properties = Registries.properties(broker, "broker-loss");
            properties.put("kafkastore.timeout.ms", "2000");
            registry = RegistryServer.start(RegistryConfig.from(properties, Map.of()));
            Http http = new Http(registry.url());
            assertThat(http.post("/subjects/kept-value/versions", Http.schemaBody("\"string\"")).status()).isEqualTo(200);

            broker.close();

            long started = System.nanoTime();
            Http.Response refused = http.post("/subjects/lost-value/versions", Http.schemaBody("\"long\""));
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(refused.status()).as(refused.toString()).isEqualTo(500);
            assertThat(refused.errorCode()).as(refused.toString()).isIn(50002, 50004);
            assertThat(tookMs).isLessThan(15_000);
            assertThat(http.get("/subjects/kept-value/versions/1").status()).isEqualTo(200);
        } finally {
            if (registry != null) {
                registry.close();
            }
            broker.close();
        }
    }
}

package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.schema.CompatibilityLevel;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

    @Test
    void confluentsDefaultsApplyWhenOnlyTheBootstrapServersAreSet() {
        RegistryConfig config = RegistryConfig.from(Map.of("kafkastore.bootstrap.servers", "PLAINTEXT://broker:9092"),
                Map.of());
        assertThat(config.listeners()).containsExactly(URI.create("http://0.0.0.0:8081"));
        assertThat(config.bootstrapServers()).isEqualTo("broker:9092");
        assertThat(config.topic()).isEqualTo("_schemas");
        assertThat(config.groupId()).isEqualTo("schema-registry");
        assertThat(config.compatibilityLevel()).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(config.replicationFactor()).isEqualTo(3);
        assertThat(config.leaderEligible()).isTrue();
    }

    @Test
    void theImagesEnvironmentVariablesMapToPropertiesAndWin() {
        RegistryConfig config = RegistryConfig.from(
                Map.of("kafkastore.bootstrap.servers", "from-file:9092", "kafkastore.topic", "file-topic"),
                Map.of("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "from-env:9092",
                        "SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:18081",
                        "SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL", "full_transitive",
                        "SCHEMA_REGISTRY_KAFKASTORE_SECURITY_PROTOCOL", "SASL_SSL",
                        "SCHEMA_REGISTRY_KAFKASTORE_SASL_JAAS_CONFIG", "jaas",
                        "OTHER_VARIABLE", "ignored"));
        assertThat(config.bootstrapServers()).isEqualTo("from-env:9092");
        assertThat(config.topic()).isEqualTo("file-topic");
        assertThat(config.listeners()).containsExactly(URI.create("http://0.0.0.0:18081"));
        assertThat(config.compatibilityLevel()).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(config.kafkaClientConfig()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "jaas").containsEntry("bootstrap.servers", "from-env:9092")
                .doesNotContainKey("topic");
    }

    @Test
    void doubleAndTripleUnderscoresMapToUnderscoreAndDash() {
        assertThat(RegistryConfig.propertyName("KAFKASTORE_SSL_KEY__PASSWORD")).isEqualTo("kafkastore.ssl.key_password");
        assertThat(RegistryConfig.propertyName("SOME___NAME")).isEqualTo("some-name");
    }

    @Test
    void kafkastoreClientSettingsArePassedWithoutThePrefixButTheRegistrysOwnAreNot() {
        RegistryConfig config = RegistryConfig.from(Map.of("kafkastore.bootstrap.servers", "b:9092",
                "kafkastore.ssl.truststore.location", "/t.jks", "kafkastore.timeout.ms", "700",
                "kafkastore.topic.config.min.insync.replicas", "2"), Map.of());
        assertThat(config.kafkaClientConfig()).containsEntry("ssl.truststore.location", "/t.jks")
                .doesNotContainKeys("timeout.ms", "topic.config.min.insync.replicas");
        assertThat(config.topicConfigs()).containsEntry("min.insync.replicas", "2");
        assertThat(config.storeTimeout().toMillis()).isEqualTo(700);
    }

    @Test
    void missingBootstrapServersFailNamingThePropertyAndTheEnvironmentVariable() {
        assertThatThrownBy(() -> RegistryConfig.from(Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kafkastore.bootstrap.servers")
                .hasMessageContaining("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS");
    }

    @Test
    void badValuesFailNamingThePropertyAndTheFix() {
        Map<String, String> base = Map.of("kafkastore.bootstrap.servers", "b:9092");
        assertThatThrownBy(() -> RegistryConfig.from(with(base, "schema.compatibility.level", "sideways"), Map.of()))
                .hasMessageContaining("schema.compatibility.level=sideways").hasMessageContaining("full_transitive");
        assertThatThrownBy(() -> RegistryConfig.from(with(base, "kafkastore.timeout.ms", "soon"), Map.of()))
                .hasMessageContaining("kafkastore.timeout.ms=soon");
        assertThatThrownBy(() -> RegistryConfig.from(with(base, "listeners", "https://0.0.0.0:8081"), Map.of()))
                .hasMessageContaining("listeners");
        assertThatThrownBy(() -> RegistryConfig.from(with(base, "leader.eligibility", "maybe"), Map.of()))
                .hasMessageContaining("leader.eligibility=maybe");
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        java.util.Map<String, String> copy = new java.util.HashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}

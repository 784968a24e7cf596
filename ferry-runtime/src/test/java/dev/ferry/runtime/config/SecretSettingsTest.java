package dev.ferry.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretSettingsTest {
    @ParameterizedTest
    @CsvSource({"ssl.key.password", "ssl.keystore.password", "sasl.jaas.config", "producer.sasl.jaas.config",
            "consumer.override.ssl.truststore.password", "ssl.keystore.key", "sasl.oauthbearer.client.secret",
            "value.converter.basic.auth.user.info", "connection.password", "DB_PASSWORD"})
    void settingsThatHoldSecrets_areSecret(String name) {
        assertThat(SecretSettings.isSecret(name)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"key.converter", "key.converter.schemas.enable", "bootstrap.servers", "listeners",
            "value.converter.basic.auth.credentials.source", "ssl.keystore.location", "config.providers",
            "sasl.mechanism", "offset.storage.topic"})
    void ordinarySettings_areNotSecret(String name) {
        assertThat(SecretSettings.isSecret(name)).isFalse();
    }
}

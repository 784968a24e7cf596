package dev.ferry.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentConfigTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "CONNECT_BOOTSTRAP_SERVERS, bootstrap.servers",
            "CONNECT_KEY_CONVERTER_SCHEMA_REGISTRY_URL, key.converter.schema.registry.url",
            "CONNECT_CONFIG_PROVIDERS_FILE_CLASS, config.providers.file.class",
            "CONNECT_PRODUCER_SASL_JAAS_CONFIG, producer.sasl.jaas.config",
            "CONNECT_KEY__UNDERSCORE, key_underscore",
            "CONNECT_KEY_WITH___DASH_AND___MORE__UNDERSCORE, key.with-dash.and-more_underscore",
            "CONNECT_A_B_C, a.b.c",
            "CONNECT_GROUP_ID, group.id",
            "CONNECT_REST_ADVERTISED_HOST_NAME, rest.advertised.host.name",
            "CONNECT_OFFSET_STORAGE_FILE_FILENAME, offset.storage.file.filename",
            "CONNECT_METRIC_REPORTERS, metric.reporters",
            "CONNECT_LISTENERS_HTTPS_SSL_KEYSTORE_LOCATION, listeners.https.ssl.keystore.location",
    })
    void variable_mapsToPropertyByTheCpImageRule(String variable, String property) {
        Map<String, String> props = EnvironmentConfig.workerPropsFromEnvironment(Map.of(variable, "v"));

        assertThat(props).containsExactly(Map.entry(property, "v"));
    }

    @Test
    void valuesAreTakenVerbatim() {
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"a\" password=\"b#c\\d\";";

        Map<String, String> props = EnvironmentConfig.workerPropsFromEnvironment(Map.of("CONNECT_SASL_JAAS_CONFIG", jaas));

        assertThat(props).containsEntry("sasl.jaas.config", jaas);
    }

    @Test
    void variablesWithoutThePrefixOrMeantForTheImageScripts_areIgnored() {
        Map<String, String> props = EnvironmentConfig.workerPropsFromEnvironment(Map.of(
                "KAFKA_HEAP_OPTS", "-Xmx1g",
                "CONNECT_", "x",
                "CONNECT_LOG4J_ROOT_LOGLEVEL", "DEBUG",
                "CONNECT_LOG4J_LOGGERS", "org.reflections=ERROR",
                "CONNECT_CUB_KAFKA_TIMEOUT", "40",
                "CONNECT_INTERNAL_KEY_CONVERTER", "org.apache.kafka.connect.json.JsonConverter",
                "connect_bootstrap_servers", "lower-case is not the prefix"));

        assertThat(props).isEmpty();
    }

    @Test
    void restPort_becomesListenersWhenNoListenersAreSet() {
        Map<String, String> props = EnvironmentConfig.workerPropsFromEnvironment(Map.of("CONNECT_REST_PORT", "8083"));

        assertThat(props).containsExactly(Map.entry("listeners", "http://:8083"));
    }

    @Test
    void restPort_isIgnoredWhenListenersAreSet() {
        Map<String, String> props = EnvironmentConfig.workerPropsFromEnvironment(Map.of(
                "CONNECT_REST_PORT", "8083", "CONNECT_LISTENERS", "https://:9443"));

        assertThat(props).containsExactly(Map.entry("listeners", "https://:9443"));
    }

    @Test
    void restPort_thatIsNotANumber_namesTheVariableAndTheFix() {
        assertThatThrownBy(() -> EnvironmentConfig.workerPropsFromEnvironment(Map.of("CONNECT_REST_PORT", "eighty")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CONNECT_REST_PORT")
                .hasMessageContaining("eighty")
                .hasMessageContaining("CONNECT_LISTENERS=http://:8083");
    }

    @Test
    void merge_environmentWinsOverTheFile() {
        Map<String, String> file = Map.of("bootstrap.servers", "file:9092", "group.id", "from-file");

        Map<String, String> merged = EnvironmentConfig.merge(file, Map.of("CONNECT_BOOTSTRAP_SERVERS", "env:9092"));

        assertThat(merged).containsEntry("bootstrap.servers", "env:9092").containsEntry("group.id", "from-file");
    }

    @Test
    void merge_restPortOverridesListenersFromTheFile_asTheCpImageUserExpects() {
        Map<String, String> merged = EnvironmentConfig.merge(Map.of("listeners", "http://:8083"),
                Map.of("CONNECT_REST_PORT", "18083"));

        assertThat(merged).containsEntry("listeners", "http://:18083");
    }

    @Test
    void resolve_notesEachOverriddenAndIgnoredVariable_withItsReason() {
        Map<String, String> file = Map.of("bootstrap.servers", "file:9092", "listeners", "http://:8083",
                "group.id", "same");

        EnvironmentConfig.Resolution resolution = EnvironmentConfig.resolve(file, "w.properties", Map.of(
                "CONNECT_BOOTSTRAP_SERVERS", "env:9092", "CONNECT_REST_PORT", "18083", "CONNECT_GROUP_ID", "same",
                "CONNECT_LOG4J_ROOT_LOGLEVEL", "DEBUG", "CONNECT_CUB_KAFKA_TIMEOUT", "40",
                "CONNECT_INTERNAL_KEY_CONVERTER", "x", "CONNECT_TOPIC_CREATION_ENABLE", "true", "PATH", "/bin"));

        assertThat(resolution.properties()).containsEntry("bootstrap.servers", "env:9092")
                .containsEntry("listeners", "http://:18083").containsEntry("topic.creation.enable", "true")
                .doesNotContainKeys("log4j.root.loglevel", "cub.kafka.timeout", "internal.key.converter");
        assertThat(resolution.notes()).containsExactly(
                "CONNECT_BOOTSTRAP_SERVERS overrides bootstrap.servers from w.properties: "
                        + "bootstrap.servers=env:9092 instead of file:9092.",
                "CONNECT_CUB_KAFKA_TIMEOUT is ignored: CONNECT_CUB_* configure the cp image's wait for Kafka "
                        + "before start, not the worker.",
                "CONNECT_INTERNAL_KEY_CONVERTER is ignored: CONNECT_INTERNAL_* set the internal converters, which "
                        + "Apache Kafka removed in 3.0; the worker ignores them.",
                "CONNECT_LOG4J_ROOT_LOGLEVEL is ignored: CONNECT_LOG4J_* configure the cp image's logging, not the "
                        + "worker (Ferry's image maps them to its logging).",
                "CONNECT_REST_PORT overrides listeners from w.properties: listeners=http://:18083 instead of "
                        + "http://:8083.");
    }

    @Test
    void resolve_restPortIsIgnoredWithAReason_whenListenersComeFromAVariable() {
        EnvironmentConfig.Resolution resolution = EnvironmentConfig.resolve(Map.of(), "w.properties",
                Map.of("CONNECT_LISTENERS", "http://:9100", "CONNECT_REST_PORT", "8083"));

        assertThat(resolution.properties()).containsOnly(Map.entry("listeners", "http://:9100"));
        assertThat(resolution.notes()).containsExactly(
                "CONNECT_REST_PORT is ignored: CONNECT_LISTENERS sets listeners, which is what the worker reads.");
    }

    @Test
    void resolve_neverShowsASecretValueInItsNotes() {
        EnvironmentConfig.Resolution resolution = EnvironmentConfig.resolve(
                Map.of("sasl.jaas.config", "file-jaas-Secret", "ssl.key.password", "file-pw"), "w.properties",
                Map.of("CONNECT_SASL_JAAS_CONFIG", "env-jaas-Secret", "CONNECT_SSL_KEY_PASSWORD", "env-pw"));

        assertThat(resolution.properties()).containsEntry("sasl.jaas.config", "env-jaas-Secret");
        assertThat(resolution.notes()).hasSize(2).allSatisfy(note -> assertThat(note).contains("[hidden]")
                .doesNotContain("Secret").doesNotContain("-pw"));
    }

    @Test
    void merge_listenersVariableOverridesListenersFromTheFile() {
        Map<String, String> merged = EnvironmentConfig.merge(Map.of("listeners", "http://:9000"),
                Map.of("CONNECT_LISTENERS", "http://:9100", "CONNECT_REST_PORT", "8083"));

        assertThat(merged).containsEntry("listeners", "http://:9100");
    }

    @ParameterizedTest
    @CsvSource({"bootstrap.servers", "key.converter.schema.registry.url", "key_underscore", "key.with-dash.and-more_underscore",
            "offset.storage.file.filename"})
    void envVarFor_isTheInverseOfTheMapping(String property) {
        String variable = EnvironmentConfig.envVarFor(property);

        assertThat(EnvironmentConfig.workerPropsFromEnvironment(Map.of(variable, "v"))).containsOnlyKeys(property);
    }
}

package dev.ferry.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("offset.storage.file.filename", "/tmp/offsets");
        return props;
    }

    @Test
    void minimalStandaloneConfig_hasApachesDefaults() {
        StandaloneConfig config = new StandaloneConfig(minimal());

        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.offsetStorageFile()).isEqualTo("/tmp/offsets");
        assertThat(config.listeners()).containsExactly("http://:8083");
        assertThat(config.adminListeners()).isNull();
        assertThat(config.headerConverter()).isEqualTo("org.apache.kafka.connect.storage.SimpleHeaderConverter");
        assertThat(config.keyConverter()).isEqualTo("org.apache.kafka.connect.storage.StringConverter");
        assertThat(config.taskShutdownGracefulTimeoutMs()).isEqualTo(5000L);
        assertThat(config.offsetCommitInterval()).isEqualTo(60000L);
        assertThat(config.offsetCommitTimeout()).isEqualTo(5000L);
        assertThat(config.pluginPath()).isEmpty();
        assertThat(config.pluginDiscovery()).isEqualTo("hybrid_warn");
        assertThat(config.configProviders()).isEmpty();
        assertThat(config.connectorClientConfigOverridePolicy()).isEqualTo("All");
        assertThat(config.topicCreationEnable()).isTrue();
        assertThat(config.topicTrackingEnable()).isTrue();
        assertThat(config.topicTrackingAllowReset()).isTrue();
        assertThat(config.metricReporters()).containsExactly("org.apache.kafka.common.metrics.JmxReporter");
        assertThat(config.getLong("metrics.sample.window.ms")).isEqualTo(30000L);
        assertThat(config.getInt("metrics.num.samples")).isEqualTo(2);
        assertThat(config.getString("metrics.recording.level")).isEqualTo("INFO");
        assertThat(config.getString("client.dns.lookup")).isEqualTo("use_all_dns_ips");
        assertThat(config.getString("security.protocol")).isEqualTo("PLAINTEXT");
        assertThat(config.getString("ssl.protocol")).isEqualTo("TLSv1.3");
        assertThat(config.getString("ssl.client.auth")).isEqualTo("none");
        assertThat(config.allowedOrigins()).isEmpty();
        assertThat(config.restExtensionClasses()).isEmpty();
        assertThat(config.groupId()).isNull();
        assertThat(config.exactlyOnceSourceEnabled()).isFalse();
    }

    @Test
    void definitions_matchApachesNamesTypesAndDefaults() {
        Map<String, ConfigDef.ConfigKey> keys = StandaloneConfig.configDef().configKeys();

        assertThat(keys.get("bootstrap.servers").hasDefault()).isFalse();
        assertThat(keys.get("bootstrap.servers").type).isEqualTo(ConfigDef.Type.LIST);
        assertThat(keys.get("key.converter").type).isEqualTo(ConfigDef.Type.CLASS);
        assertThat(keys.get("key.converter").hasDefault()).isFalse();
        assertThat(keys.get("key.converter.plugin.version").defaultValue).isNull();
        assertThat(keys.get("plugin.path").defaultValue).isNull();
        assertThat(keys.get("admin.listeners").defaultValue).isNull();
        assertThat(keys.get("rest.advertised.port").type).isEqualTo(ConfigDef.Type.INT);
        assertThat(keys.get("response.http.headers.config").defaultValue).isEqualTo("");
        assertThat(keys.get("offset.storage.file.filename").hasDefault()).isFalse();
        assertThat(keys).containsKeys("access.control.allow.origin", "access.control.allow.methods", "rest.extension.classes",
                "rest.advertised.host.name", "rest.advertised.listener", "topic.tracking.allow.reset", "metric.reporters",
                "ssl.keystore.location", "ssl.truststore.password", "sasl.mechanism", "sasl.jaas.config",
                "header.converter.plugin.version", "value.converter.plugin.version");
    }

    @Test
    void missingRequiredSettings_areAllListedWithTheEnvironmentVariableThatSetsThem() {
        assertThatThrownBy(() -> new StandaloneConfig(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("4 problem(s)")
                .hasMessageContaining("bootstrap.servers: Missing required configuration")
                .hasMessageContaining("'bootstrap.servers=localhost:9092'")
                .hasMessageContaining("CONNECT_BOOTSTRAP_SERVERS")
                .hasMessageContaining("key.converter: Missing required configuration")
                .hasMessageContaining("value.converter: Missing required configuration")
                .hasMessageContaining("offset.storage.file.filename: Missing required configuration")
                .hasMessageContaining("CONNECT_OFFSET_STORAGE_FILE_FILENAME");
    }

    @Test
    void unknownConverter_namesTheKeyTheValueAndPluginPath() {
        Map<String, String> props = minimal();
        props.put("value.converter", "com.example.NoSuchConverter");

        assertThatThrownBy(() -> new StandaloneConfig(props))
                .hasMessageContaining("value.converter")
                .hasMessageContaining("com.example.NoSuchConverter")
                .hasMessageContaining("plugin.path");
    }

    @Test
    void listenerWithAnUnsupportedProtocol_isRejectedWithAnExample() {
        Map<String, String> props = minimal();
        props.put("listeners", "http://:8083,ftp://:21");

        assertThatThrownBy(() -> new StandaloneConfig(props))
                .hasMessageContaining("listeners")
                .hasMessageContaining("ftp://:21")
                .hasMessageContaining("http or https");
    }

    @Test
    void listenerWithoutAPort_isRejected() {
        Map<String, String> props = minimal();
        props.put("listeners", "http://localhost");

        assertThatThrownBy(() -> new StandaloneConfig(props)).hasMessageContaining("port");
    }

    @Test
    void emptyAdminListeners_disableAdminEndpoints() {
        Map<String, String> props = minimal();
        props.put("admin.listeners", "");

        assertThat(new StandaloneConfig(props).adminListeners()).isEmpty();
    }

    @Test
    void duplicateBootstrapServers_areRejected() {
        Map<String, String> props = minimal();
        props.put("bootstrap.servers", "a:9092,a:9092");

        assertThatThrownBy(() -> new StandaloneConfig(props))
                .hasMessageContaining("bootstrap.servers")
                .hasMessageContaining("more than once");
    }

    @Test
    void invalidEnumValue_listsTheValidValues() {
        Map<String, String> props = minimal();
        props.put("plugin.discovery", "sometimes");

        assertThatThrownBy(() -> new StandaloneConfig(props))
                .hasMessageContaining("plugin.discovery")
                .hasMessageContaining("sometimes")
                .hasMessageContainingAll("ONLY_SCAN", "SERVICE_LOAD", "HYBRID_WARN", "HYBRID_FAIL")
                .hasMessageContaining("CONNECT_PLUGIN_DISCOVERY");
    }

    @Test
    void pluginDiscovery_isCaseInsensitive() {
        Map<String, String> props = minimal();
        props.put("plugin.discovery", "SERVICE_LOAD");

        assertThat(new StandaloneConfig(props).pluginDiscovery()).isEqualTo("service_load");
    }

    @Test
    void responseHeaderRules_areValidatedAndSplitOutsideQuotes() {
        Map<String, String> props = minimal();
        props.put("response.http.headers.config", "set X-Frame-Options:DENY,\"add Cache-Control: no-cache, no-store\"");

        assertThat(new StandaloneConfig(props).responseHttpHeaders())
                .containsExactly("set X-Frame-Options:DENY", "add Cache-Control: no-cache, no-store");

        props.put("response.http.headers.config", "replace X-Frame-Options:DENY");
        assertThatThrownBy(() -> new StandaloneConfig(props)).hasMessageContaining("Unknown header action 'replace'");
    }

    @Test
    void pluginPath_isTheRawValueEvenWhenItHasReferences() {
        Map<String, String> props = minimal();
        props.put("plugin.path", "/opt/connectors, ${env:PLUGINS}");

        assertThat(new StandaloneConfig(props).pluginPath()).containsExactly("/opt/connectors", "${env:PLUGINS}");
        assertThat(WorkerConfig.pluginPath(Map.of("plugin.path", " /a ,/b"))).containsExactly("/a", "/b");
    }

    @Test
    void workerReferences_areResolvedWithTheWorkersOwnProviders(@TempDir Path dir) throws IOException {
        Path secrets = dir.resolve("worker.properties");
        Files.writeString(secrets, "servers=broker:9093\n");
        Map<String, String> props = minimal();
        props.put("config.providers", "file");
        props.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        props.put("bootstrap.servers", "${file:" + secrets + ":servers}");

        StandaloneConfig config = new StandaloneConfig(props);

        assertThat(config.bootstrapServers()).isEqualTo("broker:9093");
        assertThat(config.rawProps()).containsEntry("bootstrap.servers", "${file:" + secrets + ":servers}");
        assertThat(config.originals()).doesNotContainKey("config.providers");
    }

    @Test
    void removedSettings_areIgnoredNotRejected() {
        Map<String, String> props = minimal();
        props.put("rest.port", "8083");
        props.put("internal.key.converter", "org.apache.kafka.connect.json.JsonConverter");

        assertThat(new StandaloneConfig(props).listeners()).containsExactly("http://:8083");
    }

    @Test
    void converterSettings_areReadWithTheirPrefix() {
        Map<String, String> props = minimal();
        props.put("value.converter.schemas.enable", "false");

        assertThat(new StandaloneConfig(props).converterSettings("value.converter")).containsEntry("schemas.enable", "false");
    }

    @Test
    void environmentMapping_producesAValidWorkerConfig() {
        Map<String, String> env = Map.of(
                "CONNECT_BOOTSTRAP_SERVERS", "kafka:9092",
                "CONNECT_KEY_CONVERTER", "org.apache.kafka.connect.storage.StringConverter",
                "CONNECT_VALUE_CONVERTER", "org.apache.kafka.connect.storage.StringConverter",
                "CONNECT_OFFSET_STORAGE_FILE_FILENAME", "/data/offsets",
                "CONNECT_REST_PORT", "28083",
                "CONNECT_REST_ADVERTISED_HOST_NAME", "connect");

        StandaloneConfig config = new StandaloneConfig(EnvironmentConfig.workerPropsFromEnvironment(env));

        assertThat(config.listeners()).isEqualTo(List.of("http://:28083"));
        assertThat(config.restAdvertisedHostName()).isEqualTo("connect");
    }
}

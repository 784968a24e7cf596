package dev.ferry.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.config.fixtures.FixturePlugins;
import dev.ferry.runtime.model.ValidationResult;
import dev.ferry.runtime.policy.AllConnectorClientConfigOverridePolicy;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;

/**
 * The plugin settings of a validate answer show what Apache 4.3.1's show (checked against a real
 * Apache worker by the differential REST suite): the installed plugins as recommendations, the
 * versions in use as defaults, and the worker's converters as the connector's defaults.
 */
class PluginDefaultsTest {
    private static final String SINK = "dev.ferry.runtime.config.fixtures.FixtureSinkConnector";
    private static final String TRANSFORMATION = "dev.ferry.runtime.config.fixtures.FixtureTransformation";
    private static final String CONVERTER = "dev.ferry.runtime.config.fixtures.FixtureConverter";

    private static ConnectorConfigValidator validator() {
        StandaloneConfig worker = new StandaloneConfig(Map.of(
                "bootstrap.servers", "broker:9092",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.storage.StringConverter",
                "offset.storage.file.filename", "/tmp/offsets"));
        return new ConnectorConfigValidator(FixturePlugins.plugins(), worker,
                ConfigResolver.fromWorkerConfig(worker, ConfigResolver.ProviderFactory.CLASSPATH),
                new AllConnectorClientConfigOverridePolicy());
    }

    private static ValidationResult validate(String... keysAndValues) {
        Map<String, String> config = new HashMap<>(Map.of("name", "s", "connector.class", SINK, "topics", "orders"));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return validator().validate(config);
    }

    private static ValidationResult.Entry entry(ValidationResult result, String name) {
        return result.configs().stream().filter(e -> e.definition() != null && e.definition().name.equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no entry " + name));
    }

    @Test
    void aConverterTheConnectorDoesNotSet_defaultsToTheWorkers_andRecommendsTheInstalledConverters() {
        ValidationResult.Entry key = entry(validate(), "key.converter");

        assertThat(key.definition().defaultValue).isEqualTo(StringConverter.class);
        assertThat(key.value().value()).isEqualTo(StringConverter.class);
        assertThat(key.value().recommendedValues()).contains(CONVERTER);
    }

    @Test
    void pluginVersions_defaultToTheVersionInUse_andRecommendTheInstalledOnes() {
        ValidationResult result = validate("transforms", "t", "transforms.t.type", TRANSFORMATION);
        String connectorVersion = FixturePlugins.plugins().versionOf(FixturePlugins.plugins().connectorClass(SINK, null));

        ValidationResult.Entry connector = entry(result, "connector.plugin.version");
        assertThat(connector.definition().defaultValue).isEqualTo(connectorVersion);
        assertThat(connector.value().recommendedValues()).containsExactly(connectorVersion);

        ValidationResult.Entry smtVersion = entry(result, "transforms.t.plugin.version");
        assertThat(smtVersion.definition().defaultValue).isNotNull();
        assertThat(smtVersion.definition().importance).isEqualTo(ConfigDef.Importance.HIGH);
        assertThat(smtVersion.definition().width).isEqualTo(ConfigDef.Width.LONG);
        assertThat(smtVersion.definition().displayName).isEqualTo("Transformation version for t");
        assertThat(entry(result, "transforms.t.type").value().recommendedValues()).contains(TRANSFORMATION);
    }

    @Test
    void aTransformationThatCannotBeFound_showsOnlyItsTypeAndVersion_stillRecommendingTheInstalledOnes() {
        ValidationResult result = validate("transforms", "t", "transforms.t.type", "NoSuchTransformation");

        assertThat(entry(result, "transforms.t.type").value().errorMessages()).isNotEmpty();
        assertThat(entry(result, "transforms.t.type").value().recommendedValues()).contains(TRANSFORMATION);
        assertThat(result.configs()).noneMatch(e -> e.definition() != null
                && e.definition().name.equals("transforms.t.predicate"));
    }

    @Test
    void aConnectorsConfigListing_defaultsItsVersionToTheInstalledOne() {
        ConfigKey version = validator().pluginConfigKeys(SINK, null).stream()
                .filter(k -> k.name.equals("connector.plugin.version")).findFirst().orElseThrow();

        assertThat(version.defaultValue)
                .isEqualTo(FixturePlugins.plugins().versionOf(FixturePlugins.plugins().connectorClass(SINK, null)));
    }
}

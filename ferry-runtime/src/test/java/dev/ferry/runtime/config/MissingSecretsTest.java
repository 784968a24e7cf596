package dev.ferry.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.config.fixtures.FixturePlugins;
import dev.ferry.runtime.model.InvalidRequestException;
import dev.ferry.runtime.policy.AllConnectorClientConfigOverridePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.config.provider.DirectoryConfigProvider;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault catalogue: a connector config referring to a secret that is not there, with Kafka's own
 * file, directory and environment providers. A reference to a provider the worker lacks, or to a
 * file a provider cannot read, is refused when the connector is created or validated (a 400); a
 * key the provider lacks on this worker is refused when the connector or task starts (it is FAILED
 * with the reason, see {@code MissingSecretWorkerTest}). Every message names the setting, the
 * reference and the fix, and none contains a secret the providers did resolve.
 */
class MissingSecretsTest {
    private static final String SECRET = "pw-7f3a9c";
    private static final String SINK = "dev.ferry.runtime.config.fixtures.FixtureSinkConnector";

    @TempDir
    Path dir;

    @Test
    void unknownProvider_isRefusedOnCreate_namingTheProvidersThereAre() throws Exception {
        Path secrets = Files.writeString(dir.resolve("db.properties"), "password=" + SECRET + "\n");
        Map<String, String> config = sink("user.password", "${file:" + secrets + ":password}",
                "token", "${vault:secret/db:token}");

        assertThatThrownBy(() -> validator().validate(config))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Could not resolve the ${...} references in the connector configuration: Setting 'token' "
                        + "refers to ${vault:secret/db:token}, but this worker has no config provider named 'vault' "
                        + "(config.providers is 'file,dir,env'). Add 'vault' to config.providers in the worker "
                        + "configuration with its config.providers.vault.class, or correct the provider name in the "
                        + "reference.")
                .message().doesNotContain(SECRET);
    }

    @Test
    void missingFile_isRefusedOnCreate_namingTheFile() {
        Path absent = dir.resolve("absent.properties");

        assertThatThrownBy(() -> validator().validate(sink("user.password", "${file:" + absent + ":password}")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Could not resolve the ${...} references in the connector configuration: A config provider "
                        + "failed to read what the connector configuration refers to: Could not read properties from "
                        + "file " + absent + ". Check that the file or directory exists on this worker and that the "
                        + "worker's user can read it.");
    }

    @Test
    void missingKeys_areLeftToTheWorkerThatRunsTheConnector_onCreate() throws Exception {
        Path secrets = Files.writeString(dir.resolve("db.properties"), "password=" + SECRET + "\n");

        var result = validator().validate(sink("user.password", "${file:" + secrets + ":passwd}"));

        assertThat(result.errorCount()).isZero();
    }

    @Test
    void missingKey_ofEachProvider_failsResolution_namingSettingReferenceAndFix() throws Exception {
        Path secrets = Files.writeString(dir.resolve("db.properties"), "password=" + SECRET + "\n");
        Path secretDir = Files.createDirectory(dir.resolve("secrets"));
        Files.writeString(secretDir.resolve("token"), SECRET);
        try (ConfigResolver resolver = resolver()) {
            Map<String, String> found = Map.of("a", "${file:" + secrets + ":password}", "b", "${dir:" + secretDir
                    + ":token}", "c", "${env:DB_USER}");
            assertThat(resolver.resolve(found)).containsEntry("a", SECRET).containsEntry("b", SECRET)
                    .containsEntry("c", "app");

            assertThatThrownBy(() -> resolver.resolve(with(found, "password", "${file:" + secrets + ":passwd}")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("Setting 'password' refers to ${file:" + secrets + ":passwd}, but config provider "
                            + "'file' has no key 'passwd' at path '" + secrets + "' on this worker. Add the key (e.g. "
                            + "set the environment variable or add it to the file), or check that the path is inside "
                            + "the provider's allowed.paths (or the variable matches its allowlist.pattern).");
            assertThatThrownBy(() -> resolver.resolve(with(found, "token", "${dir:" + secretDir + ":tokn}")))
                    .hasMessageStartingWith("Setting 'token' refers to ${dir:" + secretDir + ":tokn}, but config "
                            + "provider 'dir' has no key 'tokn' at path '" + secretDir + "' on this worker.");
            assertThatThrownBy(() -> resolver.resolve(with(found, "user", "jdbc:pg://db?user=${env:DB_USR}")))
                    .hasMessageStartingWith("Setting 'user' refers to ${env:DB_USR}, but config provider 'env' has "
                            + "no key 'DB_USR' on this worker.")
                    .message().doesNotContain(SECRET).doesNotContain("app");
        }
    }

    @Test
    void directoryThatIsNotThere_isAMissingKey() {
        try (ConfigResolver resolver = resolver()) {
            Path absent = dir.resolve("no-such-dir");
            assertThatThrownBy(() -> resolver.resolve(Map.of("t", "${dir:" + absent + ":token}")))
                    .hasMessageStartingWith("Setting 't' refers to ${dir:" + absent + ":token}, but config provider "
                            + "'dir' has no key 'token' at path '" + absent + "' on this worker.");
        }
    }

    private static Map<String, String> with(Map<String, String> config, String key, String value) {
        Map<String, String> copy = new HashMap<>(config);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, String> sink(String... keysAndValues) {
        Map<String, String> config = new HashMap<>(Map.of("name", "s", "connector.class", SINK, "topics", "orders"));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    private static Map<String, String> workerProps() {
        return Map.of(
                "bootstrap.servers", "broker:9092",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.storage.StringConverter",
                "offset.storage.file.filename", "/tmp/offsets",
                "config.providers", "file,dir,env",
                "config.providers.file.class", FileConfigProvider.class.getName(),
                "config.providers.dir.class", DirectoryConfigProvider.class.getName(),
                "config.providers.env.class", EnvVarConfigProvider.class.getName());
    }

    /** Kafka's providers; the environment one sees a fixed environment instead of the JVM's. */
    private static ConfigResolver resolver() {
        return ConfigResolver.create(List.of("file", "dir", "env"), workerProps(), MissingSecretsTest::provider);
    }

    private static ConfigProvider provider(String className) throws Exception {
        if (className.equals(EnvVarConfigProvider.class.getName())) {
            return new EnvVarConfigProvider(Map.of("DB_USER", "app"));
        }
        return ConfigResolver.ProviderFactory.CLASSPATH.create(className);
    }

    private static ConnectorConfigValidator validator() {
        StandaloneConfig worker = new StandaloneConfig(workerProps());
        return new ConnectorConfigValidator(FixturePlugins.plugins(), worker, resolver(),
                new AllConnectorClientConfigOverridePolicy());
    }
}

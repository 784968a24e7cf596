package dev.ferry.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigResolverTest {

    private static final String FILE_PROVIDER = "org.apache.kafka.common.config.provider.FileConfigProvider";
    private static final String DIRECTORY_PROVIDER = "org.apache.kafka.common.config.provider.DirectoryConfigProvider";

    @AfterEach
    void clearSystemProperty() {
        System.clearProperty(AbstractConfig.AUTOMATIC_CONFIG_PROVIDERS_PROPERTY);
    }

    @Test
    void fileProvider_resolvesAPropertiesFileKey(@TempDir Path dir) throws IOException {
        Path secrets = dir.resolve("db.properties");
        Files.writeString(secrets, "password=s3cr3t\nuser=app\n");
        try (ConfigResolver resolver = ConfigResolver.create(List.of("file"),
                Map.of("config.providers.file.class", FILE_PROVIDER), ConfigResolver.ProviderFactory.CLASSPATH)) {

            Map<String, String> resolved = resolver.resolve(Map.of(
                    "connection.password", "${file:" + secrets + ":password}",
                    "connection.url", "jdbc:postgresql://db/app?user=${file:" + secrets + ":user}",
                    "plain", "value"));

            assertThat(resolved).containsEntry("connection.password", "s3cr3t")
                    .containsEntry("connection.url", "jdbc:postgresql://db/app?user=app")
                    .containsEntry("plain", "value");
        }
    }

    @Test
    void fileProvider_outsideAllowedPaths_isRefused_asAMissingKey(@TempDir Path dir) throws IOException {
        Path secrets = dir.resolve("db.properties");
        Files.writeString(secrets, "password=s3cr3t\n");
        Path allowed = Files.createDirectory(dir.resolve("allowed"));
        try (ConfigResolver resolver = ConfigResolver.create(List.of("file"), Map.of(
                        "config.providers.file.class", FILE_PROVIDER,
                        "config.providers.file.param.allowed.paths", allowed.toString()),
                ConfigResolver.ProviderFactory.CLASSPATH)) {

            String reference = "${file:" + secrets + ":password}";
            assertThat(resolver.resolveForValidation(Map.of("p", reference))).containsEntry("p", reference);
            assertThatThrownBy(() -> resolver.resolve(Map.of("p", reference)))
                    .hasMessageContaining("has no key 'password'").hasMessageContaining("allowed.paths")
                    .message().doesNotContain("s3cr3t");
        }
    }

    @Test
    void directoryProvider_readsOneFilePerKey(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("token"), "abc");
        try (ConfigResolver resolver = ConfigResolver.create(List.of("dir"),
                Map.of("config.providers.dir.class", DIRECTORY_PROVIDER), ConfigResolver.ProviderFactory.CLASSPATH)) {

            assertThat(resolver.resolve(Map.of("t", "${dir:" + dir + ":token}"))).containsEntry("t", "abc");
        }
    }

    @Test
    void envVarProvider_resolvesVariablesAndHonoursItsAllowlist() {
        ConfigResolver.ProviderFactory factory = className -> new EnvVarConfigProvider(Map.of("DB_PASSWORD", "pw", "HOME", "/root"));
        try (ConfigResolver resolver = ConfigResolver.create(List.of("env"), Map.of(
                "config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider",
                "config.providers.env.param.allowlist.pattern", "DB_.*"), factory)) {

            assertThat(resolver.resolve(Map.of("a", "${env:DB_PASSWORD}"))).containsEntry("a", "pw");
            assertThatThrownBy(() -> resolver.resolve(Map.of("a", "${env:DB_PASSWORD}", "b", "${env:HOME}")))
                    .hasMessageStartingWith("Setting 'b' refers to ${env:HOME}, but config provider 'env' has no key "
                            + "'HOME' on this worker.")
                    .hasMessageContaining("allowlist.pattern");
        }
    }

    /** Apache leaves both in place, so a connector would start with the text as its password. */
    @Test
    void unknownProviderOrKey_isRefused_unlikeApache(@TempDir Path dir) throws IOException {
        Path secrets = dir.resolve("s.properties");
        Files.writeString(secrets, "a=1\n");
        try (ConfigResolver resolver = ConfigResolver.create(List.of("file"),
                Map.of("config.providers.file.class", FILE_PROVIDER), ConfigResolver.ProviderFactory.CLASSPATH)) {

            assertThatThrownBy(() -> resolver.resolve(Map.of("unknownProvider", "${vault:secret/db:password}")))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("no config provider named 'vault'");
            assertThatThrownBy(() -> resolver.resolve(Map.of("missingKey", "${file:" + secrets + ":nope}")))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("has no key 'nope'");
            assertThat(resolver.resolve(Map.of("template", "${topic}-${partition}", "a", "${file:" + secrets + ":a}")))
                    .as("text that is not a provider reference is left alone")
                    .containsEntry("template", "${topic}-${partition}").containsEntry("a", "1");
        }
    }

    @Test
    void referenceWithoutAnyProviderConfigured_isRefused() {
        try (ConfigResolver resolver = ConfigResolver.create(List.of(), Map.of(), ConfigResolver.ProviderFactory.CLASSPATH)) {
            assertThatThrownBy(() -> resolver.resolveForValidation(Map.of("p", "${env:DB_PASSWORD}")))
                    .hasMessageContaining("this worker has no config provider named 'env' (config.providers is empty)");
        }
    }

    @Test
    void resolving_doesNotChangeTheCallersMap() {
        ConfigResolver.ProviderFactory factory = className -> new EnvVarConfigProvider(Map.of("X", "1"));
        try (ConfigResolver resolver = ConfigResolver.create(List.of("env"), Map.of("config.providers.env.class", "env"), factory)) {
            Map<String, String> raw = new java.util.HashMap<>(Map.of("x", "${env:X}"));

            resolver.resolve(raw);

            assertThat(raw).containsEntry("x", "${env:X}");
        }
    }

    @Test
    void ttls_areReportedForConfigReload() {
        ConfigProvider expiring = new ConfigProvider() {
            @Override
            public ConfigData get(String path) {
                return new ConfigData(Map.of(), 1000L);
            }

            @Override
            public ConfigData get(String path, Set<String> keys) {
                return new ConfigData(Map.of("k", "v"), path.equals("short") ? 1000L : 5000L);
            }

            @Override
            public void close() {
            }

            @Override
            public void configure(Map<String, ?> configs) {
            }
        };
        try (ConfigResolver resolver = ConfigResolver.create(List.of("vault"),
                Map.of("config.providers.vault.class", "Vault"), className -> expiring)) {

            ConfigResolver.Resolution resolution = resolver.resolveWithTtls(Map.of("a", "${vault:short:k}", "b", "${vault:long:k}"));

            assertThat(resolution.config()).containsEntry("a", "v").containsEntry("b", "v");
            assertThat(resolution.ttls()).containsEntry("short", 1000L).containsEntry("long", 5000L);
            assertThat(resolution.earliestExpiryMs()).hasValue(1000L);
        }
    }

    @Test
    void providerWithoutAClass_namesTheSettingToAdd() {
        assertThatThrownBy(() -> ConfigResolver.create(List.of("file"), Map.of(), ConfigResolver.ProviderFactory.CLASSPATH))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config.providers.file.class");
    }

    @Test
    void unloadableProvider_namesTheClassAndPluginPath() {
        assertThatThrownBy(() -> ConfigResolver.create(List.of("vault"),
                Map.of("config.providers.vault.class", "com.example.VaultConfigProvider"), ConfigResolver.ProviderFactory.CLASSPATH))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("com.example.VaultConfigProvider")
                .hasMessageContaining("plugin.path");
    }

    @Test
    void automaticProvidersSystemProperty_restrictsWhichClassesMayBeCreated() {
        System.setProperty(AbstractConfig.AUTOMATIC_CONFIG_PROVIDERS_PROPERTY, DIRECTORY_PROVIDER);

        assertThatThrownBy(() -> ConfigResolver.create(List.of("file"),
                Map.of("config.providers.file.class", FILE_PROVIDER), ConfigResolver.ProviderFactory.CLASSPATH))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(FILE_PROVIDER)
                .hasMessageContaining(AbstractConfig.AUTOMATIC_CONFIG_PROVIDERS_PROPERTY);

        ConfigResolver.create(List.of("dir"), Map.of("config.providers.dir.class", DIRECTORY_PROVIDER),
                ConfigResolver.ProviderFactory.CLASSPATH).close();
    }

    @Test
    void fromWorkerConfig_usesTheWorkersProviderSettings(@TempDir Path dir) throws IOException {
        Path secrets = dir.resolve("s.properties");
        Files.writeString(secrets, "token=t0k3n\n");
        Map<String, String> props = new java.util.HashMap<>(Map.of(
                "bootstrap.servers", "localhost:9092",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.storage.StringConverter",
                "offset.storage.file.filename", "/tmp/o",
                "config.providers", "file",
                "config.providers.file.class", FILE_PROVIDER));

        try (ConfigResolver resolver = ConfigResolver.fromWorkerConfig(new StandaloneConfig(props),
                ConfigResolver.ProviderFactory.CLASSPATH)) {
            assertThat(resolver.providerNames()).containsExactly("file");
            assertThat(resolver.resolve(Map.of("t", "${file:" + secrets + ":token}"))).containsEntry("t", "t0k3n");
        }
    }
}

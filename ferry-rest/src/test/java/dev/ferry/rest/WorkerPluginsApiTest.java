package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.runtime.model.PluginDescriptor;
import dev.ferry.runtime.model.PluginType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ferry's {@code GET /plugins}: every type, with location (the real herders' lists: ConsolePluginsIT). */
class WorkerPluginsApiTest {
    private final FakeHerder herder = Fixtures.herder();
    private final TestServer server;

    WorkerPluginsApiTest() {
        herder.plugins.add(new PluginDescriptor("org.apache.kafka.common.config.provider.EnvVarConfigProvider",
                PluginType.CONFIG_PROVIDER, "4.3.1", "classpath"));
        server = new TestServer(herder, TestServer.localConfig(), null);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyPluginIsListed_withItsTypeVersionAndLocation_configProvidersIncluded() throws Exception {
        JsonNode plugins = new ObjectMapper().readTree(server.get("/plugins").body());

        assertThat(plugins).hasSize(herder.plugins.size());
        JsonNode provider = find(plugins, "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        assertThat(provider.path("type").asText()).isEqualTo("configprovider");
        assertThat(provider.path("version").asText()).isEqualTo("4.3.1");
        assertThat(provider.path("location").asText()).isEqualTo("classpath");
        JsonNode unversioned = find(plugins, "com.example.UnversionedPredicate");
        assertThat(unversioned.has("version")).isFalse();
        assertThat(unversioned.path("location").asText()).isEqualTo("/plugins/example");
    }

    private static JsonNode find(JsonNode plugins, String className) {
        for (JsonNode plugin : plugins) {
            if (plugin.path("class").asText().equals(className)) {
                return plugin;
            }
        }
        throw new AssertionError(className + " not in " + plugins);
    }
}

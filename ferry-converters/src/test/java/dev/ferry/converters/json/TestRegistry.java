package dev.ferry.converters.json;

import dev.ferry.registry.RegistryConfig;
import dev.ferry.registry.RegistryServer;
import dev.ferry.testkit.KafkaBroker;
import java.util.Map;
import java.util.UUID;

/** A real Ferry schema registry on the test broker, with a schemas topic of its own so its ids start at 1. */
final class TestRegistry implements AutoCloseable {

    private final RegistryServer server;

    private TestRegistry(RegistryServer server) {
        this.server = server;
    }

    static TestRegistry start(KafkaBroker broker) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return new TestRegistry(RegistryServer.start(RegistryConfig.from(Map.of(
                "listeners", "http://127.0.0.1:0",
                "host.name", "127.0.0.1",
                "kafkastore.bootstrap.servers", broker.bootstrapServers(),
                "kafkastore.topic", "_schemas_json_" + unique,
                "schema.registry.group.id", "json-converter-test-" + unique), Map.of())));
    }

    String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}

package dev.ferry.converters;

import dev.ferry.registry.RegistryConfig;
import dev.ferry.registry.RegistryServer;
import dev.ferry.testkit.KafkaBroker;
import java.util.Map;
import java.util.UUID;

/**
 * A real Ferry schema registry on the test broker, with a schemas topic of its own so its ids start at 1. Public
 * for the converter tests in the format packages.
 */
public final class TestRegistry implements AutoCloseable {

    private final RegistryServer server;

    private TestRegistry(RegistryServer server) {
        this.server = server;
    }

    /** @param format names the schemas topic and the group, e.g. "protobuf" */
    public static TestRegistry start(KafkaBroker broker, String format) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return new TestRegistry(RegistryServer.start(RegistryConfig.from(Map.of(
                "listeners", "http://127.0.0.1:0",
                "host.name", "127.0.0.1",
                "kafkastore.bootstrap.servers", broker.bootstrapServers(),
                "kafkastore.topic", "_schemas_" + format + "_" + unique,
                "schema.registry.group.id", format + "-converter-test-" + unique), Map.of())));
    }

    public String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}

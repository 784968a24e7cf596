package dev.ferry.registry;

import dev.ferry.testkit.KafkaBroker;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Starts registries on the test broker, each test class with its own topic and group. */
final class Registries {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Registries() {
    }

    static Map<String, String> properties(KafkaBroker broker, String name) {
        Map<String, String> properties = new HashMap<>();
        properties.put("listeners", "http://127.0.0.1:0");
        properties.put("host.name", "127.0.0.1");
        properties.put("kafkastore.bootstrap.servers", broker.bootstrapServers());
        properties.put("kafkastore.topic", "_schemas_" + name);
        properties.put("schema.registry.group.id", "registry-" + name);
        properties.put("kafkastore.topic.replication.factor", "1");
        return properties;
    }

    static RegistryServer start(KafkaBroker broker, String name) {
        return RegistryServer.start(RegistryConfig.from(properties(broker, name), Map.of()));
    }

    static String unique(String name) {
        return name + "-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100_000;
    }
}

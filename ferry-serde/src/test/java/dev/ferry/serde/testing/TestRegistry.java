package dev.ferry.serde.testing;

import dev.ferry.registry.RegistryConfig;
import dev.ferry.registry.RegistryServer;
import dev.ferry.testkit.KafkaBroker;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real ferry-registry server, started in-process on the test broker with a schemas topic and group of its
 * own (the broker is shared between test classes), behind a {@link CountingProxy} so that tests can count the
 * requests that reach it.
 */
public final class TestRegistry implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final RegistryServer server;
    private final CountingProxy proxy;

    private TestRegistry(RegistryServer server) {
        this.server = server;
        this.proxy = new CountingProxy(server.url());
    }

    public static TestRegistry start(KafkaBroker broker) {
        String name = "serde-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 1_000_000;
        Map<String, String> properties = new HashMap<>();
        properties.put("listeners", "http://127.0.0.1:0");
        properties.put("host.name", "127.0.0.1");
        properties.put("kafkastore.bootstrap.servers", broker.bootstrapServers());
        properties.put("kafkastore.topic", "_schemas_" + name);
        properties.put("schema.registry.group.id", "registry-" + name);
        properties.put("kafkastore.topic.replication.factor", "1");
        return new TestRegistry(RegistryServer.start(RegistryConfig.from(properties, Map.of())));
    }

    /** The registry's own URL. */
    public String directUrl() {
        return server.url();
    }

    /** The URL of the counting proxy in front of the registry. */
    public String url() {
        return proxy.url();
    }

    /** Requests that went through {@link #url()} so far. */
    public int requests() {
        return proxy.count();
    }

    /** The method and path of every request that went through {@link #url()}, in order. */
    public java.util.List<String> requestLog() {
        return proxy.seen();
    }

    /** Serde configs pointing at the counting proxy, with quick retries. */
    public Map<String, Object> serdeConfig(Object... keyValues) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("schema.registry.url", url());
        configs.put("retries.wait.ms", 10);
        for (int i = 0; i < keyValues.length; i += 2) {
            configs.put((String) keyValues[i], keyValues[i + 1]);
        }
        return configs;
    }

    @Override
    public void close() {
        proxy.close();
        server.close();
    }
}

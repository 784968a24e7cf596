package dev.ferry.registry;

import dev.ferry.registry.cluster.GroupLeaderElector;
import dev.ferry.registry.cluster.Leadership;
import dev.ferry.registry.core.SchemaRegistry;
import dev.ferry.registry.rest.RegistryRestServer;
import dev.ferry.registry.store.KafkaLog;
import dev.ferry.registry.store.RegistryState;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Schema Registry server compatible with Confluent's over HTTP and in its {@code _schemas} topic.
 *
 * <pre>{@code
 * try (RegistryServer registry = RegistryServer.start(RegistryConfig.from(properties, System.getenv()))) {
 *     System.out.println("Schema registry at " + registry.url());
 * }
 * }</pre>
 *
 * <p>{@link #start} reads the schemas topic to its end, serves the REST API, and joins the instance group; it
 * returns once the API answers and a leader is known (or the init timeout passed). Thread-safe; {@link #close}
 * leaves the group, stops serving and releases the Kafka clients.
 */
public final class RegistryServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RegistryServer.class);

    private final KafkaLog store;
    private final RegistryRestServer rest;
    private final GroupLeaderElector elector;
    private final String url;

    private RegistryServer(KafkaLog store, RegistryRestServer rest, GroupLeaderElector elector, String url) {
        this.store = store;
        this.rest = rest;
        this.elector = elector;
        this.url = url;
    }

    /**
     * Starts a registry.
     *
     * @throws IllegalStateException when the Kafka cluster cannot be reached, the schemas topic is unusable, or a
     *                               listener cannot be bound; the message names the cause and the setting to check
     */
    public static RegistryServer start(RegistryConfig config) {
        long started = System.nanoTime();
        RegistryState state = new RegistryState();
        KafkaLog store = new KafkaLog(new KafkaLog.Settings(config.topic(), config.replicationFactor(),
                config.kafkaClientConfig(), config.topicConfigs(), config.initTimeout(), config.storeTimeout()), state);
        SchemaRegistry registry = new SchemaRegistry(state, store, config.compatibilityLevel());
        Deferred leadership = new Deferred();
        RegistryRestServer rest = new RegistryRestServer(new RegistryRestServer.Settings(config.listeners(),
                config.maxRequestBodyBytes(), config.storeTimeout().plusSeconds(30), store::clusterId, config.groupId(),
                config.initTimeout()), registry, leadership);
        GroupLeaderElector elector = null;
        // The HTTP server binds while the topic is read (both take a while on a cold JVM); it answers nothing
        // until the topic is read.
        CompletableFuture<Void> restStarted = CompletableFuture.runAsync(rest::start, runnable -> {
            Thread thread = new Thread(runnable, "schema-registry-rest-start");
            thread.setDaemon(true);
            thread.start();
        });
        try {
            store.start();
            long storeRead = System.nanoTime();
            join(restStarted);
            rest.ready();
            int port = rest.port();
            long restUp = System.nanoTime();
            elector = new GroupLeaderElector(new GroupLeaderElector.Settings(config.groupId(),
                    config.kafkaClientConfig(), config.hostName(), port, config.leaderEligible(),
                    config.sessionTimeoutMs(), config.heartbeatIntervalMs(),
                    (int) Math.max(config.storeTimeout().toMillis() * 4, 30_000), store::catchUp));
            leadership.set(elector);
            elector.start();
            if (!elector.awaitLeader(config.initTimeout().toMillis())) {
                log.warn("No schema registry leader was elected within {} ms; reads work, writes answer 50004 until "
                        + "one is", config.initTimeout().toMillis());
            }
            String url = "http://" + config.hostName() + ":" + port;
            long now = System.nanoTime();
            log.info("Schema registry started in {} ms at {} (topic '{}', group '{}'; topic read in {} ms, REST up "
                    + "{} ms after that, leader known {} ms after that)", TimeUnit.NANOSECONDS.toMillis(now - started),
                    url, config.topic(), config.groupId(), TimeUnit.NANOSECONDS.toMillis(storeRead - started),
                    TimeUnit.NANOSECONDS.toMillis(restUp - storeRead), TimeUnit.NANOSECONDS.toMillis(now - restUp));
            return new RegistryServer(store, rest, elector, url);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            restStarted.join();
            closeAll(elector, rest, store);
            throw new IllegalStateException("Interrupted while starting the schema registry", e);
        } catch (RuntimeException e) {
            restStarted.exceptionally(ignored -> null).join();
            closeAll(elector, rest, store);
            throw e instanceof IllegalStateException ? e : new IllegalStateException("The schema registry did not start: "
                    + e.getMessage(), e);
        }
    }

    private static void join(CompletableFuture<Void> started) {
        try {
            started.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private static void closeAll(GroupLeaderElector elector, RegistryRestServer rest, KafkaLog store) {
        if (elector != null) {
            elector.close();
        }
        if (rest != null) {
            rest.stop();
        }
        store.close();
    }

    /** The port the REST API listens on (the first listener's). */
    public int port() {
        return rest.port();
    }

    /** The URL clients and other instances reach this registry at, e.g. {@code http://host:8081}. */
    public String url() {
        return url;
    }

    /** Whether this instance is the group's leader (the one that writes). */
    public boolean isLeader() {
        return elector.isLeader();
    }

    @Override
    public void close() {
        closeAll(elector, rest, store);
        log.info("Schema registry at {} stopped", url);
    }

    /** Lets the REST server be built before the elector, which needs the REST server's port. */
    private static final class Deferred implements Leadership {
        private volatile Leadership target;

        void set(Leadership target) {
            this.target = target;
        }

        @Override
        public boolean isLeader() {
            return target != null && target.isLeader();
        }

        @Override
        public String leaderUrl() {
            return target == null ? null : target.leaderUrl();
        }

        @Override
        public boolean awaitLeader(long timeoutMs) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (target == null && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            return target != null && target.awaitLeader(Math.max(0, deadline - System.currentTimeMillis()));
        }
    }

}

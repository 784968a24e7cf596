package dev.ferry.cli;

import dev.ferry.rest.LogLevels;
import dev.ferry.rest.RestServer;
import dev.ferry.rest.RestSettings;
import dev.ferry.runtime.cluster.Membership;
import dev.ferry.runtime.cluster.group.WorkerGroupMember;
import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.config.ConnectorConfigValidator;
import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.errors.DeadLetterQueueClients;
import dev.ferry.runtime.herder.ActiveTopics;
import dev.ferry.runtime.herder.ClusterSettings;
import dev.ferry.runtime.herder.HerderParts;
import dev.ferry.runtime.herder.WorkerHerder;
import dev.ferry.runtime.herder.eos.ExactlyOnceSourceSupport;
import dev.ferry.runtime.herder.offsets.ConnectorOffsetsEditor;
import dev.ferry.runtime.metrics.ConnectMetrics;
import dev.ferry.runtime.model.Sentences;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.storage.kafka.KafkaConfigStore;
import dev.ferry.runtime.storage.kafka.KafkaOffsetStore;
import dev.ferry.runtime.storage.kafka.KafkaStatusStore;
import dev.ferry.runtime.worker.Worker;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A distributed worker assembled from its parts: plugins, config providers, the three internal
 * topic stores, the worker engine, the herder (as a member of the Connect group) and the REST
 * server. REST starts before Kafka is contacted, so {@code /health} can say "starting" (or what
 * is wrong) while the stores are read and the group is joined.
 *
 * <p>Thread contract: created and closed by one thread; {@link #awaitShutdownSignal()} blocks
 * until SIGTERM/SIGINT (or {@link #close()} from another thread).
 */
final class DistributedWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DistributedWorker.class);
    private static final long STORE_RETRY_MS = 5_000;

    private final Plugins plugins;
    private final ConfigResolver resolver;
    private final KafkaClusterProbe kafka;
    private final KafkaOffsetStore offsets;
    private final KafkaStatusStore statuses;
    private final WorkerHerder herder;
    private final RestServer rest;
    private final ConnectMetrics metrics;
    private final WorkerShutdown shutdown;
    private volatile boolean closed;

    private DistributedWorker(Plugins plugins, ConfigResolver resolver, KafkaClusterProbe kafka, KafkaOffsetStore offsets,
                              KafkaStatusStore statuses, WorkerHerder herder, RestServer rest,
                              ConnectMetrics metrics) {
        this.plugins = plugins;
        this.resolver = resolver;
        this.kafka = kafka;
        this.offsets = offsets;
        this.statuses = statuses;
        this.herder = herder;
        this.rest = rest;
        this.metrics = metrics;
        this.shutdown = new WorkerShutdown(this::close);
    }

    static DistributedWorker start(Map<String, String> props, List<Path> bundledPlugins) {
        long startNanos = System.nanoTime();
        Plugins plugins = StandaloneWorker.discoverPlugins(props, bundledPlugins);
        DistributedConfig config;
        ConfigResolver resolver;
        try {
            config = new DistributedConfig(props, plugins);
            resolver = ConfigResolver.fromWorkerConfig(config, plugins::newConfigProvider);
        } catch (ConfigException e) {
            plugins.close();
            throw new CliException(ExitCode.CONFIG, "Invalid worker configuration: " + e.getMessage());
        }
        RestSettings restSettings = RestSettings.fromWorkerConfig(config);
        String workerId = WorkerIds.fromRestSettings(restSettings);
        String restUrl = WorkerIds.advertisedUrl(restSettings, workerId);
        KafkaClusterProbe kafka = new KafkaClusterProbe(config);
        // The cluster id is often unknown this early (the probe runs in the background), so the
        // connect.kafka.cluster.id context label is only set when the broker answered already.
        ConnectMetrics metrics = ConnectMetrics.forWorker(workerId, config, kafka.clusterIdOrNull(), Time.SYSTEM);
        String clientIdBase = config.groupId() + "-";
        KafkaOffsetStore offsets = KafkaOffsetStore.fromConfig(config, clientIdBase, kafka.admin());
        KafkaStatusStore statuses = KafkaStatusStore.fromConfig(config, clientIdBase, kafka.admin());
        ConnectorConfigValidator validator = new ConnectorConfigValidator(plugins, config, resolver,
                plugins.newOverridePolicy(config.connectorClientConfigOverridePolicy()));
        KafkaConfigStore configStore = KafkaConfigStore.fromConfig(config, clientIdBase, kafka.admin());
        // the herder makes the membership; exactly-once fencing asks it who leads
        AtomicReference<Membership> membership = new AtomicReference<>();
        WorkerHerder herder = new WorkerHerder(new HerderParts(workerId, restUrl)
                .worker(listener -> new Worker(workerId, config, plugins, resolver, offsets, kafka.clusterIdOrNull(),
                        listener, Time.SYSTEM, metrics))
                .plugins(plugins, validator, resolver)
                .configStore(configStore)
                .statusStore(statuses, ActiveTopics.inStatusTopic(statuses, config.topicTrackingEnable()))
                .membership((work, listener) -> {
                    WorkerGroupMember member = new WorkerGroupMember(config, restUrl, work, listener, Time.SYSTEM);
                    membership.set(member);
                    return member;
                })
                .fencing(ExactlyOnceSourceSupport.fencing(config, configStore, membership::get, plugins, resolver))
                .cluster(ClusterSettings.of(config))
                .offsets(new ConnectorOffsetsEditor(offsets, kafka::admin, plugins, (connector, topic) ->
                        topic.equals(config.offsetsTopic()) ? null : KafkaOffsetStore.forConnectorTopic(config, topic,
                                clientIdBase + "connector-offsets-" + connector, kafka.admin())))
                .loggerLevels(LogLevels::apply)
                .kafkaClusterId(kafka::clusterIdOrNull)
                .readiness(kafka.readiness(metrics)));
        int configuredDelay = config.scheduledRebalanceMaxDelayMs();
        if (configuredDelay != DistributedConfig.SCHEDULED_REBALANCE_MAX_DELAY_MS_DEFAULT && configuredDelay != 0) {
            log.info("scheduled.rebalance.max.delay.ms={} is not used: Ferry gives a departed worker's connectors and "
                    + "tasks to the others as soon as its group session expires (session.timeout.ms)", configuredDelay);
        }
        RestServer rest = new RestServer(restSettings, herder).withMetrics(metrics)
                .withExtensions(config.restExtensionClasses(), plugins, config.originals())
                // Built on the first DLQ request only: it instantiates the override policy.
                .withDeadLetterQueues(() -> new DeadLetterQueueClients(config, resolver, plugins));
        try {
            rest.start();
        } catch (ConnectException e) {
            metrics.close();
            kafka.close();
            plugins.close();
            throw new CliException(ExitCode.ENVIRONMENT, e.getMessage(), e);
        }
        DistributedWorker worker = new DistributedWorker(plugins, resolver, kafka, offsets, statuses, herder, rest, metrics);
        kafka.start();
        if (!worker.startStores()) {
            return worker;
        }
        herder.start();
        log.info("Ferry distributed worker {} of group {} started in {} ms; REST at {}", workerId, config.groupId(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), rest.advertisedUrl());
        return worker;
    }

    /** Reads the offsets and status topics, retrying while Kafka cannot be reached; false if closed meanwhile. */
    private boolean startStores() {
        while (!closed) {
            try {
                offsets.start();
                statuses.start();
                return true;
            } catch (RuntimeException e) {
                log.error("Could not read the offsets and status topics: {} Check bootstrap.servers and the topic "
                        + "settings; retrying in {} s", Sentences.end(e.getMessage()), STORE_RETRY_MS / 1000);
                try {
                    if (shutdown.awaitFor(STORE_RETRY_MS)) {
                        return false;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    /** Whether the worker got past reading its stores and has not been closed (start returns early when closed). */
    boolean running() {
        return !closed;
    }

    URI restUrl() {
        return rest.advertisedUrl();
    }

    void awaitShutdownSignal() throws InterruptedException {
        shutdown.await();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        shutdown.closing();
        herder.stop();
        rest.stop();
        metrics.close();
        statuses.close();
        offsets.close();
        kafka.close();
        resolver.close();
        plugins.close();
        log.info("Ferry distributed worker stopped");
    }
}

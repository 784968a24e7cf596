package dev.ferry.cli;

import dev.ferry.rest.RestServer;
import dev.ferry.rest.RestSettings;
import dev.ferry.runtime.cluster.SoloMembership;
import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.config.ConnectorConfigValidator;
import dev.ferry.runtime.config.StandaloneConfig;
import dev.ferry.runtime.errors.DeadLetterQueueClients;
import dev.ferry.runtime.herder.HerderParts;
import dev.ferry.runtime.herder.WorkerHerder;
import dev.ferry.runtime.herder.offsets.ConnectorOffsetsEditor;
import dev.ferry.runtime.metrics.ConnectMetrics;
import dev.ferry.runtime.plugins.PluginDiscovery;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.storage.ConnectorConfigFile;
import dev.ferry.runtime.storage.FileOffsetBackingStore;
import dev.ferry.runtime.storage.file.FileConfigStore;
import dev.ferry.runtime.worker.Worker;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone worker assembled from its parts: plugins, config providers, the offsets file, the
 * worker engine, the herder (as a cluster of one) and the REST server. Start-up order is chosen
 * so REST is answering as early as possible: Kafka is not contacted before REST starts (the cluster id is
 * looked up in the background, see {@link KafkaClusterProbe}), so an unreachable broker is
 * reported while the worker keeps serving.
 *
 * <p>Thread contract: created and closed by one thread; {@link #awaitShutdownSignal()} blocks
 * until SIGTERM/SIGINT (or {@link #close()} from another thread).
 */
final class StandaloneWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StandaloneWorker.class);

    private final Plugins plugins;
    private final ConfigResolver resolver;
    private final FileOffsetBackingStore offsets;
    private final KafkaClusterProbe kafka;
    private final WorkerHerder herder;
    private final RestServer rest;
    private final ConnectMetrics metrics;
    private final WorkerShutdown shutdown;
    private volatile boolean closed;

    private StandaloneWorker(Plugins plugins, ConfigResolver resolver, FileOffsetBackingStore offsets,
                             KafkaClusterProbe kafka, WorkerHerder herder, RestServer rest,
                             ConnectMetrics metrics) {
        this.plugins = plugins;
        this.resolver = resolver;
        this.offsets = offsets;
        this.kafka = kafka;
        this.herder = herder;
        this.rest = rest;
        this.metrics = metrics;
        this.shutdown = new WorkerShutdown(this::close);
    }

    static StandaloneWorker start(Map<String, String> props, List<Path> bundledPlugins) {
        long startNanos = System.nanoTime();
        Plugins plugins = discoverPlugins(props, bundledPlugins);
        StandaloneConfig config;
        try {
            config = new StandaloneConfig(props, plugins);
        } catch (ConfigException e) {
            plugins.close();
            throw new CliException(ExitCode.CONFIG, "Invalid worker configuration: " + e.getMessage());
        }
        ConfigResolver resolver;
        try {
            resolver = ConfigResolver.fromWorkerConfig(config, plugins::newConfigProvider);
        } catch (ConfigException e) {
            plugins.close();
            throw new CliException(ExitCode.CONFIG, "Invalid worker configuration: " + e.getMessage());
        }
        RestSettings restSettings = RestSettings.fromWorkerConfig(config);
        String workerId = WorkerIds.fromRestSettings(restSettings);
        Path offsetsFile = Path.of(config.offsetStorageFile());
        FileOffsetBackingStore offsets = new FileOffsetBackingStore(offsetsFile);
        try {
            // Both store files are read before anything listens, so a corrupt one stops the start cleanly.
            offsets.start();
            ConnectorConfigFile.besideOffsets(offsetsFile).load();
        } catch (ConnectException e) {
            resolver.close();
            plugins.close();
            throw new CliException(ExitCode.ENVIRONMENT, e.getMessage(), e);
        }
        KafkaClusterProbe kafka = new KafkaClusterProbe(config);
        // The cluster id is often unknown this early (the probe runs in the background), so the
        // connect.kafka.cluster.id context label is only set when the broker answered already.
        ConnectMetrics metrics = ConnectMetrics.forWorker(workerId, config, kafka.clusterIdOrNull(), Time.SYSTEM);
        ConnectorConfigValidator validator = new ConnectorConfigValidator(plugins, config, resolver,
                plugins.newOverridePolicy(config.connectorClientConfigOverridePolicy()));
        String restUrl = WorkerIds.advertisedUrl(restSettings, workerId);
        // A cluster of one: everything is this worker's, and the connectors are kept in a file.
        WorkerHerder herder = new WorkerHerder(new HerderParts(workerId, restUrl)
                .worker(listener -> new Worker(workerId, config, plugins, resolver, offsets, kafka.clusterIdOrNull(),
                        listener, Time.SYSTEM, metrics))
                .plugins(plugins, validator, resolver)
                .configStore(FileConfigStore.besideOffsets(offsetsFile))
                .membership((work, listener) -> new SoloMembership(restUrl, work, listener))
                .offsets(new ConnectorOffsetsEditor(offsets, kafka::admin, plugins))
                .kafkaClusterId(kafka::clusterIdOrNull)
                .readiness(kafka.readiness(metrics)));
        RestServer rest = new RestServer(restSettings, herder).withMetrics(metrics)
                .withExtensions(config.restExtensionClasses(), plugins, config.originals())
                // Built on the first DLQ request only: it instantiates the override policy.
                .withDeadLetterQueues(() -> new DeadLetterQueueClients(config, resolver, plugins));
        try {
            rest.start();
        } catch (ConnectException e) {
            herder.stop();
            metrics.close();
            kafka.close();
            plugins.close();
            throw new CliException(ExitCode.ENVIRONMENT, e.getMessage(), e);
        }
        StandaloneWorker worker = new StandaloneWorker(plugins, resolver, offsets, kafka, herder, rest, metrics);
        kafka.start();
        await(herder.start().toCompletableFuture(), "restore stored connectors");
        log.info("Ferry standalone worker {} started in {} ms; REST at {}", workerId,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), rest.advertisedUrl());
        return worker;
    }

    static Plugins discoverPlugins(Map<String, String> props, List<Path> bundledPlugins) {
        try {
            List<Path> userPath = dev.ferry.runtime.config.WorkerConfig.pluginPath(props).stream().map(Path::of).toList();
            String mode = props.getOrDefault("plugin.discovery", "hybrid_warn");
            return Plugins.discover(userPath, bundledPlugins, PluginDiscovery.parse(mode));
        } catch (ConfigException | ConnectException e) {
            throw new CliException(ExitCode.CONFIG, e.getMessage(), e);
        }
    }

    /** Creates (or replaces) connectors from files; each failure is reported and the rest go ahead. */
    void createConnectors(List<ConnectorDefinition> connectors) {
        for (ConnectorDefinition c : connectors) {
            try {
                herder.putConnectorConfig(c.name(), c.config(), true, c.initialState()).toCompletableFuture()
                        .get(90, TimeUnit.SECONDS);
                log.info("Created connector {} from the command line", c.name());
            } catch (ExecutionException e) {
                reportStartupProblem("Connector " + c.name() + " was not created: " + e.getCause().getMessage());
            } catch (TimeoutException e) {
                reportStartupProblem("Connector " + c.name() + " was not created within 90 s; it may still appear.");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Logs a problem with the start-up input that does not stop the worker. */
    void reportStartupProblem(String message) {
        log.error("{} The worker keeps running; fix the input and create the connector over REST or restart.", message);
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
        rest.stop();
        herder.stop();
        metrics.close();
        offsets.close();
        kafka.close();
        resolver.close();
        plugins.close();
        log.info("Ferry standalone worker stopped");
    }

    private static void await(java.util.concurrent.CompletableFuture<?> future, String what) {
        try {
            future.get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new CliException(ExitCode.RUNTIME, "Could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new CliException(ExitCode.RUNTIME, "Timed out trying to " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.RUNTIME, "Interrupted while trying to " + what);
        }
    }
}

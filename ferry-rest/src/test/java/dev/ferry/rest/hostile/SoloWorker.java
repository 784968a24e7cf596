package dev.ferry.rest.hostile;

import dev.ferry.rest.RestServer;
import dev.ferry.rest.RestSettings;
import dev.ferry.runtime.cluster.SoloMembership;
import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.config.ConnectorConfigValidator;
import dev.ferry.runtime.config.StandaloneConfig;
import dev.ferry.runtime.herder.HerderParts;
import dev.ferry.runtime.herder.WorkerHerder;
import dev.ferry.runtime.herder.offsets.ConnectorOffsetsEditor;
import dev.ferry.runtime.metrics.ConnectMetrics;
import dev.ferry.runtime.plugins.PluginDiscovery;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.storage.FileOffsetBackingStore;
import dev.ferry.runtime.storage.file.FileConfigStore;
import dev.ferry.runtime.worker.Worker;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Time;

/**
 * A standalone worker in this JVM, assembled as {@code ferry standalone} assembles it but without
 * a broker: the real herder (a cluster of one, on its own thread) over a real worker, its
 * offsets in a file and its connectors in the file beside it, both in {@link #directory()}, and the
 * real REST server on a free port. Nothing it runs reaches for Kafka: its one connector
 * ({@link IdleSourceConnector}) produces no records, and the admin client (sink offsets only) is
 * refused.
 */
final class SoloWorker implements AutoCloseable {
    private static final String WORKER_ID = "hostile.input:8083";

    private final Path directory;
    private final Plugins plugins;
    private final FileOffsetBackingStore offsets;
    private final ConnectMetrics metrics;
    private final WorkerHerder herder;
    private final RestServer rest;

    private SoloWorker(Path directory, Plugins plugins, FileOffsetBackingStore offsets, ConnectMetrics metrics,
                       WorkerHerder herder, RestServer rest) {
        this.directory = directory;
        this.plugins = plugins;
        this.offsets = offsets;
        this.metrics = metrics;
        this.herder = herder;
        this.rest = rest;
    }

    static SoloWorker start(Path directory) throws Exception {
        Plugins plugins = Plugins.discover(List.of(), List.of(), PluginDiscovery.SERVICE_LOAD);
        Path offsetsFile = directory.resolve("offsets");
        StandaloneConfig config = new StandaloneConfig(Map.of(
                "bootstrap.servers", "127.0.0.1:9",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.storage.StringConverter",
                "offset.storage.file.filename", offsetsFile.toString(),
                "listeners", "http://127.0.0.1:0"), plugins);
        FileOffsetBackingStore offsets = new FileOffsetBackingStore(offsetsFile);
        offsets.start();
        ConnectMetrics metrics = ConnectMetrics.forWorker(WORKER_ID, config, null, Time.SYSTEM);
        ConfigResolver resolver = ConfigResolver.fromWorkerConfig(config, ConfigResolver.ProviderFactory.CLASSPATH);
        ConnectorConfigValidator validator = new ConnectorConfigValidator(plugins, config, resolver,
                plugins.newOverridePolicy(config.connectorClientConfigOverridePolicy()));
        String restUrl = "http://" + WORKER_ID + "/";
        WorkerHerder herder = new WorkerHerder(new HerderParts(WORKER_ID, restUrl)
                .worker(listener -> new Worker(WORKER_ID, config, plugins, resolver, offsets, null, listener, Time.SYSTEM,
                        metrics))
                .plugins(plugins, validator, resolver)
                .configStore(FileConfigStore.besideOffsets(offsetsFile))
                .membership((work, listener) -> new SoloMembership(restUrl, work, listener))
                .offsets(new ConnectorOffsetsEditor(offsets, SoloWorker::noAdmin, plugins)));
        RestServer rest = new RestServer(RestSettings.fromWorkerConfig(config), herder).withMetrics(metrics);
        rest.start();
        herder.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return new SoloWorker(directory, plugins, offsets, metrics, herder, rest);
    }

    private static Admin noAdmin() {
        throw new IllegalStateException("This worker has no broker; only sink connectors' offsets need an admin client");
    }

    /** The directory holding the offsets file and the connectors file, and nothing else. */
    Path directory() {
        return directory;
    }

    URI url() {
        return rest.advertisedUrl();
    }

    /** Whether the herder's own thread (it runs every change) is still alive. */
    static boolean herderThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("herder") && t.isAlive());
    }

    @Override
    public void close() {
        rest.stop();
        herder.stop();
        metrics.close();
        offsets.close();
        plugins.close();
    }
}

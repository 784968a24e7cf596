package dev.ferry.runtime.herder.contract;

import dev.ferry.runtime.cluster.SoloMembership;
import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.config.ConnectorConfigValidator;
import dev.ferry.runtime.config.StandaloneConfig;
import dev.ferry.runtime.herder.Herder;
import dev.ferry.runtime.herder.HerderParts;
import dev.ferry.runtime.herder.WorkerHerder;
import dev.ferry.runtime.herder.offsets.ConnectorOffsetsEditor;
import dev.ferry.runtime.metrics.ConnectMetrics;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.storage.FileOffsetBackingStore;
import dev.ferry.runtime.storage.file.FileConfigStore;
import dev.ferry.runtime.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Time;

/**
 * A standalone worker's control plane with no broker: the herder over a worker, its offsets in a
 * temporary file and its connectors in the file beside it. The suite's connectors write no
 * records, so nothing ever reaches for Kafka; the admin client (only sink offsets need one) is
 * refused.
 */
final class SoloHerderFixture implements HerderFixture {
    private static final String WORKER_ID = "solo.contract:8083";
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final Path scratch;
    private final FileOffsetBackingStore offsets;
    private final ConnectMetrics metrics;
    private final WorkerHerder herder;
    private final RequestRouter router;

    private SoloHerderFixture(Path scratch, FileOffsetBackingStore offsets, ConnectMetrics metrics,
                              WorkerHerder herder) {
        this.scratch = scratch;
        this.offsets = offsets;
        this.metrics = metrics;
        this.herder = herder;
        this.router = new RequestRouter(herder, Map.of(), PATIENCE.multipliedBy(3));
    }

    static SoloHerderFixture start(Path scratch) throws Exception {
        Plugins plugins = ContractPlugins.plugins();
        Path offsetsFile = scratch.resolve("offsets");
        StandaloneConfig config = new StandaloneConfig(Map.of(
                "bootstrap.servers", "localhost:9",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.storage.StringConverter",
                "offset.storage.file.filename", offsetsFile.toString(),
                "offset.flush.interval.ms", "200"), plugins);
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
                .offsets(new ConnectorOffsetsEditor(offsets, SoloHerderFixture::noAdmin, plugins)));
        herder.start().toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        return new SoloHerderFixture(scratch, offsets, metrics, herder);
    }

    private static Admin noAdmin() {
        throw new IllegalStateException("The solo contract fixture has no broker; only sink offsets need an admin client");
    }

    @Override
    public String mode() {
        return "solo";
    }

    @Override
    public ModeExpectations expectations() {
        return ModeExpectations.SOLO;
    }

    @Override
    public Duration patience() {
        return PATIENCE;
    }

    @Override
    public Path scratch() {
        return scratch;
    }

    @Override
    public <T> T send(Function<Herder, CompletionStage<T>> request) {
        return router.send(request);
    }

    @Override
    public <T> T read(Function<Herder, T> request) {
        return router.read(request);
    }

    @Override
    public <T> List<T> readEach(Function<Herder, T> request) {
        return List.of(request.apply(herder));
    }

    @Override
    public HerderFixture restart() throws Exception {
        close();
        return start(scratch);
    }

    @Override
    public void close() {
        herder.stop();
        metrics.close();
        offsets.close();
    }
}

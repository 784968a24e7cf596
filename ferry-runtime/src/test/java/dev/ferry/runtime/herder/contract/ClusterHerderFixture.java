package dev.ferry.runtime.herder.contract;

import dev.ferry.runtime.cluster.group.WorkerGroupMember;
import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.config.ConnectorConfigValidator;
import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.herder.ActiveTopics;
import dev.ferry.runtime.herder.ClusterSettings;
import dev.ferry.runtime.herder.Herder;
import dev.ferry.runtime.herder.HerderParts;
import dev.ferry.runtime.herder.WorkerHerder;
import dev.ferry.runtime.herder.offsets.ConnectorOffsetsEditor;
import dev.ferry.runtime.metrics.ConnectMetrics;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.storage.kafka.KafkaConfigStore;
import dev.ferry.runtime.storage.kafka.KafkaOffsetStore;
import dev.ferry.runtime.storage.kafka.KafkaStatusStore;
import dev.ferry.runtime.worker.Worker;
import dev.ferry.testkit.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Time;

/**
 * A distributed Connect cluster of two workers in this JVM on one test-kit broker: each worker is
 * a herder over its own worker engine, offset and status stores, joined to one group with its own
 * internal topics. Workers here have no REST server, so each serves the one route workers call on
 * each other ({@link TaskConfigEndpoint}); requests from the suite go to the follower first and
 * follow "not the leader" answers, as a client's request through the REST layer would.
 */
final class ClusterHerderFixture implements HerderFixture {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final KafkaBroker broker;
    private final String group;
    private final Path scratch;
    private final Tuning tuning;
    private final Admin admin;
    private final List<ClusterWorker> workers;
    private final RequestRouter router;

    private ClusterHerderFixture(KafkaBroker broker, String group, Path scratch, Tuning tuning, Admin admin,
                                 List<ClusterWorker> workers, RequestRouter router) {
        this.broker = broker;
        this.group = group;
        this.scratch = scratch;
        this.tuning = tuning;
        this.admin = admin;
        this.workers = workers;
        this.router = router;
    }

    static ClusterHerderFixture start(KafkaBroker broker, Path scratch) throws Exception {
        return start(broker, scratch, Tuning.DEFAULT);
    }

    /** As {@link #start(KafkaBroker, Path)}, the workers set up as {@code tuning} says (fault tests). */
    static ClusterHerderFixture start(KafkaBroker broker, Path scratch, Tuning tuning) throws Exception {
        return start(broker, "herder-contract-" + Long.toHexString(System.nanoTime()), scratch, tuning);
    }

    /** Two workers of {@code group}, whose internal topics hold what earlier workers of the group stored. */
    private static ClusterHerderFixture start(KafkaBroker broker, String group, Path scratch, Tuning tuning)
            throws Exception {
        Admin admin = Admin.create(broker.adminConfig());
        List<ClusterWorker> workers = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                workers.add(ClusterWorker.start(broker, group, admin, tuning));
            }
            for (ClusterWorker worker : workers) {
                Eventually.holds(PATIENCE, () -> {
                    String status = worker.herder.health().toCompletableFuture().get(5, TimeUnit.SECONDS).status();
                    if (!"healthy".equals(status)) {
                        throw new AssertionError("worker " + worker.endpoint.url() + " is " + status);
                    }
                });
            }
            ClusterWorker follower = awaitBothMembers(workers);
            Map<String, Herder> byUrl = new LinkedHashMap<>();
            workers.forEach(w -> byUrl.put(RequestRouter.withoutSlash(w.endpoint.url()), w.herder));
            return new ClusterHerderFixture(broker, group, scratch, tuning, admin, workers,
                    new RequestRouter(follower.herder, byUrl, PATIENCE.multipliedBy(2)));
        } catch (Exception | AssertionError e) {
            workers.forEach(ClusterWorker::close);
            admin.close();
            throw e;
        }
    }

    /** Waits until the leader assigned work to both workers; returns the one that does not lead. */
    private static ClusterHerderFixture.ClusterWorker awaitBothMembers(List<ClusterWorker> workers) {
        ClusterWorker[] follower = new ClusterWorker[1];
        Eventually.holds(PATIENCE, () -> {
            for (ClusterWorker worker : workers) {
                CompletableFuture<Herder.ClusterMembers> members = worker.herder.clusterMembers().toCompletableFuture();
                if (!members.isCompletedExceptionally()
                        && members.get(5, TimeUnit.SECONDS).workerUrls().size() == workers.size()) {
                    follower[0] = workers.get(1 - workers.indexOf(worker));
                    return;
                }
            }
            throw new AssertionError("no leader has assigned work to both workers yet");
        });
        return follower[0];
    }

    /** The status topic the workers share. */
    String statusTopic() {
        return group + "-status";
    }

    @Override
    public String mode() {
        return "cluster of " + workers.size();
    }

    @Override
    public ModeExpectations expectations() {
        return ModeExpectations.cluster(workers.size());
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
        return workers.stream().map(w -> request.apply(w.herder)).toList();
    }

    @Override
    public HerderFixture restart() throws Exception {
        close();
        return start(broker, group, scratch, tuning);
    }

    @Override
    public void close() {
        // In parallel: each herder leaves the group and stops its work, which takes a moment.
        CompletableFuture.allOf(workers.stream().map(w -> CompletableFuture.runAsync(w::close))
                .toArray(CompletableFuture[]::new)).join();
        admin.close();
    }

    /**
     * What a fault test changes in the workers: worker properties over the suite's own, and how long
     * a config-topic write may take before it fails (30 s normally, as Apache's).
     */
    record Tuning(Map<String, String> workerProperties, Duration configWriteTimeout) {
        static final Tuning DEFAULT = new Tuning(Map.of(), Duration.ofSeconds(30));
    }

    /** One worker of the cluster and what it owns. */
    private static final class ClusterWorker implements AutoCloseable {
        private final TaskConfigEndpoint endpoint;
        private final KafkaOffsetStore offsets;
        private final KafkaStatusStore statuses;
        private final ConnectMetrics metrics;
        private final WorkerHerder herder;

        private ClusterWorker(TaskConfigEndpoint endpoint, KafkaOffsetStore offsets, KafkaStatusStore statuses,
                              ConnectMetrics metrics, WorkerHerder herder) {
            this.endpoint = endpoint;
            this.offsets = offsets;
            this.statuses = statuses;
            this.metrics = metrics;
            this.herder = herder;
        }

        static ClusterWorker start(KafkaBroker broker, String group, Admin admin, Tuning tuning) throws Exception {
            Plugins plugins = ContractPlugins.plugins();
            TaskConfigEndpoint endpoint = TaskConfigEndpoint.start();
            String workerId = endpoint.workerId();
            Map<String, String> props = new HashMap<>();
            props.put("bootstrap.servers", broker.bootstrapServers());
            props.put("group.id", group);
            props.put("config.storage.topic", group + "-configs");
            props.put("offset.storage.topic", group + "-offsets");
            props.put("status.storage.topic", group + "-status");
            props.put("config.storage.replication.factor", "1");
            props.put("offset.storage.replication.factor", "1");
            props.put("status.storage.replication.factor", "1");
            props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
            props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
            props.put("offset.flush.interval.ms", "200");
            props.put("heartbeat.interval.ms", "500");
            props.put("session.timeout.ms", "6000");
            props.putAll(tuning.workerProperties());
            DistributedConfig config = new DistributedConfig(props, plugins);
            ConfigResolver resolver = ConfigResolver.fromWorkerConfig(config, ConfigResolver.ProviderFactory.CLASSPATH);
            ConnectorConfigValidator validator = new ConnectorConfigValidator(plugins, config, resolver,
                    plugins.newOverridePolicy(config.connectorClientConfigOverridePolicy()));
            String clientIds = group + "-" + endpoint.workerId().replace(':', '-') + "-";
            KafkaOffsetStore offsets = KafkaOffsetStore.fromConfig(config, clientIds, admin);
            KafkaStatusStore statuses = KafkaStatusStore.fromConfig(config, clientIds, admin);
            ConnectMetrics metrics = ConnectMetrics.forWorker(workerId, config, broker.clusterId(), Time.SYSTEM);
            WorkerHerder herder = new WorkerHerder(new HerderParts(workerId, endpoint.url())
                    .worker(listener -> new Worker(workerId, config, plugins, resolver, offsets, broker.clusterId(),
                            listener, Time.SYSTEM, metrics))
                    .plugins(plugins, validator, resolver)
                    .configStore(KafkaConfigStore.fromConfig(config, clientIds, admin)
                            .withWriteTimeout(tuning.configWriteTimeout()))
                    .statusStore(statuses, ActiveTopics.inStatusTopic(statuses, config.topicTrackingEnable()))
                    .membership((work, listener) -> new WorkerGroupMember(config, endpoint.url(), work, listener,
                            Time.SYSTEM))
                    .cluster(ClusterSettings.of(config))
                    .offsets(new ConnectorOffsetsEditor(offsets, () -> admin, plugins))
                    .kafkaClusterId(broker::clusterId));
            endpoint.serve(herder);
            offsets.start();
            statuses.start();
            herder.start();
            return new ClusterWorker(endpoint, offsets, statuses, metrics, herder);
        }

        @Override
        public void close() {
            herder.stop();
            endpoint.close();
            metrics.close();
            statuses.close();
            offsets.close();
        }
    }
}

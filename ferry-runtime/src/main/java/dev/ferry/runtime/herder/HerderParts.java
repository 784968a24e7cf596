package dev.ferry.runtime.herder;

import dev.ferry.runtime.cluster.ClusterWork;
import dev.ferry.runtime.cluster.GroupListener;
import dev.ferry.runtime.cluster.Membership;
import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.config.ConnectorConfigValidator;
import dev.ferry.runtime.herder.offsets.ConnectorOffsetsEditor;
import dev.ferry.runtime.model.StatusListener;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.storage.ConfigStore;
import dev.ferry.runtime.storage.MemoryStatusStore;
import dev.ferry.runtime.storage.StatusStore;
import dev.ferry.runtime.worker.Worker;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Time;

/**
 * What a {@link WorkerHerder} is built from, named one by one: the worker it drives, where
 * connectors are defined ({@link ConfigStore}), where statuses go ({@link StatusStore}), who it
 * shares the work with ({@link Membership}), and the helpers its commands use. The standalone
 * and distributed wiring differ only in the parts they pass. Parts left out default to a
 * standalone worker's (statuses and active topics in memory, no cluster settings, no fencing,
 * no cluster log levels, the system clock).
 *
 * <p>Thread contract: filled in by one thread, then handed to the herder's constructor.
 */
public final class HerderParts {
    /** Makes the membership around what the herder says should run and the herder's listener. */
    public interface MembershipFactory extends BiFunction<Supplier<ClusterWork>, GroupListener, Membership> {
    }

    String workerId;
    String restUrl;
    ClusterSettings cluster = ClusterSettings.standalone();
    Function<StatusListener, Worker> workerFactory;
    Plugins plugins;
    ConnectorConfigValidator validator;
    ConfigResolver resolver;
    ConfigStore configStore;
    StatusStore statusStore = new MemoryStatusStore();
    ActiveTopics activeTopics = ActiveTopics.inMemory();
    MembershipFactory membership;
    ConnectorOffsetsEditor offsetsEditor;
    BiConsumer<String, String> loggerLevels = (namespace, level) -> { };
    Supplier<String> kafkaClusterId = () -> null;
    TaskFencing fencing = TaskFencing.NONE;
    WorkerReadiness readiness = WorkerReadiness.NONE;
    Time time = Time.SYSTEM;

    /**
     * @param workerId this worker's {@code host:port}, written into statuses
     * @param restUrl  this worker's advertised REST URL (sent to the group; a standalone worker's own)
     */
    public HerderParts(String workerId, String restUrl) {
        this.workerId = Objects.requireNonNull(workerId, "workerId");
        this.restUrl = Objects.requireNonNull(restUrl, "restUrl");
    }

    /** Builds the worker around the status listener the herder provides. */
    public HerderParts worker(Function<StatusListener, Worker> factory) {
        this.workerFactory = factory;
        return this;
    }

    public HerderParts plugins(Plugins plugins, ConnectorConfigValidator validator, ConfigResolver resolver) {
        this.plugins = plugins;
        this.validator = validator;
        this.resolver = resolver;
        return this;
    }

    /** The config store; the herder starts it (with itself as listener) and closes it. */
    public HerderParts configStore(ConfigStore store) {
        this.configStore = store;
        return this;
    }

    /** The status store, started by the caller. */
    public HerderParts statusStore(StatusStore store, ActiveTopics topics) {
        this.statusStore = store;
        this.activeTopics = topics;
        return this;
    }

    public HerderParts membership(MembershipFactory factory) {
        this.membership = factory;
        return this;
    }

    public HerderParts cluster(ClusterSettings settings) {
        this.cluster = settings;
        return this;
    }

    public HerderParts offsets(ConnectorOffsetsEditor editor) {
        this.offsetsEditor = editor;
        return this;
    }

    /** Applies a cluster-wide log level to this worker. */
    public HerderParts loggerLevels(BiConsumer<String, String> apply) {
        this.loggerLevels = apply;
        return this;
    }

    public HerderParts kafkaClusterId(Supplier<String> clusterId) {
        this.kafkaClusterId = clusterId;
        return this;
    }

    public HerderParts fencing(TaskFencing taskFencing) {
        this.fencing = taskFencing;
        return this;
    }

    /** What keeps the worker from its work (Kafka unreachable): health and RUNNING statuses report it. */
    public HerderParts readiness(WorkerReadiness check) {
        this.readiness = Objects.requireNonNull(check, "check");
        return this;
    }

    public HerderParts time(Time clock) {
        this.time = clock;
        return this;
    }

    void requireComplete() {
        Objects.requireNonNull(workerFactory, "worker");
        Objects.requireNonNull(plugins, "plugins");
        Objects.requireNonNull(configStore, "configStore");
        Objects.requireNonNull(membership, "membership");
        Objects.requireNonNull(offsetsEditor, "offsets");
    }
}

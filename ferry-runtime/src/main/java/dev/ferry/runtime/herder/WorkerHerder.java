package dev.ferry.runtime.herder;

import dev.ferry.runtime.cluster.GroupListener;
import dev.ferry.runtime.cluster.Membership;
import dev.ferry.runtime.cluster.WorkerAssignment;
import dev.ferry.runtime.cluster.requests.InterWorkerClient;
import dev.ferry.runtime.config.ConnectorConfigValidator;
import dev.ferry.runtime.herder.shared.AutoRestarter;
import dev.ferry.runtime.herder.shared.ConnectorPlugins;
import dev.ferry.runtime.herder.shared.StatusRecorder;
import dev.ferry.runtime.metrics.AutoRestartMetrics;
import dev.ferry.runtime.model.ConnectorInfo;
import dev.ferry.runtime.model.ConnectorOffsets;
import dev.ferry.runtime.model.ConnectorStatusReport;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.Created;
import dev.ferry.runtime.model.InstanceStatus;
import dev.ferry.runtime.model.InternalRequestSignature;
import dev.ferry.runtime.model.OffsetsChange;
import dev.ferry.runtime.model.PluginDescriptor;
import dev.ferry.runtime.model.RestartEvent;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.StatusListener;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.model.TaskInfo;
import dev.ferry.runtime.model.ValidationResult;
import dev.ferry.runtime.storage.ConfigStore;
import dev.ferry.runtime.worker.Worker;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane of a worker, standalone or distributed: one implementation of {@link Herder}
 * over a {@link ConfigStore} (the config topic, or a file) and a {@link Membership} (a Kafka group,
 * or a cluster of one that always leads and is assigned everything).
 *
 * <p>The design, which thread owns what and why, is the comment that opens the class body; read
 * it before changing any of the classes it names.
 */
public final class WorkerHerder implements Herder {
    /*
     * The shape of the problem
     * ------------------------
     * A worker runs connectors and tasks that a user defines over REST. In a cluster many workers
     * share them; standalone, one worker runs everything. Apache wrote the two as separate herders
     * that drifted apart. Here the standalone worker is simply a cluster of one: every change is
     * written to the config store first, and every worker (the one worker included) changes what it
     * runs only by reacting to what it reads back. The store is the single source of truth, the
     * membership decides who runs what, and the herder's job is to make this worker's running work
     * match both. There is no "apply the change directly" path, so there is nothing to keep in step.
     *
     * One thread owns every decision
     * ------------------------------
     * All state that decisions depend on is confined to one thread, the herder thread (HerderLoop),
     * so none of it needs a lock and no two decisions ever interleave. The thread turns in a loop:
     *
     *   1. poll the membership (it may block there for up to a second when idle). Revocations and
     *      assignments are delivered inside the poll, on this thread, and start or stop work at once
     *      (OwnedWork, the one place that starts and stops instances);
     *   2. act on what changed in the config store since the last turn (ConfigChanges compares the
     *      new snapshot with the one acted on, ConfigDiff, and asks for a new assignment when the set
     *      of connectors or tasks changed);
     *   3. if the membership is settled: the leader's duties (LeaderDuties: session keys, stale
     *      statuses), restart requests read from the store (Restarts), task-config regeneration for
     *      connectors that asked (TaskConfigUpdates: the leader writes, a follower forwards), and
     *      finally the queued requests (RequestQueue).
     *
     * Every other thread only ever hands work to this one and wakes it (Membership#wakeup):
     * REST threads queue their commands and wait on the returned stage; connector threads ask for
     * task-config regeneration; the config store's thread notes that something changed and queues
     * restart requests it read. The stores, the worker's connector and task threads, the
     * validation thread and the task-config forwarder each keep their own state and are safe to
     * call from here.
     *
     * Reads do not queue
     * ------------------
     * The snapshot the herder last acted on (ConfigView) is immutable and published through a
     * volatile field, so connector lists, configs, task configs and statuses (StatusReads) are
     * answered on the caller's thread. The answer is what this worker acts on, never a write that
     * has not been read back. Validation and offset reads may wait for plugins or Kafka and run on
     * a separate thread; only the decision that follows (store it or not) queues.
     *
     * Waiting instead of refusing
     * ---------------------------
     * A queued command that needs a settled membership waits while the group rebalances, and also
     * while an assignment this herder asked for is on its way, instead of failing with 409 as
     * Apache does; the REST layer bounds the wait. Health probes queue on a line that runs at every
     * turn, so /health says whether the thread is responsive even during a long rebalance.
     *
     * Who writes what
     * ---------------
     * Only the leader writes connector configs, task configs, stop and restart requests, offsets
     * changes and session keys; any worker writes target states (pause, resume) and cluster log
     * levels, as in Apache. A command that needs the leader fails on a follower with
     * NotLeaderException, which the REST layer answers by forwarding. A command that changes the
     * store reads it back before it answers, so the next request sees the change. Task configs are
     * generated by the worker running the connector and reach the leader through the signed
     * internal endpoint (TaskConfigForwarder). Before a task starts, and after task configs were
     * written, the TaskFencing hook is consulted (exactly-once sources need the previous
     * generation fenced first).
     *
     * What differs by mode
     * --------------------
     * Nothing in how the work is done. What users and Apache's tests see differently is listed in
     * ModeRules: a standalone create answers once the tasks exist (CreateAnswers), statuses are
     * removed at once rather than by the leader after a rebalance, there are no peers to sign for,
     * forward to, or list, and an unreadable connector file stops the start rather than being
     * retried.
     *
     * Stopping
     * --------
     * stop() flags the loop and wakes it; the herder thread stops this worker's connectors and
     * tasks (committing source offsets), leaves the membership so others take over at once, fails
     * whatever still waits, and closes the worker and the config store.
     */
    private static final Logger log = LoggerFactory.getLogger(WorkerHerder.class);

    private final ConfigStore configStore;
    private final ConnectorConfigValidator validator;
    private final Supplier<String> kafkaClusterId;
    private final ConfigView view;
    private final RequestQueue queue;
    private final AutoRestarter restarter;
    private final Membership membership;
    private final ModeRules mode;
    private final CreateAnswers answers = new CreateAnswers();
    private final StatusReads statuses;
    private final Worker worker;
    private final InterWorkerClient interWorkerClient;
    private final TaskConfigForwarder forwarder;
    private final Restarts restarts;
    private final TaskConfigUpdates taskConfigs;
    private final LeaderDuties leader;
    private final OffsetsCommands offsets;
    private final PeerCommands peers;
    private final ConnectorCommands commands;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "herder-validation");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean started = new AtomicBoolean();
    private HerderLoop loop;
    private final Thread herderThread;

    public WorkerHerder(HerderParts parts) {
        parts.requireComplete();
        String workerId = parts.workerId;
        String restUrl = parts.restUrl;
        this.configStore = parts.configStore;
        this.validator = parts.validator;
        this.kafkaClusterId = parts.kafkaClusterId;
        ClusterSettings settings = parts.cluster;
        TaskFencing fencing = parts.fencing;
        this.view = new ConfigView(new ConnectorPlugins(parts.plugins));
        this.queue = new RequestQueue(this::wakeUp);
        this.restarter = new AutoRestarter(view::configOrNull, AutoRestarter.Restarts.through(this), parts.time);
        this.membership = parts.membership.apply(() -> HerderLoop.clusterWork(configStore.snapshot()),
                new MembershipEvents());
        this.mode = new ModeRules(membership.distributed(), settings.groupId());
        StatusRecorder statusRecorder = new StatusRecorder(parts.workerId, parts.statusStore, this::generation, view::versionOf,
                this::requestTaskReconfiguration,
                c -> !mode.dropsReportsOfUnknownConnectors() || view.snapshot().contains(c),
                parts.activeTopics::used, restarter);
        StatusListener listener = mode.answersCreateWithTasks() ? answers.watching(statusRecorder, queue) : statusRecorder;
        this.worker = parts.workerFactory.apply(listener);
        restarter.publishTo(new AutoRestartMetrics(worker.metrics()));
        this.statuses = new StatusReads(parts.statusStore, view, mode, parts.activeTopics, statusRecorder,
                () -> membership.problem().or(parts.readiness::problem)); // outside the group: not ready, whatever else
        this.leader = new LeaderDuties(configStore, parts.statusStore, view, membership, settings, mode, parts.time);
        if (mode.hasPeers()) {
            this.interWorkerClient = new InterWorkerClient(settings.requestTimeout());
            this.forwarder = new TaskConfigForwarder(interWorkerClient, membership::leaderUrl, leader::signingKey,
                    settings.signatureAlgorithm());
        } else {
            this.interWorkerClient = null;
            this.forwarder = null;
        }
        OwnedWork owned = new OwnedWork(worker, view, fencing, this::stoppedHere, answers::settle);
        this.restarts = new Restarts(view, owned, worker, statusRecorder, statuses, queue, configStore,
                () -> PeerCommands.requireLeader(membership), workerId, restUrl);
        ConfigChanges changes = new ConfigChanges(configStore, view, owned, worker, settings.syncTimeout(), restarts::add,
                parts.loggerLevels, this::wakeUp);
        this.taskConfigs = new TaskConfigUpdates(configStore, view, membership, owned, worker, changes, forwarder,
                fencing, answers, this::wakeUp, parts.time);
        this.offsets = new OffsetsCommands(parts.offsetsEditor, parts.resolver, view, queue, background,
                () -> PeerCommands.requireLeader(membership), fencing);
        this.peers = new PeerCommands(membership, configStore, view, queue, taskConfigs, fencing,
                settings.verificationAlgorithms(), background);
        this.commands = new ConnectorCommands(configStore, view, queue, changes, answers, statuses, peers, mode,
                this::validateConnectorConfig);
        this.loop = new HerderLoop(new HerderLoop.Parts(membership, configStore, view, queue, changes, owned, leader,
                taskConfigs, restarts, answers, worker, mode, settings, parts.time, restarter::forget,
                this::closeResources));
        changes.reactWith(loop);
        this.herderThread = new Thread(loop, mode.threadName());
    }

    /**
     * Starts the herder thread, which reads the config store and joins the membership; returns at
     * once. The stage completes when the first assignment started this worker's share of the work
     * (for a standalone worker: the stored connectors were restored), and fails when a standalone
     * worker's stored connectors cannot be read.
     */
    public CompletionStage<Void> start() {
        if (started.compareAndSet(false, true)) {
            herderThread.start();
        }
        return loop.firstAssignment();
    }

    /**
     * Stops this worker's connectors and tasks (committing source offsets), leaves the membership
     * so the others take the work over at once, and stops the herder thread.
     */
    public void stop() {
        if (started.compareAndSet(false, true)) {
            membership.close(); // never started: nothing runs, only resources to release
            queue.close("The worker is shutting down");
            closeResources();
        } else {
            loop.stop();
            try {
                herderThread.join(TimeUnit.MINUTES.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        background.shutdownNow();
    }

    private void closeResources() {
        restarter.close();
        if (forwarder != null) {
            forwarder.close();
            interWorkerClient.close();
        }
        worker.close();
        configStore.close();
    }

    // ---- reads ---------------------------------------------------------------------------------

    @Override
    public ServerInfo serverInfo() {
        return new ServerInfo(AppInfoParser.getVersion(), AppInfoParser.getCommitId(), kafkaClusterId.get());
    }

    @Override
    public CompletionStage<WorkerHealth> health() {
        return loop.health().thenApply(statuses::withReadiness);
    }

    @Override
    public List<RestartEvent> restartHistory(String connector) {
        return restarter.history().of(connector);
    }

    @Override
    public List<String> connectors() {
        return List.copyOf(view.snapshot().connectors());
    }

    @Override
    public CompletionStage<ConnectorInfo> connectorInfo(String connector) {
        return CompletableFuture.completedFuture(view.info(connector));
    }

    @Override
    public CompletionStage<Map<String, String>> connectorConfig(String connector) {
        return CompletableFuture.completedFuture(view.requireConfig(connector));
    }

    @Override
    public ConnectorStatusReport connectorStatus(String connector) {
        return statuses.connectorStatus(connector);
    }

    @Override
    public InstanceStatus taskStatus(ConnectorTaskId task) {
        return statuses.taskStatus(task);
    }

    @Override
    public Object readStamp() {
        return statuses.stamp();
    }

    @Override
    public CompletionStage<List<TaskInfo>> taskConfigs(String connector) {
        return view.taskInfos(connector);
    }

    @Override
    public Set<String> connectorActiveTopics(String connector) {
        return statuses.activeTopics(connector);
    }

    @Override
    public void resetConnectorActiveTopics(String connector) {
        statuses.resetActiveTopics(connector);
    }

    @Override
    public List<PluginDescriptor> plugins(boolean connectorsOnly) {
        return view.plugins().listing(connectorsOnly);
    }

    @Override
    public List<PluginDescriptor> allPlugins() {
        return view.plugins().all();
    }

    @Override
    public List<ConfigDef.ConfigKey> pluginConfig(String plugin, String versionSpec) {
        return validator.pluginConfigKeys(plugin, versionSpec);
    }

    @Override
    public CompletionStage<ValidationResult> validateConnectorConfig(Map<String, String> connectorConfig) {
        return CompletableFuture.supplyAsync(() -> validator.validate(connectorConfig), background);
    }

    @Override
    public CompletionStage<ConnectorOffsets> connectorOffsets(String connector) {
        return offsets.read(connector);
    }

    @Override
    public CompletionStage<OffsetsChange> alterConnectorOffsets(String connector, ConnectorOffsets change) {
        return offsets.alter(connector, change);
    }

    @Override
    public CompletionStage<OffsetsChange> resetConnectorOffsets(String connector) {
        return offsets.reset(connector);
    }

    // ---- writes --------------------------------------------------------------------------------

    @Override
    public CompletionStage<Created<ConnectorInfo>> putConnectorConfig(String connector, Map<String, String> connectorConfig,
                                                                      boolean allowReplace, TargetState initialState) {
        return commands.putConnectorConfig(connector, connectorConfig, allowReplace, initialState);
    }

    @Override
    public CompletionStage<ConnectorInfo> patchConnectorConfig(String connector, Map<String, String> patch) {
        return commands.patchConnectorConfig(connector, patch);
    }

    @Override
    public CompletionStage<Void> deleteConnector(String connector) {
        return commands.deleteConnector(connector);
    }

    @Override
    public CompletionStage<Void> pauseConnector(String connector) {
        return commands.putTargetState(connector, TargetState.PAUSED);
    }

    @Override
    public CompletionStage<Void> resumeConnector(String connector) {
        return commands.putTargetState(connector, TargetState.STARTED);
    }

    @Override
    public CompletionStage<Void> stopConnector(String connector) {
        return commands.stopConnector(connector);
    }

    @Override
    public CompletionStage<ConnectorStatusReport> restartConnector(RestartRequest request) {
        return restarts.restartConnector(request);
    }

    @Override
    public CompletionStage<Void> restartTask(ConnectorTaskId task) {
        return restarts.restartTask(task);
    }

    @Override
    public CompletionStage<Void> putTaskConfigs(String connector, List<Map<String, String>> configs,
                                                InternalRequestSignature signature) {
        return mode.hasPeers() ? peers.putTaskConfigs(connector, configs, signature)
                : Herder.super.putTaskConfigs(connector, configs, signature);
    }

    @Override
    public CompletionStage<Void> fenceZombies(String connector, InternalRequestSignature signature) {
        return mode.hasPeers() ? peers.fenceZombies(connector, signature) : Herder.super.fenceZombies(connector, signature);
    }

    @Override
    public CompletionStage<Boolean> setClusterLoggerLevel(String namespace, String level) {
        return mode.hasPeers() ? peers.setClusterLoggerLevel(namespace, level)
                : Herder.super.setClusterLoggerLevel(namespace, level);
    }

    @Override
    public CompletionStage<ClusterMembers> clusterMembers() {
        return mode.hasPeers() ? peers.clusterMembers() : Herder.super.clusterMembers();
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Statuses carry the group generation; a standalone worker stamps 0, as it always did. */
    private int generation() {
        return mode.hasPeers() ? Math.max(membership.generation(), 0) : 0;
    }

    /** From connector threads (a connector became RUNNING or asked for it). */
    private void requestTaskReconfiguration(String connector) {
        taskConfigs.request(connector);
    }

    private void stoppedHere(String connector) {
        taskConfigs.cancel(connector);
    }

    private void wakeUp() {
        membership.wakeup();
    }

    /** The membership's calls, for the loop (which is made after the membership). */
    private final class MembershipEvents implements GroupListener {
        @Override
        public void onRevoked(String leaderId, Collection<String> connectors, Collection<ConnectorTaskId> tasks) {
            loop.onRevoked(leaderId, connectors, tasks);
        }

        @Override
        public void onAssigned(WorkerAssignment assignment, int generation) {
            loop.onAssigned(assignment, generation);
        }
    }
}

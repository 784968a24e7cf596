package dev.ferry.runtime.herder.standalone;

import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.config.ConnectorConfigValidator;
import dev.ferry.runtime.herder.Herder;
import dev.ferry.runtime.herder.offsets.ConnectorOffsetsEditor;
import dev.ferry.runtime.herder.shared.AutoRestarter;
import dev.ferry.runtime.herder.shared.ConnectorPlugins;
import dev.ferry.runtime.herder.shared.RestartPlan;
import dev.ferry.runtime.herder.shared.StatusRecorder;
import dev.ferry.runtime.herder.shared.TaskConfigPlaceholders;
import dev.ferry.runtime.metrics.AutoRestartMetrics;
import dev.ferry.runtime.model.ConfigValidationException;
import dev.ferry.runtime.model.ConnectorInfo;
import dev.ferry.runtime.model.ConnectorOffsets;
import dev.ferry.runtime.model.ConnectorStatusReport.TaskStatusReport;
import dev.ferry.runtime.model.ConnectorStatusReport;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.ConnectorType;
import dev.ferry.runtime.model.Created;
import dev.ferry.runtime.model.InstanceStatus;
import dev.ferry.runtime.model.InvalidRequestException;
import dev.ferry.runtime.model.OffsetsChange;
import dev.ferry.runtime.model.PluginDescriptor;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.StatusListener;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.model.TaskInfo;
import dev.ferry.runtime.model.ValidationResult;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.storage.ConnectorConfigFile.StoredConnector;
import dev.ferry.runtime.storage.ConnectorConfigFile;
import dev.ferry.runtime.storage.MemoryStatusStore;
import dev.ferry.runtime.worker.Worker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.errors.AlreadyExistsException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane of a standalone worker.
 *
 * <h2>Threads</h2>
 * One herder thread owns {@link #connectors}: every change (create, update, delete, pause,
 * resume, stop, restart, task reconfiguration) is a job on that thread, so changes never
 * interleave and no lock is needed. REST threads submit jobs and wait on the returned stage.
 * Validation can be slow (a connector's {@code validate()} may contact a database), so it runs
 * on a separate validation thread first and only the decision is taken on the herder thread.
 * Status and the read-only views are answered from concurrent structures without queueing.
 *
 * <h2>Persistence</h2>
 * Unlike Apache's standalone mode, connector configurations, target states and task configs are
 * written to a {@link ConnectorConfigFile} beside the offsets file after every change, and the
 * connectors are started again from it at the next start. Connectors named on the command line
 * are applied afterwards and replace stored ones with the same name, as Apache would.
 *
 * <h2>Task configs</h2>
 * Task configs are regenerated whenever a connector starts or asks for it; tasks are restarted
 * only when the generated configs differ from the stored ones. Stored task configs hold the
 * connector's config-provider references, never resolved secrets ({@link TaskConfigPlaceholders}).
 */
public final class StandaloneHerder implements Herder {
    private static final Logger log = LoggerFactory.getLogger(StandaloneHerder.class);

    private final Worker worker;
    private final ConnectorPlugins connectorPlugins;
    private final ConnectorConfigValidator validator;
    private final ConfigResolver resolver;
    private final ConnectorConfigFile configFile;
    private final MemoryStatusStore statusStore;
    private final StatusRecorder statusRecorder;
    private final AutoRestarter restarter;
    private final ConnectorOffsetsEditor offsetsEditor;
    private final Supplier<String> kafkaClusterId;
    private final ExecutorService herderThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "herder"));
    private final ExecutorService validationThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "herder-validation");
        t.setDaemon(true);
        return t;
    });

    /** Written only by the herder thread; concurrent so status and list reads need not queue. */
    private final ConcurrentSkipListMap<String, ConnectorEntry> connectors = new ConcurrentSkipListMap<>();
    private volatile boolean started;
    /**
     * Create and config-replace requests waiting for their connector to settle (herder thread only):
     * Apache's standalone answer lists the tasks the connector made, so it is sent once the task
     * configs were generated, or once the connector ended up not running (failed, paused, stopped).
     */
    private final Map<String, List<CompletableFuture<Void>>> settling = new HashMap<>();

    /**
     * @param workerFactory builds the worker around the status listener this herder provides
     */
    public StandaloneHerder(String workerId, java.util.function.Function<StatusListener, Worker> workerFactory,
                            Plugins plugins, ConnectorConfigValidator validator, ConfigResolver resolver,
                            ConnectorConfigFile configFile, ConnectorOffsetsEditor offsetsEditor,
                            Supplier<String> kafkaClusterId) {
        this.connectorPlugins = new ConnectorPlugins(plugins);
        this.validator = validator;
        this.resolver = resolver;
        this.configFile = configFile;
        this.offsetsEditor = offsetsEditor;
        this.kafkaClusterId = kafkaClusterId;
        this.statusStore = new MemoryStatusStore();
        this.restarter = new AutoRestarter(c -> {
            ConnectorEntry entry = connectors.get(c);
            return entry == null ? null : entry.config();
        }, AutoRestarter.Restarts.through(this), org.apache.kafka.common.utils.Time.SYSTEM);
        this.statusRecorder = new StatusRecorder(workerId, statusStore, () -> 0, this::connectorVersion,
                this::requestTaskReconfiguration, connectors::containsKey, (task, topic) -> { }, restarter);
        this.worker = workerFactory.apply(new SettlingListener(statusRecorder));
        restarter.publishTo(new AutoRestartMetrics(worker.metrics()));
    }

    /** Starts the connectors stored by an earlier run; completes when they have been started. */
    public CompletionStage<Void> start() {
        return onHerderThread(() -> {
            Map<String, StoredConnector> stored = configFile.load();
            stored.forEach((name, s) -> connectors.put(name, new ConnectorEntry(s.config(), s.targetState(),
                    s.taskConfigs() == null ? List.of() : s.taskConfigs())));
            if (!stored.isEmpty()) {
                log.info("Restoring {} connector(s) stored in {}: {}", stored.size(), configFile.path(), stored.keySet());
            }
            for (String name : new ArrayList<>(connectors.keySet())) {
                startConnectorAndTasks(name);
            }
            started = true;
            return null;
        });
    }

    /** Stops every connector and task (keeping the stored configs) and the herder thread. */
    public void stop() {
        try {
            onHerderThread(() -> {
                for (String name : new ArrayList<>(connectors.keySet())) {
                    stopConnectorAndTasks(name);
                }
                return null;
            }).toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Stopping connectors did not finish cleanly: {}", e.toString());
        }
        restarter.close();
        herderThread.shutdown();
        validationThread.shutdownNow();
        worker.close();
    }

    // ---- reads ---------------------------------------------------------------------------------

    @Override
    public ServerInfo serverInfo() {
        return new ServerInfo(AppInfoParser.getVersion(), AppInfoParser.getCommitId(), kafkaClusterId.get());
    }

    @Override
    public CompletionStage<WorkerHealth> health() {
        if (!started) {
            return CompletableFuture.completedFuture(new WorkerHealth("starting",
                    "Worker is still starting up. It is restoring stored connectors."));
        }
        return onHerderThread(() -> new WorkerHealth("healthy",
                "Worker has completed startup and is ready to handle requests."));
    }

    @Override
    public List<dev.ferry.runtime.model.RestartEvent> restartHistory(String connector) {
        return restarter.history().of(connector);
    }

    @Override
    public List<String> connectors() {
        return List.copyOf(connectors.keySet());
    }

    @Override
    public CompletionStage<ConnectorInfo> connectorInfo(String connector) {
        return onHerderThread(() -> info(connector, require(connector)));
    }

    @Override
    public CompletionStage<Map<String, String>> connectorConfig(String connector) {
        return onHerderThread(() -> require(connector).config());
    }

    @Override
    public ConnectorStatusReport connectorStatus(String connector) {
        InstanceStatus status = statusStore.connector(connector)
                .orElseThrow(() -> new NotFoundException("No status found for connector " + connector));
        List<TaskStatusReport> tasks = new ArrayList<>();
        statusStore.tasks(connector).forEach(e -> tasks.add(new TaskStatusReport(e.getKey().task(), e.getValue())));
        return new ConnectorStatusReport(connector, status, tasks, typeOf(connector));
    }

    @Override
    public InstanceStatus taskStatus(ConnectorTaskId task) {
        return statusStore.task(task).orElseThrow(() -> new NotFoundException("No status found for task " + task));
    }

    @Override
    public CompletionStage<List<TaskInfo>> taskConfigs(String connector) {
        return onHerderThread(() -> {
            List<Map<String, String>> tasks = require(connector).taskConfigs();
            List<TaskInfo> result = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                result.add(new TaskInfo(new ConnectorTaskId(connector, i), tasks.get(i)));
            }
            return result;
        });
    }

    @Override
    public Set<String> connectorActiveTopics(String connector) {
        requireKnown(connector);
        return statusRecorder.activeTopics(connector);
    }

    @Override
    public void resetConnectorActiveTopics(String connector) {
        requireKnown(connector);
        statusRecorder.resetActiveTopics(connector);
    }

    @Override
    public List<PluginDescriptor> plugins(boolean connectorsOnly) {
        return connectorPlugins.listing(connectorsOnly);
    }

    @Override
    public List<PluginDescriptor> allPlugins() {
        return connectorPlugins.all();
    }

    @Override
    public List<ConfigDef.ConfigKey> pluginConfig(String plugin, String versionSpec) {
        return validator.pluginConfigKeys(plugin, versionSpec);
    }

    @Override
    public CompletionStage<ValidationResult> validateConnectorConfig(Map<String, String> config) {
        return CompletableFuture.supplyAsync(() -> validator.validate(config), validationThread);
    }

    // ---- writes --------------------------------------------------------------------------------

    @Override
    public CompletionStage<Created<ConnectorInfo>> putConnectorConfig(String connector, Map<String, String> config,
                                                                      boolean allowReplace, TargetState initialState) {
        Map<String, String> withName = new LinkedHashMap<>(config);
        withName.put("name", connector);
        return validateConnectorConfig(withName).thenCompose(result -> onHerderThread(() -> {
            if (result.errorCount() > 0) {
                throw new ConfigValidationException(ConnectorConfigValidator.invalidConfigMessage(result), result);
            }
            ConnectorEntry existing = connectors.get(connector);
            if (existing != null && !allowReplace) {
                throw new AlreadyExistsException("Connector " + connector + " already exists");
            }
            if (existing != null) {
                stopConnectorAndTasks(connector);
            }
            TargetState target = existing != null ? existing.targetState()
                    : initialState == null ? TargetState.STARTED : initialState;
            connectors.put(connector, new ConnectorEntry(Map.copyOf(withName), target,
                    existing != null ? existing.taskConfigs() : List.of()));
            persist();
            log.info("{} connector {}", existing == null ? "Created" : "Reconfigured", connector);
            CompletableFuture<Void> settled = new CompletableFuture<>();
            if (target == TargetState.STARTED) {
                settling.computeIfAbsent(connector, c -> new ArrayList<>()).add(settled);
            } else {
                settled.complete(null);
            }
            startConnectorAndTasks(connector);
            return settled.thenApplyAsync(v -> {
                ConnectorEntry entry = connectors.get(connector);
                if (entry == null) {
                    throw new NotFoundException("Connector " + connector + " was deleted while it was being created");
                }
                return new Created<>(existing == null, info(connector, entry));
            }, herderThread);
        })).thenCompose(answer -> answer);
    }

    /** Herder thread: answers the create/replace requests waiting for {@code connector} to settle. */
    private void settled(String connector) {
        List<CompletableFuture<Void>> waiting = settling.remove(connector);
        if (waiting != null) {
            waiting.forEach(f -> f.complete(null));
        }
    }

    @Override
    public CompletionStage<ConnectorInfo> patchConnectorConfig(String connector, Map<String, String> patch) {
        return onHerderThread(() -> {
            Map<String, String> merged = new LinkedHashMap<>(require(connector).config());
            patch.forEach((k, v) -> {
                if (v == null) {
                    merged.remove(k);
                } else {
                    merged.put(k, v);
                }
            });
            return merged;
        }).thenCompose(merged -> putConnectorConfig(connector, merged, true, null)).thenApply(Created::value);
    }

    @Override
    public CompletionStage<Void> deleteConnector(String connector) {
        return onHerderThread(() -> {
            require(connector);
            stopConnectorAndTasks(connector);
            connectors.remove(connector);
            restarter.forget(connector);
            statusStore.removeConnector(connector);
            statusRecorder.resetActiveTopics(connector);
            persist();
            log.info("Deleted connector {}", connector);
            return null;
        });
    }

    @Override
    public CompletionStage<Void> pauseConnector(String connector) {
        return changeTargetState(connector, TargetState.PAUSED);
    }

    @Override
    public CompletionStage<Void> resumeConnector(String connector) {
        return changeTargetState(connector, TargetState.STARTED);
    }

    @Override
    public CompletionStage<Void> stopConnector(String connector) {
        return changeTargetState(connector, TargetState.STOPPED);
    }

    private CompletionStage<Void> changeTargetState(String connector, TargetState target) {
        return onHerderThread(() -> {
            ConnectorEntry entry = require(connector);
            TargetState previous = entry.targetState();
            if (previous == target) {
                return null;
            }
            if (target == TargetState.STOPPED) {
                stopTasks(connector, entry);
                connectors.put(connector, entry.withTargetState(target).withTaskConfigs(List.of()));
                persist();
                worker.setTargetState(connector, target);
            } else {
                connectors.put(connector, entry.withTargetState(target));
                persist();
                worker.setTargetState(connector, target);
            }
            log.info("Connector {} target state {} -> {}", connector, previous, target);
            return null;
        });
    }

    @Override
    public CompletionStage<ConnectorStatusReport> restartConnector(RestartRequest request) {
        String connector = request.connector();
        return onHerderThread(() -> {
            ConnectorEntry entry = connectors.get(connector);
            if (entry == null) {
                throw new NotFoundException("Unknown connector: " + connector);
            }
            if (request.connectorOnly()) {
                worker.stopAndAwaitConnector(connector);
                worker.startConnector(connector, entry.config(), entry.targetState());
                return null;
            }
            ConnectorStatusReport current = statusStore.connector(connector).isPresent() ? connectorStatus(connector) : null;
            if (current == null) {
                throw new NotFoundException("Status for connector " + connector + " not found");
            }
            RestartPlan plan = RestartPlan.of(request, current);
            ConnectorStatusReport planned = plan.plannedStatus(current);
            herderThread.execute(() -> executeRestart(connector, plan));
            return planned;
        });
    }

    private void executeRestart(String connector, RestartPlan plan) {
        ConnectorEntry entry = connectors.get(connector);
        if (entry == null) {
            return;
        }
        List<ConnectorTaskId> tasks = plan.tasks();
        // Apache's order: stop (the instances report UNASSIGNED), then RESTARTING, then start.
        worker.stopAndAwaitTasks(tasks);
        if (plan.connector()) {
            worker.stopAndAwaitConnector(connector);
        }
        tasks.forEach(t -> {
            statusRecorder.taskStateByHerder(t, State.RESTARTING);
            worker.metrics().restartingTasks().add(t);
        });
        if (plan.connector()) {
            statusRecorder.connectorStateByHerder(connector, State.RESTARTING);
            worker.startConnector(connector, entry.config(), entry.targetState());
        }
        for (ConnectorTaskId task : tasks) {
            if (task.task() < entry.taskConfigs().size()) {
                startStoredTask(task, entry);
            }
        }
    }

    /** Starts task {@code id} from the entry's stored task config, in the entry's target state. */
    private void startStoredTask(ConnectorTaskId id, ConnectorEntry entry) {
        worker.startTask(id, entry.config(), entry.taskConfigs().get(id.task()), entry.targetState());
    }

    @Override
    public CompletionStage<Void> restartTask(ConnectorTaskId task) {
        return onHerderThread(() -> {
            ConnectorEntry entry = connectors.get(task.connector());
            if (entry == null) {
                throw new NotFoundException("Unknown connector: " + task.connector());
            }
            if (task.task() < 0 || task.task() >= entry.taskConfigs().size()) {
                throw new NotFoundException("Unknown task: " + task);
            }
            worker.stopAndAwaitTasks(List.of(task));
            startStoredTask(task, entry);
            return null;
        });
    }

    // ---- offsets -------------------------------------------------------------------------------

    @Override
    public CompletionStage<ConnectorOffsets> connectorOffsets(String connector) {
        return onHerderThread(() -> require(connector).config())
                .thenApplyAsync(config -> offsetsEditor.read(connector, config, isSink(config)), validationThread);
    }

    @Override
    public CompletionStage<OffsetsChange> alterConnectorOffsets(String connector, ConnectorOffsets offsets) {
        return onHerderThread(() -> {
            ConnectorEntry entry = requireStopped(connector);
            Map<String, String> config = resolver.resolve(entry.config());
            return offsetsEditor.alter(connector, config, isSink(entry.config()), offsets);
        });
    }

    @Override
    public CompletionStage<OffsetsChange> resetConnectorOffsets(String connector) {
        return onHerderThread(() -> {
            ConnectorEntry entry = requireStopped(connector);
            Map<String, String> config = resolver.resolve(entry.config());
            return offsetsEditor.reset(connector, config, isSink(entry.config()));
        });
    }

    private ConnectorEntry requireStopped(String connector) {
        ConnectorEntry entry = require(connector);
        if (entry.targetState() != TargetState.STOPPED) {
            throw new InvalidRequestException("Connectors must be in the STOPPED state before their offsets can be "
                    + "modified. This can be done for the specified connector by issuing a 'PUT' request to the "
                    + "'/connectors/" + connector + "/stop' endpoint");
        }
        return entry;
    }

    // ---- herder-thread helpers -----------------------------------------------------------------

    /**
     * Starts the connector. Its tasks follow when it reports RUNNING (see {@link StatusRecorder}),
     * because only a started connector can generate task configs; a connector restored PAUSED gets
     * its stored tasks back, paused.
     */
    private void startConnectorAndTasks(String connector) {
        ConnectorEntry entry = connectors.get(connector);
        worker.startConnector(connector, entry.config(), entry.targetState());
        if (entry.targetState() == TargetState.PAUSED) {
            taskIds(connector, entry.taskConfigs().size()).forEach(id -> startStoredTask(id, entry));
        }
    }

    /** From connector threads: queue a task-config regeneration, unless the herder is shutting down. */
    private void requestTaskReconfiguration(String connector) {
        try {
            herderThread.execute(() -> reconfigureTasks(connector));
        } catch (RejectedExecutionException shuttingDown) {
            log.debug("Ignoring a task reconfiguration request from {}: the worker is stopping", connector);
        }
    }

    /** Regenerates the connector's task configs and restarts its tasks if they changed. */
    private void reconfigureTasks(String connector) {
        try {
            regenerateTaskConfigs(connector);
        } finally {
            settled(connector);
        }
    }

    private void regenerateTaskConfigs(String connector) {
        ConnectorEntry entry = connectors.get(connector);
        if (entry == null || entry.targetState() != TargetState.STARTED || !worker.connectorNames().contains(connector)
                || statusStore.connector(connector).map(s -> s.state() != State.RUNNING).orElse(true)) {
            return;
        }
        List<Map<String, String>> generated;
        try {
            generated = TaskConfigPlaceholders.restore(entry.config(), worker.connectorTaskConfigs(connector));
        } catch (Throwable e) { // plugin code ran here: an Error must not end the herder's job silently
            log.error("Connector {} could not generate task configurations: {}", connector, e.toString());
            return;
        }
        boolean unchanged = generated.equals(entry.taskConfigs());
        Set<ConnectorTaskId> running = worker.taskIds();
        if (unchanged && running.containsAll(taskIds(connector, generated.size()))) {
            return;
        }
        stopTasks(connector, entry);
        ConnectorEntry updated = entry.withTaskConfigs(generated);
        connectors.put(connector, updated);
        persist();
        for (int i = 0; i < generated.size(); i++) {
            worker.startTask(new ConnectorTaskId(connector, i), updated.config(), generated.get(i), updated.targetState());
        }
    }

    private void stopTasks(String connector, ConnectorEntry entry) {
        List<ConnectorTaskId> ids = new ArrayList<>();
        for (ConnectorTaskId id : worker.taskIds()) {
            if (id.connector().equals(connector)) {
                ids.add(id);
            }
        }
        worker.stopAndAwaitTasks(ids);
        for (int i = 0; i < entry.taskConfigs().size(); i++) {
            statusStore.removeTask(new ConnectorTaskId(connector, i));
        }
        ids.forEach(statusStore::removeTask);
    }

    private void stopConnectorAndTasks(String connector) {
        ConnectorEntry entry = connectors.get(connector);
        if (entry != null) {
            stopTasks(connector, entry);
        }
        worker.stopAndAwaitConnector(connector);
    }

    private static List<ConnectorTaskId> taskIds(String connector, int count) {
        List<ConnectorTaskId> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(new ConnectorTaskId(connector, i));
        }
        return ids;
    }

    private void persist() {
        Map<String, StoredConnector> stored = new TreeMap<>();
        connectors.forEach((name, e) -> stored.put(name, new StoredConnector(e.config(), e.targetState(), e.taskConfigs())));
        configFile.save(stored);
    }

    private ConnectorEntry require(String connector) {
        ConnectorEntry entry = connectors.get(connector);
        if (entry == null) {
            throw new NotFoundException("Connector " + connector + " not found");
        }
        return entry;
    }

    private void requireKnown(String connector) {
        if (!connectors.containsKey(connector)) {
            throw new NotFoundException("Connector " + connector + " not found");
        }
    }

    private ConnectorInfo info(String connector, ConnectorEntry entry) {
        return new ConnectorInfo(connector, entry.config(), taskIds(connector, entry.taskConfigs().size()),
                typeOf(entry.config()));
    }

    private ConnectorType typeOf(String connector) {
        ConnectorEntry entry = connectors.get(connector);
        return entry == null ? ConnectorType.UNKNOWN : typeOf(entry.config());
    }

    private ConnectorType typeOf(Map<String, String> config) {
        return connectorPlugins.typeOf(config);
    }

    private boolean isSink(Map<String, String> config) {
        return connectorPlugins.isSink(config);
    }

    private String connectorVersion(String connector) {
        ConnectorEntry entry = connectors.get(connector);
        return connectorPlugins.versionOf(entry == null ? null : entry.config());
    }

    private <T> CompletionStage<T> onHerderThread(java.util.concurrent.Callable<T> job) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            herderThread.execute(() -> {
                try {
                    result.complete(job.call());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new ConnectException("The worker is shutting down", e));
        }
        return result;
    }

    /**
     * Passes the worker's reports on to the status recorder and tells the herder when a connector
     * ends up not running, so that a create request waiting for its task configs is answered.
     */
    private final class SettlingListener implements StatusListener {
        private final StatusListener delegate;

        SettlingListener(StatusListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void connectorState(String connector, State state, Throwable cause) {
            delegate.connectorState(connector, state, cause);
            if (state == State.FAILED || state == State.PAUSED || state == State.STOPPED) {
                try {
                    herderThread.execute(() -> settled(connector));
                } catch (RejectedExecutionException shuttingDown) {
                    log.debug("Not settling {}: the worker is stopping", connector);
                }
            }
        }

        @Override
        public void taskState(ConnectorTaskId task, State state, Throwable cause) {
            delegate.taskState(task, state, cause);
        }

        @Override
        public void topicUsed(ConnectorTaskId task, String topic) {
            delegate.topicUsed(task, topic);
        }

        @Override
        public void taskReconfigurationRequested(String connector) {
            delegate.taskReconfigurationRequested(connector);
        }
    }
}

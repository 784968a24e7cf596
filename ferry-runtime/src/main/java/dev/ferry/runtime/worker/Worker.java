package dev.ferry.runtime.worker;

import dev.ferry.runtime.config.ClientConfigs;
import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.config.ConnectorConfig;
import dev.ferry.runtime.config.SinkConnectorConfig;
import dev.ferry.runtime.config.SourceConnectorConfig;
import dev.ferry.runtime.config.WorkerConfig;
import dev.ferry.runtime.metrics.ConnectMetrics;
import dev.ferry.runtime.metrics.WorkerMetrics;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.PluginType;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.StatusListener;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.plugins.LoaderSwap;
import dev.ferry.runtime.plugins.PluginFailure;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.storage.OffsetBackingStore;
import dev.ferry.runtime.task.TaskRunner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the connectors and tasks a herder assigns to this worker process. The herder decides what
 * runs where; the worker starts and stops instances, moves them between target states, produces
 * task configs, and reports every state change through the {@link StatusListener}.
 *
 * <p>Connector and task configs arrive raw (with {@code ${provider:path:key}} references) and are
 * resolved with the {@link ConfigResolver} just before use, so secrets never reach the stores.
 * Failures to start are not thrown: they are reported as FAILED with the exception, whose stack
 * trace becomes the status trace, exactly like failures later on.
 *
 * <p>Threads: each connector gets a thread of its own ({@code connector-thread-<name>}); each task
 * runs on a thread of its own renamed {@code task-thread-<conn>-<n>}, whose leftover threads are
 * reported as leaks when it stops ({@link TaskThreads}); source offset commits run on one
 * shared scheduler thread. Stopping tasks shares one budget of
 * {@code task.shutdown.graceful.timeout.ms} across all tasks stopped together; tasks still running
 * after it are cancelled.
 *
 * <p>Thread contract: every public method may be called from any thread (normally the herder's);
 * the registries are concurrent maps and each method acts on a snapshot of them.
 */
public final class Worker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    private final String workerId;
    private final WorkerConfig config;
    private final Plugins plugins;
    private final ConfigResolver resolver;
    private final OffsetBackingStore offsetStore;
    private final StatusListener listener;
    private final Time time;
    private final ConnectorClientConfigOverridePolicy overridePolicy;
    private final ConnectMetrics connectMetrics;
    private final boolean ownsMetrics;
    private final WorkerMetrics workerMetrics;
    private final Metrics metrics;
    private final TaskThreads taskThreads;
    private final ScheduledExecutorService commitScheduler;
    private final TaskBuilder taskBuilder;
    private final Map<String, RunningConnector> connectors = new ConcurrentHashMap<>();
    private final Map<ConnectorTaskId, TaskRunner> tasks = new ConcurrentHashMap<>();

    /**
     * A worker with no connectors or tasks yet.
     *
     * @param workerId       this worker's id, for logs
     * @param config         the worker config
     * @param plugins        where connector, converter and transform classes come from
     * @param resolver       resolves config provider references in connector and task configs
     * @param offsetStore    the store of source offsets; the worker uses it but does not close it
     * @param kafkaClusterId the Kafka cluster's id, for the clients' metrics context
     * @param listener       receives every connector and task state change
     * @param time           the clock for task timing (commit intervals, retries, shutdown budget)
     */
    public Worker(String workerId, WorkerConfig config, Plugins plugins, ConfigResolver resolver,
                  OffsetBackingStore offsetStore, String kafkaClusterId, StatusListener listener, Time time) {
        this(workerId, config, plugins, resolver, offsetStore, kafkaClusterId, listener, time,
                ConnectMetrics.forWorker(workerId, config, kafkaClusterId, time), true);
    }

    /**
     * A worker whose metrics go to {@code connectMetrics}, which the caller owns and closes after
     * the worker; the other parameters are as in the constructor above.
     */
    public Worker(String workerId, WorkerConfig config, Plugins plugins, ConfigResolver resolver,
                  OffsetBackingStore offsetStore, String kafkaClusterId, StatusListener listener, Time time,
                  ConnectMetrics connectMetrics) {
        this(workerId, config, plugins, resolver, offsetStore, kafkaClusterId, listener, time, connectMetrics, false);
    }

    private Worker(String workerId, WorkerConfig config, Plugins plugins, ConfigResolver resolver,
                   OffsetBackingStore offsetStore, String kafkaClusterId, StatusListener listener, Time time,
                   ConnectMetrics connectMetrics, boolean ownsMetrics) {
        this.workerId = workerId;
        this.config = config;
        this.plugins = plugins;
        this.resolver = resolver;
        this.offsetStore = offsetStore;
        this.connectMetrics = connectMetrics;
        this.ownsMetrics = ownsMetrics;
        this.workerMetrics = new WorkerMetrics(connectMetrics);
        this.listener = new ExplainedFailures(new MetricsStatusListener(listener, workerMetrics));
        this.time = time;
        this.overridePolicy = plugins.newOverridePolicy(config.connectorClientConfigOverridePolicy());
        this.overridePolicy.configure(config.originals());
        this.metrics = connectMetrics.registry();
        this.taskThreads = new TaskThreads();
        // The scheduler's thread starts when the first source task schedules its commits; made in the worker's
        // thread group, not that task's, where it would count as a thread the task leaked (TaskThreads).
        ThreadGroup workerGroup = Thread.currentThread().getThreadGroup();
        this.commitScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(workerGroup, r, "SourceTaskOffsetCommitter-1");
            thread.setDaemon(true);
            return thread;
        });
        ClientConfigs clientConfigs = new ClientConfigs(config, overridePolicy, kafkaClusterId);
        this.taskBuilder = new TaskBuilder(config, plugins, clientConfigs, offsetStore, commitScheduler, metrics,
                workerMetrics, this.listener, time);
    }

    /**
     * Creates the connector and moves it to {@code initialState} on its own thread. Returns at
     * once; RUNNING, PAUSED, STOPPED or FAILED (with the cause) follow through the listener.
     *
     * @throws ConnectException if a connector of that name already runs here (stop it first)
     */
    public void startConnector(String name, Map<String, String> rawConfig, TargetState initialState) {
        if (connectors.containsKey(name)) {
            throw new ConnectException("Connector " + name + " is already running on worker " + workerId
                    + "; stop it before starting it again");
        }
        try {
            Map<String, String> resolved = resolver.resolve(rawConfig);
            Class<? extends Connector> connectorClass = plugins.connectorClass(
                    resolved.get(ConnectorConfig.CONNECTOR_CLASS_CONFIG),
                    resolved.get(ConnectorConfig.CONNECTOR_VERSION));
            ClassLoader loader = plugins.loaderOf(connectorClass);
            boolean sink = plugins.connectorType(connectorClass) == PluginType.SINK;
            ConnectorConfig connectorConfig;
            Connector connector;
            try (LoaderSwap ignored = Plugins.swapLoader(loader)) {
                connectorConfig = sink
                        ? new SinkConnectorConfig(plugins, resolved)
                        : new SourceConnectorConfig(plugins, resolved, config.topicCreationEnable());
                connector = plugins.newInstance(connectorClass);
            }
            LinkedHashMap<String, String> tags = new LinkedHashMap<>();
            tags.put("connector", name);
            ConnectorRunner runner = new ConnectorRunner(name, connector, resolved, sink, loader, listener,
                    new PluginMetricsImpl(metrics, tags), offsetStore);
            workerMetrics.connectorStarting(name, sink ? "sink" : "source", connectorClass.getName(),
                    plugins.versionOf(connectorClass));
            connectors.put(name, new RunningConnector(runner, connectorConfig));
            log.info("Starting connector {} ({}) in state {}", name, connectorClass.getName(), initialState);
            runner.start(initialState);
        } catch (Throwable t) {
            log.error("Failed to start connector {}", name, t);
            // Registered anyway, so a connector that cannot even be built shows as failed in the
            // metrics (and its alert fires) like one that failed later; stopping it unregisters it.
            workerMetrics.connectorStarting(name, "unknown", String.valueOf(rawConfig.get(ConnectorConfig.CONNECTOR_CLASS_CONFIG)),
                    "unknown");
            listener.connectorState(name, State.FAILED, t);
        }
    }

    /** Whether the connector running here is a sink connector. */
    public boolean isSinkConnector(String name) {
        return running(name).runner().isSink();
    }

    /**
     * The task configs of a running connector: what its {@code taskConfigs(tasks.max)} returns,
     * each with {@code task.class} and, for sinks, the connector's {@code topics} or
     * {@code topics.regex} added. More configs than {@code tasks.max} fail the connector with
     * {@link TooManyTasksException} when {@code tasks.max.enforce=true}, and only log a warning
     * otherwise.
     *
     * @throws NotFoundException if the connector does not run here
     * @throws ConnectException  if the connector is not RUNNING (paused, stopped or failed)
     */
    public List<Map<String, String>> connectorTaskConfigs(String name) {
        RunningConnector running = running(name);
        ConnectorRunner runner = running.runner();
        if (!runner.isRunning()) {
            throw new ConnectException("Connector " + name + " is " + runner.state() + ", not RUNNING: task configs "
                    + "can only be generated while it runs; resume or restart it first");
        }
        int maxTasks = running.config().tasksMax();
        List<Map<String, String>> generated;
        String taskClass;
        try {
            generated = runner.taskConfigs(maxTasks);
            taskClass = runner.connector().taskClass().getName();
        } catch (Throwable t) {
            // Plugin code on the herder's thread: whatever it throws (a missing class too) fails the connector with
            // the trace, and the herder only hears that there are no task configs.
            Throwable failure = PluginFailure.explained("Connector " + name + " failed to generate task configurations", t);
            runner.fail(failure);
            throw new ConnectException("Connector " + name + " failed to generate task configurations and is FAILED: "
                    + PluginFailure.describe(t), failure);
        }
        if (generated == null) {
            generated = List.of();
        }
        if (generated.size() > maxTasks) {
            TooManyTasksException tooMany = new TooManyTasksException(name, generated.size(), maxTasks);
            if (running.config().tasksMaxEnforce()) {
                runner.fail(tooMany);
                throw tooMany;
            }
            log.warn("{} Running them all because tasks.max.enforce=false", tooMany.getMessage());
        }
        Map<String, String> connectorProps = running.config().props();
        List<Map<String, String>> result = new ArrayList<>(generated.size());
        for (Map<String, String> generatedConfig : generated) {
            // A HashMap copy as in Apache: the config topic stores the map in iteration order, and a
            // copy sized from the generated map iterates as Apache's does.
            Map<String, String> taskConfig = generatedConfig == null ? new HashMap<>() : new HashMap<>(generatedConfig);
            taskConfig.put("task.class", taskClass);
            if (runner.isSink()) {
                copyIfPresent(connectorProps, taskConfig, SinkTask.TOPICS_CONFIG);
                copyIfPresent(connectorProps, taskConfig, SinkTask.TOPICS_REGEX_CONFIG);
            }
            result.add(taskConfig);
        }
        return result;
    }

    /** Moves the connector and its tasks running here to {@code state}. Tasks ignore STOPPED: stop them instead. */
    public void setTargetState(String name, TargetState state) {
        RunningConnector running = connectors.get(name);
        if (running != null) {
            running.runner().transitionTo(state);
        }
        if (state == TargetState.STOPPED) {
            return;
        }
        tasks.forEach((id, runner) -> {
            if (id.connector().equals(name)) {
                runner.transitionTo(state);
            }
        });
    }

    /** Stops the connector (not its tasks) and waits for it, up to {@code task.shutdown.graceful.timeout.ms}. */
    public void stopAndAwaitConnector(String name) {
        RunningConnector running = connectors.remove(name);
        if (running == null) {
            workerMetrics.connectorStopped(name); // one that failed to start has metrics but no instance
            return;
        }
        log.info("Stopping connector {}", name);
        running.runner().shutdown(config.taskShutdownGracefulTimeoutMs());
        workerMetrics.connectorStopped(name);
    }

    /**
     * Builds and starts a task on its own thread. Returns at once; RUNNING (or PAUSED) or FAILED
     * (with the cause, also when the task cannot even be built) follow through the listener.
     *
     * @throws ConnectException if the task already runs here (stop it first)
     */
    public void startTask(ConnectorTaskId id, Map<String, String> rawConnectorConfig,
                          Map<String, String> rawTaskConfig, TargetState initialState) {
        if (tasks.containsKey(id)) {
            throw new ConnectException("Task " + id + " is already running on worker " + workerId
                    + "; stop it before starting it again");
        }
        try {
            Map<String, String> connectorConfig = resolver.resolve(rawConnectorConfig);
            Map<String, String> taskConfig = resolver.resolve(rawTaskConfig);
            TaskRunner runner = taskBuilder.build(id, connectorConfig, taskConfig, initialState);
            tasks.put(id, runner);
            log.info("Starting task {} in state {}", id, initialState);
            taskThreads.start(runner);
        } catch (Throwable t) {
            log.error("Failed to start task {}", id, t);
            listener.taskState(id, State.FAILED, t);
        }
    }

    /**
     * Asks the tasks to stop, then waits for all of them within one budget of
     * {@code task.shutdown.graceful.timeout.ms}; those still running are cancelled and reported
     * FAILED with the call they are stuck in (they stay this worker's: restarted or reconfigured here).
     */
    public void stopAndAwaitTasks(Collection<ConnectorTaskId> ids) {
        stopAndAwait(ids, true);
    }

    /**
     * As {@link #stopAndAwaitTasks}, for tasks another worker takes over (revoked by a rebalance, or
     * this worker leaves its group): one still running after the budget is cancelled and logged with
     * the call it is stuck in, but no status is written, as in Apache. Its next owner reports on it,
     * and a FAILED from here, which waits for Kafka when the brokers are away (the usual reason the
     * task did not stop), could land after that owner's RUNNING and stay.
     */
    public void handOverTasks(Collection<ConnectorTaskId> ids) {
        stopAndAwait(ids, false);
    }

    private void stopAndAwait(Collection<ConnectorTaskId> ids, boolean reportStuck) {
        List<TaskRunner> stopping = new ArrayList<>();
        for (ConnectorTaskId id : ids) {
            TaskRunner runner = tasks.get(id);
            if (runner != null) {
                log.info("Stopping task {}", id);
                runner.stop();
                stopping.add(runner);
            }
        }
        // One budget for all, on the monotonic clock: a wall clock set back must not stretch a shutdown by the jump.
        long deadline = time.hiResClockMs() + config.taskShutdownGracefulTimeoutMs();
        for (TaskRunner runner : stopping) {
            if (!runner.awaitStop(deadline - time.hiResClockMs())) {
                giveUpOn(runner, reportStuck);
            }
            tasks.remove(runner.id(), runner);
            workerMetrics.taskStopped(runner.id());
        }
    }

    /**
     * Cancels a task that did not stop in time and, unless it finished meanwhile, logs the call it is
     * stuck in and the fix; with {@code report}, also as its FAILED status (the runner's own reports
     * are dropped once cancelled, so this is the last word on this instance).
     */
    private void giveUpOn(TaskRunner runner, boolean report) {
        runner.cancel();
        if (runner.awaitStop(0)) {
            return;
        }
        Throwable stuck = runner.notStoppedWithin(config.taskShutdownGracefulTimeoutMs());
        if (report) {
            log.error("Graceful stop of task {} failed. {}", runner.id(), stuck.getMessage());
            listener.taskState(runner.id(), State.FAILED, stuck);
        } else {
            log.error("Graceful stop of task {} failed. {} No status is written for it here: its next owner "
                    + "(another worker, or this one when it starts again) reports its state.", runner.id(),
                    stuck.getMessage());
        }
    }

    /** The connectors running here. */
    public Set<String> connectorNames() {
        return new TreeSet<>(connectors.keySet());
    }

    /** The tasks running here (including failed ones not yet stopped). */
    public Set<ConnectorTaskId> taskIds() {
        return new TreeSet<>(tasks.keySet());
    }

    /** The worker's metrics registry (for the REST {@code /metrics} endpoint and herder-level groups). */
    public ConnectMetrics metrics() {
        return connectMetrics;
    }

    /** Stops every task and connector, then releases the worker's threads and metrics. */
    @Override
    public void close() {
        stopAndAwaitTasks(new ArrayList<>(tasks.keySet()));
        for (String name : new ArrayList<>(connectors.keySet())) {
            stopAndAwaitConnector(name);
        }
        commitScheduler.shutdownNow();
        if (!taskThreads.awaitAll(1_000)) {
            log.warn("Some task threads of worker {} are still finishing cancelled tasks", workerId);
        }
        workerMetrics.close();
        if (ownsMetrics) {
            connectMetrics.close();
        }
        try {
            overridePolicy.close();
        } catch (Exception e) {
            log.warn("Could not close the client config override policy", e);
        }
    }

    private RunningConnector running(String name) {
        RunningConnector running = connectors.get(name);
        if (running == null) {
            throw new NotFoundException("Connector " + name + " is not running on worker " + workerId);
        }
        return running;
    }

    private static void copyIfPresent(Map<String, String> from, Map<String, String> to, String key) {
        String value = from.get(key);
        if (value != null && !value.isBlank()) {
            to.put(key, value);
        }
    }

    /** A connector instance and its parsed config. */
    private record RunningConnector(ConnectorRunner runner, ConnectorConfig config) {
    }
}

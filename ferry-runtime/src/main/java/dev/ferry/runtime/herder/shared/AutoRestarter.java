package dev.ferry.runtime.herder.shared;

import dev.ferry.runtime.config.AutoRestartConfig;
import dev.ferry.runtime.herder.Herder;
import dev.ferry.runtime.metrics.AutoRestartMetrics;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.RestartEvent;
import dev.ferry.runtime.model.RestartRequest;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts FAILED connectors and tasks of connectors whose config enables Ferry's restart policy
 * ({@link AutoRestartConfig}), with exponential back-off and a maximum count. Each decision is
 * returned as a line for the failed instance's status trace (the attempt, its time, or that the
 * policy gave up), logged, and counted in {@link #attempts}, so it is visible without reading logs.
 *
 * <p>The restart itself goes through the herder ({@link Restarts}), as a REST restart would, so
 * it follows the same path in standalone and distributed mode (where only the worker running the
 * instance sees it fail and restarts it).
 *
 * <p>Thread contract: {@link #failed} is called from connector and task threads; restarts run on
 * this class's own scheduler thread.
 */
public final class AutoRestarter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AutoRestarter.class);

    /** How the herder restarts one instance. */
    public interface Restarts {
        void restartConnector(String connector);

        void restartTask(ConnectorTaskId task);

        /** Restarts through the herder's own REST-facing methods, as a user's restart would. */
        static Restarts through(Herder herder) {
            return new Restarts() {
                @Override
                public void restartConnector(String connector) {
                    herder.restartConnector(new RestartRequest(connector, false, false));
                }

                @Override
                public void restartTask(ConnectorTaskId task) {
                    herder.restartTask(task);
                }
            };
        }
    }

    private final Function<String, Map<String, String>> connectorConfigs;
    private final Restarts restarts;
    private final Time time;
    /** Keyed by connector name (the connector instance) or task id. */
    private final Map<Object, History> histories = new ConcurrentHashMap<>();
    private volatile AutoRestartMetrics metrics;
    private final RestartHistory history = new RestartHistory();
    /** The group of the thread that made the restarter; its scheduler's thread joins it (see below). */
    private final ThreadGroup group = Thread.currentThread().getThreadGroup();
    // The thread starts at the first failure, often reported on a task's thread: not in that task's group, where it
    // would count as a thread the task leaked.
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(group, r, "auto-restart");
        t.setDaemon(true);
        return t;
    });

    /** @param connectorConfigs the raw config of a connector, or null once it is gone */
    public AutoRestarter(Function<String, Map<String, String>> connectorConfigs, Restarts restarts, Time time) {
        this.connectorConfigs = connectorConfigs;
        this.restarts = restarts;
        this.time = time;
    }

    /** Publishes each decision in the {@code auto-restart-metrics} group from now on. */
    public void publishTo(AutoRestartMetrics autoRestartMetrics) {
        this.metrics = autoRestartMetrics;
    }

    /**
     * An instance failed: schedules its restart if the policy says so.
     *
     * @param task the task, or null for the connector instance
     * @return a line for the status trace, or null when the connector has no restart policy
     */
    public String failed(String connector, ConnectorTaskId task) {
        AutoRestartConfig policy;
        try {
            policy = AutoRestartConfig.of(connectorConfigs.apply(connector));
        } catch (ConfigException e) {
            log.error("Connector {} has an invalid restart policy, so {} is not restarted: {}", connector,
                    task == null ? "it" : task, e.getMessage());
            return null;
        }
        if (!policy.enabled()) {
            return null;
        }
        Object instance = task == null ? connector : task;
        String name = task == null ? "connector " + connector : "task " + task;
        long now = time.milliseconds();
        // Whether this failure starts a new run is judged on the monotonic clock: a wall clock set forward
        // would otherwise reset the attempts (restarting forever), one set back would never reset them.
        long monotonicNow = time.hiResClockMs();
        History previous = histories.get(instance);
        boolean freshRun = previous == null || monotonicNow - previous.restartAtMs() > policy.maxBackoff();
        int done = freshRun ? 0 : previous.attempts();
        if (done >= policy.maxAttempts()) {
            publish(connector, task, done, -1);
            history.add(new RestartEvent(now, connector, task == null ? null : task.task(), RestartEvent.Kind.GAVE_UP,
                    done, policy.maxAttempts(), -1));
            log.error("Ferry auto-restart gave up on {} after {} attempt(s)", name, done);
            return "Ferry auto-restart gave up after " + done + " attempt(s) (" + AutoRestartConfig.MAX_ATTEMPTS_CONFIG
                    + "=" + policy.maxAttempts() + "); fix the cause, then restart it over REST.";
        }
        int attempt = done + 1;
        long wait = policy.backoffBefore(attempt);
        histories.put(instance, new History(attempt, monotonicNow + wait, policy.maxAttempts()));
        publish(connector, task, attempt, now + wait);
        history.add(new RestartEvent(now, connector, task == null ? null : task.task(), RestartEvent.Kind.SCHEDULED,
                attempt, policy.maxAttempts(), now + wait));
        try {
            scheduler.schedule(() -> restart(connector, task), wait, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            return null;
        }
        String when = Instant.ofEpochMilli(now + wait).toString();
        log.info("Ferry auto-restart: restarting {} at {} (attempt {} of {})", name, when, attempt, policy.maxAttempts());
        return "Ferry auto-restart: attempt " + attempt + " of " + policy.maxAttempts() + " at " + when
                + " (in " + wait + " ms).";
    }

    /** How many automatic restarts the instance had in its current run of failures (0 if none). */
    public int attempts(String connector, ConnectorTaskId task) {
        History history = histories.get(task == null ? connector : task);
        return history == null ? 0 : history.attempts();
    }

    private void publish(String connector, ConnectorTaskId task, int attempts, long nextAttemptMs) {
        AutoRestartMetrics published = metrics;
        if (published != null) {
            published.record(connector, task == null ? null : task.task(), attempts, nextAttemptMs);
        }
    }

    /** This worker's recent restart decisions, for {@code GET /connectors/{c}/restarts}. */
    public RestartHistory history() {
        return history;
    }

    /** Forgets a deleted connector's instances. */
    public void forget(String connector) {
        history.forget(connector);
        AutoRestartMetrics published = metrics;
        if (published != null) {
            published.remove(connector);
        }
        histories.keySet().removeIf(k -> k.equals(connector)
                || k instanceof ConnectorTaskId id && id.connector().equals(connector));
    }

    private void restart(String connector, ConnectorTaskId task) {
        if (connectorConfigs.apply(connector) == null) {
            return;
        }
        History history = histories.get(task == null ? connector : task);
        publish(connector, task, history == null ? 0 : history.attempts(), -1);
        if (history != null) {
            this.history.add(new RestartEvent(time.milliseconds(), connector, task == null ? null : task.task(),
                    RestartEvent.Kind.RESTARTED, history.attempts(), history.maxAttempts(), -1));
        }
        try {
            if (task == null) {
                restarts.restartConnector(connector);
            } else {
                restarts.restartTask(task);
            }
        } catch (RuntimeException e) {
            log.warn("Ferry auto-restart could not restart {}: {}", task == null ? connector : task, e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        AutoRestartMetrics published = metrics;
        if (published != null) {
            published.close();
        }
    }

    /** {@code restartAtMs} is on the monotonic clock ({@code Time.hiResClockMs}); user-facing times use the wall clock. */
    private record History(int attempts, long restartAtMs, int maxAttempts) {
    }
}

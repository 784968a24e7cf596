package dev.ferry.runtime.worker;

import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.StatusListener;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.plugins.LoaderSwap;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.storage.OffsetBackingStore;
import dev.ferry.runtime.task.LoggingContext;
import dev.ferry.runtime.task.StuckThread;
import dev.ferry.runtime.task.source.TaskOffsetReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connector instance: {@code initialize}, then {@code start} or {@code stop} as the
 * target state changes, and {@code stop} at the end. Pausing or stopping a connector stops the
 * plugin (its tasks are paused or stopped by the worker); resuming starts it again with the same
 * config. Each change is reported to the {@link StatusListener}: RUNNING, PAUSED, STOPPED, FAILED
 * with the exception (a plugin that throws, or calls {@code raiseError}), UNASSIGNED on shutdown.
 *
 * <p>Thread contract: all plugin calls except {@code taskConfigs} run on the connector's own
 * thread ({@code connector-thread-<name>}, one at a time, which exits after
 * {@value #IDLE_THREAD_SECONDS} s without calls and is made afresh for the next), in the order they were requested; {@link #start},
 * {@link #transitionTo} and {@link #shutdown} only queue work there. {@link #taskConfigs} runs on the
 * caller's thread (the herder's), like Apache, and is synchronized with nothing but the plugin.
 * {@link #fail} may be called from any thread.
 */
final class ConnectorRunner {
    private static final Logger log = LoggerFactory.getLogger(ConnectorRunner.class);

    private final String name;
    private final Connector connector;
    private final Map<String, String> config;
    private final boolean sink;
    private final ClassLoader loader;
    private final StatusListener listener;
    private final PluginMetricsImpl metrics;
    /** A source connector's view of its offsets; null for a sink. */
    private final TaskOffsetReader offsets;
    /** How long the connector's thread stays after its last call. */
    static final long IDLE_THREAD_SECONDS = 5;

    private final ExecutorService thread;
    /** The connector's latest thread, to say where it is stuck if it does not stop. */
    private volatile Thread pluginThread;
    private State state = State.UNASSIGNED; // guarded by this

    ConnectorRunner(String name, Connector connector, Map<String, String> resolvedConfig, boolean sink,
                    ClassLoader loader, StatusListener listener, PluginMetricsImpl metrics, OffsetBackingStore offsetStore) {
        this(name, connector, resolvedConfig, sink, loader, listener, metrics, offsetStore,
                TimeUnit.SECONDS.toMillis(IDLE_THREAD_SECONDS));
    }

    /** As above, with the connector's thread leaving after {@code idleThreadMs} without calls (tests). */
    ConnectorRunner(String name, Connector connector, Map<String, String> resolvedConfig, boolean sink,
                    ClassLoader loader, StatusListener listener, PluginMetricsImpl metrics, OffsetBackingStore offsetStore,
                    long idleThreadMs) {
        this.name = name;
        this.connector = connector;
        this.config = Map.copyOf(resolvedConfig);
        this.sink = sink;
        this.loader = loader;
        this.listener = listener;
        this.metrics = metrics;
        this.offsets = sink ? null : new TaskOffsetReader(name, offsetStore);
        // One thread at most, so calls keep their order; it leaves once the connector has been idle
        // for a few seconds and comes back for the next call, so an idle connector holds no thread
        // (a thread's stack was a third of a one-task connector's memory; issue 15 item 3).
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, idleThreadMs, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "connector-thread-" + name);
                    t.setDaemon(true);
                    pluginThread = t;
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        this.thread = executor;
    }

    String name() {
        return name;
    }

    boolean isSink() {
        return sink;
    }

    Connector connector() {
        return connector;
    }

    synchronized boolean isRunning() {
        return state == State.RUNNING;
    }

    synchronized State state() {
        return state;
    }

    /** Initializes the connector and moves it to {@code initial}, on the connector thread. */
    void start(TargetState initial) {
        submit(() -> {
            connector.initialize(sink ? new RunnerConnectorContext.Sink(this, listener, metrics)
                    : new RunnerConnectorContext.Source(this, listener, metrics, offsets));
            apply(initial);
        });
    }

    /** Moves the connector to {@code target}, on the connector thread. */
    void transitionTo(TargetState target) {
        submit(() -> apply(target));
    }

    /** The connector's task configs for at most {@code maxTasks} tasks, straight from the plugin. */
    List<Map<String, String>> taskConfigs(int maxTasks) {
        try (LoaderSwap ignored = Plugins.swapLoader(loader);
             LoggingContext ignored2 = LoggingContext.forConnector(name)) {
            return connector.taskConfigs(maxTasks);
        }
    }

    /** Marks the connector FAILED; from any thread. */
    void fail(Throwable cause) {
        synchronized (this) {
            if (state == State.FAILED) {
                return;
            }
            state = State.FAILED;
        }
        log.error("[{}|worker] Connector {} failed", name, name, cause);
        listener.connectorState(name, State.FAILED, cause);
    }

    /** Stops the connector and waits up to {@code timeoutMs} for its thread to finish; false if it did not. */
    boolean shutdown(long timeoutMs) {
        submit(() -> {
            State before = state();
            stopPlugin();
            if (before != State.FAILED) {
                listener.connectorState(name, State.UNASSIGNED, null);
            }
        });
        thread.shutdown();
        try {
            boolean done = thread.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
            if (!done) {
                Thread stuck = pluginThread;
                log.error("[{}|worker] {}", name, stuck == null
                        ? "Connector " + name + " did not stop within " + timeoutMs + " ms"
                        : StuckThread.of("Connector " + name, stuck, timeoutMs).getMessage());
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (offsets != null) {
                offsets.close(); // releases a connector stuck reading offsets from a dead broker
            }
            try {
                metrics.close();
            } catch (java.io.IOException | RuntimeException e) {
                log.warn("Could not remove the plugin metrics of connector {}", name, e);
            }
        }
    }

    private void apply(TargetState target) {
        State current = state();
        if (current == State.FAILED) {
            log.debug("Not moving failed connector {} to {}", name, target);
            return;
        }
        switch (target) {
            case STARTED -> {
                if (current != State.RUNNING) {
                    connector.start(config);
                    report(State.RUNNING);
                }
            }
            case PAUSED -> {
                stopPlugin();
                report(State.PAUSED);
            }
            case STOPPED -> {
                stopPlugin();
                report(State.STOPPED);
            }
            default -> throw new IllegalArgumentException("Unknown target state " + target);
        }
    }

    private void stopPlugin() {
        if (state() == State.RUNNING) {
            connector.stop();
        }
    }

    private void report(State newState) {
        synchronized (this) {
            if (state == State.FAILED) {
                return;
            }
            state = newState;
        }
        listener.connectorState(name, newState, null);
    }

    private void submit(PluginCall call) {
        try {
            thread.execute(() -> {
                try (LoaderSwap ignored = Plugins.swapLoader(loader);
                     LoggingContext ignored2 = LoggingContext.forConnector(name)) {
                    call.run();
                } catch (Throwable t) {
                    fail(t);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("Connector {} is shutting down; ignoring a late request", name);
        }
    }

    /** A call into the plugin, which may throw anything. */
    private interface PluginCall {
        void run() throws Exception;
    }
}

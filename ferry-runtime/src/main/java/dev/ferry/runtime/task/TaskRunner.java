package dev.ferry.runtime.task;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.StatusListener;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.plugins.LoaderSwap;
import dev.ferry.runtime.plugins.Plugins;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connector task on its own thread, from start to stop.
 *
 * <h2>Lifecycle</h2>
 * The worker hands the runner to a thread, which renames itself {@code task-thread-<conn>-<n>},
 * sets the {@code connector.context} MDC value and makes the connector's class loader current.
 * If the task starts paused it reports PAUSED and waits; then it starts the plugin task
 * ({@link #initializeAndStart()}), reports RUNNING and loops in {@link #execute()} until asked to
 * stop. Whatever happens, {@link #close()} then releases the task's resources on the same thread.
 * A task that ends because it was asked to reports UNASSIGNED, even if it throws on its way out;
 * one that throws otherwise, or whose resources cannot be released, reports FAILED with the
 * exception, whose stack trace becomes the status trace.
 *
 * <h2>Stopping and cancelling</h2>
 * {@link #stop()} only asks: it sets a flag, wakes a paused task and lets the subclass unblock
 * whatever the task thread waits on ({@link #onStop()}: wake the consumer, end a retry back-off).
 * The worker then waits with {@link #awaitStop} for a total budget shared by all the tasks it is
 * stopping. A task that does not finish in time is {@link #cancel() cancelled}: its later status
 * reports are dropped (a new instance may already be running elsewhere) and the subclass abandons
 * in-flight work, e.g. closes its producer without waiting; the thread itself is left to finish.
 * The worker reports such a task FAILED with {@link #notStoppedWithin}: the plugin call its thread
 * is stuck in and what to do about it.
 *
 * <h2>Target state</h2>
 * {@link #transitionTo} records PAUSED or STARTED and wakes the task thread; the subclass decides
 * how to pause (a source task stops polling; a sink task pauses its consumer but keeps polling so
 * it stays in the group). The PAUSED and RUNNING reports come from the task thread once the change
 * has taken effect.
 *
 * <p>Thread contract: {@link #run()} is called once, on the task's own thread. {@link #stop()},
 * {@link #cancel()}, {@link #transitionTo} and {@link #awaitStop} are called from worker threads
 * and never block on the task.
 */
public abstract class TaskRunner implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

    protected final ConnectorTaskId id;
    protected final Time time;
    private final StatusListener listener;
    private final ClassLoader loader;
    private final Object stateLock = new Object();
    private final CountDownLatch finished = new CountDownLatch(1);
    private TargetState targetState;
    private volatile boolean stopping;
    private volatile boolean cancelled;
    /** The thread running the task, once it runs. */
    private volatile Thread thread;

    protected TaskRunner(ConnectorTaskId id, TargetState initialState, StatusListener listener, ClassLoader loader,
                         Time time) {
        this.id = id;
        this.targetState = initialState;
        this.listener = listener;
        this.loader = loader;
        this.time = time;
    }

    /** The task this runner runs. */
    public ConnectorTaskId id() {
        return id;
    }

    @Override
    public final void run() {
        Thread thread = Thread.currentThread();
        this.thread = thread;
        String originalName = thread.getName();
        thread.setName("task-thread-" + id.connector() + "-" + id.task());
        try (LoggingContext ignored = LoggingContext.forTask(id);
             LoaderSwap ignored2 = Plugins.swapLoader(loader)) {
            runToCompletion();
        } finally {
            thread.setName(originalName);
            finished.countDown();
        }
    }

    /** Asks the task to stop; returns at once. */
    public final void stop() {
        synchronized (stateLock) {
            stopping = true;
            stateLock.notifyAll();
        }
        onStop();
    }

    /** Waits up to {@code timeoutMs} for the task thread to finish; true if it did. */
    public final boolean awaitStop(long timeoutMs) {
        try {
            return finished.await(Math.max(0, timeoutMs), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Gives up on a task that did not stop in time: no more status reports, in-flight work abandoned. */
    public final void cancel() {
        cancelled = true;
        onCancel();
    }

    /**
     * Why the task has not stopped although asked to {@code timeoutMs} ago: the call its thread is
     * still in and what to do about it (see {@link StuckThread}); for the status and the log.
     */
    public final ConnectException notStoppedWithin(long timeoutMs) {
        Thread running = thread;
        if (running == null) {
            return new ConnectException("Task " + id + " did not stop within task.shutdown.graceful.timeout.ms="
                    + timeoutMs + " ms: it was still waiting for a thread to run on. Ferry gave up on it.");
        }
        return StuckThread.of("Task " + id, running, timeoutMs);
    }

    /** Records a new target state (PAUSED or STARTED) and wakes the task thread to act on it. */
    public final void transitionTo(TargetState state) {
        synchronized (stateLock) {
            targetState = state;
            stateLock.notifyAll();
        }
        onTargetStateChange(state);
    }

    /** Creates the plugin task and calls its {@code initialize} and {@code start}, on the task thread. */
    protected abstract void initializeAndStart();

    /** The task's main loop; returns when {@link #isStopping()} or throws to fail the task. */
    protected abstract void execute();

    /** Releases everything the task holds; called once on the task thread, even after a failure. */
    protected abstract void close();

    /** Unblocks the task thread after {@link #stop()}; called on the stopping thread. */
    protected void onStop() {
    }

    /** Abandons in-flight work after {@link #cancel()}; called on the cancelling thread. */
    protected void onCancel() {
    }

    /** Reacts to a target state change; called on the worker's thread after the state is recorded. */
    protected void onTargetStateChange(TargetState state) {
    }

    protected final boolean isStopping() {
        return stopping;
    }

    protected final boolean isCancelled() {
        return cancelled;
    }

    protected final boolean isPaused() {
        synchronized (stateLock) {
            return targetState == TargetState.PAUSED;
        }
    }

    /**
     * Reports PAUSED and blocks while the task is paused; reports RUNNING when it resumes.
     *
     * @return false if the task was asked to stop instead
     */
    protected final boolean awaitUnpaused() {
        if (!isPaused()) {
            return !stopping;
        }
        reportState(State.PAUSED);
        if (!waitWhilePaused()) {
            return false;
        }
        reportState(State.RUNNING);
        return true;
    }

    /** Blocks while the target state is PAUSED; false if the task was asked to stop instead. */
    private boolean waitWhilePaused() {
        synchronized (stateLock) {
            while (targetState == TargetState.PAUSED && !stopping) {
                try {
                    stateLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return !stopping;
    }

    /** Tells the listener about a state change, unless the task was cancelled. */
    protected final void reportState(State state) {
        if (!cancelled) {
            listener.taskState(id, state, null);
        }
    }

    /** Tells the listener the task used a topic (KIP-558), unless the task was cancelled. */
    protected final void reportTopicUsed(String topic) {
        if (!cancelled) {
            listener.topicUsed(id, topic);
        }
    }

    private void runToCompletion() {
        Throwable failure = null;
        try {
            if (isPaused()) {
                // Paused before it ever ran: report PAUSED, and RUNNING only once actually started.
                reportState(State.PAUSED);
                if (!waitWhilePaused()) {
                    return;
                }
            }
            if (stopping) {
                return;
            }
            initializeAndStart();
            if (!stopping) {
                reportState(State.RUNNING);
                execute();
            }
        } catch (Throwable t) {
            if (stopping) {
                // Plugins often throw from poll() or put() once stop() has closed what they read from. The task was
                // on its way out anyway, so as Apache it is reported UNASSIGNED, not FAILED: a FAILED record here
                // could outlive the stop and show a moved or reconfigured task as broken.
                if (!cancelled) {
                    log.warn("{} Task threw an exception after being asked to stop; it stops as asked", this, t);
                }
            } else {
                failure = t;
                if (!cancelled) {
                    log.error("{} Task threw an uncaught and unrecoverable exception. Task is being killed and will "
                            + "not recover until manually restarted", this, t);
                }
            }
        } finally {
            try {
                close();
            } catch (Throwable t) {
                log.warn("{} Could not release all resources of the task", this, t);
                if (failure == null) {
                    failure = t;
                }
            }
            if (!cancelled) {
                if (failure != null) {
                    listener.taskState(id, State.FAILED, failure);
                } else {
                    listener.taskState(id, State.UNASSIGNED, null);
                }
            }
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{id=" + id + '}';
    }
}

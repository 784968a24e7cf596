package dev.ferry.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a worker process learns that it should stop: SIGTERM/SIGINT wake the main thread waiting in
 * {@link #await()}, which then closes the worker in order; the shutdown hook closes it when the
 * JVM exits some other way. Closing once is the worker's job; this class only says when.
 */
final class WorkerShutdown {
    private static final Logger log = LoggerFactory.getLogger(WorkerShutdown.class);

    private final CountDownLatch requested = new CountDownLatch(1);
    private final Thread hook;

    /** @param close the worker's close, run by the shutdown hook if the JVM exits without a signal */
    WorkerShutdown(Runnable close) {
        this.hook = new Thread(close, "ferry-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ShutdownSignals.onTermOrInt(() -> {
            log.info("Shutdown requested");
            requested.countDown();
        });
    }

    void await() throws InterruptedException {
        requested.await();
    }

    /** Waits up to {@code ms}; true once a shutdown was requested. */
    boolean awaitFor(long ms) throws InterruptedException {
        return requested.await(ms, TimeUnit.MILLISECONDS);
    }

    /** Called by close: wakes any waiter and drops the hook (unless the hook itself is running). */
    void closing() {
        requested.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself
        }
    }
}

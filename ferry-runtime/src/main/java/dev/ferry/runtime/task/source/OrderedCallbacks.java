package dev.ferry.runtime.task.source;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task's producer callbacks in the order they were handed over, on a pool shared by all
 * tasks, never two at once. A shared producer completes every task's records on its one I/O
 * thread; running the callbacks (which call the plugin's {@code commitRecord}) there would let one
 * task that blocks in them stall every other task on that producer. Here a blocked task holds only
 * a pool thread of its own while the others' callbacks run on other pool threads.
 *
 * <p>Thread contract: {@link #execute} from any thread; {@link #awaitIdle} from the task's thread.
 */
final class OrderedCallbacks implements Executor {
    private static final Logger log = LoggerFactory.getLogger(OrderedCallbacks.class);

    private final Executor pool;
    /** The task's plugin loader, current while its callbacks run, as on the I/O thread of a producer of its own. */
    private final ClassLoader loader;
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    OrderedCallbacks(Executor pool, ClassLoader loader) {
        this.pool = pool;
        this.loader = loader;
    }

    @Override
    public void execute(Runnable callback) {
        queue.add(callback);
        scheduleDrain();
    }

    /** Whether every callback handed over so far has run (read on the thread that hands them over). */
    boolean isIdle() {
        return queue.isEmpty() && !draining.get();
    }

    /** Waits until every callback handed over so far has run, at most until {@code deadlineNanos} (System.nanoTime). */
    boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        synchronized (this) {
            while (!queue.isEmpty() || draining.get()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, Math.min(left / 1_000_000, 50)));
            }
        }
        return true;
    }

    private void scheduleDrain() {
        if (!queue.isEmpty() && draining.compareAndSet(false, true)) {
            pool.execute(this::drain);
        }
    }

    private void drain() {
        Thread current = Thread.currentThread();
        ClassLoader poolLoader = current.getContextClassLoader();
        current.setContextClassLoader(loader);
        try {
            Runnable next;
            while ((next = queue.poll()) != null) {
                try {
                    next.run();
                } catch (Throwable t) {
                    log.error("A producer callback failed", t);
                }
            }
        } finally {
            current.setContextClassLoader(poolLoader);
            draining.set(false);
            synchronized (this) {
                notifyAll();
            }
            // A callback added between the last poll and the reset above would otherwise wait for the next one.
            scheduleDrain();
        }
    }
}

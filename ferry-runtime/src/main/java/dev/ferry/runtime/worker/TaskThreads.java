package dev.ferry.runtime.worker;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.task.TaskRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each task on a thread of its own, in a {@link ThreadGroup} of its own, so that the threads
 * a plugin starts (with {@code new Thread}, or an executor's default thread factory, which both
 * join the creating thread's group) can be told apart from everyone else's. When a task's thread
 * has finished the task, any thread still alive in its group was started by that task and outlived
 * it: a leak, which grows with every restart of the task and lives until the worker exits. It is
 * reported once, naming the threads and where each is, after a short grace for threads that were
 * told to end and are just finishing.
 *
 * <p>A thread per task costs what the pooled threads did: a task thread runs its task from start to
 * stop, so a pool never had fewer threads than running tasks.
 *
 * <p>Thread contract: {@link #start} and {@link #awaitAll} are called from worker threads; the leak
 * check runs on the task's own thread after its runner returns, so it delays neither the task's
 * final status nor {@link TaskRunner#awaitStop}.
 */
final class TaskThreads {
    private static final Logger log = LoggerFactory.getLogger(TaskThreads.class);

    /** How long threads left in a stopped task's group get to end before they count as leaked. */
    static final long LEAK_GRACE_MS = 1_000;
    /** How often the leak check looks again during the grace. */
    private static final long LEAK_RECHECK_MS = 20;

    private final AtomicInteger count = new AtomicInteger();
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();

    /** Starts the runner on a new daemon thread in a thread group named for the task. */
    @SuppressWarnings("removal") // ThreadGroup#setDaemon: a daemon group goes away with its last thread (JDK 17)
    void start(TaskRunner runner) {
        ConnectorTaskId id = runner.id();
        ThreadGroup group = new ThreadGroup("task-" + id.connector() + "-" + id.task());
        group.setDaemon(true);
        Thread thread = new Thread(group, () -> {
            try {
                runner.run();
            } finally {
                running.remove(Thread.currentThread());
                checkForLeaks(id, group);
            }
        }, "ferry-task-" + count.incrementAndGet());
        thread.setDaemon(true);
        running.add(thread);
        thread.start();
    }

    /** Waits up to {@code timeoutMs} in total for the task threads still running; false if some still are. */
    boolean awaitAll(long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        for (Thread thread : new ArrayList<>(running)) {
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            try {
                if (leftMs <= 0 || !joined(thread, leftMs)) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static boolean joined(Thread thread, long timeoutMs) throws InterruptedException {
        thread.join(timeoutMs);
        return !thread.isAlive();
    }

    private void checkForLeaks(ConnectorTaskId id, ThreadGroup group) {
        List<Thread> left = othersIn(group);
        long deadline = System.nanoTime() + LEAK_GRACE_MS * 1_000_000;
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(LEAK_RECHECK_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = othersIn(group);
        }
        if (left.isEmpty()) {
            return;
        }
        log.warn("{}", leakMessage(id, left));
    }

    /** Names each leaked thread and where it is, since that is what tells whose code started it. */
    static String leakMessage(ConnectorTaskId id, List<Thread> leaked) {
        StringBuilder text = new StringBuilder("Task ").append(id).append(" stopped, but ").append(leaked.size())
                .append(leaked.size() == 1 ? " thread" : " threads").append(" it started ")
                .append(leaked.size() == 1 ? "is" : "are").append(" still alive: ");
        for (int i = 0; i < leaked.size(); i++) {
            Thread thread = leaked.get(i);
            StackTraceElement[] stack = thread.getStackTrace();
            text.append(i == 0 ? "" : ", ").append('\'').append(thread.getName()).append('\'');
            if (stack.length > 0) {
                text.append(" (in ").append(stack[0].getClassName()).append('.').append(stack[0].getMethodName())
                        .append(')');
            }
        }
        return text.append(". They live until the worker exits, and every restart of the task leaks more. Fix the ")
                .append("plugin so that its stop() ends the threads it started (interrupt them, or shut its ")
                .append("executors down and wait for them).").toString();
    }

    /** The live threads of the group other than the calling task thread. */
    private static List<Thread> othersIn(ThreadGroup group) {
        Thread[] threads = new Thread[group.activeCount() + 8];
        int n = group.enumerate(threads, true);
        List<Thread> others = new ArrayList<>(n);
        for (Thread thread : Arrays.copyOf(threads, n)) {
            if (thread != Thread.currentThread() && thread.isAlive()) {
                others.add(thread);
            }
        }
        return others;
    }
}

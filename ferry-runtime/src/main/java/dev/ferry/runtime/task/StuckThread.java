package dev.ferry.runtime.task;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * Puts into words where a connector's or task's thread is stuck when it did not stop within
 * {@code task.shutdown.graceful.timeout.ms}: which call the runtime made and has not got back
 * from (normally a plugin method such as {@code poll()}, {@code put()} or {@code stop()}), what
 * the thread is waiting in, and what the plugin author or operator can do about it. The answer is
 * a {@link ConnectException} whose stack trace is the stuck thread's own, so a FAILED status's
 * trace shows exactly where it hangs.
 *
 * <p>The call the runtime made is found from the stack: the frame just above the innermost frame
 * of the runtime's task or connector runners (a frame of {@link #RUNTIME_FRAMES}). Everything above
 * it is plugin code or what the plugin called.
 *
 * <p>Thread contract: stateless; {@link #of} may be called from any thread while the stuck thread
 * runs on.
 */
public final class StuckThread {
    /**
     * Class name prefixes of the code that calls into plugins on task and connector threads: the
     * runtime's, and connect-api's {@code SinkTask}, whose default {@code preCommit} calls the
     * plugin's {@code flush}.
     */
    private static final String[] RUNTIME_FRAMES = {
            "dev.ferry.runtime.task.", "dev.ferry.runtime.errors.", "dev.ferry.runtime.worker.ConnectorRunner",
            "org.apache.kafka.connect.sink.SinkTask"
    };

    /** Where the runtime's own Kafka clients live: a thread stuck there waits for the broker, not for a plugin. */
    private static final String KAFKA_CLIENTS = "org.apache.kafka.clients.";
    private static final String KAFKA_ADVICE = "That is the runtime's own Kafka client, most often waiting for a "
            + "broker: check that the Kafka cluster is reachable";
    /**
     * Ferry's own code beyond the runners: the status listeners and stores a task reports through. Ferry's bundled
     * plugins live in other packages ({@code dev.ferry.jdbc.}, ...) and are advised as plugins, as is any class a
     * plugin class loader (named {@value #PLUGIN_LOADER}...) loaded, whatever its package.
     */
    private static final String RUNTIME_CODE = "dev.ferry.runtime.";
    private static final String PLUGIN_LOADER = "plugin:";
    private static final String RUNTIME_KAFKA_ADVICE = "That is Ferry's own code, not the plugin's, waiting in its "
            + "Kafka client (most often to write the task's status while no broker answers): check that the Kafka "
            + "cluster is reachable";
    private static final String RUNTIME_ADVICE = "That is Ferry's own code, not the plugin's: if it stays there, "
            + "report it to Ferry with this trace";

    private StuckThread() {
    }

    /**
     * Why {@code who} (e.g. {@code "Task orders-0"}) has not stopped, as an exception carrying the
     * thread's stack.
     *
     * @param thread    the thread that did not finish
     * @param timeoutMs the {@code task.shutdown.graceful.timeout.ms} it had
     */
    public static ConnectException of(String who, Thread thread, long timeoutMs) {
        StackTraceElement[] stack = thread.getStackTrace();
        ConnectException stuck = new ConnectException(describe(who, thread.getName(), stack, timeoutMs));
        stuck.setStackTrace(stack);
        return stuck;
    }

    static String describe(String who, String threadName, StackTraceElement[] stack, long timeoutMs) {
        StringBuilder text = new StringBuilder(who).append(" did not stop within task.shutdown.graceful.timeout.ms=")
                .append(timeoutMs).append(" ms");
        int called = calledFrame(stack);
        if (called < 0) {
            return text.append(": its thread ").append(threadName).append(" is still busy. Ferry stopped waiting for ")
                    .append("it, but the thread runs on. Raise task.shutdown.graceful.timeout.ms if it needs longer to ")
                    .append("stop cleanly.").toString();
        }
        StackTraceElement call = stack[called];
        String method = call.getMethodName();
        text.append(": its thread ").append(threadName).append(" is still in ").append(call.getClassName()).append('.')
                .append(method).append("()");
        if (called > 0) {
            StackTraceElement innermost = stack[0];
            text.append(", waiting in ").append(innermost.getClassName()).append('.').append(innermost.getMethodName());
        }
        return text.append(". Ferry stopped waiting for it, but the thread runs on until that call returns. ")
                .append(adviceFor(stack, called))
                .append(", or raise task.shutdown.graceful.timeout.ms if it needs longer to stop cleanly.").toString();
    }

    /** The index of the frame the runtime called, or -1 when no runtime frame is on the stack. */
    private static int calledFrame(StackTraceElement[] stack) {
        for (int i = 0; i < stack.length; i++) {
            if (isRuntime(stack[i].getClassName())) {
                return i == 0 ? -1 : i - 1;
            }
        }
        return -1;
    }

    private static boolean isRuntime(String className) {
        for (String prefix : RUNTIME_FRAMES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Who can do something about the call at {@code stack[called]}, and what. */
    private static String adviceFor(StackTraceElement[] stack, int called) {
        String className = stack[called].getClassName();
        if (className.startsWith(KAFKA_CLIENTS)) {
            return KAFKA_ADVICE;
        }
        String loader = stack[called].getClassLoaderName();
        if (!className.startsWith(RUNTIME_CODE) || loader != null && loader.startsWith(PLUGIN_LOADER)) {
            return advice(stack[called].getMethodName());
        }
        for (int i = 0; i < called; i++) {
            if (stack[i].getClassName().startsWith(KAFKA_CLIENTS)) {
                return RUNTIME_KAFKA_ADVICE;
            }
        }
        return RUNTIME_ADVICE;
    }

    /** What the author of a plugin stuck in {@code method} should change. */
    private static String advice(String method) {
        return switch (method) {
            case "poll" -> "Fix the plugin so that poll() returns within a short time (null or an empty list when "
                    + "there is nothing to send), so the task sees that it is asked to stop";
            case "put" -> "Fix the plugin so that put() does not wait without limit: after a timeout it should throw "
                    + "a RetriableException, and Connect delivers the batch again";
            case "start" -> "Fix the plugin so that start() does not wait without limit: connect with a timeout and "
                    + "throw a ConnectException (or RetriableException) when the system it reads or writes is away";
            case "stop" -> "Fix the plugin so that stop() releases what it holds and returns, without waiting for work "
                    + "that may never end";
            case "flush", "preCommit", "commit", "commitRecord" -> "Fix the plugin so that " + method + "() finishes "
                    + "within offset.flush.timeout.ms (or throws) rather than wait without limit";
            case "taskConfigs" -> "Fix the plugin so that taskConfigs() returns without waiting on other systems";
            default -> "Fix the plugin so that " + method + "() returns promptly once the task is asked to stop";
        };
    }
}

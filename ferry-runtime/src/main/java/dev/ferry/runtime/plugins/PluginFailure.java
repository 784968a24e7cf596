package dev.ferry.runtime.plugins;

import org.apache.kafka.connect.errors.ConnectException;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns whatever plugin code threw into words an operator can act on. Two failures are worth more than their
 * {@code toString()}: a class the plugin needs that no loader it may use has ({@link MissingClass}: which class,
 * which plugin location asked, which jar to add where), and a static initialiser that threw (the initialiser's own
 * exception, which the JVM reports only once and afterwards hides behind {@code "Could not initialize class X"}).
 *
 * <p>Used wherever plugin code is called and its {@link Throwable}s are caught: discovery, instantiation,
 * validation, connector and task work. Stateless and thread-safe.
 */
public final class PluginFailure {

    private PluginFailure() {
    }

    /**
     * What went wrong, as one sentence without a final period: the missing class and what to add, the failed static
     * initialiser and its cause, or else {@code failure.toString()}.
     */
    public static String describe(Throwable failure) {
        Optional<MissingClass> missing = MissingClass.in(failure);
        if (missing.isPresent()) {
            return missing.get().problem() + " (" + failure + "). " + missing.get().advice();
        }
        Throwable initializer = failedInitializer(failure);
        if (initializer != null) {
            Throwable cause = initializer.getCause() != null ? initializer.getCause() : initializer;
            return "a static initializer of the plugin failed (" + failure + "), with: " + cause
                    + ". Check the plugin's settings, its documentation and the libraries it depends on";
        }
        return failure.toString();
    }

    /** Whether {@link #describe} has more to say than the failure's own message. */
    public static boolean explains(Throwable failure) {
        return MissingClass.in(failure).isPresent() || failedInitializer(failure) != null;
    }

    /**
     * The failure to record in a FAILED status: when {@link #explains} is true, a {@link ConnectException} whose
     * message starts with {@code what} and says what to do, with the original as its cause (so the status trace
     * still shows the plugin's own stack); otherwise the failure itself, unchanged.
     *
     * @param what who failed doing what, e.g. {@code "Task my-connector-0 failed in poll()"}
     */
    public static Throwable explained(String what, Throwable failure) {
        if (failure instanceof Explained || !explains(failure)) {
            return failure;
        }
        return new Explained(what + ": " + describe(failure) + ".", failure);
    }

    private static Throwable failedInitializer(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof ExceptionInInitializerError) {
                return t;
            }
            if (t instanceof NoClassDefFoundError && t.getMessage() != null
                    && t.getMessage().startsWith(MissingClass.NOT_INITIALIZED)) {
                return t;
            }
        }
        return null;
    }

    /** A plugin failure already put into words, so that it is not wrapped twice on its way up. */
    static final class Explained extends ConnectException {
        Explained(String message, Throwable cause) {
            super(message, cause);
        }

        /** Shown as the public type it is, as Apache's traces show theirs: tools match on the first line. */
        @Override
        public String toString() {
            return ConnectException.class.getName() + ": " + getLocalizedMessage();
        }
    }
}

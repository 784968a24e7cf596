package dev.ferry.runtime.task;

/**
 * Makes a plugin's own class loader the thread context class loader for the length of a call,
 * because plugins look up their resources and service files through it. Restores the previous
 * loader on close; does nothing when the loader is already current, which is the common case on
 * a task thread.
 *
 * <p>Thread contract: open and close on the same thread.
 */
public final class ContextClassLoader implements AutoCloseable {
    /** Returned when the loader is already current: nothing to restore, and nothing allocated per call. */
    private static final ContextClassLoader UNCHANGED = new ContextClassLoader(null, false);

    private final ClassLoader previous;
    private final boolean swapped;

    private ContextClassLoader(ClassLoader previous, boolean swapped) {
        this.previous = previous;
        this.swapped = swapped;
    }

    /** Makes {@code loader} current until closed. */
    public static ContextClassLoader use(ClassLoader loader) {
        Thread thread = Thread.currentThread();
        ClassLoader current = thread.getContextClassLoader();
        if (loader == null || loader == current) {
            return UNCHANGED;
        }
        thread.setContextClassLoader(loader);
        return new ContextClassLoader(current, true);
    }

    /** Makes the loader that defined {@code plugin}'s class current until closed. */
    public static ContextClassLoader of(Object plugin) {
        return use(plugin.getClass().getClassLoader());
    }

    @Override
    public void close() {
        if (swapped) {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}

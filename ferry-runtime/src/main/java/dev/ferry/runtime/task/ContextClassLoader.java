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
    private final ClassLoader previous;
    private final boolean swapped;

    private ContextClassLoader(ClassLoader loader) {
        Thread thread = Thread.currentThread();
        this.previous = thread.getContextClassLoader();
        this.swapped = loader != null && loader != previous;
        if (swapped) {
            thread.setContextClassLoader(loader);
        }
    }

    /** Makes {@code loader} current until closed. */
    public static ContextClassLoader use(ClassLoader loader) {
        return new ContextClassLoader(loader);
    }

    /** Makes the loader that defined {@code plugin}'s class current until closed. */
    public static ContextClassLoader of(Object plugin) {
        return new ContextClassLoader(plugin.getClass().getClassLoader());
    }

    @Override
    public void close() {
        if (swapped) {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}

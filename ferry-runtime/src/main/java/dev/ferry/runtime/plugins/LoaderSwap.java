package dev.ferry.runtime.plugins;

/**
 * Sets the current thread's context class loader and puts the previous one back on {@link #close()}.
 *
 * <p>Use it in try-with-resources around every call into plugin code ({@code start}, {@code poll},
 * {@code configure}, {@code fromConnectData}, ...): plugins and the libraries they use find resources and
 * classes through the context loader. When the loader is already current, as it usually is on a task thread,
 * nothing is changed and nothing is allocated, so it is cheap enough for per-record calls. Close it on the
 * thread that opened it.
 */
public final class LoaderSwap implements AutoCloseable {
    /** Returned when the loader is already current (or none is given): nothing to restore. */
    private static final LoaderSwap UNCHANGED = new LoaderSwap(null, null);

    private final Thread thread;
    private final ClassLoader previous;

    private LoaderSwap(Thread thread, ClassLoader previous) {
        this.thread = thread;
        this.previous = previous;
    }

    /** Makes {@code loader} current until closed; null (a class of the JDK's own) leaves the current one. */
    static LoaderSwap to(ClassLoader loader) {
        Thread thread = Thread.currentThread();
        ClassLoader current = thread.getContextClassLoader();
        if (loader == null || loader == current) {
            return UNCHANGED;
        }
        thread.setContextClassLoader(loader);
        return new LoaderSwap(thread, current);
    }

    /** Restores the context class loader that was set when this swap was opened. */
    @Override
    public void close() {
        if (thread != null) {
            thread.setContextClassLoader(previous);
        }
    }
}

package dev.ferry.runtime.plugins;

/**
 * Sets the current thread's context class loader and puts the previous one back on {@link #close()}.
 *
 * <p>Use it in try-with-resources around every call into plugin code ({@code start}, {@code poll},
 * {@code configure}, ...): plugins and the libraries they use find resources and classes through the context
 * loader. Close it on the thread that opened it.
 */
public final class LoaderSwap implements AutoCloseable {

    private final Thread thread;
    private final ClassLoader previous;

    LoaderSwap(ClassLoader loader) {
        this.thread = Thread.currentThread();
        this.previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
    }

    /** Restores the context class loader that was set when this swap was opened. */
    @Override
    public void close() {
        thread.setContextClassLoader(previous);
    }
}

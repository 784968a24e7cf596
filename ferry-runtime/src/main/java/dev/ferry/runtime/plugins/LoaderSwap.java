package dev.ferry.runtime.plugins;

/**
 * Sets the current thread's context class loader and puts the previous one back on {@link #close()}.
 *
 * <p>Use it in try-with-resources around every call into plugin code ({@code start}, {@code poll},
 * {@code configure}, ...): plugins and the libraries they use find resources and classes through the
 * context loader. When the loader is already current nothing is changed and nothing is allocated. Close it
 * on the thread that opened it.
 *
 * <p>Calls made for every record (converters, transformations, predicates) use {@link #enter} and
 * {@link #exit} instead, which never allocate: a task's converters usually come from another loader than
 * its connector, so the swap happens on every record, and a swap object per call was 50 to 100 bytes of
 * garbage per record, several per cent of a FileStream task's allocation.
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

    /**
     * Makes {@code loader} the current thread's context loader (null leaves the current one) and
     * returns the loader to give {@link #exit} afterwards, in a {@code finally} block on this thread.
     */
    public static ClassLoader enter(ClassLoader loader) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        if (loader != null && loader != previous) {
            thread.setContextClassLoader(loader);
        }
        return previous;
    }

    /** Puts back the context loader {@link #enter} returned. */
    public static void exit(ClassLoader previous) {
        Thread thread = Thread.currentThread();
        if (thread.getContextClassLoader() != previous) {
            thread.setContextClassLoader(previous);
        }
    }

    /** Restores the context class loader that was set when this swap was opened. */
    @Override
    public void close() {
        if (thread != null) {
            thread.setContextClassLoader(previous);
        }
    }
}

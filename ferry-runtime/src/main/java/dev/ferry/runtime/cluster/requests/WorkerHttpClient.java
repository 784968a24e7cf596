package dev.ferry.runtime.cluster.requests;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK {@code HttpClient} one worker uses to call another worker's REST API: never following
 * redirects (a redirect from a worker would be a misconfigured proxy, not an answer), with a
 * connect timeout, on daemon threads of its own that {@link #close()} stops.
 *
 * <p>The client is built on the first {@link #get()}: building one sets up the JDK's default
 * {@code SSLContext} (security providers, certificates), about a tenth of a second of a worker's
 * start, and many workers never call another one (a standalone worker never forwards; a leader
 * never posts task configs to itself).
 *
 * <p>{@code https} workers are reached with the {@link InterWorkerTls} context of this process
 * when there is one (the worker's own {@code listeners.https.ssl.*} key and trust stores),
 * otherwise with the JDK's default.
 *
 * <p>Thread-safe.
 */
public final class WorkerHttpClient implements AutoCloseable {
    private final Duration connectTimeout;
    private final ExecutorService executor;
    private HttpClient client;

    /** @param threadName the name of the client's threads, which say whose calls they carry */
    public WorkerHttpClient(String threadName, Duration connectTimeout) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The client, built on the first call. */
    public synchronized HttpClient get() {
        if (client == null) {
            HttpClient.Builder builder = HttpClient.newBuilder();
            javax.net.ssl.SSLContext tls = InterWorkerTls.current();
            if (tls != null) {
                builder.sslContext(tls);
            }
            client = builder
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(executor)
                    .build();
        }
        return client;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

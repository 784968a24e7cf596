package dev.ferry.runtime.cluster.requests;

import javax.net.ssl.SSLContext;

/**
 * The TLS set-up this worker process uses when it calls other workers over {@code https}:
 * forwarding a client's request to the leader, posting task configurations, asking for a round of
 * zombie fencing, reading the other workers' versions. Apache's worker builds its inter-worker
 * client from the same {@code listeners.https.ssl.*} settings as its HTTPS listener, so that a
 * cluster whose listeners require client certificates ({@code ssl.client.auth=required}) can still
 * talk to itself; Ferry's REST server installs that context here when it starts with an
 * {@code https} listener ({@code dev.ferry.rest.TlsSettings#clientContext}).
 *
 * <p>Why process-wide: one worker runs per process, and its clients are built by several owners
 * (the herder, the fencing collaborator, the REST layer) that should not each read TLS settings.
 * Clients read it when they are first used, which is after the REST server started. Without it,
 * the JDK's default {@code SSLContext} is used (the JVM trust store, no client certificate).
 *
 * <p>Thread-safe.
 */
public final class InterWorkerTls {
    private static volatile SSLContext context;

    private InterWorkerTls() {
    }

    /** Makes {@code sslContext} the one every inter-worker client of this process builds with (null: the JDK default). */
    public static void use(SSLContext sslContext) {
        context = sslContext;
    }

    /** The context to build inter-worker clients with, or null for the JDK's default. */
    public static SSLContext current() {
        return context;
    }
}

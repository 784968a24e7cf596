package dev.ferry.cli;

import dev.ferry.rest.RestSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Works out a worker's id, the advertised {@code host:port} that status entries carry, before
 * the REST server starts (the herder needs it first). Same rule as Apache: the advertised host
 * and port where set, otherwise the first listener's (the first of the advertised listener's
 * protocol when {@code rest.advertised.listener} is set), with this machine's name for a listener
 * on all interfaces.
 */
final class WorkerIds {
    private WorkerIds() {
    }

    static String fromRestSettings(RestSettings settings) {
        // As Apache: with rest.advertised.listener, the first listener of that protocol (so a worker
        // listening on http and https that advertises https gives other workers its https port).
        RestSettings.Listener listener = settings.listeners().stream()
                .filter(l -> settings.advertisedListener() == null || l.protocol().equals(settings.advertisedListener()))
                .findFirst()
                .orElse(settings.listeners().get(0));
        String host = settings.advertisedHost() != null ? settings.advertisedHost() : listener.host();
        if (host == null || host.isBlank()) {
            host = localHostName();
        }
        int port = settings.advertisedPort() != null ? settings.advertisedPort() : listener.port();
        return host + ":" + port;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * The REST URL other workers use to reach this one: the advertised listener's protocol (or the
     * first listener's) and the worker id's host and port, e.g. {@code http://10.0.0.5:8083/}.
     */
    static String advertisedUrl(RestSettings settings, String workerId) {
        String protocol = settings.advertisedListener() != null ? settings.advertisedListener()
                : settings.listeners().get(0).protocol();
        return protocol + "://" + workerId + "/";
    }
}

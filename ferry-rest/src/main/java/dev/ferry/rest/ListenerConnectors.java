package dev.ferry.rest;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;

/**
 * The Jetty connectors behind {@code listeners} and {@code admin.listeners}, and the URLs they
 * are known by: the one other workers are told ({@code rest.advertised.*} where set, otherwise the
 * first matching listener's host and actual port) and the ones the log shows. A listener without a
 * host binds every interface; the log says so instead of naming one address, while the advertised
 * URL then names this machine's address, as Apache's does.
 */
final class ListenerConnectors {
    private ListenerConnectors() {
    }

    /**
     * Makes the connector of one listener, named {@code name} (how requests tell which listener they
     * came in on), and adds it to {@code into}.
     */
    static Connector add(Server server, HttpConfiguration http, RestSettings.Listener listener, String name,
                         List<ServerConnector> into, TlsSettings tls, String tlsPrefix, RequestLimits limits) {
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(limits.maxHeaderBytes());
        ServerConnector connector;
        if (listener.protocol().equals("https")) {
            HttpConfiguration https = new HttpConfiguration(http);
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // Clients reach workers by addresses the certificate need not name; trust is the certificate's, not SNI's.
            secure.setSniHostCheck(false);
            https.addCustomizer(secure);
            connector = new ServerConnector(server,
                    new SslConnectionFactory(tls.contextFactory(listener, tlsPrefix), "http/1.1"),
                    new HttpConnectionFactory(https));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        connector.setName(name);
        connector.setHost(listener.host().isEmpty() ? null : listener.host());
        connector.setPort(listener.port());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        into.add(connector);
        return connector;
    }

    /** The URL to advertise, from {@code rest.advertised.*} where set and the bound main connectors otherwise; ends with {@code /}. */
    static URI advertisedUrl(RestSettings settings, List<ServerConnector> mainConnectors) {
        ServerConnector connector = mainConnectors.stream()
                .filter(c -> settings.advertisedListener() == null || scheme(c).equals(settings.advertisedListener()))
                .findFirst()
                .orElse(mainConnectors.get(0));
        String scheme = settings.advertisedListener() != null ? settings.advertisedListener() : scheme(connector);
        String host = settings.advertisedHost() != null ? settings.advertisedHost() : hostOf(connector);
        int port = settings.advertisedPort() != null ? settings.advertisedPort() : connector.getLocalPort();
        String shownHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create(scheme + "://" + shownHost + ":" + port + "/");
    }

    /** A bound connector's URL, ending with {@code /}. */
    static URI url(ServerConnector connector) {
        return URI.create(scheme(connector) + "://" + hostOf(connector) + ":" + connector.getLocalPort() + "/");
    }

    /** Where the sockets are bound, for the log. */
    static String urls(List<ServerConnector> connectors) {
        return String.join(", ", connectors.stream().map(c -> c.getHost() == null || c.getHost().isEmpty()
                ? scheme(c) + "://0.0.0.0:" + c.getLocalPort() + " (all interfaces)"
                : scheme(c) + "://" + c.getHost() + ":" + c.getLocalPort()).toList());
    }

    /** The connector's host, or this machine's address when it listens on all interfaces. */
    private static String hostOf(ServerConnector connector) {
        if (connector.getHost() != null && !connector.getHost().isEmpty()) {
            return connector.getHost();
        }
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static String scheme(ServerConnector connector) {
        return connector.getDefaultProtocol().toLowerCase().startsWith("ssl") ? "https" : "http";
    }
}

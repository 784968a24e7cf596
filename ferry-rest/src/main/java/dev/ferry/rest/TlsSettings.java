package dev.ferry.rest;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * TLS settings of the {@code https://} REST listeners, read like Apache reads them: if any setting
 * carries the listener prefix ({@code listeners.https.} or {@code admin.listeners.https.}), only
 * the prefixed settings count; otherwise the worker's own {@code ssl.*} settings are used.
 *
 * @param clientAuth {@code none}, {@code requested} or {@code required} ({@code ssl.client.auth})
 */
public record TlsSettings(String keystoreType, String keystoreLocation, String keystorePassword, String keyPassword,
                          String truststoreType, String truststoreLocation, String truststorePassword,
                          String clientAuth, String protocol) {

    /** The prefix of the main listeners' TLS settings. */
    public static final String LISTENERS_PREFIX = "listeners.https.";
    /** The prefix of the admin listeners' TLS settings. */
    public static final String ADMIN_LISTENERS_PREFIX = "admin.listeners.https.";

    static TlsSettings from(Map<String, Object> values, String prefix) {
        boolean prefixed = values.keySet().stream().anyMatch(k -> k.startsWith(prefix));
        String p = prefixed ? prefix : "";
        return new TlsSettings(
                string(values, p + "ssl.keystore.type", "JKS"),
                string(values, p + "ssl.keystore.location", null),
                string(values, p + "ssl.keystore.password", null),
                string(values, p + "ssl.key.password", null),
                string(values, p + "ssl.truststore.type", "JKS"),
                string(values, p + "ssl.truststore.location", null),
                string(values, p + "ssl.truststore.password", null),
                string(values, p + "ssl.client.auth", "none").toLowerCase(Locale.ROOT),
                string(values, p + "ssl.protocol", "TLSv1.3"));
    }

    /**
     * Jetty's TLS set-up for one listener.
     *
     * @param listener the listener, for the error message
     * @param prefix   where the settings come from, for the error message
     * @throws ConfigException when no keystore is configured
     */
    SslContextFactory.Server contextFactory(RestSettings.Listener listener, String prefix) {
        if (keystoreLocation == null || keystoreLocation.isBlank()) {
            throw new ConfigException("The REST listener " + listener + " uses https but no keystore is set: set "
                    + prefix + "ssl.keystore.location and " + prefix + "ssl.keystore.password (or the worker's "
                    + "ssl.keystore.* settings).");
        }
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStoreType(keystoreType);
        ssl.setKeyStorePath(keystoreLocation);
        if (keystorePassword != null) {
            ssl.setKeyStorePassword(keystorePassword);
        }
        if (keyPassword != null) {
            ssl.setKeyManagerPassword(keyPassword);
        }
        if (truststoreLocation != null && !truststoreLocation.isBlank()) {
            ssl.setTrustStoreType(truststoreType);
            ssl.setTrustStorePath(truststoreLocation);
            if (truststorePassword != null) {
                ssl.setTrustStorePassword(truststorePassword);
            }
        }
        switch (clientAuth) {
            case "required" -> ssl.setNeedClientAuth(true);
            case "requested" -> ssl.setWantClientAuth(true);
            case "none" -> { }
            default -> throw new ConfigException("ssl.client.auth", clientAuth, "Use none, requested or required.");
        }
        ssl.setProtocol(protocol);
        // Workers are addressed by whatever name or address they advertise; the certificate's names are
        // the operator's business, as with Apache, so the server does not refuse unmatched SNI hosts.
        ssl.setSniRequired(false);
        return ssl;
    }

    private static String string(Map<String, Object> values, String key, String fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        String s = v instanceof Password password ? password.value() : v.toString();
        return s.isBlank() ? fallback : s.strip();
    }
}

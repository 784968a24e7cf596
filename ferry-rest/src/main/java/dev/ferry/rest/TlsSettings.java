package dev.ferry.rest;

import dev.ferry.runtime.model.Sentences;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * TLS settings of the {@code https://} REST listeners, read like Apache reads them: if any setting
 * carries the listener prefix ({@code listeners.https.} or {@code admin.listeners.https.}), only
 * the prefixed settings count; otherwise the worker's own {@code ssl.*} settings are used.
 *
 * <p>The same settings make the worker's client side when it calls other workers
 * ({@link #clientContext()}, installed as {@code InterWorkerTls}): its keystore is the client
 * certificate it presents to listeners that require one, its truststore decides which workers it
 * trusts, and {@code ssl.endpoint.identification.algorithm} (Apache's default {@code https})
 * whether their certificates must name the host they are reached at.
 *
 * @param clientAuth             {@code none}, {@code requested} or {@code required} ({@code ssl.client.auth})
 * @param endpointIdentification {@code https} to check the other worker's host name against its
 *                               certificate, empty not to
 */
public record TlsSettings(String keystoreType, String keystoreLocation, String keystorePassword, String keyPassword,
                          String truststoreType, String truststoreLocation, String truststorePassword,
                          String clientAuth, String protocol, String endpointIdentification) {

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
                string(values, p + "ssl.protocol", "TLSv1.3"),
                values.containsKey(p + "ssl.endpoint.identification.algorithm")
                        ? Objects.toString(values.get(p + "ssl.endpoint.identification.algorithm"), "").strip()
                        : "https");
    }

    /** Whether a keystore is configured, i.e. whether this worker can serve or present a certificate. */
    boolean hasKeystore() {
        return keystoreLocation != null && !keystoreLocation.isBlank();
    }

    /**
     * The client side of these settings, for calls to other workers: this worker's keystore as its
     * client certificate, its truststore (or the JVM's when none is set) for theirs.
     *
     * @throws ConfigException naming the store that cannot be read, never its password
     */
    public SSLContext clientContext() {
        try {
            KeyManager[] keyManagers = null;
            if (hasKeystore()) {
                KeyStore keys = load(keystoreType, keystoreLocation, keystorePassword, "ssl.keystore");
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                String keyPass = keyPassword != null ? keyPassword : keystorePassword;
                kmf.init(keys, keyPass == null ? null : keyPass.toCharArray());
                keyManagers = kmf.getKeyManagers();
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(truststoreLocation == null || truststoreLocation.isBlank() ? null
                    : load(truststoreType, truststoreLocation, truststorePassword, "ssl.truststore"));
            TrustManager[] trustManagers = tmf.getTrustManagers();
            if (endpointIdentification.isEmpty()) {
                trustManagers = HostNameUnchecked.wrap(trustManagers);
            }
            SSLContext context = SSLContext.getInstance(protocol);
            context.init(keyManagers, trustManagers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("Cannot set up TLS for calls to other workers from the listeners.https.ssl.* "
                    + "settings: " + e.getMessage());
        }
    }

    private static KeyStore load(String type, String location, String password, String setting)
            throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(location))) {
            store.load(in, password == null ? null : password.toCharArray());
        } catch (java.io.IOException e) {
            throw new ConfigException("Cannot read the " + setting + " " + location + " (" + type + "): "
                    + Sentences.end(e.getMessage()) + " Check " + setting + ".location, .type and .password.");
        }
        return store;
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

package dev.ferry.serde.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.kafka.common.config.ConfigException;

/**
 * The TLS context for {@code https://} registry URLs, from Kafka's {@code ssl.*} keys under the
 * {@code schema.registry.} prefix: trust store and key store as JKS, PKCS12 or PEM files
 * ({@code schema.registry.ssl.truststore.type=PEM}) or inline PEM ({@code ssl.truststore.certificates},
 * {@code ssl.keystore.certificate.chain} with {@code ssl.keystore.key}), {@code ssl.protocol}, and
 * {@code ssl.endpoint.identification.algorithm} (empty turns host name verification off, as in Kafka).
 * Without any of them the JDK's default trust store is used.
 */
final class TlsSettings {

    static final String PREFIX = "schema.registry.ssl.";

    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN (ENCRYPTED )?PRIVATE KEY-----([^-]+)-----END (ENCRYPTED )?PRIVATE KEY-----");

    private TlsSettings() {
    }

    /** The context to use, or null for the JDK's default (no {@code schema.registry.ssl.*} key set). */
    static SSLContext from(ConfigValues config) {
        boolean any = config.map().keySet().stream().anyMatch(k -> k.startsWith(PREFIX) && config.has(k));
        if (!any) {
            return null;
        }
        try {
            TrustManager[] trustManagers = trustManagers(config);
            KeyManager[] keyManagers = keyManagers(config);
            String protocol = config.string(PREFIX + "protocol", "TLSv1.3");
            SSLContext context = SSLContext.getInstance(protocol);
            context.init(keyManagers, trustManagers, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("Could not set up TLS to the schema registry from the " + PREFIX
                    + "* settings: " + e.getMessage() + ". Check the store paths, types and passwords.");
        }
    }

    private static TrustManager[] trustManagers(ConfigValues config) throws GeneralSecurityException, IOException {
        KeyStore trustStore = null;
        if (config.has(PREFIX + "truststore.certificates")) {
            trustStore = certificatesStore(config.string(PREFIX + "truststore.certificates"));
        } else if (config.has(PREFIX + "truststore.location")) {
            String type = config.string(PREFIX + "truststore.type", "JKS").toUpperCase(Locale.ROOT);
            Path path = Path.of(config.string(PREFIX + "truststore.location"));
            trustStore = type.equals("PEM") ? certificatesStore(Files.readString(path))
                    : load(type, path, config.string(PREFIX + "truststore.password"));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trustStore);
        TrustManager[] managers = factory.getTrustManagers();
        String identification = config.map().containsKey(PREFIX + "endpoint.identification.algorithm")
                ? String.valueOf(config.map().get(PREFIX + "endpoint.identification.algorithm")).trim() : "https";
        if (identification.isEmpty()) {
            for (int i = 0; i < managers.length; i++) {
                if (managers[i] instanceof X509TrustManager x509) {
                    managers[i] = new NoHostnameCheck(x509);
                }
            }
        }
        return managers;
    }

    private static KeyManager[] keyManagers(ConfigValues config) throws GeneralSecurityException, IOException {
        KeyStore keyStore;
        char[] keyPassword;
        if (config.has(PREFIX + "keystore.key")) {
            keyPassword = chars(config.string(PREFIX + "key.password"));
            keyStore = pemKeyStore(config.string(PREFIX + "keystore.certificate.chain"),
                    config.string(PREFIX + "keystore.key"), keyPassword);
        } else if (config.has(PREFIX + "keystore.location")) {
            String type = config.string(PREFIX + "keystore.type", "JKS").toUpperCase(Locale.ROOT);
            Path path = Path.of(config.string(PREFIX + "keystore.location"));
            if (type.equals("PEM")) {
                String pem = Files.readString(path);
                keyPassword = chars(config.string(PREFIX + "key.password"));
                keyStore = pemKeyStore(pem, pem, keyPassword);
            } else {
                String storePassword = config.string(PREFIX + "keystore.password");
                keyStore = load(type, path, storePassword);
                keyPassword = chars(config.has(PREFIX + "key.password") ? config.string(PREFIX + "key.password")
                        : storePassword);
            }
        } else {
            return null;
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keyStore, keyPassword);
        return factory.getKeyManagers();
    }

    private static KeyStore load(String type, Path path, String password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, chars(password));
        }
        return store;
    }

    private static KeyStore certificatesStore(String pem) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate certificate : certificates(pem)) {
            store.setCertificateEntry("ca-" + i++, certificate);
        }
        return store;
    }

    private static KeyStore pemKeyStore(String chainPem, String keyPem, char[] keyPassword)
            throws GeneralSecurityException, IOException {
        if (chainPem == null) {
            throw new CertificateException(PREFIX + "keystore.certificate.chain is missing");
        }
        Collection<? extends Certificate> chain = certificates(chainPem);
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setKeyEntry("client", privateKey(keyPem, keyPassword), keyPassword,
                chain.toArray(new Certificate[0]));
        return store;
    }

    private static Collection<? extends Certificate> certificates(String pem) throws CertificateException {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static PrivateKey privateKey(String pem, char[] password) throws GeneralSecurityException, IOException {
        Matcher matcher = PEM_KEY.matcher(pem);
        if (!matcher.find()) {
            throw new GeneralSecurityException("no PKCS#8 '-----BEGIN PRIVATE KEY-----' or "
                    + "'-----BEGIN ENCRYPTED PRIVATE KEY-----' block in the PEM key");
        }
        byte[] der = Base64.getMimeDecoder().decode(matcher.group(2).trim());
        PKCS8EncodedKeySpec spec;
        if (matcher.group(1) != null) {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            SecretKeyFactory keyFactory = SecretKeyFactory.getInstance(info.getAlgName());
            spec = info.getKeySpec(keyFactory.generateSecret(new PBEKeySpec(password)));
        } else {
            spec = new PKCS8EncodedKeySpec(der);
        }
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "EdDSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    private static char[] chars(String password) {
        return password == null ? new char[0] : password.toCharArray();
    }

    /**
     * Checks the chain but not the host name: the JDK's HTTP client always asks for HTTPS host name checks, and
     * this is how {@code ssl.endpoint.identification.algorithm=} (empty) turns them off for this client alone.
     */
    private static final class NoHostnameCheck extends X509ExtendedTrustManager {
        private final X509TrustManager delegate;

        NoHostnameCheck(X509TrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }
    }
}

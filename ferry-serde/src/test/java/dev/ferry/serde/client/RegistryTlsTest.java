package dev.ferry.serde.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to the registry from {@code schema.registry.ssl.*}: PKCS12 and PEM trust stores, host name checks and how
 * to turn them off, client certificates from PKCS12 and inline PEM, against a JDK HTTPS server with certificates
 * made by keytool.
 */
class RegistryTlsTest {

    private static final String PASSWORD = "changeit";
    private static final String STRING_SCHEMA = "{\"schema\":\"\\\"string\\\"\"}";

    @TempDir
    static Path dir;

    @BeforeAll
    static void makeCertificates() throws Exception {
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=registry",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", path("server.p12"), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-genkeypair", "-alias", "other", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=other",
                "-ext", "SAN=dns:registry.invalid", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", path("other.p12"), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-genkeypair", "-alias", "client", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=app",
                "-validity", "2", "-storetype", "PKCS12",
                "-keystore", path("client.p12"), "-storepass", PASSWORD, "-keypass", PASSWORD);
        for (String name : List.of("server", "other", "client")) {
            keytool("-exportcert", "-rfc", "-alias", name, "-keystore", path(name + ".p12"), "-storepass", PASSWORD,
                    "-file", path(name + ".pem"));
        }
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", path("server.pem"), "-storetype", "PKCS12",
                "-keystore", path("trust.p12"), "-storepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", path("server.pem"), "-storetype", "JKS",
                "-keystore", path("trust.jks"), "-storepass", PASSWORD);
        KeyStore client = load("client.p12");
        PrivateKey key = (PrivateKey) client.getKey("client", PASSWORD.toCharArray());
        Files.writeString(dir.resolve("client-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    }

    @Test
    void aServerIsTrustedThroughAPkcs12TrustStore() {
        try (ScriptedHttpServer server = ScriptedHttpServer.https(serverContext("server.p12", false), false)) {
            server.then(200, STRING_SCHEMA);
            try (SchemaRegistryClient client = client(server, Map.of(
                    "schema.registry.ssl.truststore.location", path("trust.p12"),
                    "schema.registry.ssl.truststore.type", "PKCS12",
                    "schema.registry.ssl.truststore.password", PASSWORD))) {
                assertThat(client.schemaById(1).canonical()).isEqualTo("\"string\"");
            }
        }
    }

    @Test
    void aServerIsTrustedThroughAJksTrustStoreTheDefaultType() {
        try (ScriptedHttpServer server = ScriptedHttpServer.https(serverContext("server.p12", false), false)) {
            server.then(200, STRING_SCHEMA);
            try (SchemaRegistryClient client = client(server, Map.of(
                    "schema.registry.ssl.truststore.location", path("trust.jks"),
                    "schema.registry.ssl.truststore.password", PASSWORD))) {
                assertThat(client.schemaById(1).canonical()).isEqualTo("\"string\"");
            }
        }
    }

    @Test
    void aServerIsTrustedThroughAPemTrustStore() {
        try (ScriptedHttpServer server = ScriptedHttpServer.https(serverContext("server.p12", false), false)) {
            server.then(200, STRING_SCHEMA);
            try (SchemaRegistryClient client = client(server, Map.of(
                    "schema.registry.ssl.truststore.location", path("server.pem"),
                    "schema.registry.ssl.truststore.type", "PEM"))) {
                assertThat(client.schemaById(1).canonical()).isEqualTo("\"string\"");
            }
        }
    }

    @Test
    void anUntrustedServerIsRefused() {
        try (ScriptedHttpServer server = ScriptedHttpServer.https(serverContext("server.p12", false), false)) {
            try (SchemaRegistryClient client = client(server, Map.of())) {
                assertThatThrownBy(() -> client.schemaById(1))
                        .isInstanceOf(RegistryUnreachableException.class)
                        .hasMessageContaining("SSLHandshakeException");
            }
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefusedUnlessIdentificationIsTurnedOff() throws Exception {
        try (ScriptedHttpServer server = ScriptedHttpServer.https(serverContext("other.p12", false), false)) {
            server.always(r -> new ScriptedHttpServer.Answer(200, STRING_SCHEMA));
            Map<String, Object> trustOther = Map.of("schema.registry.ssl.truststore.location", path("other.pem"),
                    "schema.registry.ssl.truststore.type", "PEM");
            try (SchemaRegistryClient client = client(server, trustOther)) {
                assertThatThrownBy(() -> client.schemaById(1))
                        .isInstanceOf(RegistryUnreachableException.class)
                        .hasMessageContaining("SSLHandshakeException");
            }
            Map<String, Object> noIdentification = new HashMap<>(trustOther);
            noIdentification.put("schema.registry.ssl.endpoint.identification.algorithm", "");
            try (SchemaRegistryClient client = client(server, noIdentification)) {
                assertThat(client.schemaById(1).canonical()).isEqualTo("\"string\"");
            }
        }
    }

    @Test
    void aClientCertificateComesFromAPkcs12KeyStore() {
        try (ScriptedHttpServer server = ScriptedHttpServer.https(serverContext("server.p12", true), true)) {
            server.always(r -> new ScriptedHttpServer.Answer(200, STRING_SCHEMA));
            Map<String, Object> trust = Map.of("schema.registry.ssl.truststore.location", path("server.pem"),
                    "schema.registry.ssl.truststore.type", "PEM");
            try (SchemaRegistryClient client = client(server, trust)) {
                assertThatThrownBy(() -> client.schemaById(1)).isInstanceOf(RegistryUnreachableException.class);
            }
            Map<String, Object> withKey = new HashMap<>(trust);
            withKey.put("schema.registry.ssl.keystore.location", path("client.p12"));
            withKey.put("schema.registry.ssl.keystore.type", "PKCS12");
            withKey.put("schema.registry.ssl.keystore.password", PASSWORD);
            try (SchemaRegistryClient client = client(server, withKey)) {
                assertThat(client.schemaById(1).canonical()).isEqualTo("\"string\"");
            }
        }
    }

    @Test
    void aClientCertificateComesFromInlinePem() throws IOException {
        try (ScriptedHttpServer server = ScriptedHttpServer.https(serverContext("server.p12", true), true)) {
            server.always(r -> new ScriptedHttpServer.Answer(200, STRING_SCHEMA));
            try (SchemaRegistryClient client = client(server, Map.of(
                    "schema.registry.ssl.truststore.certificates", Files.readString(dir.resolve("server.pem")),
                    "schema.registry.ssl.keystore.certificate.chain", Files.readString(dir.resolve("client.pem")),
                    "schema.registry.ssl.keystore.key", Files.readString(dir.resolve("client-key.pem"))))) {
                assertThat(client.schemaById(1).canonical()).isEqualTo("\"string\"");
            }
        }
    }

    private static SchemaRegistryClient client(ScriptedHttpServer server, Map<String, Object> ssl) {
        Map<String, Object> configs = new HashMap<>(ssl);
        configs.put("schema.registry.url", server.url("https"));
        configs.put("max.retries", 0);
        return SchemaRegistryClients.create(configs);
    }

    private static SSLContext serverContext(String keyStore, boolean trustClient) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore), PASSWORD.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            KeyStore clientCerts = KeyStore.getInstance("PKCS12");
            clientCerts.load(null, null);
            clientCerts.setCertificateEntry("client", load("client.p12").getCertificate("client"));
            trust.init(trustClient ? clientCerts : null);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore load(String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(name))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static String path(String name) {
        return dir.resolve(name).toString();
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}

package dev.ferry.rest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Key and trust stores made by the JDK's own {@code keytool} for TLS tests: self-signed EC
 * certificates (fast to make) in PKCS12 stores, all with the password {@link #PASSWORD}.
 */
final class TestCertificates {
    static final String PASSWORD = "changeit";

    private TestCertificates() {
    }

    /** A keystore holding a new key and self-signed certificate for {@code cn} with the subject alternative names {@code san}. */
    static Path keystore(Path dir, String cn, String san) throws IOException, InterruptedException {
        Path store = dir.resolve(cn + ".p12");
        keytool("-genkeypair", "-alias", cn, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + cn,
                "-ext", "SAN=" + san, "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        return store;
    }

    /** A truststore holding the certificates of {@code keystores}. */
    static Path truststore(Path dir, String name, Path... keystores) throws IOException, InterruptedException {
        Path store = dir.resolve(name + ".p12");
        for (Path keystore : keystores) {
            String alias = keystore.getFileName().toString().replace(".p12", "");
            Path cert = dir.resolve(alias + ".crt");
            keytool("-exportcert", "-alias", alias, "-keystore", keystore.toString(), "-storepass", PASSWORD,
                    "-file", cert.toString());
            keytool("-importcert", "-noprompt", "-alias", alias, "-file", cert.toString(), "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", PASSWORD);
        }
        return store;
    }

    /** The {@code listeners.https.ssl.*} settings of a listener with {@code keystore} and {@code truststore}. */
    static Map<String, Object> listenerSettings(Path keystore, Path truststore, String clientAuth) {
        return Map.of(
                "listeners.https.ssl.keystore.type", "PKCS12",
                "listeners.https.ssl.keystore.location", keystore.toString(),
                "listeners.https.ssl.keystore.password", PASSWORD,
                "listeners.https.ssl.key.password", PASSWORD,
                "listeners.https.ssl.truststore.type", "PKCS12",
                "listeners.https.ssl.truststore.location", truststore.toString(),
                "listeners.https.ssl.truststore.password", PASSWORD,
                "listeners.https.ssl.client.auth", clientAuth);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}

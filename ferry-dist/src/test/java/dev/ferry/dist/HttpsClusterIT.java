package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two distributed workers that reach each other only over HTTPS listeners requiring client
 * certificates ({@code listeners.https.ssl.client.auth=required}, {@code rest.advertised.listener=https}),
 * with keytool-made stores: a follower forwards a create to the leader and posts the task
 * configurations of the connector it runs, both with its own certificate, and every connector's
 * tasks run. The test itself talks to each worker's plain loopback listener.
 */
@WithKafka
class HttpsClusterIT {
    private static final String PASSWORD = "changeit";
    private static final String GROUP = "https-cluster";

    @TempDir
    Path dir;

    @Test
    void workersForwardAndPostTaskConfigsOverMutualTls(KafkaBroker broker) throws Exception {
        Path one = keystore("worker-1");
        Path two = keystore("worker-2");
        Path trust = dir.resolve("trust.p12");
        for (Path keystore : List.of(one, two)) {
            String alias = keystore.getFileName().toString().replace(".p12", "");
            keytool("-exportcert", "-alias", alias, "-keystore", keystore.toString(), "-storepass", PASSWORD,
                    "-file", dir.resolve(alias + ".crt").toString());
            keytool("-importcert", "-noprompt", "-alias", alias, "-file", dir.resolve(alias + ".crt").toString(),
                    "-storetype", "PKCS12", "-keystore", trust.toString(), "-storepass", PASSWORD);
        }
        broker.createTopic("tls", 1, Map.of());
        List<WorkerProcess> workers = new ArrayList<>();
        try {
            for (Path keystore : List.of(one, two)) {
                int httpsPort = WorkerProcess.freePort();
                workers.add(WorkerProcess.startDistributed(dir.resolve(keystore.getFileName() + "-dir"),
                        broker.bootstrapServers(), GROUP, port -> tls(port, httpsPort, keystore, trust), List.of()));
            }
            // Connectors are spread round-robin, so one of the two runs on the follower, whose task
            // configurations must reach the leader over https.
            for (int i = 0; i < 2; i++) {
                String create = """
                        {"name":"tls-%d","config":{"connector.class":"FileStreamSink","topics":"tls","tasks.max":"2",
                         "file":"%s"}}""".formatted(i, dir.resolve("out-" + i + ".txt"));
                var created = workers.get(1).post("/connectors", create);
                assertThat(created.statusCode()).as("create via worker 2: %s\n%s", created.body(),
                        workers.get(1).logText()).isEqualTo(201);
            }
            Set<String> connectorWorkers = new HashSet<>();
            for (int i = 0; i < 2; i++) {
                var status = workers.get(0).awaitState("tls-" + i, "RUNNING", 2, Duration.ofSeconds(60));
                connectorWorkers.add(status.path("connector").path("worker_id").asText());
            }
            assertThat(connectorWorkers).as("each worker runs a connector").hasSize(2);
            assertThat(workers.get(0).json("/connectors").toString()).contains("tls-0", "tls-1");
        } finally {
            for (WorkerProcess worker : workers) {
                worker.stop();
            }
        }
        for (WorkerProcess worker : workers) {
            assertThat(worker.logText()).doesNotContain("Could not send the task configurations")
                    .doesNotContain("PKIX path").doesNotContain(PASSWORD);
        }
    }

    private static Map<String, String> tls(int httpPort, int httpsPort, Path keystore, Path trust) {
        Map<String, String> props = new HashMap<>();
        props.put("listeners", "http://127.0.0.1:" + httpPort + ",https://127.0.0.1:" + httpsPort);
        props.put("rest.advertised.listener", "https");
        props.put("listeners.https.ssl.keystore.type", "PKCS12");
        props.put("listeners.https.ssl.keystore.location", keystore.toString());
        props.put("listeners.https.ssl.keystore.password", PASSWORD);
        props.put("listeners.https.ssl.key.password", PASSWORD);
        props.put("listeners.https.ssl.truststore.type", "PKCS12");
        props.put("listeners.https.ssl.truststore.location", trust.toString());
        props.put("listeners.https.ssl.truststore.password", PASSWORD);
        props.put("listeners.https.ssl.client.auth", "required");
        return props;
    }

    private Path keystore(String name) throws IOException, InterruptedException {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        return store;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("keytool %s: %s", args[0], output).isZero();
    }
}

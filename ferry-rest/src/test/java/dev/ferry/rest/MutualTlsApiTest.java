package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.cluster.requests.InterWorkerClient;
import dev.ferry.runtime.cluster.requests.InterWorkerTls;
import dev.ferry.runtime.cluster.requests.SessionKeys;
import dev.ferry.runtime.model.NotLeaderException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS listeners that require client certificates ({@code listeners.https.ssl.client.auth=required}),
 * with real keytool-made stores: clients without a trusted certificate are refused in the handshake,
 * and workers reach each other — the follower forwarding a client's write to the leader, a worker
 * posting task configurations — with their own {@code listeners.https.ssl.*} key and trust stores.
 */
class MutualTlsApiTest {
    @TempDir
    static Path dir;
    private static Path leaderKeys;
    private static Path followerKeys;
    private static Path strangerKeys;
    private static Path clusterTrust;
    private final List<TestServer> servers = new java.util.ArrayList<>();

    @BeforeAll
    static void certificates() throws Exception {
        leaderKeys = TestCertificates.keystore(dir, "leader", "ip:127.0.0.1,dns:localhost");
        followerKeys = TestCertificates.keystore(dir, "follower", "ip:127.0.0.1,dns:localhost");
        strangerKeys = TestCertificates.keystore(dir, "stranger", "ip:127.0.0.1,dns:localhost");
        clusterTrust = TestCertificates.truststore(dir, "cluster-trust", leaderKeys, followerKeys);
    }

    @AfterEach
    void stop() {
        servers.forEach(TestServer::close);
        InterWorkerTls.use(null);
    }

    private TestServer httpsWorker(Path keystore, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(TestCertificates.listenerSettings(keystore, clusterTrust, "required"));
        config.put("listeners", "https://127.0.0.1:0");
        config.putAll(extra);
        TestServer server = new TestServer(Fixtures.herder(), config, null);
        servers.add(server);
        return server;
    }

    private static HttpClient clientWith(Path keystore) throws Exception {
        Map<String, Object> values = new HashMap<>(TestCertificates.listenerSettings(keystore, clusterTrust, "none"));
        javax.net.ssl.SSLContext context = TlsSettings.from(values, TlsSettings.LISTENERS_PREFIX).clientContext();
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> get(HttpClient client, java.net.URI url) throws Exception {
        return client.send(HttpRequest.newBuilder(url.resolve("/connectors")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requiredClientAuth_refusesClientsWithoutATrustedCertificate() throws Exception {
        TestServer leader = httpsWorker(leaderKeys, Map.of());
        java.net.URI url = leader.server.advertisedUrl();
        // Trusts the server, but has no certificate of its own.
        HttpClient anonymous = HttpClient.newBuilder().sslContext(new TlsSettings("PKCS12", null, null, null, "PKCS12",
                clusterTrust.toString(), TestCertificates.PASSWORD, "none", "TLSv1.3", "https").clientContext()).build();

        assertThat(get(clientWith(followerKeys), url).statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> get(anonymous, url)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> get(clientWith(strangerKeys), url)).isInstanceOf(IOException.class);
    }

    @Test
    void followerForwardsAWriteToTheLeader_overHttpsWithItsClientCertificate() throws Exception {
        TestServer leader = httpsWorker(leaderKeys, Map.of());
        TestServer follower = httpsWorker(followerKeys, Map.of());
        follower.herder.everyWriteFails = new NotLeaderException("Only the leader may change connector configurations.",
                leader.server.advertisedUrl().toString());

        HttpResponse<String> created = clientWith(followerKeys).send(HttpRequest.newBuilder(
                        follower.server.advertisedUrl().resolve("/connectors"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"over-tls\",\"config\":{\"connector.class\":\"FileStreamSource\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(leader.herder.configs).containsKey("over-tls");
    }

    @Test
    void workerPostsTaskConfigsToAnHttpsLeader_withItsClientCertificate() {
        TestServer leader = httpsWorker(leaderKeys, Map.of());
        leader.herder.acceptsTaskConfigs = true;

        try (InterWorkerClient client = new InterWorkerClient(Duration.ofSeconds(10))) {
            client.postTaskConfigs(leader.server.advertisedUrl().toString(), Fixtures.SOURCE,
                    List.of(Map.of("task.class", "T")), SessionKeys.generate("HmacSHA256", null, 1L), "HmacSHA256");
        }
        assertThat(leader.herder.receivedTaskConfigs).containsExactly(Map.of("task.class", "T"));

        InterWorkerTls.use(null); // the JDK's default context: no client certificate, leader not trusted
        try (InterWorkerClient client = new InterWorkerClient(Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> client.postTaskConfigs(leader.server.advertisedUrl().toString(), Fixtures.SOURCE,
                    List.of(Map.of("task.class", "T")), null, "HmacSHA256"))
                    .isInstanceOf(ConnectException.class).hasMessageContaining("Could not send the task configurations");
        }
    }

    @Test
    void hostNameCheck_followsEndpointIdentificationAlgorithm() throws Exception {
        Path elsewhere = TestCertificates.keystore(dir, "elsewhere", "dns:elsewhere.example");
        Path trust = TestCertificates.truststore(dir, "elsewhere-trust", elsewhere);
        Map<String, Object> config = new HashMap<>(TestCertificates.listenerSettings(elsewhere, trust, "none"));
        config.put("listeners", "https://127.0.0.1:0");
        TestServer server = new TestServer(Fixtures.herder(), config, null);
        servers.add(server);
        Map<String, Object> checking = new HashMap<>(config);
        Map<String, Object> unchecked = new HashMap<>(config);
        unchecked.put("listeners.https.ssl.endpoint.identification.algorithm", "");

        HttpClient strict = HttpClient.newBuilder()
                .sslContext(TlsSettings.from(checking, TlsSettings.LISTENERS_PREFIX).clientContext()).build();
        HttpClient lenient = HttpClient.newBuilder()
                .sslContext(TlsSettings.from(unchecked, TlsSettings.LISTENERS_PREFIX).clientContext()).build();

        assertThatThrownBy(() -> get(strict, server.server.advertisedUrl())).isInstanceOf(IOException.class);
        assertThat(get(lenient, server.server.advertisedUrl()).statusCode()).isEqualTo(200);
    }
}

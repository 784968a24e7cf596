package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.cluster.requests.InterWorkerClient;
import dev.ferry.runtime.cluster.requests.RequestSigner;
import dev.ferry.runtime.cluster.requests.SessionKeys;
import dev.ferry.runtime.model.NotLeaderException;
import dev.ferry.runtime.model.SessionKey;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The internal endpoints between workers, over a herder that takes task configurations as a leader's does. */
class InternalApiTest {
    private static final String TASKS = "[{\"task.class\":\"T\",\"file\":\"/a\"},{\"task.class\":\"T\",\"file\":\"/b\"}]";
    private final SessionKey key = SessionKeys.generate("HmacSHA256", null, 1L);
    private TestServer leader;

    @BeforeEach
    void start() {
        leader = new TestServer(Fixtures.herder(), TestServer.localConfig(), null);
        leader.herder.acceptsTaskConfigs = true;
    }

    @AfterEach
    void stop() {
        leader.close();
    }

    @Test
    void taskConfigs_reachTheHerderWithTheExactBodyBytesAndSignature_andAnswer204() {
        byte[] body = TASKS.getBytes(StandardCharsets.UTF_8);
        Map<String, String> signature = RequestSigner.headers(body, key, "HmacSHA256");

        HttpResponse<String> response = leader.send(leader.server.advertisedUrl(), "POST",
                "/connectors/" + Fixtures.SOURCE + "/tasks?forward=false", TASKS, signature);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(leader.herder.receivedTaskConfigs).containsExactly(
                Map.of("task.class", "T", "file", "/a"), Map.of("task.class", "T", "file", "/b"));
        assertThat(leader.herder.receivedSignature.body()).isEqualTo(body);
        assertThat(leader.herder.receivedSignature.algorithm()).isEqualTo("HmacSHA256");
        assertThat(leader.herder.receivedSignature.signature())
                .isEqualTo(java.util.Base64.getDecoder().decode(signature.get(RequestSigner.SIGNATURE_HEADER)));
    }

    @Test
    void unsignedTaskConfigs_reachTheHerderWithoutASignature() {
        HttpResponse<String> response = leader.send("POST", "/connectors/" + Fixtures.SOURCE + "/tasks", TASKS);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(leader.herder.receivedSignature).isNull();
    }

    @Test
    void herdersSignatureVerdict_isTheAnswer() {
        leader.herder.sessionKey = key;
        Map<String, String> signedOtherBody = RequestSigner.headers("[]".getBytes(StandardCharsets.UTF_8), key,
                "HmacSHA256");

        HttpResponse<String> tampered = leader.send(leader.server.advertisedUrl(), "POST",
                "/connectors/" + Fixtures.SOURCE + "/tasks", TASKS, signedOtherBody);
        HttpResponse<String> unsigned = leader.send("POST", "/connectors/" + Fixtures.SOURCE + "/tasks", TASKS);

        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(tampered.body()).contains("Internal request contained invalid signature.");
        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(unsigned.body()).contains("Internal request missing required signature");
        assertThat(leader.herder.receivedTaskConfigs).isNull();
    }

    @Test
    void interWorkerClient_postsTaskConfigsTheLeaderVerifies() {
        leader.herder.sessionKey = key;

        try (InterWorkerClient client = new InterWorkerClient(Duration.ofSeconds(5))) {
            client.postTaskConfigs(leader.server.advertisedUrl().toString(), Fixtures.SOURCE,
                    List.of(Map.of("task.class", "T")), key, "HmacSHA256");
        }

        assertThat(leader.herder.receivedTaskConfigs).containsExactly(Map.of("task.class", "T"));
    }

    @Test
    void signedTaskConfigsSentToAFollower_areForwardedAndStillVerify() {
        leader.herder.sessionKey = key;
        try (TestServer follower = new TestServer(Fixtures.herder(), TestServer.localConfig(), null)) {
            follower.herder.acceptsTaskConfigs = true;
            follower.herder.everyWriteFails = new NotLeaderException("Only the leader may write task configurations.",
                    leader.server.advertisedUrl().toString());
            byte[] body = TASKS.getBytes(StandardCharsets.UTF_8);

            HttpResponse<String> response = follower.send(follower.server.advertisedUrl(), "POST",
                    "/connectors/" + Fixtures.SOURCE + "/tasks", TASKS, RequestSigner.headers(body, key, "HmacSHA256"));

            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(leader.herder.receivedSignature.body()).isEqualTo(body);
        }
    }

    @Test
    void malformedTaskConfigs_answer400() {
        HttpResponse<String> response = leader.send("POST", "/connectors/" + Fixtures.SOURCE + "/tasks",
                "{\"task.class\":\"T\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("JSON array of task configurations");
    }

    @Test
    void fence_signedByAFollowersClient_reachesTheLeadersHerder_andAnswers204() {
        leader.herder.sessionKey = key;

        try (InterWorkerClient client = new InterWorkerClient(Duration.ofSeconds(5))) {
            client.putFence(leader.server.advertisedUrl().toString(), Fixtures.SOURCE, key, "HmacSHA256");
        }

        assertThat(leader.herder.fencedConnectors).containsExactly(Fixtures.SOURCE);
        assertThat(leader.herder.receivedSignature.body()).isEmpty();
    }

    @Test
    void fence_withAForgedSignature_answers403_andASinkConnector400() {
        leader.herder.sessionKey = key;
        SessionKey other = SessionKeys.generate("HmacSHA256", null, 2L);

        HttpResponse<String> forged = leader.send(leader.server.advertisedUrl(), "PUT",
                "/connectors/" + Fixtures.SOURCE + "/fence", "", RequestSigner.headers(new byte[0], other, "HmacSHA256"));
        HttpResponse<String> sink = leader.send(leader.server.advertisedUrl(), "PUT",
                "/connectors/" + Fixtures.SINK + "/fence", "", RequestSigner.headers(new byte[0], key, "HmacSHA256"));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("Internal request contained invalid signature.");
        assertThat(sink.statusCode()).isEqualTo(400);
        assertThat(sink.body()).contains("Connector " + Fixtures.SINK + " is not a source connector");
        assertThat(leader.herder.fencedConnectors).isEmpty();
    }

    @Test
    void fenceSentToAFollower_isForwardedToTheLeader() {
        leader.herder.sessionKey = key;
        try (TestServer follower = new TestServer(Fixtures.herder(), TestServer.localConfig(), null)) {
            follower.herder.acceptsTaskConfigs = true;
            follower.herder.everyWriteFails = new NotLeaderException("Only the leader may perform zombie fencing.",
                    leader.server.advertisedUrl().toString());

            HttpResponse<String> response = follower.send(follower.server.advertisedUrl(), "PUT",
                    "/connectors/" + Fixtures.SOURCE + "/fence", "", RequestSigner.headers(new byte[0], key, "HmacSHA256"));

            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(leader.herder.fencedConnectors).containsExactly(Fixtures.SOURCE);
        }
    }
}

package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.model.NotLeaderException;
import dev.ferry.runtime.model.RestartRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two workers on loopback, a leader and a follower, each a real {@link RestServer} over a fake
 * herder that plays its role: the follower's herder refuses writes with {@link NotLeaderException}
 * as a distributed follower's does.
 */
class LeaderForwardingApiTest {
    private static final String CREATE = "{\"name\":\"new-source\",\"config\":{\"connector.class\":\"FileStreamSource\"}}";

    private TestServer leader;
    private TestServer follower;

    @BeforeEach
    void start() {
        leader = new TestServer(Fixtures.herder(), TestServer.localConfig(), null);
        follower = new TestServer(Fixtures.herder(), TestServer.localConfig(), null);
    }

    @AfterEach
    void stop() {
        follower.close();
        leader.close();
    }

    @Test
    void createOnAFollower_isMadeByTheLeader_andItsAnswerRelayed() {
        follower.herder.everyWriteFails = notLeader(leaderUrl());

        HttpResponse<String> response = follower.send("POST", "/connectors", CREATE);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).contains("\"name\":\"new-source\"", "\"tasks\":[]");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        // As Apache builds it on the first hop: the address the client used, not the leader's.
        assertThat(response.headers().firstValue("Location"))
                .hasValue(follower.server.advertisedUrl().resolve("/connectors/new-source").toString());
        assertThat(leader.herder.configs).containsKey("new-source");
        assertThat(follower.herder.configs).doesNotContainKey("new-source");
    }

    @Test
    void leadersErrors_areRelayedUnchanged() {
        follower.herder.everyWriteFails = notLeader(leaderUrl());

        HttpResponse<String> response = follower.send("DELETE", "/connectors/nope", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error_code\":404,\"message\":\"Connector nope not found\"}");
    }

    @Test
    void forwardedRequest_keepsItsQuery() {
        follower.herder.everyWriteFails = notLeader(leaderUrl());

        HttpResponse<String> response = follower.send("POST",
                "/connectors/" + Fixtures.SOURCE + "/restart?includeTasks=true&onlyFailed=false", null);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("RESTARTING");
        assertThat(leader.herder.restarts).containsExactly(new RestartRequest(Fixtures.SOURCE, false, true));
    }

    @Test
    void noLeaderKnown_isRetried_untilTheLeaderIsKnown() {
        follower.herder.writeFailures.add(notLeader(null));
        follower.herder.writeFailures.add(notLeader(null));
        follower.herder.everyWriteFails = notLeader(leaderUrl());

        HttpResponse<String> response = follower.send("PUT", "/connectors/" + Fixtures.SOURCE + "/stop", null);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(follower.herder.writeCalls).hasValue(3);
        assertThat(leader.herder.targetStates.get(Fixtures.SOURCE)).hasToString("STOPPED");
    }

    @Test
    void noLeaderKnown_andThenThisWorkerLeads_isServedHere() {
        follower.herder.writeFailures.add(notLeader(null));

        HttpResponse<String> response = follower.send("POST", "/connectors", CREATE);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(follower.herder.configs).containsKey("new-source");
        assertThat(leader.herder.writeCalls).hasValue(0);
    }

    @Test
    void deadLeader_isRetried_untilTheNewLeaderIsNamed() throws IOException {
        follower.herder.writeFailures.add(notLeader(closedPortUrl()));
        follower.herder.everyWriteFails = notLeader(leaderUrl());

        HttpResponse<String> response = follower.send("POST", "/connectors", CREATE);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(leader.herder.configs).containsKey("new-source");
    }

    @Test
    void workerThatNoLongerLeads_answers409_andTheFirstHopAsksItsHerderAgain() {
        leader.herder.everyWriteFails = notLeader(follower.server.advertisedUrl().toString());
        follower.herder.writeFailures.add(notLeader(leaderUrl()));

        HttpResponse<String> response = follower.send("POST", "/connectors", CREATE);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(leader.herder.writeCalls).hasValue(1);
        assertThat(follower.herder.configs).containsKey("new-source");
    }

    @Test
    void alreadyForwardedRequest_thatReachesAFollower_answers409SayingTheClusterIsRebalancing() {
        follower.herder.everyWriteFails = notLeader(leaderUrl());

        HttpResponse<String> response = follower.send("POST", "/connectors?forward=false", CREATE);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue(LeaderForwarding.NOT_LEADER_HEADER)).hasValue("true");
        assertThat(response.body()).contains("\"error_code\":409", "Cannot complete request because of a conflicting "
                + "operation (e.g. worker rebalance)", "rebalancing", leaderUrl());
        assertThat(leader.herder.writeCalls).hasValue(0);
    }

    @Test
    void noLeaderForTheWholeRequestTimeout_answersApaches409() {
        try (TestServer impatient = new TestServer(Fixtures.herder(), RestSettings.fromWorkerConfig(
                TestServer.localConfig()).withTimeouts(Duration.ofMillis(700), Duration.ofSeconds(1)), null)) {
            impatient.herder.everyWriteFails = notLeader(null);

            HttpResponse<String> response = impatient.send("POST", "/connectors", CREATE);

            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(response.body()).contains("Cannot complete request momentarily due to no known leader URL");
            assertThat(impatient.herder.writeCalls.get()).isGreaterThan(1);
        }
    }

    @Test
    void unreachableLeaderForTheWholeRequestTimeout_answers500NamingIt() throws IOException {
        String dead = closedPortUrl();
        try (TestServer impatient = new TestServer(Fixtures.herder(), RestSettings.fromWorkerConfig(
                TestServer.localConfig()).withTimeouts(Duration.ofMillis(700), Duration.ofSeconds(1)), null)) {
            impatient.herder.everyWriteFails = notLeader(dead);

            HttpResponse<String> response = impatient.send("PUT", "/connectors/" + Fixtures.SOURCE + "/pause", null);

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).contains("IO Error trying to forward REST request", dead);
        }
    }

    @Test
    void reads_areAnsweredLocally() {
        follower.herder.everyWriteFails = notLeader(leaderUrl());

        assertThat(follower.get("/connectors/" + Fixtures.SOURCE + "/config").statusCode()).isEqualTo(200);
        assertThat(leader.herder.writeCalls).hasValue(0);
    }

    private String leaderUrl() {
        return leader.server.advertisedUrl().toString();
    }

    private static NotLeaderException notLeader(String leaderUrl) {
        return new NotLeaderException("Only the leader may change connector configurations.", leaderUrl);
    }

    private static String closedPortUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/";
        }
    }
}

package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ferry's {@code GET /workers} on a worker without a cluster (the distributed answer: ConsoleOverviewIT). */
class WorkersApiTest {
    private final TestServer server = new TestServer(Fixtures.herder(), TestServer.localConfig(), null);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aStandaloneWorker_listsItselfAlone_withItsVersion_andNoLeader() throws Exception {
        var response = server.get("/workers");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.path("mode").asText()).isEqualTo("standalone");
        assertThat(body.path("leader").isNull()).isTrue();
        assertThat(body.path("workers")).hasSize(1);
        JsonNode self = body.path("workers").get(0);
        String url = server.server.advertisedUrl().toString();
        assertThat(self.path("url").asText()).isEqualTo(url);
        assertThat(self.path("worker_id").asText()).isEqualTo(WorkersResource.workerId(url));
        assertThat(self.path("leader").asBoolean()).isFalse();
        assertThat(self.path("version").asText()).isEqualTo(server.herder.serverInfo().version());
    }
}

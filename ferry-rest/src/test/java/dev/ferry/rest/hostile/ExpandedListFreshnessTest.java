package dev.ferry.rest.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /connectors?expand=status} is serialized once and kept until something it shows changes
 * ({@code ExpandedConnectors}). On a real standalone worker ({@link SoloWorker}): after each change, as soon as the
 * connector's own, never kept, endpoints show it, the list shows it too: a task that failed (a status change alone),
 * a pause, a delete, a create. Every read compares the whole list with what those endpoints say, connector by
 * connector. Nothing here waits on the list itself, so a list kept too long fails the test rather than delaying it.
 */
class ExpandedListFreshnessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path directory;
    private static SoloWorker worker;

    @BeforeAll
    static void start() throws Exception {
        worker = SoloWorker.start(directory);
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void everyChange_showsInTheNextList_onceTheConnectorsOwnAnswersShowIt() throws Exception {
        create("switched", "SwitchedSourceConnector");
        create("idle", "IdleSourceConnector");
        awaitStatus("switched", s -> s.at("/tasks/0/state").asText().equals("RUNNING"));
        awaitStatus("idle", s -> s.at("/tasks/0/state").asText().equals("RUNNING"));
        assertListMatchesEachConnector();
        assertThat(get("/connectors?expand=status").body()).as("read twice, nothing changed")
                .isEqualTo(get("/connectors?expand=status").body());

        SwitchedSourceConnector.failTasksOf("switched");
        awaitStatus("switched", s -> s.at("/tasks/0/state").asText().equals("FAILED"));
        assertListMatchesEachConnector();

        assertThat(send("PUT", "/connectors/idle/pause", null).statusCode()).isEqualTo(202);
        awaitStatus("idle", s -> s.at("/connector/state").asText().equals("PAUSED")
                && s.at("/tasks/0/state").asText().equals("PAUSED"));
        assertListMatchesEachConnector();

        assertThat(send("DELETE", "/connectors/switched", null).statusCode()).isEqualTo(204);
        assertListMatchesEachConnector();
        assertThat(list("status").has("switched")).isFalse();

        assertThat(list("info").has("created")).isFalse();
        create("created", "IdleSourceConnector");
        assertThat(list("info").has("created")).as("listed as soon as its create is answered").isTrue();
        awaitStatus("created", s -> s.at("/tasks/0/state").asText().equals("RUNNING"));
        assertListMatchesEachConnector();
    }

    @Test
    void bothExpansions_keepApachesShape_statusBeforeInfo_connectorsByName() throws Exception {
        create("shape-b", "IdleSourceConnector");
        create("shape-a", "IdleSourceConnector");
        awaitStatus("shape-a", s -> s.at("/tasks/0/state").asText().equals("RUNNING"));

        JsonNode both = list("status&expand=info");

        assertThat(both.get("shape-a").fieldNames()).toIterable().containsExactly("status", "info");
        assertThat(both.get("shape-a").get("info")).isEqualTo(JSON.readTree(get("/connectors/shape-a").body()));
        List<String> names = new ArrayList<>();
        both.fieldNames().forEachRemaining(names::add);
        assertThat(names).isSorted().contains("shape-a", "shape-b");
        assertThat(list("info&expand=status")).as("the same body whatever the order asked").isEqualTo(both);
    }

    /**
     * The names from {@code GET /connectors} and each one's {@code /status}, read first; then the list, which began
     * after them, must say the same.
     */
    private static void assertListMatchesEachConnector() throws Exception {
        Map<String, JsonNode> each = new LinkedHashMap<>();
        for (JsonNode name : JSON.readTree(get("/connectors").body())) {
            each.put(name.asText(), JSON.readTree(get("/connectors/" + name.asText() + "/status").body()));
        }
        JsonNode listed = list("status");
        Map<String, JsonNode> fromList = new LinkedHashMap<>();
        listed.fields().forEachRemaining(entry -> fromList.put(entry.getKey(), entry.getValue().get("status")));
        assertThat(fromList).isEqualTo(each);
    }

    private static JsonNode list(String expansions) throws Exception {
        HttpResponse<String> answer = get("/connectors?expand=" + expansions);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(answer.body());
    }

    private static void create(String name, String connectorClass) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"config\":{\"connector.class\":\"" + connectorClass
                + "\",\"tasks.max\":\"1\"}}";
        assertThat(send("POST", "/connectors", body).statusCode()).isEqualTo(201);
    }

    private static void awaitStatus(String connector, Predicate<JsonNode> shows) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = get("/connectors/" + connector + "/status");
            if (answer.statusCode() == 200) {
                status = JSON.readTree(answer.body());
                if (shows.test(status)) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("The status of " + connector + " did not show the change within " + PATIENCE
                + "; last: " + status);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    private static HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(worker.url().resolve(path))
                .timeout(PATIENCE).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

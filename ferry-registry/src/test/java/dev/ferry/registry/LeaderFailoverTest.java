package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one broker: the follower forwards writes to the leader; when the leader is killed (kill -9 of
 * its JVM, so it never leaves the group) the follower takes over within seconds and allocates ids above every id
 * the dead leader handed out.
 */
@WithKafka
class LeaderFailoverTest {

    @Test
    void writesContinueOnTheFollowerWithinSecondsOfTheLeaderBeingKilledAndNoIdIsReused(KafkaBroker broker)
            throws Exception {
        Map<String, String> properties = Registries.properties(broker, "failover");
        properties.put("kafkagroup.session.timeout.ms", "6000");
        properties.put("kafkagroup.heartbeat.interval.ms", "1000");
        Process leaderProcess = startChild(properties);
        try {
            String leaderUrl = awaitUrl(leaderProcess);
            Http leader = new Http(leaderUrl);
            try (RegistryServer follower = RegistryServer.start(RegistryConfig.from(properties, Map.of()))) {
                Http viaFollower = new Http(follower.url());
                assertThat(follower.isLeader()).as("the first instance keeps leading").isFalse();

                Map<Integer, String> schemasById = new HashMap<>();
                for (int i = 0; i < 5; i++) {
                    Http target = i % 2 == 0 ? viaFollower : leader;
                    String schema = record("Before" + i);
                    Http.Response registered = target.post("/subjects/before-" + i + "-value/versions",
                            Http.schemaBody(schema));
                    assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
                    int id = registered.json().get("id").asInt();
                    assertThat(schemasById.put(id, schema)).isNull();
                    // a schema registered through the leader reaches the follower when it has read the topic
                    assertThat(statusWithin(viaFollower, "/schemas/ids/" + id, 200, Duration.ofSeconds(10)))
                            .isEqualTo(200);
                }
                assertThat(viaFollower.get("/subjects").json()).hasSize(5);
                // Config writes are forwarded too, and the follower reads them back from the topic.
                assertThat(viaFollower.put("/config/before-0-value", "{\"compatibility\":\"NONE\"}").status())
                        .isEqualTo(200);
                assertThat(leader.get("/config/before-0-value").json().get("compatibilityLevel").asText()).isEqualTo("NONE");
                // The follower answers a forwarded write once it has read it back: its next read sees it.
                assertThat(viaFollower.get("/config/before-0-value").json().get("compatibilityLevel").asText())
                        .isEqualTo("NONE");
                int highestBefore = schemasById.keySet().stream().max(Integer::compare).orElseThrow();

                long killedAt = System.nanoTime();
                leaderProcess.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

                Http.Response first = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < deadline) {
                    first = viaFollower.post("/subjects/after-0-value/versions", Http.schemaBody(record("After0")));
                    if (first.status() == 200) {
                        break;
                    }
                    assertThat(first.errorCode()).as(first.toString()).isIn(50002, 50003, 50004);
                    Thread.sleep(100);
                }
                long failoverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
                System.out.println("Schema registry failover: first write accepted " + failoverMs + " ms after kill -9");
                assertThat(first.status()).as(first.toString()).isEqualTo(200);
                assertThat(failoverMs).isLessThan(20_000);
                assertThat(follower.isLeader()).isTrue();

                List<Integer> after = new ArrayList<>();
                after.add(first.json().get("id").asInt());
                schemasById.put(after.get(0), record("After0"));
                for (int i = 1; i < 4; i++) {
                    Http.Response registered = viaFollower.post("/subjects/after-" + i + "-value/versions",
                            Http.schemaBody(record("After" + i)));
                    assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
                    int id = registered.json().get("id").asInt();
                    assertThat(schemasById.put(id, record("After" + i))).as("id %d reused", id).isNull();
                    after.add(id);
                }
                assertThat(after).allSatisfy(id -> assertThat(id).isGreaterThan(highestBefore));
                for (Map.Entry<Integer, String> entry : schemasById.entrySet()) {
                    String stored = viaFollower.get("/schemas/ids/" + entry.getKey()).json().get("schema").asText();
                    assertThat(Http.MAPPER.readTree(stored)).isEqualTo(Http.MAPPER.readTree(entry.getValue()));
                }
            }
        } finally {
            leaderProcess.destroyForcibly();
        }
    }

    @Test
    void aFollowerAnswers50004WhenNoInstanceMayLead(KafkaBroker broker) {
        Map<String, String> properties = Registries.properties(broker, "no-leader");
        properties.put("leader.eligibility", "false");
        properties.put("kafkastore.init.timeout.ms", "4000");
        try (RegistryServer server = RegistryServer.start(RegistryConfig.from(properties, Map.of()))) {
            Http http = new Http(server.url());
            assertThat(http.get("/subjects").status()).isEqualTo(200);
            Http.Response refused = http.post("/subjects/x-value/versions", Http.schemaBody("\"string\""));
            assertThat(refused.status()).isEqualTo(500);
            assertThat(refused.errorCode()).isEqualTo(50004);
            assertThat(refused.message()).contains("leader.eligibility");
        }
    }

    private static String record(String name) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}";
    }

    private static Process startChild(Map<String, String> properties) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RegistryProcess.class.getName());
        properties.forEach((k, v) -> command.add(k + "=" + v));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** The path's status once it is {@code wanted}, or the last status seen when {@code timeout} ran out. */
    private static int statusWithin(Http http, String path, int wanted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int status = http.get(path).status();
        while (status != wanted && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = http.get(path).status();
        }
        return status;
    }

    private static String awaitUrl(Process process) throws Exception {
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith(RegistryProcess.URL_LINE)) {
                        url.complete(line.substring(RegistryProcess.URL_LINE.length()).trim());
                    } else if (line.contains("ERROR") || line.contains("Exception")) {
                        System.out.println("[leader process] " + line);
                    }
                }
            } catch (Exception e) {
                url.completeExceptionally(e);
            }
            url.completeExceptionally(new IllegalStateException("The leader process ended before it served"));
        }, "leader-process-output");
        reader.setDaemon(true);
        reader.start();
        return url.get(60, TimeUnit.SECONDS);
    }
}

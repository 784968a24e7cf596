package dev.ferry.dist;

import static dev.ferry.dist.JdbcTestSupport.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import dev.ferry.testkit.db.PostgresServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connector moved from Confluent's JDBC source keeps its position: a connector created STOPPED is given, through
 * {@code PATCH /connectors/{name}/offsets}, the source offset Confluent's connector stored (the protocol-1 partition
 * {@code {"protocol":"1","table":"schema.table"}}, or the older {@code {"table":"name"}}, with Confluent's offset
 * keys), and once resumed reads only the rows after it, then goes on in Confluent's shape.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcConfluentOffsetsIT {
    private static final String PASSWORD_VARIABLE = "FERRY_IT_PG_PASSWORD";
    private static final Duration ARRIVAL = Duration.ofSeconds(60);

    private PostgresServer postgres;
    private WorkerProcess worker;
    private KafkaBroker broker;

    @BeforeAll
    void startDatabaseAndWorker(KafkaBroker broker, @TempDir Path dir) throws Exception {
        this.broker = broker;
        postgres = PostgresServer.start(dir.resolve("postgres"), JdbcTestSupport.environment(PASSWORD_VARIABLE));
        postgres.createDatabase("moved");
        JdbcTestSupport.execute(postgres, "moved",
                "CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO items (name) VALUES ('a'), ('b'), ('c'), ('d'), ('e')",
                "CREATE TABLE legacy_items (id serial PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO legacy_items (name) VALUES ('a'), ('b'), ('c'), ('d'), ('e')",
                "CREATE TABLE events (id serial PRIMARY KEY, at timestamp(6) NOT NULL, name text NOT NULL)",
                // two rows share a microsecond timestamp; the offset below sits between them
                "INSERT INTO events (at, name) VALUES ('2024-01-01 00:00:00.000001', 'first'),"
                        + " ('2024-01-01 00:00:00.000001', 'tie'), ('2024-01-01 00:00:00.000002', 'next micro'),"
                        + " ('2024-01-01 00:00:00', 'earlier')");
        Files.createDirectories(dir.resolve("worker"));
        worker = WorkerProcess.start(dir.resolve("worker"), broker.bootstrapServers(),
                JdbcTestSupport.envConfigProvider());
    }

    @AfterAll
    void stop() throws Exception {
        if (worker != null) {
            worker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void confluentsProtocolOneOffset_incrementing_resumesAfterIt() throws Exception {
        List<String> names = moveAndRead("moved-v1", "items", "incrementing",
                "{\"protocol\": \"1\", \"table\": \"public.items\"}", "{\"incrementing\": 2}", "f");
        assertThat(names).containsExactly("c", "d", "e", "f");
        JsonNode offset = offsetOf("moved-v1");
        assertThat(offset.path("partition"))
                .isEqualTo(JSON.readTree("{\"protocol\":\"1\",\"table\":\"public.items\"}"));
        assertThat(offset.path("offset").path("incrementing").asLong()).isEqualTo(6);
    }

    @Test
    void confluentsOlderTableOnlyOffset_isReadToo() throws Exception {
        List<String> names = moveAndRead("moved-v0", "legacy_items", "incrementing",
                "{\"table\": \"legacy_items\"}", "{\"incrementing\": 4}", "f");
        assertThat(names).as("the row after id 4, and the row inserted later").containsExactly("e", "f");
    }

    @Test
    void confluentsTimestampIncrementingOffset_withNanos_resumesBetweenRowsOfOneMicrosecond() throws Exception {
        long millis = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        List<String> names = moveAndRead("moved-ts", "events", "timestamp+incrementing",
                "{\"protocol\": \"1\", \"table\": \"public.events\"}",
                "{\"timestamp\": " + millis + ", \"timestamp_nanos\": 1000, \"incrementing\": 1}", null);
        assertThat(names).as("after (00:00:00.000001, id 1): the tie with a larger id and the next microsecond")
                .containsExactly("tie", "next micro");
    }

    /**
     * Creates a STOPPED JDBC source, gives it Confluent's offset, resumes it and returns the {@code name} of every
     * row it sends; with {@code lateName}, inserts that row once the first ones arrived and waits for it too (a poll
     * later, a row sent twice would show).
     */
    private List<String> moveAndRead(String connector, String table, String mode, String partition, String offset,
                                     String lateName) throws Exception {
        String topic = connector + "-" + table;
        broker.createTopic(topic, 1, Map.of());
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", JdbcTestSupport.SOURCE);
        config.put("connection.url", postgres.jdbcUrl("moved"));
        config.put("connection.user", PostgresServer.USER);
        config.put("connection.password", "${env:" + PASSWORD_VARIABLE + "}");
        config.put("mode", mode);
        config.put("incrementing.column.name", "id");
        if (mode.startsWith("timestamp")) {
            config.put("timestamp.column.name", "at");
        }
        config.put("table.whitelist", table);
        config.put("topic.prefix", connector + "-");
        config.put("poll.interval.ms", "300");
        config.put("value.converter", JdbcTestSupport.JSON_CONVERTER);
        config.put("value.converter.schemas.enable", "false");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", connector);
        body.put("config", config);
        body.put("initial_state", "STOPPED");
        JdbcTestSupport.createRaw(worker, JSON.writeValueAsString(body));
        worker.await(Duration.ofSeconds(30), connector + " STOPPED", () ->
                "STOPPED".equals(worker.json("/connectors/" + connector + "/status").path("connector").path("state")
                        .asText()));
        HttpResponse<String> altered = worker.patch("/connectors/" + connector + "/offsets",
                "{\"offsets\": [{\"partition\": " + partition + ", \"offset\": " + offset + "}]}");
        assertThat(altered.statusCode()).as(altered.body()).isEqualTo(200);
        HttpResponse<String> resumed = worker.put("/connectors/" + connector + "/resume", "");
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);

        List<String> names = new ArrayList<>();
        worker.await(ARRIVAL, "the first row after the offset on " + topic, () -> {
            JdbcTestSupport.noFailure(worker, connector);
            names.clear();
            names.addAll(names(topic));
            return !names.isEmpty();
        });
        if (lateName != null) {
            JdbcTestSupport.execute(postgres, "moved", "INSERT INTO " + table + " (name) VALUES ('" + lateName + "')");
            worker.await(ARRIVAL, "the later row " + lateName + " on " + topic, () -> {
                JdbcTestSupport.noFailure(worker, connector);
                names.clear();
                names.addAll(names(topic));
                return names.contains(lateName);
            });
        } else {
            Thread.sleep(1500); // several polls: a row sent again or before the offset would show
            names.clear();
            names.addAll(names(topic));
        }
        return names;
    }

    private List<String> names(String topic) throws Exception {
        List<String> names = new ArrayList<>();
        for (TopicRecords.Raw r : TopicRecords.read(broker, topic)) {
            names.add(JSON.readTree(r.value()).path("name").asText());
        }
        return names;
    }

    /** The connector's only committed source offset, once it is there. */
    private JsonNode offsetOf(String connector) {
        JsonNode[] offsets = new JsonNode[1];
        worker.await(Duration.ofSeconds(30), connector + "'s committed offset past the later row", () -> {
            offsets[0] = worker.json("/connectors/" + connector + "/offsets").path("offsets");
            return offsets[0].size() == 1 && offsets[0].get(0).path("offset").path("incrementing").asLong() == 6;
        });
        return offsets[0].get(0);
    }
}

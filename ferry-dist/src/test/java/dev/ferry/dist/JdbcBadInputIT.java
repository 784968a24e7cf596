package dev.ferry.dist;

import static dev.ferry.dist.JdbcTestSupport.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import dev.ferry.testkit.db.PostgresServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user of the JDBC connectors gets wrong, met through a worker's REST API as the user meets it: a wrong
 * password, a database that is not there, a table or an incrementing column that does not exist or may be NULL, a
 * record the sink cannot map to a column (the dead letter queue with {@code errors.tolerance=all}), a config the
 * validate endpoint must refuse, and a URL whose driver the plugin does not ship. Each failure must say what is wrong
 * and how to fix it, and no secret may appear in a trace, an answer or the log.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcBadInputIT {
    private static final String PASSWORD_VARIABLE = "FERRY_IT_PG_PASSWORD";
    private static final Duration FAILURE = Duration.ofSeconds(60);

    private String password;
    private PostgresServer postgres;
    private WorkerProcess worker;

    @BeforeAll
    void startDatabaseAndWorker(KafkaBroker broker, @TempDir Path dir) throws Exception {
        password = JdbcTestSupport.environment(PASSWORD_VARIABLE);
        postgres = PostgresServer.start(dir.resolve("postgres"), password);
        postgres.createDatabase("bad");
        JdbcTestSupport.execute(postgres, "bad",
                "CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL, seq integer)",
                "INSERT INTO items (name, seq) VALUES ('a', 1), ('b', NULL)");
        Files.createDirectories(dir.resolve("worker"));
        worker = WorkerProcess.start(dir.resolve("worker"), broker.bootstrapServers(),
                JdbcTestSupport.envConfigProvider());
    }

    @AfterAll
    void stop() throws Exception {
        if (worker != null) {
            assertThat(worker.logText()).as("the worker log").doesNotContain(password);
            worker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void wrongPassword_fails_namingUserAndHost_neverThePassword() throws Exception {
        String wrong = "Wr0ng-Pa55word-42";
        Map<String, String> config = source("bad-password", "items", "bulk");
        config.put("connection.password", wrong);
        String failure = failure("bad-password", config);
        assertThat(failure).contains(PostgresServer.USER).contains("127.0.0.1:" + postgres.port())
                .doesNotContain(wrong).doesNotContain(password);
        assertThat(worker.logText()).doesNotContain(wrong);
    }

    @Test
    void unreachableDatabase_isRetried_thenFails_withTheUrlMinusCredentials() throws Exception {
        int nowhere = WorkerProcess.freePort();
        String urlSecret = "UrlSecret-31";
        Map<String, String> config = source("unreachable", "items", "bulk");
        config.put("connection.url",
                "jdbc:postgresql://127.0.0.1:" + nowhere + "/bad?user=ferry&password=" + urlSecret);
        config.remove("connection.user");
        config.remove("connection.password");
        config.put("connection.attempts", "3");
        config.put("connection.backoff.ms", "700");
        long start = System.nanoTime();
        String failure = failure("unreachable", config);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("3 attempts 700 ms apart come first")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1400));
        assertThat(failure).contains("jdbc:postgresql://127.0.0.1:" + nowhere + "/bad").contains("3 attempt")
                .doesNotContain(urlSecret);
        assertThat(worker.logText()).doesNotContain(urlSecret);
    }

    @Test
    void missingTable_fails_namingTheTable() throws Exception {
        String failure = failure("missing-table", source("missing-table", "no_such_table", "bulk"));
        assertThat(failure).contains("no_such_table");
    }

    @Test
    void incrementingColumnThatDoesNotExist_fails_namingColumnAndTable() throws Exception {
        Map<String, String> config = source("no-column", "items", "incrementing");
        config.put("incrementing.column.name", "no_such_column");
        assertThat(failure("no-column", config)).contains("no_such_column").contains("items");
    }

    @Test
    void nullableIncrementingColumn_fails_namingTheColumn() throws Exception {
        Map<String, String> config = source("nullable-column", "items", "incrementing");
        config.put("incrementing.column.name", "seq");
        assertThat(failure("nullable-column", config)).contains("seq").containsIgnoringCase("null");
    }

    @Test
    void recordTheSinkCannotMap_goesToTheDlq_withToleranceAll_andTheOthersAreWritten(KafkaBroker broker)
            throws Exception {
        String topic = "jdbcbad-mixed";
        broker.createTopic(topic, 1, Map.of());
        byte[] unmappable = row(2, "b", ",\"attrs\":{\"colour\":\"red\"}",
                ",{\"field\":\"attrs\",\"type\":\"map\",\"keys\":{\"type\":\"string\",\"optional\":false},"
                        + "\"values\":{\"type\":\"string\",\"optional\":false},\"optional\":true}");
        JdbcTestSupport.produce(broker, topic, List.of(new byte[][] {null, row(1, "a", "", "")},
                new byte[][] {null, unmappable}, new byte[][] {null, row(3, "c", "", "")}));
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", JdbcTestSupport.SINK);
        config.put("topics", topic);
        config.put("connection.url", postgres.jdbcUrl("bad"));
        config.put("connection.user", PostgresServer.USER);
        config.put("connection.password", "${env:" + PASSWORD_VARIABLE + "}");
        config.put("insert.mode", "upsert");
        config.put("pk.mode", "record_value");
        config.put("pk.fields", "id");
        config.put("auto.create", "true");
        config.put("auto.evolve", "true");
        config.put("value.converter", JdbcTestSupport.JSON_CONVERTER);
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", "jdbcbad-dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        JdbcTestSupport.create(worker, "unmappable-sink", config);

        String rows = "SELECT id, name FROM \"" + topic + "\" ORDER BY id";
        worker.await(FAILURE, "rows 1 and 3 in the table", () -> JdbcTestSupport.noFailure(worker, "unmappable-sink")
                && JdbcTestSupport.rowsIfAny(postgres, "bad", rows).size() >= 2);
        assertThat(JdbcTestSupport.rows(postgres, "bad", rows)).containsExactly(List.of("1", "a"), List.of("3", "c"));
        List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
        worker.await(Duration.ofSeconds(30), "the unmappable record in the DLQ", () -> {
            dead.clear();
            dead.addAll(readWithHeaders(broker, "jdbcbad-dlq"));
            return !dead.isEmpty();
        });
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo(unmappable);
        Header message = dead.get(0).headers().lastHeader("__connect.errors.exception.message");
        assertThat(message).as("the DLQ record's error headers").isNotNull();
        assertThat(new String(message.value(), StandardCharsets.UTF_8)).as("the error names the field and its type")
                .contains("attrs").containsIgnoringCase("map");
        assertThat(worker.awaitState("unmappable-sink", "RUNNING", 1, Duration.ofSeconds(10))).isNotNull();
    }

    @Test
    void validateEndpoint_answersErrors_forABadMode_andBothTableListStyles_andNoneForAGoodConfig() throws Exception {
        String secret = "Validate-Secret-55";
        Map<String, String> badMode = source("validate", "items", "sometimes");
        badMode.put("connection.password", secret);
        JsonNode result = validate(badMode, secret);
        Map<String, List<String>> errors = errorsByKey(result);
        assertThat(errors.get("mode")).as("mode's errors in %s", errors).isNotEmpty();
        assertThat(result.path("error_count").asInt()).isEqualTo(1);
        // every key a user of Confluent's connector may set is listed, so tools can show them
        assertThat(errors.keySet()).contains("connection.url", "connection.user", "connection.password",
                "connection.attempts", "connection.backoff.ms", "mode", "incrementing.column.name",
                "timestamp.column.name", "timestamp.initial", "timestamp.delay.interval.ms", "validate.non.null",
                "table.whitelist", "table.blacklist", "table.include.list", "table.exclude.list", "catalog.pattern",
                "schema.pattern", "table.types", "topic.prefix", "poll.interval.ms", "batch.max.rows",
                "table.poll.interval.ms", "numeric.mapping", "db.timezone", "dialect.name", "quote.sql.identifiers",
                "query", "query.suffix", "transaction.isolation.mode");

        Map<String, String> bothStyles = source("validate", "items", "bulk");
        bothStyles.put("table.include.list", "public\\.items");
        bothStyles.put("connection.password", secret);
        Map<String, List<String>> styleErrors = errorsByKey(validate(bothStyles, secret));
        assertThat(errorsOf(styleErrors, "table.whitelist", "table.include.list"))
                .as("table.whitelist and table.include.list together: %s", styleErrors).isNotEmpty();

        Map<String, String> good = source("validate", "items", "incrementing");
        good.put("incrementing.column.name", "id");
        assertThat(validate(good, password).path("error_count").asInt()).isZero();
    }

    private JsonNode validate(Map<String, String> config, String secret) throws Exception {
        HttpResponse<String> answer = worker.put("/connector-plugins/JdbcSourceConnector/config/validate",
                JSON.writeValueAsString(config));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain(secret);
        return JSON.readTree(answer.body());
    }

    @Test
    void sinkTableAndColumnNamesWithQuotesAndSpaces_areQuotedNotBroken(KafkaBroker broker) throws Exception {
        String topic = "jdbcbad-odd";
        broker.createTopic(topic, 1, Map.of());
        byte[] value = ("{\"schema\":{\"type\":\"struct\",\"optional\":false,\"fields\":["
                + "{\"field\":\"id\",\"type\":\"int32\",\"optional\":false},"
                + "{\"field\":\"first name\",\"type\":\"string\",\"optional\":false},"
                + "{\"field\":\"it's \\\"odd\\\"\",\"type\":\"string\",\"optional\":true}]},"
                + "\"payload\":{\"id\":1,\"first name\":\"Ann\",\"it's \\\"odd\\\"\":\"yes\"}}")
                .getBytes(StandardCharsets.UTF_8);
        JdbcTestSupport.produce(broker, topic, List.<byte[][]>of(new byte[][] {null, value}));
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", JdbcTestSupport.SINK);
        config.put("topics", topic);
        // a quoted name, as a user writes one that holds quotes (a doubled quote stands for one)
        config.put("table.name.format", "\"my \"\"odd\"\" table; DROP TABLE items\"");
        config.put("connection.url", postgres.jdbcUrl("bad"));
        config.put("connection.user", PostgresServer.USER);
        config.put("connection.password", "${env:" + PASSWORD_VARIABLE + "}");
        config.put("pk.mode", "record_value");
        config.put("pk.fields", "id");
        config.put("auto.create", "true");
        config.put("value.converter", JdbcTestSupport.JSON_CONVERTER);
        JdbcTestSupport.create(worker, "odd-names-sink", config);
        String rows = "SELECT id, \"first name\", \"it's \"\"odd\"\"\" FROM \"my \"\"odd\"\" table; DROP TABLE items\"";
        worker.await(FAILURE, "the row in the oddly named table", () ->
                JdbcTestSupport.noFailure(worker, "odd-names-sink")
                        && !JdbcTestSupport.rowsIfAny(postgres, "bad", rows).isEmpty());
        assertThat(JdbcTestSupport.rows(postgres, "bad", rows)).containsExactly(List.of("1", "Ann", "yes"));
        assertThat(JdbcTestSupport.rows(postgres, "bad", "SELECT count(*) FROM items")).as("items is still there")
                .containsExactly(List.of("2"));
    }

    @Test
    void sqlServerUrl_fails_sayingWhichJarToAddAndWhere() throws Exception {
        String secret = "MsSecret-77";
        Map<String, String> config = source("sqlserver", "items", "bulk");
        config.put("connection.url", "jdbc:sqlserver://127.0.0.1:1433;databaseName=bad;password=" + secret);
        String failure = failure("sqlserver", config);
        assertThat(failure).contains("mssql-jdbc")
                .contains(WorkerProcess.distDir().resolve("plugins").resolve("ferry-jdbc").toString())
                .doesNotContain(secret);
    }

    /** A JDBC source on the test's database with Confluent's keys. */
    private Map<String, String> source(String name, String table, String mode) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", JdbcTestSupport.SOURCE);
        config.put("name", name);
        config.put("connection.url", postgres.jdbcUrl("bad"));
        config.put("connection.user", PostgresServer.USER);
        config.put("connection.password", "${env:" + PASSWORD_VARIABLE + "}");
        config.put("connection.attempts", "1");
        config.put("mode", mode);
        config.put("table.whitelist", table);
        config.put("topic.prefix", "jdbcbad-" + name + "-");
        config.put("poll.interval.ms", "500");
        return config;
    }

    /**
     * Creates the connector and returns what the user is told: the traces once it or a task FAILED, or the answer
     * of a create refused because the connector's validation already found the problem.
     */
    private String failure(String name, Map<String, String> config) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("config", config);
        HttpResponse<String> created = worker.post("/connectors", JSON.writeValueAsString(body));
        if (created.statusCode() == 400) {
            System.out.println(name + " refused: " + created.body());
            return created.body();
        }
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode status = JdbcTestSupport.awaitFailure(worker, name, FAILURE);
        String statusText = worker.get("/connectors/" + name + "/status").body();
        assertThat(statusText).doesNotContain(password);
        System.out.println(name + " failed:\n" + JdbcTestSupport.failures(status));
        return JdbcTestSupport.failures(status);
    }

    private static Map<String, List<String>> errorsByKey(JsonNode validation) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (JsonNode config : validation.path("configs")) {
            JsonNode value = config.path("value");
            List<String> messages = new ArrayList<>();
            value.path("errors").forEach(e -> messages.add(e.asText()));
            errors.put(value.path("name").asText(), messages);
        }
        return errors;
    }

    private static List<String> errorsOf(Map<String, List<String>> errors, String... keys) {
        List<String> all = new ArrayList<>();
        for (String key : keys) {
            all.addAll(errors.getOrDefault(key, List.of()));
        }
        return all;
    }

    /** A JsonConverter value with schema: a struct {id, name} plus {@code extraField} (schema) and its payload. */
    private static byte[] row(int id, String name, String extraPayload, String extraField) {
        return ("{\"schema\":{\"type\":\"struct\",\"optional\":false,\"fields\":["
                + "{\"field\":\"id\",\"type\":\"int32\",\"optional\":false},"
                + "{\"field\":\"name\",\"type\":\"string\",\"optional\":false}" + extraField + "]},"
                + "\"payload\":{\"id\":" + id + ",\"name\":\"" + name + "\"" + extraPayload + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<byte[], byte[]>> readWithHeaders(KafkaBroker broker, String topic) {
        Map<String, Object> config = new HashMap<>(broker.consumerConfig());
        config.put("key.deserializer", ByteArrayDeserializer.class.getName());
        config.put("value.deserializer", ByteArrayDeserializer.class.getName());
        config.put("enable.auto.commit", "false");
        config.remove("group.id");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                return records;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}

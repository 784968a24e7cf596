package dev.ferry.dist;

import static dev.ferry.dist.JdbcTestSupport.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import dev.ferry.testkit.db.MariaDbServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's MySQL connector examples, posted to a worker's REST API as the seed writes them: the short class name
 * {@code MySqlSourceConnector}, a {@code jdbc:mysql:} URL (here a real MariaDB server, reached through the MariaDB
 * driver the plugin bundles), {@code table.whitelist}, {@code "tasks.max": 2} as a JSON number, no {@code mode}
 * (incrementing on the table's auto-increment column), {@code topic.prefix} and Apache's JsonConverter; only the
 * user and password keys are added, the password as {@code ${env:...}}. Then the seed's SMT example
 * ({@code InsertField$Value} with {@code topic.field}) on three tables with {@code "tasks.max": "4"}, and the seed's
 * topic written back into MariaDB by {@code MySqlSinkConnector} (upserts, {@code auto.create}). The steps run in
 * order: the last reads the first one's topic.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JdbcSeedExampleIT {
    private static final String PASSWORD_VARIABLE = "FERRY_IT_MARIADB_PASSWORD";
    private static final Duration ARRIVAL = Duration.ofSeconds(60);

    private String password;
    private MariaDbServer mariadb;
    private WorkerProcess worker;

    @BeforeAll
    void startMariaDbAndAWorker(KafkaBroker broker, @TempDir Path dir) throws Exception {
        password = JdbcTestSupport.environment(PASSWORD_VARIABLE);
        mariadb = MariaDbServer.start(dir.resolve("mariadb"), password);
        mariadb.createDatabase("mydatabase");
        JdbcTestSupport.execute(mariadb, "mydatabase",
                "CREATE TABLE users (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                        + " email VARCHAR(200), signed_up DATETIME(3))",
                "INSERT INTO users (name, email, signed_up) VALUES ('Alice', 'alice@example.com',"
                        + " '2024-01-02 03:04:05.123'), ('Bob', NULL, NULL), ('Chloé', 'chloe@example.com',"
                        + " '1999-12-31 23:59:59.999')",
                "CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, item VARCHAR(50) NOT NULL)",
                "INSERT INTO orders (item) VALUES ('book'), ('pen')",
                "CREATE TABLE products (id INT AUTO_INCREMENT PRIMARY KEY, title VARCHAR(50) NOT NULL)",
                "INSERT INTO products (title) VALUES ('lamp'), ('desk')");
        for (String topic : List.of("mysql-topic-users", "smt-topic-users", "smt-topic-orders", "smt-topic-products")) {
            broker.createTopic(topic, 1, Map.of());
        }
        Files.createDirectories(dir.resolve("worker"));
        worker = WorkerProcess.start(dir.resolve("worker"), broker.bootstrapServers(),
                JdbcTestSupport.envConfigProvider());
    }

    @AfterAll
    void stop() throws Exception {
        if (worker != null) {
            worker.close();
        }
        if (mariadb != null) {
            mariadb.close();
        }
    }

    @Test
    @Order(1)
    void seedsMySqlConnectorJson_asWritten_publishesTheRows_asJsonWithSchema(KafkaBroker broker) throws Exception {
        JdbcTestSupport.createRaw(worker, """
                {
                  "name": "mysql-source-connector",

                  "config": {
                    "connector.class": "MySqlSourceConnector",

                    "connection.url": "jdbc:mysql://127.0.0.1:%d/mydatabase",

                    "connection.user": "ferry",
                    "connection.password": "${env:FERRY_IT_MARIADB_PASSWORD}",

                    "table.whitelist": "users",

                    "tasks.max": 2,

                    "topic.prefix": "mysql-topic-",

                    "key.converter": "org.apache.kafka.connect.json.JsonConverter",

                    "value.converter": "org.apache.kafka.connect.json.JsonConverter"
                  }
                }
                """.formatted(mariadb.port()));
        List<TopicRecords.Raw> initial = await(broker, "mysql-topic-users", 3, "mysql-source-connector");
        JsonNode status = worker.json("/connectors/mysql-source-connector/status");
        assertThat(status.path("tasks")).as("one table, so one task of the two allowed: %s", status).hasSize(1);
        assertThat(worker.json("/connectors/mysql-source-connector/config").path("tasks.max").asText()).isEqualTo("2");

        JsonNode first = JSON.readTree(initial.get(0).value());
        assertThat(first.path("schema")).isEqualTo(JSON.readTree("""
                {"type": "struct", "optional": false, "name": "users", "fields": [
                  {"type": "int32", "optional": false, "field": "id"},
                  {"type": "string", "optional": false, "field": "name"},
                  {"type": "string", "optional": true, "field": "email"},
                  {"type": "int64", "optional": true, "name": "org.apache.kafka.connect.data.Timestamp", "version": 1,
                   "field": "signed_up"}]}
                """));
        assertThat(payloads(initial)).containsExactly(
                JSON.readTree("{\"id\":1,\"name\":\"Alice\",\"email\":\"alice@example.com\","
                        + "\"signed_up\":1704164645123}"),
                JSON.readTree("{\"id\":2,\"name\":\"Bob\",\"email\":null,\"signed_up\":null}"),
                JSON.readTree("{\"id\":3,\"name\":\"Chloé\",\"email\":\"chloe@example.com\","
                        + "\"signed_up\":946684799999}"));
        assertThat(initial).allSatisfy(r -> assertThat(r.key()).as("the JDBC source writes no key").isNull());

        // incrementing mode finds inserts only: the update made first is not sent, the two inserts are, once each
        JdbcTestSupport.execute(mariadb, "mydatabase", "UPDATE users SET name = 'Alice Updated' WHERE id = 1",
                "INSERT INTO users (name) VALUES ('Dan'), ('Eve')");
        List<TopicRecords.Raw> all = await(broker, "mysql-topic-users", 5, "mysql-source-connector");
        assertThat(payloads(all).subList(3, 5)).extracting(p -> p.path("id").asInt() + " " + p.path("name").asText())
                .containsExactly("4 Dan", "5 Eve");
        // one more insert, seen a poll later: by then a repeated row or the update would have been sent too
        JdbcTestSupport.execute(mariadb, "mydatabase", "INSERT INTO users (name) VALUES ('Fay')");
        List<TopicRecords.Raw> later = await(broker, "mysql-topic-users", 6, "mysql-source-connector");
        assertThat(payloads(later)).extracting(p -> p.path("id").asInt() + " " + p.path("name").asText())
                .as("each row once, the update never").containsExactly("1 Alice", "2 Bob", "3 Chloé", "4 Dan",
                        "5 Eve", "6 Fay");
        assertThat(worker.get("/connectors/mysql-source-connector/status").body()).doesNotContain(password);
        assertThat(worker.logText()).doesNotContain(password);
    }

    @Test
    @Order(2)
    void seedsSmtExample_insertsTheTopicField_withOneTaskPerTableUpToTasksMax(KafkaBroker broker) throws Exception {
        JdbcTestSupport.createRaw(worker, """
                {"name": "mysql-smt-connector", "config": {
                  "connector.class": "MySqlSourceConnector",
                  "tasks.max": "4",
                  "transforms": "insertTopic",
                  "transforms.insertTopic.type": "org.apache.kafka.connect.transforms.InsertField$Value",
                  "transforms.insertTopic.topic.field": "topic",
                  "connection.url": "jdbc:mysql://127.0.0.1:%d/mydatabase",
                  "connection.user": "ferry",
                  "connection.password": "${env:FERRY_IT_MARIADB_PASSWORD}",
                  "table.whitelist": "users,orders,products",
                  "topic.prefix": "smt-topic-",
                  "value.converter": "org.apache.kafka.connect.json.JsonConverter",
                  "value.converter.schemas.enable": "false"}}
                """.formatted(mariadb.port()));
        List<JsonNode> orders = payloads(await(broker, "smt-topic-orders", 2, "mysql-smt-connector"));
        List<JsonNode> products = payloads(await(broker, "smt-topic-products", 2, "mysql-smt-connector"));
        int userRows = JdbcTestSupport.rows(mariadb, "mydatabase", "SELECT id FROM users").size();
        List<JsonNode> users = payloads(await(broker, "smt-topic-users", userRows, "mysql-smt-connector"));
        assertThat(orders).containsExactly(
                JSON.readTree("{\"id\":1,\"item\":\"book\",\"topic\":\"smt-topic-orders\"}"),
                JSON.readTree("{\"id\":2,\"item\":\"pen\",\"topic\":\"smt-topic-orders\"}"));
        assertThat(products).extracting(p -> p.path("title").asText() + " " + p.path("topic").asText())
                .containsExactly("lamp smt-topic-products", "desk smt-topic-products");
        assertThat(users).allSatisfy(u -> assertThat(u.path("topic").asText()).isEqualTo("smt-topic-users"));
        JsonNode status = worker.awaitState("mysql-smt-connector", "RUNNING", 3, Duration.ofSeconds(30));
        assertThat(status.path("tasks")).as("three tables, tasks.max 4: one task per table: %s", status).hasSize(3);
    }

    @Test
    @Order(3)
    void seedsTopic_writtenBackIntoMariaDb_byMySqlSinkConnector_equalsWhatWasRead() throws Exception {
        JdbcTestSupport.createRaw(worker, """
                {"name": "mysql-sink-connector", "config": {
                  "connector.class": "MySqlSinkConnector",
                  "topics": "mysql-topic-users",
                  "table.name.format": "users_copy",
                  "connection.url": "jdbc:mysql://127.0.0.1:%d/mydatabase",
                  "connection.user": "ferry",
                  "connection.password": "${env:FERRY_IT_MARIADB_PASSWORD}",
                  "insert.mode": "upsert",
                  "pk.mode": "record_value",
                  "pk.fields": "id",
                  "auto.create": "true",
                  "key.converter": "org.apache.kafka.connect.json.JsonConverter",
                  "value.converter": "org.apache.kafka.connect.json.JsonConverter"}}
                """.formatted(mariadb.port()));
        // what the source read: the rows as first loaded (the update came after, in incrementing mode), then inserts
        List<List<String>> expected = List.of(
                Arrays.asList("1", "Alice", "alice@example.com", "2024-01-02 03:04:05.123"),
                Arrays.asList("2", "Bob", null, null),
                Arrays.asList("3", "Chloé", "chloe@example.com", "1999-12-31 23:59:59.999"),
                Arrays.asList("4", "Dan", null, null),
                Arrays.asList("5", "Eve", null, null),
                Arrays.asList("6", "Fay", null, null));
        // %f has 6 digits; Connect's timestamps carry milliseconds, so the last 3 are cut below
        String rows = "SELECT id, name, email, DATE_FORMAT(signed_up, '%Y-%m-%d %H:%i:%s.%f') FROM users_copy"
                + " ORDER BY id";
        worker.await(ARRIVAL, "the seed's topic in users_copy", () -> {
            JdbcTestSupport.noFailure(worker, "mysql-sink-connector");
            return JdbcTestSupport.rowsIfAny(mariadb, "mydatabase", rows).size() >= expected.size();
        });
        List<List<String>> actual = new ArrayList<>();
        for (List<String> row : JdbcTestSupport.rows(mariadb, "mydatabase", rows)) {
            List<String> cut = new ArrayList<>(row);
            if (cut.get(3) != null) {
                cut.set(3, cut.get(3).substring(0, cut.get(3).length() - 3));
            }
            actual.add(cut);
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(JdbcTestSupport.rows(mariadb, "mydatabase", "SELECT column_name, column_type, is_nullable,"
                + " column_key FROM information_schema.columns WHERE table_schema = 'mydatabase' AND table_name ="
                + " 'users_copy' ORDER BY ordinal_position")).as("auto.create's MySQL column types")
                .containsExactly(List.of("id", "int(11)", "NO", "PRI"), List.of("name", "text", "NO", ""),
                        List.of("email", "text", "YES", ""), List.of("signed_up", "datetime(3)", "YES", ""));
    }

    /** Waits for at least {@code count} records on {@code topic}, failing early if the connector failed. */
    private List<TopicRecords.Raw> await(KafkaBroker broker, String topic, int count, String connector) {
        List<TopicRecords.Raw> records = new ArrayList<>();
        worker.await(ARRIVAL, count + " records on " + topic, () -> {
            JdbcTestSupport.noFailure(worker, connector);
            records.clear();
            records.addAll(TopicRecords.read(broker, topic));
            return records.size() >= count;
        });
        assertThat(records).hasSize(count);
        return records;
    }

    private static List<JsonNode> payloads(List<TopicRecords.Raw> records) throws Exception {
        List<JsonNode> payloads = new ArrayList<>();
        for (TopicRecords.Raw r : records) {
            JsonNode value = JSON.readTree(r.value());
            payloads.add(value.has("payload") ? value.path("payload") : value);
        }
        return payloads;
    }
}

package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.db.DatabaseServer;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the end-to-end tests of the JDBC connectors share: creating a connector over REST from a config map, waiting
 * for a failure and reading its traces, reading a table of any database on a test server as text, and producing raw
 * records.
 */
final class JdbcTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";
    static final String AVRO_CONVERTER = "io.confluent.connect.avro.AvroConverter";
    static final String SOURCE = "io.confluent.connect.jdbc.JdbcSourceConnector";
    static final String SINK = "io.confluent.connect.jdbc.JdbcSinkConnector";

    private JdbcTestSupport() {
    }

    /** Posts {@code {"name": name, "config": config}} and expects 201. */
    static void create(WorkerProcess worker, String name, Map<String, ?> config) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("config", config);
        createRaw(worker, JSON.writeValueAsString(body));
    }

    static void createRaw(WorkerProcess worker, String body) {
        HttpResponse<String> response = worker.post("/connectors", body);
        assertThat(response.statusCode()).as("POST /connectors: %s", response.body()).isEqualTo(201);
    }

    /** Throws an AssertionError with the traces as soon as the connector or one of its tasks FAILED. */
    static boolean noFailure(WorkerProcess worker, String... connectors) {
        for (String connector : connectors) {
            JsonNode status = worker.json("/connectors/" + connector + "/status");
            if (!failures(status).isEmpty()) {
                throw new AssertionError(connector + " failed: " + failures(status));
            }
        }
        return true;
    }

    /** Waits until the connector or one of its tasks is FAILED; returns the status with the traces. */
    static JsonNode awaitFailure(WorkerProcess worker, String connector, Duration timeout) {
        JsonNode[] status = new JsonNode[1];
        worker.await(timeout, connector + " or a task of it FAILED", () -> {
            status[0] = worker.json("/connectors/" + connector + "/status");
            return !failures(status[0]).isEmpty();
        });
        return status[0];
    }

    /** The traces of the failed connector and tasks of a status answer, joined. */
    static String failures(JsonNode status) {
        StringBuilder traces = new StringBuilder();
        if ("FAILED".equals(status.path("connector").path("state").asText())) {
            traces.append("connector: ").append(status.path("connector").path("trace").asText()).append('\n');
        }
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                traces.append("task ").append(task.path("id").asInt()).append(": ")
                        .append(task.path("trace").asText()).append('\n');
            }
        }
        return traces.toString();
    }

    /** The WARN and ERROR lines of a log with the lines that follow them (stack traces), at most 12000 chars. */
    static String problems(String log) {
        StringBuilder out = new StringBuilder();
        boolean inProblem = false;
        for (String line : log.split("\n")) {
            boolean entry = line.startsWith("[");
            if (entry) {
                inProblem = line.contains("] WARN") || line.contains("] ERROR");
            }
            if (inProblem) {
                out.append(line).append('\n');
            }
        }
        return out.length() > 12000 ? out.substring(out.length() - 12000) : out.toString();
    }

    /** The rows of {@code sql} on {@code database} of {@code server}, every column as {@code getString}. */
    static List<List<String>> rows(DatabaseServer server, String database, String sql) throws SQLException {
        try (Connection connection = connect(server, database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            List<List<String>> result = new ArrayList<>();
            while (rows.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getString(i));
                }
                result.add(row);
            }
            return result;
        }
    }

    /** {@link #rows}, or empty while the table does not exist yet (a sink creates it). */
    static List<List<String>> rowsIfAny(DatabaseServer server, String database, String sql) {
        try {
            return rows(server, database, sql);
        } catch (SQLException notYet) {
            return List.of();
        }
    }

    static void execute(DatabaseServer server, String database, String... sql) throws SQLException {
        try (Connection connection = connect(server, database); Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }

    private static Connection connect(DatabaseServer server, String database) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password());
    }

    /** Sends each {key, value} pair (either may be null) to {@code topic} and waits for the acknowledgements. */
    static void produce(KafkaBroker broker, String topic, List<byte[][]> records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker.producerConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (byte[][] record : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, record[0], record[1])));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        }
    }

    /** The worker properties that resolve {@code ${env:...}} through Apache's EnvVarConfigProvider. */
    static Map<String, String> envConfigProvider() {
        return Map.of("config.providers", "env",
                "config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
    }

    /** The worker properties that resolve {@code ${env:...}} and {@code ${file:path:key}} (Apache's providers). */
    static Map<String, String> envAndFileConfigProviders() {
        return Map.of("config.providers", "env,file",
                "config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider",
                "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
    }

    /** A variable the failsafe configuration sets (ferry-dist/pom.xml), which the worker processes inherit. */
    static String environment(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(variable + " is not set: the test's database password comes from the "
                    + "environment the workers inherit; run the test through Maven (failsafe sets it)");
        }
        return value;
    }
}

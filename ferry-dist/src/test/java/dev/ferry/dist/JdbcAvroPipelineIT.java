package dev.ferry.dist;

import static dev.ferry.dist.JdbcTestSupport.AVRO_CONVERTER;
import static dev.ferry.dist.JdbcTestSupport.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import dev.ferry.testkit.db.PostgresServer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's pipeline end to end, as a user of Confluent's connectors writes it: a PostgreSQL table read by the
 * JDBC source ({@code io.confluent.connect.jdbc.JdbcSourceConnector}, mode {@code timestamp+incrementing}, the
 * password from the worker's environment through {@code ${env:...}}), written as Avro through {@code ferry registry}
 * under Confluent's converter class, and the JDBC sink ({@code io.confluent.connect.jdbc.JdbcSinkConnector}, upsert
 * on the record value's {@code id}, {@code auto.create}, the password from a file through {@code ${file:...}})
 * writing it into another PostgreSQL database, on a cluster
 * of two distributed workers. The target table must equal the source, column by column as text, for numeric,
 * floating point, integer, boolean, date, time, timestamp, bytea and text columns with NULLs and empty values, and
 * dates and timestamps before the Gregorian calendar's start (1582), which both of Confluent's connectors move in
 * the legacy Julian/Gregorian calendar by default ({@code date.calendar.system=LEGACY}).
 *
 * <p>Timestamps: Connect's {@code Timestamp} and {@code Time} carry milliseconds (a {@code java.util.Date}), which is
 * how Confluent's connectors move them with the default {@code timestamp.granularity=connect_logical}; the target
 * therefore holds the source's microsecond timestamps cut to milliseconds, and the test compares
 * {@code date_trunc('milliseconds', ...)} of both. Both workers are then restarted: the source resumes from its
 * committed offset. The steps share the cluster and run in order.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JdbcAvroPipelineIT {
    private static final String PASSWORD_VARIABLE = "FERRY_IT_PG_PASSWORD";
    private static final String GROUP = "ferry-jdbc-avro-it";
    private static final String TOPIC = "jdbcavro_items";
    private static final String TARGET = TOPIC; // table.name.format's default ${topic}
    private static final Duration ARRIVAL = Duration.ofSeconds(60);

    /** Each column as text in a form both tables share; timestamps cut to Connect's milliseconds. */
    private static final String CANONICAL = "SELECT id, date_trunc('milliseconds', updated_at)::text, name, note,"
            + " price::text, ratio::text, weight::text, qty::text, big::text, active::text, born::text, since::text,"
            + " opens::text, encode(blob, 'hex') FROM %s ORDER BY id";

    private String password;
    private String passwordFileReference;
    private PostgresServer postgres;
    private RegistryProcess registry;
    private final List<WorkerProcess> workers = new ArrayList<>();

    @BeforeAll
    void startDatabaseRegistryAndTwoWorkers(KafkaBroker broker, @TempDir Path dir) throws Exception {
        password = JdbcTestSupport.environment(PASSWORD_VARIABLE);
        postgres = PostgresServer.start(dir.resolve("postgres"), password);
        Path secrets = Files.writeString(dir.resolve("secrets.properties"), "pg.password=" + password + "\n");
        passwordFileReference = "${file:" + secrets + ":pg.password}";
        postgres.createDatabase("shop");
        postgres.createDatabase("replica");
        JdbcTestSupport.execute(postgres, "shop", """
                CREATE TABLE items (
                  id serial PRIMARY KEY,
                  updated_at timestamp(6) NOT NULL,
                  name text NOT NULL,
                  note text,
                  price numeric(12,4),
                  ratio double precision,
                  weight real,
                  qty smallint,
                  big bigint,
                  active boolean,
                  born date,
                  since timestamp(3),
                  opens time(3),
                  blob bytea)""",
                // rows 1 and 2 share their timestamp: timestamp+incrementing tells them apart by id
                """
                INSERT INTO items (updated_at, name, note, price, ratio, weight, qty, big, active, born, since, opens,
                  blob)
                VALUES
                  ('2024-01-02 03:04:05.123456', 'Alice', 'first', 1234.5600, 0.1, 0.1, 7, 9000000000, true,
                   '2024-02-29', '2020-05-05 05:05:05.005', '12:34:56.789', '\\x00ff10'),
                  ('2024-01-02 03:04:05.123456', 'Bob', '', -0.0001, -1e300, 3.25, -32768, -9223372036854775808,
                   false, '1969-07-20', NULL, '00:00:00', ''),
                  ('2024-03-01 00:00:00', 'Nulls', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                  ('2024-03-01 00:00:00.000001', 'Chloé ünïcødé "quoted" it''s', 'a
                multi-line note', 99999999.9999, 1.7976931348623157e308, -0.5, 32767, 9223372036854775807, true,
                   '0001-01-01', '1500-06-15 12:00:00.5', '23:59:59.999', '\\xdeadbeef')""");
        registry = RegistryProcess.start(dir.resolve("registry"), broker.bootstrapServers());
        broker.createTopic(TOPIC, 1, Map.of());
        List<WorkerProcess.Start> starts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path workerDir = dir.resolve("worker-" + i);
            starts.add(() -> WorkerProcess.startDistributed(workerDir, broker.bootstrapServers(), GROUP,
                    JdbcTestSupport.envAndFileConfigProviders()));
        }
        workers.addAll(WorkerProcess.startTogether(starts));
        for (WorkerProcess worker : workers) {
            worker.await(Duration.ofSeconds(60), "worker joined the group",
                    () -> worker.json("/health").path("status").asText().equals("healthy"));
        }
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (WorkerProcess worker : workers) {
            worker.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void initialLoad_sourceToAvroToSink_targetTableEqualsTheSource_everyColumnExactly() throws Exception {
        // a create through each worker: the follower forwards to the leader
        JdbcTestSupport.create(workers.get(0), "pg-source", sourceConfig());
        JdbcTestSupport.create(workers.get(1), "pg-sink", sinkConfig());
        awaitTargetEqualsSource(4);

        // auto.create made the columns of the Connect schema's types (PostgreSQL's names for them)
        List<List<String>> columns = JdbcTestSupport.rows(postgres, "replica", "SELECT column_name, data_type,"
                + " is_nullable FROM information_schema.columns WHERE table_name = '" + TARGET + "' ORDER BY"
                + " ordinal_position");
        assertThat(columns).containsExactly(
                List.of("id", "integer", "NO"),
                List.of("updated_at", "timestamp without time zone", "NO"),
                List.of("name", "text", "NO"),
                List.of("note", "text", "YES"),
                List.of("price", "numeric", "YES"),
                List.of("ratio", "double precision", "YES"),
                List.of("weight", "real", "YES"),
                List.of("qty", "smallint", "YES"),
                List.of("big", "bigint", "YES"),
                List.of("active", "boolean", "YES"),
                List.of("born", "date", "YES"),
                List.of("since", "timestamp without time zone", "YES"),
                List.of("opens", "time without time zone", "YES"),
                List.of("blob", "bytea", "YES"));
        assertThat(JdbcTestSupport.rows(postgres, "replica", "SELECT a.attname FROM pg_index i JOIN pg_attribute a"
                + " ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indisprimary AND i.indrelid = '"
                + TARGET + "'::regclass")).as("pk.mode=record_value, pk.fields=id: the key of the upserts")
                .containsExactly(List.of("id"));
    }

    @Test
    @Order(2)
    void insertsAndUpdates_atTheSource_arriveInTheTarget() throws Exception {
        JdbcTestSupport.execute(postgres, "shop",
                "INSERT INTO items (updated_at, name, note, price, ratio, weight, qty, big, active, born, since, opens,"
                        + " blob) VALUES ('2025-01-01 00:00:00.5', 'Dörte', 'inserted', 0.0100, 2.5, 1, 1, 1, false,"
                        + " '2025-01-01', NULL, '01:02:03.004', '\\x01')",
                "UPDATE items SET updated_at = '2025-03-01 10:00:00.25', note = 'now set', price = 5,"
                        + " active = true WHERE name = 'Nulls'",
                "UPDATE items SET updated_at = '2025-06-01 10:00:00.654321', name = 'Alice II', price = 1234.5601,"
                        + " blob = NULL WHERE id = 1");
        awaitTargetEqualsSource(5);
        assertThat(JdbcTestSupport.rows(postgres, "replica", "SELECT name, note FROM " + TARGET + " WHERE id IN (1, 3)"
                + " ORDER BY id")).containsExactly(List.of("Alice II", "first"), List.of("Nulls", "now set"));
    }

    @Test
    @Order(3)
    void sourceOffset_isConfluentsShape_protocolOneTableAndTimestampIncrementing(KafkaBroker broker) throws Exception {
        // the last row read is the one updated last: id 1 at 2025-06-01 10:00:00.654321 (UTC, db.timezone's default)
        long millis = Instant.parse("2025-06-01T10:00:00.654Z").toEpochMilli();
        JsonNode[] offsets = new JsonNode[1];
        workers.get(0).await(Duration.ofSeconds(30), "the source's committed offset of the last row", () -> {
            offsets[0] = workers.get(0).json("/connectors/pg-source/offsets").path("offsets");
            return offsets[0].size() == 1 && offsets[0].get(0).path("offset").path("timestamp").asLong() == millis;
        });
        JsonNode entry = offsets[0].get(0);
        assertThat(entry.path("partition").path("protocol").asText()).isEqualTo("1");
        // schema.table: Confluent strips the catalog pgjdbc 42.7.5+ reports (kafka-connect-jdbc PR #1648)
        assertThat(entry.path("partition").path("table").asText()).isEqualTo("public.items");
        assertThat(entry.path("offset").path("incrementing").asLong()).isEqualTo(1);
        assertThat(entry.path("offset").path("timestamp_nanos").asLong()).isEqualTo(654_321_000L);
        assertThat(offsetKeys(broker)).as("stored under the key bytes Confluent's connector writes (offsets are found"
                + " by the bytes of the serialized partition, so its keys' order must not vary between worker JVMs)")
                .containsOnly(confluentKey());
    }

    /** The keys of the offsets topic, as text. */
    private static List<String> offsetKeys(KafkaBroker broker) {
        return TopicRecords.read(broker, GROUP + "-offsets").stream().map(TopicRecords.Raw::keyText).distinct()
                .toList();
    }

    /** Apache's offset key of the source's partition as Confluent builds the partition: a HashMap. */
    private static String confluentKey() throws Exception {
        Map<String, String> partition = new java.util.HashMap<>();
        partition.put("protocol", "1");
        partition.put("table", "public.items");
        return JSON.writeValueAsString(List.of("pg-source", partition));
    }

    @Test
    @Order(4)
    void avroOnTheTopic_isConfluentsWireFormat_withTheRegistrysSchemaOfTheTable(KafkaBroker broker) throws Exception {
        JsonNode latest = JSON.readTree(registry.get("/subjects/" + TOPIC + "-value/versions/latest").body());
        assertThat(latest.path("version").asInt()).as("one schema for every row: %s", latest).isEqualTo(1);
        JsonNode schema = JSON.readTree(latest.path("schema").asText());
        assertThat(schema.path("type").asText()).isEqualTo("record");
        assertThat(schema.path("name").asText()).as("Confluent names the record after the table").isEqualTo("items");
        List<String> fields = new ArrayList<>();
        schema.path("fields").forEach(f -> fields.add(f.path("name").asText()));
        assertThat(fields).containsExactly("id", "updated_at", "name", "note", "price", "ratio", "weight", "qty", "big",
                "active", "born", "since", "opens", "blob");
        List<TopicRecords.Raw> records = TopicRecords.read(broker, TOPIC);
        assertThat(records).as("4 rows, 1 insert, 2 updates, each once").hasSize(7);
        for (TopicRecords.Raw record : records) {
            assertThat(record.key()).as("the JDBC source writes no key").isNull();
            assertThat(record.value()[0]).as("magic byte").isZero();
            assertThat(ByteBuffer.wrap(record.value(), 1, 4).getInt()).isEqualTo(latest.path("id").asInt());
        }
    }

    @Test
    @Order(5)
    void bothWorkersRestarted_nothingIsSentAgain_andANewRowStillArrives(KafkaBroker broker) throws Exception {
        for (WorkerProcess worker : workers) {
            assertThat(worker.stop()).isZero();
        }
        for (WorkerProcess worker : workers) {
            worker.launch();
        }
        JdbcTestSupport.execute(postgres, "shop", "INSERT INTO items (updated_at, name) VALUES ('2026-01-01', 'Fay')");
        List<TopicRecords.Raw> records = new ArrayList<>();
        workers.get(0).await(ARRIVAL, "the new row on the topic", () -> {
            JdbcTestSupport.noFailure(workers.get(0), "pg-source", "pg-sink");
            records.clear();
            records.addAll(TopicRecords.read(broker, TOPIC));
            return records.size() >= 8;
        });
        List<String> offsetsTopic = TopicRecords.read(broker, GROUP + "-offsets").stream()
                .map(r -> r.offset() + ": " + r.keyText() + " -> " + r.valueText()).toList();
        assertThat(records).as("the 7 records from before the restart, not read again, and the new row: %s;"
                + " offsets topic: %s", rowsOf(records), offsetsTopic).hasSize(8);
        workers.get(0).await(ARRIVAL, "the new row in the target", () -> JdbcTestSupport.rowsIfAny(postgres,
                "replica", "SELECT name FROM " + TARGET + " WHERE id = 6").equals(List.of(List.of("Fay"))));
        assertThat(offsetKeys(broker)).containsOnly(confluentKey());
    }

    @Test
    @Order(6)
    void password_appearsInNoLogStatusOrConfigAnswer() throws Exception {
        for (WorkerProcess worker : workers) {
            assertThat(worker.json("/connectors/pg-source/config").path("connection.password").asText())
                    .isEqualTo("${env:" + PASSWORD_VARIABLE + "}");
            assertThat(worker.json("/connectors/pg-sink/config").path("connection.password").asText())
                    .isEqualTo(passwordFileReference);
            for (String connector : List.of("pg-source", "pg-sink")) {
                assertThat(worker.get("/connectors/" + connector + "/status").body()).doesNotContain(password);
                assertThat(worker.get("/connectors/" + connector).body()).doesNotContain(password);
                assertThat(worker.get("/connectors/" + connector + "/tasks").body()).doesNotContain(password);
            }
            assertThat(worker.get("/connectors?expand=info&expand=status").body()).doesNotContain(password);
        }
        for (WorkerProcess worker : workers) {
            assertThat(worker.stop()).isZero();
            assertThat(worker.logText()).as("log of %s", worker.workerId()).doesNotContain(password);
        }
    }

    /** Each record's offset, id, name and updated_at, decoded with the registry's writer schema. */
    private List<String> rowsOf(List<TopicRecords.Raw> records) throws Exception {
        List<String> rows = new ArrayList<>();
        for (TopicRecords.Raw r : records) {
            int id = ByteBuffer.wrap(r.value(), 1, 4).getInt();
            Schema writer = new Schema.Parser().parse(
                    JSON.readTree(registry.get("/schemas/ids/" + id).body()).path("schema").asText());
            GenericRecord row = new GenericDatumReader<GenericRecord>(writer).read(null,
                    DecoderFactory.get().binaryDecoder(r.value(), 5, r.value().length - 5, null));
            rows.add(r.offset() + ": id=" + row.get("id") + " " + row.get("name") + " " + row.get("updated_at"));
        }
        return rows;
    }

    private void awaitTargetEqualsSource(int rows) throws Exception {
        String sql = CANONICAL.formatted("items");
        List<List<String>> source = JdbcTestSupport.rows(postgres, "shop", sql);
        assertThat(source).hasSize(rows);
        String target = CANONICAL.formatted(TARGET);
        try {
            WorkerProcess.awaitUntil(ARRIVAL, "the target table equal to the source (" + rows + " rows)", () ->
                    JdbcTestSupport.noFailure(workers.get(0), "pg-source", "pg-sink")
                            && JdbcTestSupport.rowsIfAny(postgres, "replica", target).equals(source));
        } catch (AssertionError e) {
            StringBuilder why = new StringBuilder(e.getMessage()).append("\nsource: ").append(source)
                    .append("\ntarget: ").append(JdbcTestSupport.rowsIfAny(postgres, "replica", target));
            for (WorkerProcess worker : workers) {
                why.append("\n--- warnings and errors of ").append(worker.workerId()).append(" ---\n")
                        .append(JdbcTestSupport.problems(worker.logText()));
            }
            throw new AssertionError(why.toString(), e);
        }
        assertThat(JdbcTestSupport.rows(postgres, "replica", target)).containsExactlyElementsOf(source);
    }

    private Map<String, String> sourceConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", JdbcTestSupport.SOURCE);
        config.put("tasks.max", "1");
        config.put("connection.url", postgres.jdbcUrl("shop"));
        config.put("connection.user", PostgresServer.USER);
        config.put("connection.password", "${env:" + PASSWORD_VARIABLE + "}");
        config.put("mode", "timestamp+incrementing");
        config.put("timestamp.column.name", "updated_at");
        config.put("incrementing.column.name", "id");
        config.put("table.whitelist", "items");
        config.put("topic.prefix", "jdbcavro_");
        config.put("poll.interval.ms", "500");
        config.putAll(avro());
        return config;
    }

    private Map<String, String> sinkConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", JdbcTestSupport.SINK);
        config.put("tasks.max", "1");
        config.put("topics", TOPIC);
        config.put("connection.url", postgres.jdbcUrl("replica"));
        config.put("connection.user", PostgresServer.USER);
        config.put("connection.password", passwordFileReference);
        config.put("insert.mode", "upsert");
        config.put("pk.mode", "record_value");
        config.put("pk.fields", "id");
        config.put("auto.create", "true");
        config.putAll(avro());
        return config;
    }

    private Map<String, String> avro() {
        return Map.of("key.converter", AVRO_CONVERTER, "key.converter.schema.registry.url", registry.url(),
                "value.converter", AVRO_CONVERTER, "value.converter.schema.registry.url", registry.url());
    }
}

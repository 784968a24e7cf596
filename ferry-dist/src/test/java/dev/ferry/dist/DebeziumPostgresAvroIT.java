package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import dev.ferry.testkit.db.PostgresServer;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's pipeline for real: Debezium's PostgreSQL connector, installed from its plugin archive on
 * {@code plugin.path} as a user installs it, capturing a table of a real PostgreSQL server (snapshot, then
 * INSERT/UPDATE/DELETE streamed through {@code pgoutput}) into Kafka through a Ferry standalone worker, as Avro
 * through {@code ferry registry} under Confluent's converter class name, and FileStreamSink reading the change
 * events back with the same converter; the topic's bytes are also decoded without Ferry (Apache Avro and the
 * registry's schema). The same pipeline with Apache's JsonConverter separates Debezium-on-Ferry problems from
 * registry ones. The database password reaches the connector from the worker's environment through Apache's
 * EnvVarConfigProvider.
 */
@WithKafka
class DebeziumPostgresAvroIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD_VARIABLE = "FERRY_IT_PG_PASSWORD";
    private static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";
    private static final String AVRO_CONVERTER = "io.confluent.connect.avro.AvroConverter";

    @TempDir
    Path dir;

    @Test
    void debeziumPostgres_snapshotsAndStreamsChanges_throughFerry_asJson(KafkaBroker broker) throws Exception {
        List<String> lines = captureChanges(broker, "shopjson", Map.of("key.converter", JSON_CONVERTER,
                "value.converter", JSON_CONVERTER));
        assertRowValues(lines, "shopjson");
    }

    @Test
    void debeziumPostgres_writesAvroThroughTheRegistry_andTheSinkReadsTheRowsBack(KafkaBroker broker) throws Exception {
        String prefix = "shopavro";
        String topic = prefix + ".public.customers";
        try (RegistryProcess registry = RegistryProcess.start(dir.resolve("registry"), broker.bootstrapServers())) {
            // Confluent's class name and keys, as in a connector config written for the cp image
            Map<String, String> converters = Map.of(
                    "key.converter", AVRO_CONVERTER, "key.converter.schema.registry.url", registry.url(),
                    "value.converter", AVRO_CONVERTER, "value.converter.schema.registry.url", registry.url());
            List<String> lines;
            try {
                lines = captureChanges(broker, prefix, converters);
            } catch (AssertionError e) {
                String log = registry.logText();
                throw new AssertionError(e.getMessage() + "\n--- registry log (tail) ---\n"
                        + log.substring(Math.max(0, log.length() - 6000)), e);
            }
            assertRowValues(lines, prefix);

            assertThat(JSON.readTree(registry.get("/subjects").body())).extracting(JsonNode::asText)
                    .contains(topic + "-key", topic + "-value");
            JsonNode keySubject = latest(registry, topic + "-key");
            Schema keySchema = new Schema.Parser().parse(keySubject.path("schema").asText());
            assertThat(keySchema.getType()).isEqualTo(Schema.Type.RECORD);
            assertThat(keySchema.getFullName()).isEqualTo(topic + ".Key");
            assertThat(keySchema.getFields()).extracting(Schema.Field::name).containsExactly("id");
            assertThat(keySubject.path("schemaType").asText("AVRO")).isEqualTo("AVRO");

            JsonNode valueSubject = latest(registry, topic + "-value");
            assertThat(valueSubject.path("version").asInt()).as("one schema for snapshot and streamed events").isEqualTo(1);
            Schema envelope = new Schema.Parser().parse(valueSubject.path("schema").asText());
            assertThat(envelope.getFullName()).isEqualTo(topic + ".Envelope");
            // the Connect metadata Confluent's AvroData writes, which lets a reader restore Debezium's types
            assertThat(envelope.getProp("connect.name")).isEqualTo(topic + ".Envelope");
            assertThat(envelope.getFields()).extracting(Schema.Field::name)
                    .contains("before", "after", "source", "op", "ts_ms");
            Schema row = envelope.getField("after").schema().getTypes().stream()
                    .filter(t -> t.getType() == Schema.Type.RECORD).findFirst().orElseThrow();
            assertThat(row.getFullName()).isEqualTo(topic + ".Value");
            Schema balance = row.getField("balance").schema();
            assertThat(balance.getLogicalType()).as("numeric(10,2) as Avro's decimal")
                    .isEqualTo(LogicalTypes.decimal(10, 2));
            assertThat(row.getField("note").schema().isNullable()).as("a nullable column is a union with null").isTrue();
            assertThat(row.getField("signed_up").schema().getProp("connect.name"))
                    .isEqualTo("io.debezium.time.MicroTimestamp");

            List<TopicRecords.Raw> records = TopicRecords.read(broker, topic);
            assertThat(records).hasSize(7);
            int keyId = keySubject.path("id").asInt();
            int valueId = valueSubject.path("id").asInt();
            for (TopicRecords.Raw r : records) {
                assertThat(framedId(r.key())).as("key of offset %d", r.offset()).isEqualTo(keyId);
                if (r.value() != null) {
                    assertThat(framedId(r.value())).as("value of offset %d", r.offset()).isEqualTo(valueId);
                }
            }
            assertThat(records.get(6).value()).as("the delete's tombstone").isNull();

            // The streamed INSERT, decoded without Ferry: Apache Avro and the writer schema fetched by its id
            Schema writer = new Schema.Parser().parse(
                    JSON.readTree(registry.get("/schemas/ids/" + valueId).body()).path("schema").asText());
            GenericRecord insert = decode(writer, records.get(3).value());
            assertThat(insert.get("op")).hasToString("c");
            assertThat(insert.get("before")).isNull();
            GenericRecord after = (GenericRecord) insert.get("after");
            assertThat(after.get("id")).isEqualTo(4);
            assertThat(after.get("visits")).isEqualTo(7L);
            assertThat(after.get("name")).hasToString("Dörte");
            assertThat(new Conversions.DecimalConversion().fromBytes((ByteBuffer) after.get("balance"),
                    balance, balance.getLogicalType())).isEqualTo(new BigDecimal("0.01"));
            assertThat(after.get("active")).isEqualTo(true);
            assertThat(after.get("signed_up")).isEqualTo(1741064767000000L);
            assertThat(after.get("birthday")).as("1985-07-08 as days since the epoch").isEqualTo(5667);
            assertThat(((GenericRecord) insert.get("source")).get("table")).hasToString("customers");
        }
    }

    /**
     * Debezium's SMTs link classes of Apache's connect-transforms that are no plugins ({@code ReplaceField}), which
     * Apache has on its worker class path and Ferry keeps in a bundled plugin: they must load, be listed, and
     * validate in a connector config. (Regression: ExtractNewRecordState failed with NoClassDefFoundError and was
     * reported as having no public no-argument constructor; "unwrap" is in nearly every CDC tutorial.)
     */
    @Test
    void debeziumsSmtsThatLinkApacheTransforms_areListed_andValidateInAConnectorConfig(KafkaBroker broker)
            throws Exception {
        Files.createDirectories(dir.resolve("worker"));
        try (WorkerProcess worker = WorkerProcess.start(dir.resolve("worker"), broker.bootstrapServers(),
                workerConfig())) {
            JsonNode plugins = worker.json("/connector-plugins?connectorsOnly=false");
            List<String> classes = new java.util.ArrayList<>();
            plugins.forEach(p -> classes.add(p.path("class").asText()));
            assertThat(classes).contains("io.debezium.transforms.ExtractNewRecordState",
                    "io.debezium.transforms.ByLogicalTableRouter");

            Map<String, String> config = new LinkedHashMap<>();
            config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
            config.put("topic.prefix", "unwrapped");
            config.put("database.hostname", "127.0.0.1");
            config.put("database.user", "nobody");
            config.put("database.dbname", "postgres");
            config.put("transforms", "unwrap");
            config.put("transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState");
            config.put("transforms.unwrap.drop.tombstones", "false");
            var validated = worker.put("/connector-plugins/PostgresConnector/config/validate",
                    JSON.writeValueAsString(config));
            assertThat(validated.statusCode()).as(validated.body()).isEqualTo(200);
            List<String> unwrapErrors = new java.util.ArrayList<>();
            JSON.readTree(validated.body()).path("configs").forEach(c -> {
                if (c.path("value").path("name").asText().startsWith("transforms.")) {
                    c.path("value").path("errors").forEach(e -> unwrapErrors.add(c.path("value").path("name").asText()
                            + ": " + e.asText()));
                }
            });
            assertThat(unwrapErrors).as("the unwrap transform's settings validate").isEmpty();
            assertThat(validated.body()).contains("transforms.unwrap.delete.tombstone.handling.mode");
        }
    }

    /**
     * The CDC tutorial set-up: Debezium's "unwrap" SMT ({@code ExtractNewRecordState}, which links Apache's
     * {@code ReplaceField}) flattening change events into rows, and Debezium's {@code CloudEventsConverter} (which
     * links Apache's {@code JsonConverterConfig}) writing CloudEvents, both end to end from a real PostgreSQL.
     */
    @Test
    void debeziumsUnwrapSmt_andCloudEventsConverter_runEndToEnd(KafkaBroker broker) throws Exception {
        String password = passwordFromEnvironment();
        try (PostgresServer postgres = PostgresServer.start(dir.resolve("postgres"), password)) {
            createCustomers(postgres);
            broker.createTopic("flat.public.customers", 1, Map.of());
            broker.createTopic("events.public.customers", 1, Map.of());
            Files.createDirectories(dir.resolve("worker"));
            try (WorkerProcess worker = WorkerProcess.start(dir.resolve("worker"), broker.bootstrapServers(),
                    workerConfig())) {
                Map<String, String> unwrap = new LinkedHashMap<>();
                unwrap.put("key.converter", JSON_CONVERTER);
                unwrap.put("key.converter.schemas.enable", "false");
                unwrap.put("value.converter", JSON_CONVERTER);
                unwrap.put("value.converter.schemas.enable", "false");
                unwrap.put("transforms", "unwrap");
                unwrap.put("transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState");
                unwrap.put("transforms.unwrap.add.fields", "op,table");
                unwrap.put("transforms.unwrap.delete.tombstone.handling.mode", "rewrite");
                created(worker, debeziumConfig(postgres, "flat", "flat", unwrap));

                Map<String, String> cloudEvents = new LinkedHashMap<>();
                cloudEvents.put("key.converter", JSON_CONVERTER);
                cloudEvents.put("value.converter", "io.debezium.converters.CloudEventsConverter");
                cloudEvents.put("value.converter.serializer.type", "json");
                cloudEvents.put("value.converter.data.serializer.type", "json");
                cloudEvents.put("value.converter.json.schemas.enable", "false");
                created(worker, debeziumConfig(postgres, "events", "events", cloudEvents));

                awaitRecords(worker, broker, "flat.public.customers", 3, List.of("flat", "events"));
                awaitRecords(worker, broker, "events.public.customers", 3, List.of("flat", "events"));
                postgres.execute("UPDATE customers SET note = 'updated' WHERE id = 1", "DELETE FROM customers WHERE id = 2");
                awaitRecords(worker, broker, "flat.public.customers", 5, List.of("flat", "events"));
                awaitRecords(worker, broker, "events.public.customers", 5, List.of("flat", "events"));

                List<TopicRecords.Raw> flat = TopicRecords.read(broker, "flat.public.customers");
                JsonNode first = JSON.readTree(flat.get(0).value());
                assertThat(first.path("id").asInt()).isEqualTo(1);
                assertThat(first.path("name").asText()).as("a row, not an envelope: %s", first).isEqualTo("Alice");
                assertThat(first.has("after")).isFalse();
                assertThat(first.path("__op").asText()).isEqualTo("r");
                assertThat(first.path("__table").asText()).isEqualTo("customers");
                JsonNode updated = JSON.readTree(flat.get(3).value());
                assertThat(updated.path("note").asText()).isEqualTo("updated");
                assertThat(updated.path("__op").asText()).isEqualTo("u");
                JsonNode deleted = JSON.readTree(flat.get(4).value());
                assertThat(deleted.path("id").asInt()).isEqualTo(2);
                assertThat(deleted.path("__deleted").asText()).as("rewrite mode marks the delete").isEqualTo("true");

                List<TopicRecords.Raw> events = TopicRecords.read(broker, "events.public.customers");
                JsonNode event = JSON.readTree(events.get(3).value());
                assertThat(event.path("specversion").asText()).as("a CloudEvent: %s", event).isEqualTo("1.0");
                assertThat(event.path("source").asText()).isEqualTo("/debezium/postgresql/events");
                assertThat(event.path("type").asText()).isEqualTo("io.debezium.connector.postgresql.DataChangeEvent");
                assertThat(event.path("iodebeziumop").asText()).isEqualTo("u");
                assertThat(event.path("iodebeziumtable").asText()).isEqualTo("customers");
                assertThat(event.path("data").path("after").path("note").asText()).isEqualTo("updated");
                assertThat(event.path("data").path("before").path("note").asText()).isEqualTo("first");
                assertThat(worker.stop()).isZero();
            }
        }
    }

    /**
     * For the same {@code plugin.path} (Debezium's archive), Ferry lists every plugin a real Apache 4.3.1 worker
     * lists (Apache's binary distribution: its class path holds connect-file, -json, -transforms and MirrorMaker 2),
     * with the same type and version; what Ferry lists beyond that is only what it bundles on top of Apache's
     * distribution (Confluent-compatible converters, JDBC connectors).
     */
    @Test
    void ferryListsTheSamePluginsAndVersionsAsApache_forTheSamePluginPath(KafkaBroker broker) throws Exception {
        Map<String, String> apacheExtra = new LinkedHashMap<>(workerConfig());
        // Apache's default discovery (a class path scan as well as manifests), so that its list is complete
        apacheExtra.put("plugin.discovery", "hybrid_warn");
        Path ferryDir = Files.createDirectories(dir.resolve("worker"));
        // Ferry's worker starts while Apache's does: neither list depends on the other worker.
        java.util.concurrent.Future<WorkerProcess> ferryStart = WorkerProcess.startInBackground(
                () -> WorkerProcess.start(ferryDir, broker.bootstrapServers(), workerConfig()));
        java.util.Set<String> apache;
        try (ApacheConnectProcess worker = ApacheConnectProcess.startDistributed(dir.resolve("apache"),
                broker.bootstrapServers(), "apache-plugins", apacheExtra)) {
            apache = pluginTriples(worker.rest.json("/connector-plugins?connectorsOnly=false"));
        } catch (Exception | AssertionError e) {
            WorkerProcess.closeWhenStarted(ferryStart);
            throw e;
        }
        java.util.Set<String> ferry;
        try (WorkerProcess worker = ferryStart.get()) {
            ferry = pluginTriples(worker.json("/connector-plugins?connectorsOnly=false"));
        }
        assertThat(apache).as("Apache's list").anyMatch(p -> p.startsWith("io.debezium.transforms.ExtractNewRecordState"));
        java.util.Set<String> missing = new java.util.TreeSet<>(apache);
        missing.removeAll(ferry);
        assertThat(missing).as("plugins (class type version) Apache lists and Ferry does not").isEmpty();
        java.util.Set<String> extra = new java.util.TreeSet<>(ferry);
        extra.removeAll(apache);
        assertThat(extra).as("what Ferry lists beyond Apache: only its own bundled additions")
                .allMatch(p -> p.startsWith("io.confluent.connect.") || p.startsWith("dev.ferry."));
    }

    private static java.util.Set<String> pluginTriples(JsonNode plugins) {
        java.util.Set<String> triples = new java.util.TreeSet<>();
        plugins.forEach(p -> triples.add(p.path("class").asText() + " " + p.path("type").asText() + " "
                + p.path("version").asText()));
        return triples;
    }

    /** Waits until {@code topic} holds {@code count} records, failing early with a task's trace. */
    private static void awaitRecords(WorkerProcess worker, KafkaBroker broker, String topic, int count,
            List<String> connectors) {
        worker.await(Duration.ofSeconds(60), count + " records in " + topic, () -> {
            for (String connector : connectors) {
                JsonNode status = worker.json("/connectors/" + connector + "/status");
                for (JsonNode task : status.path("tasks")) {
                    if ("FAILED".equals(task.path("state").asText())) {
                        throw new AssertionError(connector + "'s task failed: " + task.path("trace").asText());
                    }
                }
            }
            return TopicRecords.read(broker, topic).size() >= count;
        });
    }

    /**
     * Runs PostgreSQL, a worker with Debezium on its plugin path, Debezium's connector and a FileStreamSink with the
     * same {@code converters}; returns the sink's file once it holds every change event.
     */
    private List<String> captureChanges(KafkaBroker broker, String prefix, Map<String, String> converters)
            throws Exception {
        String password = passwordFromEnvironment();
        Path output = dir.resolve("changes.txt");
        try (PostgresServer postgres = PostgresServer.start(dir.resolve("postgres"), password)) {
            assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER, "wrong"))
                    .as("the server checks passwords, so the connector signs in only with the provider's value")
                    .isInstanceOf(SQLException.class);
            createCustomers(postgres);
            String topic = prefix + ".public.customers";
            broker.createTopic(topic, 1, Map.of());
            Files.createDirectories(dir.resolve("worker"));
            try (WorkerProcess worker = WorkerProcess.start(dir.resolve("worker"), broker.bootstrapServers(),
                    workerConfig())) {
                created(worker, debeziumConfig(postgres, "shop-postgres", prefix, converters));
                created(worker, sinkConfig(output, topic, converters));
                List<String> lines = streamChanges(postgres, worker, output);
                assertThat(worker.json("/connectors/shop-postgres/config").path("database.password").asText())
                        .isEqualTo("${env:" + PASSWORD_VARIABLE + "}");
                assertThat(worker.stop()).isZero();
                assertThat(worker.logText()).doesNotContain(password);
                return lines;
            }
        }
    }

    /** Three rows for the snapshot: every column type the test covers, nulls included. */
    private static void createCustomers(PostgresServer postgres) throws Exception {
        postgres.execute("""
                CREATE TABLE customers (
                  id integer PRIMARY KEY,
                  visits bigint NOT NULL,
                  name text NOT NULL,
                  balance numeric(10,2) NOT NULL,
                  active boolean NOT NULL,
                  signed_up timestamp NOT NULL,
                  last_seen timestamptz,
                  birthday date,
                  note text)""",
                // the old row in UPDATE and DELETE events
                "ALTER TABLE customers REPLICA IDENTITY FULL",
                """
                INSERT INTO customers VALUES
                  (1, 9000000000, 'Alice', 1234.56, true, '2024-01-02 03:04:05.123456', '2024-05-06 07:08:09+02',
                   '1990-12-31', 'first'),
                  (2, 0, 'Bob', -0.50, false, '2023-06-07 08:09:10', NULL, NULL, NULL),
                  (3, 42, 'Chloé ünïcødé', 99999999.99, true, '2020-02-29 00:00:00', '2020-02-29 12:00:00+00',
                   '2000-02-29', 'vip')""");
    }

    /**
     * Waits for the three snapshot events in the sink's file, then changes the table and waits for the streamed
     * events: the sink's file then holds 3 reads, 1 create, 1 update, 1 delete and the delete's tombstone.
     */
    private static List<String> streamChanges(PostgresServer postgres, WorkerProcess worker, Path output)
            throws Exception {
        worker.await(Duration.ofSeconds(60), "3 snapshot events in " + output,
                () -> noFailedTask(worker) && Files.exists(output) && Files.readAllLines(output).size() >= 3);
        postgres.execute(
                "INSERT INTO customers VALUES (4, 7, 'Dörte', 0.01, true, '2025-03-04 05:06:07', now(), '1985-07-08',"
                        + " 'streamed')",
                "UPDATE customers SET balance = 2000.00, note = 'updated' WHERE id = 1",
                "DELETE FROM customers WHERE id = 2");
        worker.await(Duration.ofSeconds(60), "7 change events in " + output,
                () -> noFailedTask(worker) && Files.readAllLines(output).size() >= 7);
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertThat(lines).as("events in the sink's file").hasSize(7);
        return lines;
    }

    private static void assertRowValues(List<String> lines, String prefix) {
        assertThat(lines.subList(0, 3)).allSatisfy(l -> assertThat(l).contains("op=r", "snapshot="));
        // Debezium's default (adaptive) temporal types: timestamp as micros since the epoch, timestamptz as
        // ISO-8601 text in UTC, date as days since the epoch
        assertThat(lines.get(0)).contains("after=Struct{id=1,visits=9000000000,name=Alice,balance=1234.56,active=true,"
                + "signed_up=1704164645123456,last_seen=2024-05-06T05:08:09.000000Z,birthday=7669,note=first}",
                "connector=postgresql", "name=" + prefix, "db=postgres", "table=customers");
        assertThat(lines.get(1)).contains("name=Bob", "balance=-0.50", "active=false").doesNotContain("note=");
        assertThat(lines.get(2)).contains("name=Chloé ünïcødé", "balance=99999999.99");
        assertThat(lines.get(3)).contains("op=c", "name=Dörte", "balance=0.01", "note=streamed");
        assertThat(lines.get(4)).contains("op=u", "before=Struct{id=1,", "balance=1234.56", "balance=2000.00",
                "note=updated");
        assertThat(lines.get(5)).contains("op=d", "before=Struct{id=2,", "name=Bob").doesNotContain("after=");
        assertThat(lines.get(6)).as("the delete's tombstone").isEqualTo("null");
    }

    private static Map<String, String> workerConfig() {
        return Map.of("plugin.path", debeziumPluginPath().toString(),
                "config.providers", "env",
                "config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
    }

    /** Debezium's connector {@code name} capturing {@code public.customers} under {@code prefix}, with a slot and a
     * publication of its own so that several connectors can capture one database. */
    private static String debeziumConfig(PostgresServer postgres, String name, String prefix,
            Map<String, String> converters) throws Exception {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.put("tasks.max", "1");
        config.put("database.hostname", "127.0.0.1");
        config.put("database.port", String.valueOf(postgres.port()));
        config.put("database.user", PostgresServer.USER);
        config.put("database.password", "${env:" + PASSWORD_VARIABLE + "}");
        config.put("database.dbname", PostgresServer.DATABASE);
        config.put("topic.prefix", prefix);
        config.put("plugin.name", "pgoutput");
        config.put("slot.name", "ferry_" + prefix);
        config.put("publication.name", "ferry_" + prefix);
        config.put("publication.autocreate.mode", "filtered");
        config.put("table.include.list", "public.customers");
        config.put("snapshot.mode", "initial");
        config.putAll(converters);
        return JSON.writeValueAsString(Map.of("name", name, "config", config));
    }

    private static String sinkConfig(Path output, String topic, Map<String, String> converters) throws Exception {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "FileStreamSink");
        config.put("topics", topic);
        config.put("file", output.toString());
        config.putAll(converters);
        return JSON.writeValueAsString(Map.of("name", "shop-sink", "config", config));
    }

    private static Path debeziumPluginPath() {
        String path = System.getProperty("debezium.plugin.path");
        Path dir = path == null ? null : Path.of(path);
        if (dir == null || !Files.isDirectory(dir.resolve("debezium-connector-postgres"))) {
            throw new IllegalStateException("Debezium's PostgreSQL plugin is not unpacked (debezium.plugin.path=" + path
                    + "); run the test through Maven (./mvnw verify -pl ferry-dist), which unpacks it into target/");
        }
        return dir;
    }

    private static String passwordFromEnvironment() {
        String password = System.getenv(PASSWORD_VARIABLE);
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException(PASSWORD_VARIABLE + " is not set: the test's database password comes from "
                    + "the environment the workers inherit; run the test through Maven (failsafe sets it)");
        }
        return password;
    }

    private static void created(WorkerProcess worker, String body) {
        var response = worker.post("/connectors", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** False while things start; an AssertionError with the task's trace once either connector's task failed. */
    private static boolean noFailedTask(WorkerProcess worker) {
        for (String connector : List.of("shop-postgres", "shop-sink")) {
            JsonNode task = worker.json("/connectors/" + connector + "/status").path("tasks").path(0);
            if ("FAILED".equals(task.path("state").asText())) {
                throw new AssertionError(connector + "'s task failed: " + task.path("trace").asText());
            }
        }
        return true;
    }

    private static JsonNode latest(RegistryProcess registry, String subject) throws Exception {
        var response = registry.get("/subjects/" + subject + "/versions/latest");
        assertThat(response.statusCode()).as("GET latest of %s: %s", subject, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The schema id of a record in Confluent's wire format, after checking its magic byte. */
    private static int framedId(byte[] bytes) {
        assertThat(bytes).isNotNull();
        assertThat(bytes.length).isGreaterThan(5);
        assertThat(bytes[0]).as("magic byte").isZero();
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    private static GenericRecord decode(Schema writer, byte[] framed) throws Exception {
        var decoder = DecoderFactory.get().binaryDecoder(framed, 5, framed.length - 5, null);
        return new GenericDatumReader<GenericRecord>(writer).read(null, decoder);
    }
}

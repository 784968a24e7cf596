package dev.ferry.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source partitions and offsets against golden files holding them as Confluent's JDBC source stores them (the
 * offsets topic's key {@code [connector, partition]} and value, JSON without schemas; shapes from Confluent's
 * {@code OffsetProtocols} and {@code TimestampIncrementingOffset}): records carry exactly those maps, and a task
 * given those stored offsets, including the older protocol-0 form, resumes after them.
 */
class SourceOffsetsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(400);

    @TempDir
    static Path logs;
    static Databases databases;

    @BeforeAll
    static void start() throws Exception {
        databases = Databases.start(logs);
    }

    @AfterAll
    static void stop() throws Exception {
        databases.close();
    }

    private static final String ORDERS = "CREATE TABLE orders (id INT NOT NULL, changed %s NOT NULL)";
    private static final String THREE_ORDERS = "INSERT INTO orders VALUES (1, '2024-02-29 13:14:13.5'), "
            + "(2, '2024-02-29 13:14:14'), (3, '2024-02-29 13:14:15.123456')";

    @Test
    void incrementingOffsetsOnPostgresAreConfluents() throws Exception {
        Databases.Db db = databases.fresh(true);
        db.execute(ORDERS.formatted(db.timestamp()), THREE_ORDERS);
        List<SourceRecord> records = run(db, 3, "mode", "incrementing", "incrementing.column.name", "id");
        assertStoredAs(records.get(2), "postgres-incrementing");
    }

    @Test
    void timestampOffsetsKeepMicrosecondsInTimestampNanos() throws Exception {
        Databases.Db db = databases.fresh(true);
        db.execute(ORDERS.formatted(db.timestamp()), THREE_ORDERS);
        List<SourceRecord> records = run(db, 3, "mode", "timestamp", "timestamp.column.name", "changed");
        assertStoredAs(records.get(2), "postgres-timestamp");
    }

    @Test
    void timestampIncrementingOffsetsOnMariadbNameTheDatabaseAndTable() throws Exception {
        databases.mariadb.createDatabase("shop");
        Databases.Db db = new Databases.Db(databases.mariadb, "shop");
        db.execute(ORDERS.formatted(db.timestamp()), THREE_ORDERS);
        List<SourceRecord> records = run(db, 3, "mode", "timestamp+incrementing", "timestamp.column.name", "changed",
                "incrementing.column.name", "id");
        assertStoredAs(records.get(2), "mariadb-timestamp-incrementing");
    }

    @Test
    void aCustomQuerysPartitionIsTheQueryKey() throws Exception {
        Databases.Db db = databases.fresh(true);
        db.execute(ORDERS.formatted(db.timestamp()), THREE_ORDERS);
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            Map<String, String> config = db.config("mode", "incrementing", "incrementing.column.name", "id",
                    "query", "SELECT * FROM orders");
            assertStoredAs(runner.start(config).poll(3, WAIT).get(2), "query");
        }
    }

    @Test
    void offsetsStoredByConfluentsConnectorAreResumedFrom() throws Exception {
        for (String golden : List.of("postgres-incrementing", "protocol-0")) {
            Databases.Db db = databases.fresh(true);
            db.execute(ORDERS.formatted(db.timestamp()), THREE_ORDERS, "INSERT INTO orders VALUES (4, now())");
            try (SourceTaskRunner runner = new SourceTaskRunner()) {
                runner.committed.put(partitionOf(golden), FlatJson.parse(resource(golden + ".value.json")));
                long after = ((Number) FlatJson.parse(resource(golden + ".value.json")).get("incrementing")).longValue();
                runner.start(db.config("mode", "incrementing", "incrementing.column.name", "id",
                        "tables", SourceModesTest.tables(db, "orders")));
                List<SourceRecord> records = runner.poll((int) (4 - after), WAIT);
                assertThat(records).as(golden).extracting(r -> ((Number) ((Struct) r.value()).get("id")).longValue())
                        .first().isEqualTo(after + 1);
                assertThat(runner.pollFor(QUIET)).isEmpty();
                // resumed records are stored under the current form
                assertThat(records.get(0).sourcePartition()).isEqualTo(partitionOf("postgres-incrementing"));
            }
        }
    }

    @Test
    void theCurrentFormWinsOverTheOlderOneWhenBothAreStored() throws Exception {
        Databases.Db db = databases.fresh(true);
        db.execute(ORDERS.formatted(db.timestamp()), THREE_ORDERS);
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            runner.committed.put(partitionOf("protocol-0"), Map.of("incrementing", 1L));
            runner.committed.put(partitionOf("postgres-incrementing"), Map.of("incrementing", 2L));
            runner.start(db.config("mode", "incrementing", "incrementing.column.name", "id",
                    "tables", SourceModesTest.tables(db, "orders")));
            assertThat(runner.poll(1, WAIT)).extracting(r -> ((Struct) r.value()).get("id")).containsExactly(3);
        }
    }

    @Test
    void offsetMapsRoundTripThroughJsonNumbersOfAnyWidth() {
        IncrementalOffset offset = IncrementalOffset.fromMap(Map.of("incrementing", 7, "timestamp", 1709212455123L,
                "timestamp_nanos", 123456000));
        assertThat(offset.incrementing()).isEqualTo(7L);
        assertThat(offset.timestamp().getNanos()).isEqualTo(123456000);
        assertThat(offset.toMap()).isEqualTo(Map.of("incrementing", 7L, "timestamp", 1709212455123L,
                "timestamp_nanos", 123456000L));
        assertThat(IncrementalOffset.fromMap(null)).isEqualTo(IncrementalOffset.START);
    }

    private static List<SourceRecord> run(Databases.Db db, int count, String... config) throws Exception {
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            Map<String, String> props = db.config(config);
            props.put("tables", SourceModesTest.tables(db, "orders"));
            return runner.start(props).poll(count, WAIT);
        }
    }

    private static void assertStoredAs(SourceRecord record, String golden) throws IOException {
        String key = "[\"orders-source\"," + FlatJson.render(record.sourcePartition()) + "]";
        assertThat(key).as(golden + ".key.json").isEqualTo(resource(golden + ".key.json"));
        assertThat(FlatJson.render(record.sourceOffset())).as(golden + ".value.json")
                .isEqualTo(resource(golden + ".value.json"));
    }

    private static Map<String, Object> partitionOf(String golden) throws IOException {
        String key = resource(golden + ".key.json");
        return FlatJson.parse(key.substring(key.indexOf('{'), key.lastIndexOf('}') + 1));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SourceOffsetsTest.class.getResourceAsStream("offsets/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    /**
     * JSON of flat maps of strings and whole numbers in the map's own key order, as the worker stores them: the
     * runtime finds an offset by the exact bytes of its key, so the order is part of the format.
     */
    static final class FlatJson {
        private static final Pattern ENTRY = Pattern.compile("\"([^\"]*)\"\\s*:\\s*(\"([^\"]*)\"|-?\\d+)");

        static String render(Map<String, ?> map) {
            StringBuilder json = new StringBuilder("{");
            map.forEach((k, v) -> {
                if (json.length() > 1) {
                    json.append(',');
                }
                json.append('"').append(k).append("\":");
                json.append(v instanceof Number ? v.toString() : "\"" + v + "\"");
            });
            return json.append('}').toString();
        }

        static Map<String, Object> parse(String json) {
            Map<String, Object> map = new LinkedHashMap<>();
            Matcher m = ENTRY.matcher(json);
            while (m.find()) {
                map.put(m.group(1), m.group(3) != null ? m.group(3) : (Object) Long.parseLong(m.group(2)));
            }
            return map;
        }
    }
}

package dev.ferry.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.testkit.db.DatabaseServer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the JDBC sink does on every database, run by {@link PostgreSqlSinkTest} and {@link MariaDbSinkTest} against
 * a real server: the real task through connect-api, each test in a database of its own, results read back with
 * plain JDBC.
 */
abstract class SinkContract {
    static final Schema ORDER = SchemaBuilder.struct().name("order")
            .field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("qty", Schema.INT32_SCHEMA)
            .build();
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final List<JdbcSinkTask> started = new ArrayList<>();

    abstract DatabaseServer server();

    /** The identifier quoted for this database's SQL in the tests' own statements. */
    abstract String q(String identifier);

    /** A URL suffix that makes a lock wait give up after about a second, with an error the sink retries. */
    abstract String lockTimeoutUrlSuffix();

    @AfterEach
    void stopTasks() {
        started.forEach(JdbcSinkTask::stop);
        started.clear();
    }

    String newDatabase() throws SQLException {
        String name = "sink" + DATABASES.incrementAndGet();
        server().createDatabase(name);
        return name;
    }

    Map<String, String> props(String db, String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("name", "sink-test");
        props.put("connection.url", server().jdbcUrl(db));
        props.put("connection.user", server().user());
        props.put("connection.password", server().password());
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    JdbcSinkTask start(Map<String, String> props, RecordingContext context) {
        JdbcSinkTask task = new JdbcSinkTask();
        task.initialize(context);
        task.start(props);
        started.add(task);
        return task;
    }

    JdbcSinkTask start(Map<String, String> props) {
        return start(props, RecordingContext.withoutReporter());
    }

    void execute(String db, String... sql) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(server().jdbcUrl(db), server().user(), server().password());
    }

    List<List<Object>> rows(String db, String sql) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    row.add(value instanceof Number n && !(value instanceof BigDecimal) ? n.longValue() : value);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    static List<Object> row(Object... values) {
        List<Object> row = new ArrayList<>();
        for (Object v : values) {
            row.add(v instanceof Integer i ? Long.valueOf(i) : v);
        }
        return row;
    }

    static Struct order(int id, String name, int qty) {
        return new Struct(ORDER).put("id", id).put("name", name).put("qty", qty);
    }

    static SinkRecord valueRecord(String topic, long offset, Struct value) {
        return new SinkRecord(topic, 0, null, null, value.schema(), value, offset);
    }

    static SinkRecord keyed(String topic, long offset, Object key, Schema keySchema, Struct value) {
        return new SinkRecord(topic, 0, keySchema, key, value == null ? null : value.schema(), value, offset);
    }

    @Test
    void insertModeWritesEachRecordAsARowOfAnAutoCreatedTable() throws Exception {
        String db = newDatabase();
        JdbcSinkTask task = start(props(db, "auto.create", "true"));

        task.put(List.of(valueRecord("orders", 0, order(1, "tea", 2)), valueRecord("orders", 1, order(2, null, 5)),
                valueRecord("orders", 2, order(3, "cake", 1))));

        assertThat(rows(db, "SELECT id, name, qty FROM orders ORDER BY id")).containsExactly(
                row(1, "tea", 2), row(2, null, 5), row(3, "cake", 1));
    }

    @Test
    void upsertWithAStructKeyLeavesTheTableExactWhenRecordsAreRedelivered() throws Exception {
        String db = newDatabase();
        Schema keySchema = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).field("region", Schema.STRING_SCHEMA)
                .build();
        JdbcSinkTask task = start(props(db, "auto.create", "true", "insert.mode", "upsert", "pk.mode",
                "record_key", "fields.whitelist", "name,qty"));
        List<SinkRecord> batch = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            Struct key = new Struct(keySchema).put("id", i).put("region", i % 2 == 0 ? "eu" : "us");
            batch.add(keyed("orders", i, key, keySchema, order(i, "item " + i, i)));
        }
        Struct key7 = new Struct(keySchema).put("id", 7).put("region", "us");
        batch.add(keyed("orders", 51, key7, keySchema, order(7, "item 7 changed", 700)));

        task.put(batch);
        task.put(batch); // redelivered after a crash before the offsets were committed
        task.put(batch.subList(10, 30));

        List<List<Object>> rows = rows(db, "SELECT id, region, name, qty FROM orders ORDER BY id");
        assertThat(rows).hasSize(50);
        assertThat(rows.get(6)).isEqualTo(row(7, "us", "item 7 changed", 700));
        assertThat(rows.get(9)).isEqualTo(row(10, "eu", "item 10", 10));
    }

    @Test
    void upsertWhenEveryColumnIsPartOfTheKeyLeavesDuplicatesAlone() throws Exception {
        String db = newDatabase();
        JdbcSinkTask task = start(props(db, "auto.create", "true", "insert.mode", "upsert", "pk.mode",
                "record_value"));
        List<SinkRecord> batch = List.of(valueRecord("pairs", 0, order(1, "a", 1)),
                valueRecord("pairs", 1, order(1, "a", 1)), valueRecord("pairs", 2, order(1, "b", 1)));

        task.put(batch);
        task.put(batch);

        assertThat(rows(db, "SELECT id, name, qty FROM pairs ORDER BY name")).containsExactly(row(1, "a", 1),
                row(1, "b", 1));
    }

    @Test
    void updateModeChangesTheRowsThatExistAndAddsNone() throws Exception {
        String db = newDatabase();
        execute(db, "CREATE TABLE orders (id INT PRIMARY KEY, name VARCHAR(50), qty INT NOT NULL)",
                "INSERT INTO orders VALUES (1, 'tea', 2)");
        JdbcSinkTask task = start(props(db, "insert.mode", "update", "pk.mode", "record_value", "pk.fields", "id"));

        task.put(List.of(valueRecord("orders", 0, order(1, "green tea", 3)), valueRecord("orders", 1,
                order(2, "cake", 1))));

        assertThat(rows(db, "SELECT id, name, qty FROM orders")).containsExactly(row(1, "green tea", 3));
    }

    @Test
    void kafkaPkModeKeysRowsByTopicPartitionAndOffset() throws Exception {
        String db = newDatabase();
        JdbcSinkTask task = start(props(db, "auto.create", "true", "pk.mode", "kafka", "insert.mode", "upsert"));
        List<SinkRecord> batch = List.of(valueRecord("orders", 10, order(1, "tea", 2)),
                valueRecord("orders", 11, order(1, "tea", 3)));

        task.put(batch);
        task.put(batch);

        assertThat(rows(db, "SELECT __connect_topic, __connect_partition, __connect_offset, id, qty FROM orders "
                + "ORDER BY __connect_offset"))
                .containsExactly(row("orders", 0, 10L, 1, 2), row("orders", 0, 11L, 1, 3));
    }

    @Test
    void aStringValueIsWrittenWholeIntoTheStringValueColumn() throws Exception {
        String db = newDatabase();
        JdbcSinkTask task = start(props(db, "auto.create", "true", "pk.mode", "record_key", "pk.fields", "id",
                "insert.mode", "upsert", "string.output.value.column.name", "line"));

        task.put(List.of(new SinkRecord("logs", 0, Schema.STRING_SCHEMA, "a", Schema.OPTIONAL_STRING_SCHEMA,
                "first line", 0), new SinkRecord("logs", 0, Schema.STRING_SCHEMA, "b", Schema.OPTIONAL_STRING_SCHEMA,
                "{\"not\": \"parsed\"}", 1)));

        assertThat(rows(db, "SELECT id, line FROM logs ORDER BY id")).containsExactly(row("a", "first line"),
                row("b", "{\"not\": \"parsed\"}"));
    }

    @Test
    void aPrimitiveKeyIsTheOneColumnPkFieldsNamesAndWithoutANameTheRecordIsRefused() throws Exception {
        String db = newDatabase();
        JdbcSinkTask task = start(props(db, "auto.create", "true", "pk.mode", "record_key", "pk.fields", "order_id",
                "insert.mode", "upsert"));
        task.put(List.of(keyed("orders", 0, 42L, Schema.INT64_SCHEMA, order(1, "tea", 2)),
                keyed("orders", 1, 42L, Schema.INT64_SCHEMA, order(1, "tea", 9))));
        assertThat(rows(db, "SELECT order_id, qty FROM orders")).containsExactly(row(42L, 9));

        JdbcSinkTask unnamed = start(props(db, "auto.create", "true", "pk.mode", "record_key"));
        assertThatThrownBy(() -> unnamed.put(List.of(keyed("other", 5, 42L, Schema.INT64_SCHEMA,
                order(1, "tea", 2)))))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("topic 'other', partition 0, offset 5")
                .hasMessageContaining("set pk.fields to exactly one name");
    }

    @Test
    void tombstonesDeleteTheirRowsInRecordOrderWhenDeleteIsEnabled() throws Exception {
        String db = newDatabase();
        JdbcSinkTask task = start(props(db, "auto.create", "true", "pk.mode", "record_key", "pk.fields", "id",
                "insert.mode", "upsert", "delete.enabled", "true"));
        Schema k = Schema.INT32_SCHEMA;
        task.put(List.of(keyed("orders", 0, 1, k, order(1, "a", 1)), keyed("orders", 1, 2, k, order(2, "b", 1)),
                keyed("orders", 2, 3, k, order(3, "c", 1))));

        task.put(List.of(keyed("orders", 3, 2, k, null), // delete 2
                keyed("orders", 4, 3, k, null), keyed("orders", 5, 3, k, order(3, "c again", 2)), // re-created
                keyed("orders", 6, 1, k, order(1, "a changed", 5)), keyed("orders", 7, 1, k, null), // gone
                keyed("orders", 8, 99, k, null))); // never existed

        assertThat(rows(db, "SELECT id, name, qty FROM orders ORDER BY id")).containsExactly(row(3, "c again", 2));
    }

    @Test
    void aTombstoneWithoutDeleteEnabledGoesToTheReporter() throws Exception {
        String db = newDatabase();
        RecordingContext context = RecordingContext.withReporter();
        JdbcSinkTask task = start(props(db, "auto.create", "true"), context);
        SinkRecord tombstone = keyed("orders", 1, 1, Schema.INT32_SCHEMA, null);

        task.put(List.of(valueRecord("orders", 0, order(1, "a", 1)), tombstone));

        assertThat(context.reported).containsExactly(tombstone);
        assertThat(context.reasons.get(0)).hasMessageContaining("delete.enabled is false");
        assertThat(rows(db, "SELECT id FROM orders")).containsExactly(row(1));
    }

    /** The Connect types every dialect maps, read back with the Java types JDBC gives them. */
    @Test
    void everyConnectTypeRoundTripsThroughAnAutoCreatedTable() throws Exception {
        String db = newDatabase();
        Schema decimal = Decimal.builder(4).optional().build();
        Schema schema = SchemaBuilder.struct().name("all")
                .field("id", Schema.INT32_SCHEMA)
                .field("i8", Schema.OPTIONAL_INT8_SCHEMA).field("i16", Schema.OPTIONAL_INT16_SCHEMA)
                .field("i64", Schema.OPTIONAL_INT64_SCHEMA).field("f32", Schema.OPTIONAL_FLOAT32_SCHEMA)
                .field("f64", Schema.OPTIONAL_FLOAT64_SCHEMA).field("flag", Schema.OPTIONAL_BOOLEAN_SCHEMA)
                .field("text", Schema.OPTIONAL_STRING_SCHEMA).field("raw", Schema.OPTIONAL_BYTES_SCHEMA)
                .field("amount", decimal).field("day", Date.builder().optional().build())
                .field("at", Time.builder().optional().build()).field("ts", Timestamp.builder().optional().build())
                .build();
        Instant ts = Instant.parse("2024-02-29T23:59:58.123Z");
        Struct full = new Struct(schema).put("id", 1).put("i8", (byte) -7).put("i16", (short) 31000)
                .put("i64", Long.MAX_VALUE).put("f32", 1.5f).put("f64", -2.25e300).put("flag", true)
                .put("text", "Grüße, \"quotes\" and 'apostrophes' \u2603").put("raw", new byte[] {0, 1, (byte) 255})
                .put("amount", new BigDecimal("-123456789012345678901234567890.1234"))
                .put("day", java.util.Date.from(Instant.parse("1969-07-20T00:00:00Z")))
                .put("at", java.util.Date.from(Instant.parse("1970-01-01T13:45:12.345Z")))
                .put("ts", java.util.Date.from(ts));
        Struct empty = new Struct(schema).put("id", 2);
        JdbcSinkTask task = start(props(db, "auto.create", "true"));

        task.put(List.of(valueRecord("all_types", 0, full), valueRecord("all_types", 1, empty)));

        try (Connection c = connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM all_types ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt("i8")).isEqualTo(-7);
            assertThat(rs.getShort("i16")).isEqualTo((short) 31000);
            assertThat(rs.getLong("i64")).isEqualTo(Long.MAX_VALUE);
            assertThat(rs.getFloat("f32")).isEqualTo(1.5f);
            assertThat(rs.getDouble("f64")).isEqualTo(-2.25e300);
            assertThat(rs.getBoolean("flag")).isTrue();
            assertThat(rs.getString("text")).isEqualTo("Grüße, \"quotes\" and 'apostrophes' \u2603");
            assertThat(rs.getBytes("raw")).containsExactly(0, 1, 255);
            assertThat(rs.getBigDecimal("amount")).isEqualTo(new BigDecimal("-123456789012345678901234567890.1234"));
            assertThat(rs.getObject("day", LocalDate.class)).isEqualTo(LocalDate.of(1969, 7, 20));
            assertThat(rs.getObject("at", LocalTime.class)).isEqualTo(LocalTime.of(13, 45, 12, 345_000_000));
            assertThat(rs.getObject("ts", LocalDateTime.class))
                    .isEqualTo(LocalDateTime.ofInstant(ts, ZoneOffset.UTC));
            assertThat(rs.next()).isTrue();
            for (String column : List.of("i8", "i16", "i64", "f32", "f64", "flag", "text", "raw", "amount", "day",
                    "at", "ts")) {
                assertThat(rs.getObject(column)).as(column).isNull();
            }
        }
    }

    @Test
    void fieldsInTimestampFieldsListAreEpochCountsWrittenAsTimestampsAtFullPrecision() throws Exception {
        String db = newDatabase();
        Schema schema = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA)
                .field("created", Schema.INT64_SCHEMA).field("updated", Schema.OPTIONAL_STRING_SCHEMA)
                .field("plain", Schema.INT64_SCHEMA).build();
        long micros = 1_700_000_000_123_456L;
        Struct value = new Struct(schema).put("id", 1).put("created", micros).put("updated", "-1")
                .put("plain", micros);
        JdbcSinkTask task = start(props(db, "auto.create", "true", "timestamp.fields.list", "created,updated"));

        task.put(List.of(valueRecord("events", 0, value)));

        try (Connection c = connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT created, updated, plain FROM events")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2023, 11, 14, 22, 13, 20,
                    123_456_000));
            assertThat(rs.getObject(2, LocalDateTime.class)).isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59,
                    999_999_000));
            assertThat(rs.getLong(3)).isEqualTo(micros);
        }
    }

    /** Proleptic 1500-03-20 is 1500-03-10 in Java's hybrid calendar, as java.sql.Date and Confluent's sink write it. */
    @Test
    void daysBeforeTheGregorianCutoverFollowDateCalendarSystem() throws Exception {
        String db = newDatabase();
        Schema schema = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).field("day", Date.SCHEMA).build();
        java.util.Date day = new java.util.Date(LocalDate.of(1500, 3, 20).toEpochDay() * 86_400_000L);
        Struct value = new Struct(schema).put("id", 1).put("day", day);

        start(props(db, "auto.create", "true")).put(List.of(valueRecord("legacy", 0, value)));
        start(props(db, "auto.create", "true", "date.calendar.system", "PROLEPTIC_GREGORIAN"))
                .put(List.of(valueRecord("modern", 0, value)));

        try (Connection c = connect(db); Statement s = c.createStatement()) {
            for (String[] expected : new String[][] {{"legacy", "1500-03-10"}, {"modern", "1500-03-20"}}) {
                try (ResultSet rs = s.executeQuery("SELECT day FROM " + expected[0])) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as(expected[0]).isEqualTo(expected[1]);
                }
            }
        }
    }

    @Test
    void autoEvolveAddsTheColumnsARecordSchemaGainsEvenWithinOneBatch() throws Exception {
        String db = newDatabase();
        Schema v2 = SchemaBuilder.struct().name("order")
                .field("id", Schema.INT32_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA)
                .field("qty", Schema.INT32_SCHEMA).field("email", Schema.OPTIONAL_STRING_SCHEMA)
                .field("score", SchemaBuilder.int32().defaultValue(7).build())
                .build();
        JdbcSinkTask task = start(props(db, "auto.create", "true", "auto.evolve", "true"));
        task.put(List.of(valueRecord("orders", 0, order(1, "a", 1))));

        Struct evolved = new Struct(v2).put("id", 3).put("name", "c").put("qty", 3).put("email", "c@example.com")
                .put("score", 9);
        task.put(List.of(valueRecord("orders", 1, order(2, "b", 2)), valueRecord("orders", 2, evolved),
                valueRecord("orders", 3, order(4, "d", 4))));

        assertThat(rows(db, "SELECT id, email, score FROM orders ORDER BY id")).containsExactly(
                row(1, null, 7), row(2, null, 7), row(3, "c@example.com", 9), row(4, null, 7));
    }

    @Test
    void aRequiredFieldWithoutADefaultIsNotAddedAndWithoutAutoEvolveNothingIs() throws Exception {
        String db = newDatabase();
        execute(db, "CREATE TABLE orders (id INT PRIMARY KEY, name VARCHAR(20), qty INT)");
        Schema required = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA)
                .field("sku", Schema.STRING_SCHEMA).build();
        JdbcSinkTask evolving = start(props(db, "auto.evolve", "true"));
        assertThatThrownBy(() -> evolving.put(List.of(valueRecord("orders", 0,
                new Struct(required).put("id", 1).put("sku", "x")))))
                .hasMessageContaining("has no column 'sku', and it cannot be added")
                .hasMessageContaining("Make the field optional or give it a default");

        JdbcSinkTask fixed = start(props(db));
        assertThatThrownBy(() -> fixed.put(List.of(valueRecord("orders", 0, new Struct(SchemaBuilder.struct()
                .field("id", Schema.INT32_SCHEMA).field("note", Schema.OPTIONAL_STRING_SCHEMA).build())
                .put("id", 1)))))
                .hasMessageContaining("no column(s) [note]")
                .hasMessageContaining("auto.evolve is false");
    }

    @Test
    void aMissingTableWithoutAutoCreateFailsNamingTheTableAndTheFix() throws Exception {
        String db = newDatabase();
        JdbcSinkTask task = start(props(db, "table.name.format", "kafka_${topic}"));

        assertThatThrownBy(() -> task.put(List.of(valueRecord("orders", 3, order(1, "a", 1)))))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("kafka_orders does not exist and auto.create is false")
                .hasMessageContaining("offset 3");
    }

    @Test
    void aRecordThatCannotBeMappedGoesToTheReporterAndTheRestIsWritten() throws Exception {
        String db = newDatabase();
        Schema nested = SchemaBuilder.struct().name("order")
                .field("id", Schema.INT32_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA)
                .field("qty", Schema.INT32_SCHEMA)
                .field("address", SchemaBuilder.struct().field("city", Schema.STRING_SCHEMA).optional().build())
                .build();
        SinkRecord unmappable = valueRecord("orders", 1, new Struct(nested).put("id", 2).put("qty", 1));
        RecordingContext context = RecordingContext.withReporter();
        JdbcSinkTask task = start(props(db, "auto.create", "true", "auto.evolve", "true"), context);

        task.put(List.of(valueRecord("orders", 0, order(1, "a", 1)), unmappable,
                valueRecord("orders", 2, order(3, "c", 3))));

        assertThat(context.reported).containsExactly(unmappable);
        assertThat(context.reasons.get(0).getMessage()).contains("offset 1").contains("address")
                .contains("Connect type STRUCT").contains("Flatten");
        assertThat(rows(db, "SELECT id FROM orders ORDER BY id")).containsExactly(row(1), row(3));

        JdbcSinkTask strict = start(props(db, "auto.create", "true", "auto.evolve", "true"));
        assertThatThrownBy(() -> strict.put(List.of(unmappable)))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("topic 'orders', partition 0, offset 1")
                .hasMessageContaining("errors.tolerance=all");
    }

    @Test
    void aRowTheDatabaseRefusesGoesToTheReporterAndTheOthersAreWritten() throws Exception {
        String db = newDatabase();
        execute(db, "CREATE TABLE orders (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, qty INT)");
        RecordingContext context = RecordingContext.withReporter();
        JdbcSinkTask task = start(props(db), context);
        List<SinkRecord> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(valueRecord("orders", i, order(i, i == 13 ? null : "item " + i, i)));
        }

        task.put(batch);

        assertThat(context.reported).containsExactly(batch.get(13));
        assertThat(context.reasons.get(0).getMessage()).contains("offset 13").contains("name");
        assertThat(rows(db, "SELECT COUNT(*) FROM orders")).containsExactly(row(19L));
    }

    @Test
    void withoutAReporterARefusedRowFailsThePutNamingItAndNothingOfThePutIsWritten() throws Exception {
        String db = newDatabase();
        execute(db, "CREATE TABLE orders (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, qty INT)",
                "CREATE TABLE audit (id INT PRIMARY KEY, name VARCHAR(20), qty INT)");
        JdbcSinkTask task = start(props(db));
        List<SinkRecord> batch = List.of(valueRecord("audit", 0, order(1, "fine", 1)),
                valueRecord("orders", 0, order(1, "fine", 1)), valueRecord("orders", 1, order(2, null, 1)),
                valueRecord("orders", 2, order(3, "fine", 1)));

        assertThatThrownBy(() -> task.put(batch))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("topic 'orders', partition 0, offset 1")
                .hasMessageContaining("name")
                .hasMessageContaining("errors.tolerance=all");

        assertThat(rows(db, "SELECT COUNT(*) FROM orders")).containsExactly(row(0L));
        assertThat(rows(db, "SELECT COUNT(*) FROM audit")).containsExactly(row(0L));
    }

    @Test
    void tableAndColumnNamesWithQuotesAndSpacesWork() throws Exception {
        String db = newDatabase();
        Schema awkward = SchemaBuilder.struct()
                .field("key col", Schema.INT32_SCHEMA).field("the \"value\"", Schema.OPTIONAL_STRING_SCHEMA)
                .field("it's", Schema.OPTIONAL_INT64_SCHEMA).build();
        JdbcSinkTask task = start(props(db, "auto.create", "true", "insert.mode", "upsert",
                "pk.mode", "record_value", "pk.fields", "key col",
                "table.name.format", "\"Order \"\"Lines\"\" ${topic}\"", "quote.sql.identifiers", "always"));

        Struct first = new Struct(awkward).put("key col", 1).put("the \"value\"", "x").put("it's", 5L);
        Struct second = new Struct(awkward).put("key col", 1).put("the \"value\"", "y").put("it's", 6L);
        task.put(List.of(valueRecord("shop", 0, first)));
        task.put(List.of(valueRecord("shop", 1, second)));

        assertThat(rows(db, "SELECT " + q("key col") + ", " + q("the \"value\"") + ", " + q("it's") + " FROM "
                + q("Order \"Lines\" shop"))).containsExactly(row(1, "y", 6L));
    }

    @Test
    void aLockTimeoutIsRetriedAfterTheBackoffAndFailsTheTaskWhenRetriesRunOut() throws Exception {
        String db = newDatabase();
        execute(db, "CREATE TABLE orders (id INT PRIMARY KEY, name VARCHAR(20), qty INT)",
                "INSERT INTO orders VALUES (1, 'a', 1)");
        RecordingContext context = RecordingContext.withReporter();
        Map<String, String> props = props(db, "insert.mode", "upsert", "pk.mode", "record_value", "pk.fields", "id",
                "max.retries", "1", "retry.backoff.ms", "50");
        props.put("connection.url", server().jdbcUrl(db) + lockTimeoutUrlSuffix());
        JdbcSinkTask task = start(props, context);
        List<SinkRecord> batch = List.of(valueRecord("orders", 0, order(1, "b", 2)));

        try (Connection holder = connect(db); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.executeUpdate("UPDATE orders SET qty = 100 WHERE id = 1"); // holds the row lock
            assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
            assertThat(context.timeouts).containsExactly(50L);
            assertThatThrownBy(() -> task.put(batch)).isNotInstanceOf(RetriableException.class)
                    .isInstanceOf(ConnectException.class).hasMessageContaining("max.retries=1");
            holder.rollback();
        }
        task.put(batch);
        assertThat(rows(db, "SELECT id, name, qty FROM orders")).containsExactly(row(1, "b", 2));
        assertThat(context.reported).isEmpty();
    }

    @Test
    void aTableDroppedWhileTheTaskRunsIsCreatedAgainOnTheRetry() throws Exception {
        String db = newDatabase();
        RecordingContext context = RecordingContext.withReporter();
        JdbcSinkTask task = start(props(db, "auto.create", "true", "retry.backoff.ms", "10"), context);
        task.put(List.of(valueRecord("orders", 0, order(1, "a", 1))));
        execute(db, "DROP TABLE orders");

        List<SinkRecord> next = List.of(valueRecord("orders", 1, order(2, "b", 2)));
        assertThatThrownBy(() -> task.put(next)).isInstanceOf(RetriableException.class);
        task.put(next); // the runtime redelivers after the back-off

        assertThat(rows(db, "SELECT id FROM orders")).containsExactly(row(2));
        assertThat(context.reported).isEmpty();
    }

    @Test
    void anUnreachableDatabaseIsRetriedUntilMaxRetriesThenFailsTheTask() throws Exception {
        String db = newDatabase();
        RecordingContext context = RecordingContext.withReporter();
        Map<String, String> props = props(db, "connection.attempts", "1", "connection.backoff.ms", "0",
                "max.retries", "1", "retry.backoff.ms", "20");
        props.put("connection.url", server().jdbcUrl(db).replace(":" + server().port() + "/", ":1/"));
        JdbcSinkTask task = start(props, context);
        List<SinkRecord> batch = List.of(valueRecord("orders", 0, order(1, "a", 1)));

        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
        assertThat(context.timeouts).containsExactly(20L);
        assertThatThrownBy(() -> task.put(batch)).isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("max.retries=1").hasMessageNotContaining(server().password());
    }

    @Test
    void batchesOfBatchSizeAreAllWrittenInTheSameTransaction() throws Exception {
        String db = newDatabase();
        JdbcSinkTask task = start(props(db, "auto.create", "true", "batch.size", "7"));
        List<SinkRecord> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(valueRecord("orders", i, order(i, "n" + i, i)));
        }
        task.put(batch);
        assertThat(rows(db, "SELECT COUNT(*), MIN(id), MAX(id) FROM orders")).containsExactly(row(100L, 0, 99));
    }
}

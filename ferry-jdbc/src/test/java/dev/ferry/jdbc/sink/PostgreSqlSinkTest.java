package dev.ferry.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.db.DatabaseServer;
import dev.ferry.testkit.db.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink against a real PostgreSQL: the shared contract, and PostgreSQL's own types and MERGE. */
class PostgreSqlSinkTest extends SinkContract {
    @TempDir
    static Path logs;
    static PostgresServer postgres;

    @BeforeAll
    static void startServer() throws Exception {
        postgres = PostgresServer.start(logs, "pw-sink-pg");
    }

    @AfterAll
    static void stopServer() throws Exception {
        postgres.close();
    }

    @Override
    DatabaseServer server() {
        return postgres;
    }

    @Override
    String q(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    String lockTimeoutUrlSuffix() {
        return "?options=-c%20lock_timeout=500";
    }

    @Test
    void uuidJsonArraysAndDebeziumTimestampsGetPostgresColumnTypes() throws Exception {
        String db = newDatabase();
        Schema schema = SchemaBuilder.struct()
                .field("id", SchemaBuilder.string().name("io.debezium.data.Uuid").build())
                .field("doc", SchemaBuilder.string().name("io.debezium.data.Json").optional().build())
                .field("docb", SchemaBuilder.string().name("io.debezium.data.Json")
                        .parameter("__debezium.source.column.type", "JSONB").optional().build())
                .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
                .field("scores", SchemaBuilder.array(Schema.INT32_SCHEMA).optional().build())
                .field("micros", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").optional().build())
                .field("zoned", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").optional().build())
                .build();
        UUID id = UUID.randomUUID();
        Struct value = new Struct(schema).put("id", id.toString()).put("doc", "{\"a\": [1, 2]}")
                .put("docb", "{\"b\": true}").put("tags", List.of("x", "y z")).put("scores", List.of(3, -1))
                .put("micros", 1_700_000_000_123_456L).put("zoned", "2024-05-01T10:15:30.123456+02:00");
        JdbcSinkTask task = start(props(db, "auto.create", "true", "insert.mode", "upsert", "pk.mode",
                "record_value", "pk.fields", "id"));

        task.put(List.of(valueRecord("docs", 0, value)));
        task.put(List.of(valueRecord("docs", 1, value)));

        assertThat(rows(db, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                + "'docs'::regclass AND attnum > 0 ORDER BY attnum")).extracting(r -> r.get(0)).containsExactly(
                "uuid", "json", "jsonb", "text[]", "integer[]", "timestamp without time zone",
                "timestamp with time zone");
        try (Connection c = connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, doc->'a'->>1, docb->>'b', tags, scores, micros, zoned "
                     + "FROM docs")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1)).isEqualTo(id);
            assertThat(rs.getString(2)).isEqualTo("2");
            assertThat(rs.getString(3)).isEqualTo("true");
            assertThat((Object[]) rs.getArray(4).getArray()).containsExactly("x", "y z");
            assertThat((Object[]) rs.getArray(5).getArray()).containsExactly(3, -1);
            assertThat(rs.getObject(6, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2023, 11, 14, 22, 13, 20,
                    123_456_000));
            assertThat(rs.getObject(7, OffsetDateTime.class).toInstant())
                    .isEqualTo(Instant.parse("2024-05-01T08:15:30.123456Z"));
            assertThat(rs.next()).isFalse();
        }
    }

    /**
     * Time zone rules: a Connect Timestamp goes into an auto-created {@code timestamp} column as its wall-clock
     * time in db.timezone, and into a {@code timestamptz} column as the instant, whatever db.timezone says.
     */
    @Test
    void timestampsAreWallClockInDbTimezoneAndInstantsInTimestamptzColumns() throws Exception {
        String db = newDatabase();
        execute(db, "CREATE TABLE zoned (id INT PRIMARY KEY, at TIMESTAMPTZ NOT NULL)");
        Schema schema = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).field("at", Timestamp.SCHEMA).build();
        Instant instant = Instant.parse("2024-07-01T12:00:00.789Z");
        Struct value = new Struct(schema).put("id", 1).put("at", java.util.Date.from(instant));
        JdbcSinkTask task = start(props(db, "auto.create", "true", "db.timezone", "America/New_York"));

        task.put(List.of(valueRecord("local", 0, value), valueRecord("zoned", 0, value)));

        try (Connection c = connect(db); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT at FROM local")) {
                rs.next();
                assertThat(rs.getObject(1, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 7, 1, 8, 0, 0,
                        789_000_000));
            }
            try (ResultSet rs = s.executeQuery("SELECT at FROM zoned")) {
                rs.next();
                assertThat(rs.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(instant);
            }
        }
        assertThat(instant.atOffset(ZoneOffset.UTC).getHour()).isEqualTo(12);
    }

    @Test
    void theGenericDialectUpsertsWithAnsiMerge() throws Exception {
        String db = newDatabase();
        JdbcSinkTask task = start(props(db, "dialect.name", "GenericDatabaseDialect", "auto.create", "true",
                "insert.mode", "upsert", "pk.mode", "record_value", "pk.fields", "id"));
        List<org.apache.kafka.connect.sink.SinkRecord> batch = List.of(valueRecord("orders", 0, order(1, "a", 1)),
                valueRecord("orders", 1, order(2, "b", 2)), valueRecord("orders", 2, order(1, "a2", 3)));

        task.put(batch);
        task.put(batch);

        assertThat(rows(db, "SELECT id, name, qty FROM orders ORDER BY id")).containsExactly(row(1, "a2", 3),
                row(2, "b", 2));
    }

    @Test
    void anUpsertIntoATableWithoutAKeyOnThePkFieldsFailsNamingTheTableAndTheFixNotTheRows() throws Exception {
        String db = newDatabase();
        execute(db, "CREATE TABLE orders (id INT, name TEXT, qty INT)");
        RecordingContext context = RecordingContext.withReporter();
        JdbcSinkTask task = start(props(db, "insert.mode", "upsert", "pk.mode", "record_value", "pk.fields", "id"),
                context);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> task.put(List.of(
                valueRecord("orders", 0, order(1, "a", 1)), valueRecord("orders", 1, order(2, "b", 2)))))
                .hasMessageContaining("whatever the row")
                .hasMessageContaining("primary key or unique index on exactly the key columns [id]");
        assertThat(context.reported).isEmpty();
    }

    @Test
    void viewsAreWrittenOnlyWhenTableTypesNamesThemAndAreNeverAltered() throws Exception {
        String db = newDatabase();
        execute(db, "CREATE TABLE base (id INT PRIMARY KEY, name TEXT, qty INT, hidden TEXT)",
                "CREATE VIEW orders AS SELECT id, name, qty FROM base");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(props(db)).put(List.of(
                valueRecord("orders", 0, order(1, "a", 1))))).hasMessageContaining("orders is a VIEW, and "
                + "table.types is TABLE: add VIEW to table.types");

        start(props(db, "table.types", "TABLE,view")).put(List.of(valueRecord("orders", 0, order(1, "a", 1))));
        assertThat(rows(db, "SELECT id, name, qty FROM base")).containsExactly(row(1, "a", 1));

        Schema wider = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA)
                .field("extra", Schema.OPTIONAL_STRING_SCHEMA).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(props(db, "table.types", "VIEW",
                "auto.evolve", "true")).put(List.of(valueRecord("orders", 1, new Struct(wider).put("id", 2)))))
                .hasMessageContaining("the sink never alters a VIEW");
    }

    @Test
    void withQuotingNeverAutoCreatedNamesAreFoldedAndFoundAgain() throws Exception {
        String db = newDatabase();
        Schema mixed = SchemaBuilder.struct().field("OrderId", Schema.INT32_SCHEMA)
                .field("Total", Schema.OPTIONAL_INT64_SCHEMA).build();
        JdbcSinkTask task = start(props(db, "auto.create", "true", "auto.evolve", "true", "quote.sql.identifiers",
                "never", "table.name.format", "Sales_${topic}", "insert.mode", "upsert", "pk.mode", "record_value",
                "pk.fields", "OrderId"));

        task.put(List.of(valueRecord("EU", 0, new Struct(mixed).put("OrderId", 1).put("Total", 10L))));
        task.put(List.of(valueRecord("EU", 1, new Struct(mixed).put("OrderId", 1).put("Total", 12L))));

        assertThat(rows(db, "SELECT orderid, total FROM sales_eu")).containsExactly(row(1, 12L));
    }

    @Test
    void aConnectionTheServerDroppedBetweenPutsIsReplacedWithoutLosingRecords() throws Exception {
        String db = newDatabase();
        JdbcSinkTask task = start(props(db, "auto.create", "true", "insert.mode", "upsert", "pk.mode",
                "record_value", "pk.fields", "id"));
        task.put(List.of(valueRecord("orders", 0, order(1, "a", 1))));

        execute(db, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db
                + "' AND pid <> pg_backend_pid()");
        task.put(List.of(valueRecord("orders", 1, order(2, "b", 2))));

        assertThat(rows(db, "SELECT id FROM orders ORDER BY id")).containsExactly(row(1), row(2));
    }

    @Test
    void unquotedNamesFollowPostgresCaseFoldingAndFieldsFindTheirColumnsIgnoringCase() throws Exception {
        String db = newDatabase();
        execute(db, "CREATE TABLE orders (id INT PRIMARY KEY, name TEXT, qty INT)");
        Schema upper = SchemaBuilder.struct().field("ID", Schema.INT32_SCHEMA).field("Name", Schema.STRING_SCHEMA)
                .field("QTY", Schema.INT32_SCHEMA).build();
        JdbcSinkTask task = start(props(db, "table.name.format", "ORDERS", "insert.mode", "upsert", "pk.mode",
                "record_value", "pk.fields", "ID"));

        task.put(List.of(valueRecord("t", 0, new Struct(upper).put("ID", 1).put("Name", "x").put("QTY", 2))));

        assertThat(rows(db, "SELECT id, name, qty FROM orders")).containsExactly(row(1, "x", 2));
    }
}

package dev.ferry.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.db.DatabaseServer;
import dev.ferry.testkit.db.MariaDbServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink against a real MariaDB: the shared contract, and MySQL-family column types. */
class MariaDbSinkTest extends SinkContract {
    @TempDir
    static Path logs;
    static MariaDbServer mariadb;

    @BeforeAll
    static void startServer() throws Exception {
        mariadb = MariaDbServer.start(logs, "pw-sink-maria");
    }

    @AfterAll
    static void stopServer() throws Exception {
        mariadb.close();
    }

    @Override
    DatabaseServer server() {
        return mariadb;
    }

    @Override
    String q(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    String lockTimeoutUrlSuffix() {
        return "?sessionVariables=innodb_lock_wait_timeout=1";
    }

    @Test
    void aValueTooLongForItsColumnGoesToTheReporter() throws Exception {
        String db = newDatabase();
        execute(db, "CREATE TABLE orders (id INT PRIMARY KEY, name VARCHAR(5), qty INT)");
        RecordingContext context = RecordingContext.withReporter();
        JdbcSinkTask task = start(props(db), context);
        SinkRecord tooLong = valueRecord("orders", 1, order(2, "far too long", 2));

        task.put(List.of(valueRecord("orders", 0, order(1, "short", 1)), tooLong,
                valueRecord("orders", 2, order(3, "ok", 3))));

        assertThat(context.reported).containsExactly(tooLong);
        assertThat(context.reasons.get(0).getMessage()).contains("offset 1").contains("name");
        assertThat(rows(db, "SELECT id FROM orders ORDER BY id")).containsExactly(row(1), row(3));
    }

    @Test
    void keyStringsAreVarcharBooleansTinyintAndDebeziumMicrosecondsKeepTheirPrecision() throws Exception {
        String db = newDatabase();
        Schema schema = SchemaBuilder.struct()
                .field("code", Schema.STRING_SCHEMA).field("flag", Schema.BOOLEAN_SCHEMA)
                .field("micros", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").build())
                .field("note", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        Struct value = new Struct(schema).put("code", "ab-1").put("flag", true).put("micros", 1_700_000_000_123_456L);
        JdbcSinkTask task = start(props(db, "auto.create", "true", "insert.mode", "upsert", "pk.mode",
                "record_value", "pk.fields", "code"));

        task.put(List.of(valueRecord("codes", 0, value), valueRecord("codes", 1, value.put("note", "again"))));

        assertThat(rows(db, "SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                + db + "' AND TABLE_NAME = 'codes' ORDER BY ORDINAL_POSITION")).containsExactly(
                row("code", "varchar(256)"), row("flag", "tinyint(1)"), row("micros", "datetime(6)"),
                row("note", "text"));
        try (Connection c = connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT code, flag, micros, note FROM codes")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(2)).isEqualTo(true);
            assertThat(rs.getObject(3, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2023, 11, 14, 22, 13, 20,
                    123_456_000));
            assertThat(rs.getString(4)).isEqualTo("again");
            assertThat(rs.next()).isFalse();
        }
    }
}

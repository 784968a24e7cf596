package dev.ferry.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each supported column type of PostgreSQL and MariaDB read into its Connect schema and value (a row of values and a
 * row of NULLs), the numeric.mapping rules, timestamp.granularity and the time zone rules.
 */
class SourceTypesTest {

    /** 2024-02-29 (a leap day) at midnight UTC. */
    private static final long LEAP_DAY = 1_709_164_800_000L;
    /** 13:14:15.123 as a time of day. */
    private static final long TIME_OF_DAY = 47_655_123L;
    /** 2024-02-29 13:14:15.123 UTC. */
    private static final long LEAP_DAY_AFTERNOON = 1_709_212_455_123L;

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

    /** The table's rows (ordered by id) as the source reads them in bulk mode with the given extra config. */
    static List<Struct> read(Databases.Db db, String table, int rows, String... config) throws Exception {
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            Map<String, String> props = db.config(config);
            props.put("mode", "bulk");
            props.put("tables", SourceModesTest.tables(db, table));
            return runner.start(props).poll(rows, Duration.ofSeconds(10)).stream().map(r -> (Struct) r.value())
                    .sorted(Comparator.comparing(s -> ((Number) s.get("id")).intValue())).toList();
        }
    }

    private static Schema optional(Schema.Type type) {
        return SchemaBuilder.type(type).optional().build();
    }

    private static Schema decimal(int scale, int precision) {
        return Decimal.builder(scale).parameter("connect.decimal.precision", Integer.toString(precision)).optional()
                .build();
    }

    /** Asserts a field's schema and its value in the row of values, and NULL in the row of NULLs. */
    private static void assertColumn(List<Struct> rows, String column, Schema schema, Object value) {
        Struct values = rows.get(0);
        assertThat(values.schema().field(column)).as(column).isNotNull();
        assertThat(values.schema().field(column).schema()).as("schema of " + column).isEqualTo(schema);
        Object actual = values.get(column);
        if (value instanceof byte[] bytes) {
            assertThat((byte[]) actual).as(column).isEqualTo(bytes);
        } else if (value instanceof java.util.Date date) {
            assertThat(((java.util.Date) actual).getTime()).as(column).isEqualTo(date.getTime());
        } else {
            assertThat(actual).as(column).isEqualTo(value);
        }
        if (rows.size() > 1) {
            assertThat(rows.get(1).get(column)).as(column + " in the row of NULLs").isNull();
        }
    }

    @Test
    void postgresColumnTypesMapToTheirConnectSchemasAndValues() throws Exception {
        Databases.Db db = databases.fresh(true);
        String columns = "i2 SMALLINT, i4 INTEGER, i8 BIGINT, r REAL, d DOUBLE PRECISION, n10_2 NUMERIC(10,2), "
                + "n5 NUMERIC(5,0), n NUMERIC, b BOOLEAN, c CHAR(3), vc VARCHAR(10), t TEXT, by BYTEA, dt DATE, "
                + "tm TIME(6), ttz TIMETZ, ts TIMESTAMP(6), tstz TIMESTAMPTZ, u UUID, j JSON, jb JSONB, x XML, "
                + "ia INT[], ta TEXT[], ba BOOLEAN[], i8a BIGINT[], bits BIT(4), m MONEY, iv INTERVAL, ip INET";
        db.execute("CREATE TABLE all_types (id INT NOT NULL, " + columns + ")",
                "INSERT INTO all_types VALUES (1, -2, 4, 8000000000, 1.5, 2.25, 12345678.91, 12345, "
                        + "3.14159265358979323846, true, 'abc', 'v', 'text', '\\x0102ff', '2024-02-29', "
                        + "'13:14:15.123456', '13:14:15+02', '2024-02-29 13:14:15.123456', "
                        + "'2024-02-29 13:14:15.123456+02', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": 1}', "
                        + "'{\"b\": 2}', '<a>x</a>', '{1,NULL,3}', '{x,y}', '{true,false}', '{9000000000}', B'1010', "
                        + "12.34, '1 day', '10.0.0.1')",
                "INSERT INTO all_types (id) VALUES (2)");
        List<Struct> rows = read(db, "all_types", 2);

        assertThat(rows.get(0).schema().name()).isEqualTo("all_types");
        assertThat(rows.get(0).schema().field("id").schema()).isEqualTo(Schema.INT32_SCHEMA);
        assertColumn(rows, "i2", optional(Schema.Type.INT16), (short) -2);
        assertColumn(rows, "i4", optional(Schema.Type.INT32), 4);
        assertColumn(rows, "i8", optional(Schema.Type.INT64), 8_000_000_000L);
        assertColumn(rows, "r", optional(Schema.Type.FLOAT32), 1.5f);
        assertColumn(rows, "d", optional(Schema.Type.FLOAT64), 2.25d);
        assertColumn(rows, "n10_2", decimal(2, 10), new BigDecimal("12345678.91"));
        assertColumn(rows, "n5", decimal(0, 5), new BigDecimal("12345"));
        // an unconstrained numeric keeps every digit at scale 127 (Confluent's choice)
        assertColumn(rows, "n", decimal(127, 0), new BigDecimal("3.14159265358979323846").setScale(127));
        assertColumn(rows, "b", optional(Schema.Type.BOOLEAN), true);
        assertColumn(rows, "c", optional(Schema.Type.STRING), "abc");
        assertColumn(rows, "vc", optional(Schema.Type.STRING), "v");
        assertColumn(rows, "t", optional(Schema.Type.STRING), "text");
        assertColumn(rows, "by", optional(Schema.Type.BYTES), new byte[] {1, 2, -1});
        assertColumn(rows, "dt", Date.builder().optional().build(), new java.util.Date(LEAP_DAY));
        assertColumn(rows, "tm", Time.builder().optional().build(), new java.util.Date(TIME_OF_DAY));
        assertColumn(rows, "ttz", Time.builder().optional().build(), new java.util.Date(40_455_000L));
        assertColumn(rows, "ts", Timestamp.builder().optional().build(), new java.util.Date(LEAP_DAY_AFTERNOON));
        assertColumn(rows, "tstz", Timestamp.builder().optional().build(),
                new java.util.Date(LEAP_DAY_AFTERNOON - 2 * 3_600_000L));
        assertColumn(rows, "u", optional(Schema.Type.STRING), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertColumn(rows, "j", optional(Schema.Type.STRING), "{\"a\": 1}");
        assertColumn(rows, "jb", optional(Schema.Type.STRING), "{\"b\": 2}");
        assertColumn(rows, "x", optional(Schema.Type.STRING), "<a>x</a>");
        assertColumn(rows, "ia", SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).optional().build(),
                Arrays.asList(1, null, 3));
        assertColumn(rows, "ta", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build(),
                List.of("x", "y"));
        assertColumn(rows, "ba", SchemaBuilder.array(Schema.OPTIONAL_BOOLEAN_SCHEMA).optional().build(),
                List.of(true, false));
        assertColumn(rows, "i8a", SchemaBuilder.array(Schema.OPTIONAL_INT64_SCHEMA).optional().build(),
                List.of(9_000_000_000L));
        assertColumn(rows, "bits", optional(Schema.Type.STRING), "1010");
        assertColumn(rows, "m", optional(Schema.Type.FLOAT64), 12.34d);
        // no Connect type for these: left out, with a warning naming them
        assertThat(rows.get(0).schema().field("iv")).isNull();
        assertThat(rows.get(0).schema().field("ip")).isNull();
    }

    @Test
    void mariadbColumnTypesMapToTheirConnectSchemasAndValues() throws Exception {
        Databases.Db db = databases.fresh(false);
        db.execute("CREATE TABLE all_types (id INT NOT NULL, ti TINYINT, tb TINYINT(1), bo BOOLEAN, "
                        + "tu TINYINT UNSIGNED, si SMALLINT, su SMALLINT UNSIGNED, mi MEDIUMINT, i INT NOT NULL "
                        + "DEFAULT 0, iu INT UNSIGNED, bi BIGINT, bu BIGINT UNSIGNED, f FLOAT, d DOUBLE, "
                        + "de DECIMAL(10,2), b1 BIT(1), b12 BIT(12), c CHAR(3), vc VARCHAR(10), t TEXT, bl BLOB, "
                        + "vb VARBINARY(10), dt DATE, tm TIME(3), dtm DATETIME(6), ts TIMESTAMP(6) NULL, y YEAR, "
                        + "e ENUM('x','y'), j JSON)",
                "INSERT INTO all_types VALUES (1, -1, 1, 0, 255, -2, 65535, -3, 4, 4294967295, 8000000000, "
                        + "9223372036854775807, 1.5, 2.25, 12345678.91, b'1', b'101010101010', 'abc', 'v', 'text', "
                        + "x'0102ff', x'0a', '2024-02-29', '13:14:15.123', '2024-02-29 13:14:15.123456', "
                        + "'2024-02-29 13:14:15.123456', 2024, 'y', '{\"a\": 1}')",
                "INSERT INTO all_types (id) VALUES (2)");
        List<Struct> rows = read(db, "all_types", 2);

        assertThat(rows.get(0).schema().field("i").schema()).isEqualTo(Schema.INT32_SCHEMA);
        assertColumn(rows, "ti", optional(Schema.Type.INT8), (byte) -1);
        assertColumn(rows, "tb", optional(Schema.Type.INT8), (byte) 1);
        assertColumn(rows, "bo", optional(Schema.Type.INT8), (byte) 0);
        assertColumn(rows, "tu", optional(Schema.Type.INT16), (short) 255);
        assertColumn(rows, "si", optional(Schema.Type.INT16), (short) -2);
        assertColumn(rows, "su", optional(Schema.Type.INT32), 65535);
        assertColumn(rows, "mi", optional(Schema.Type.INT32), -3);
        assertColumn(rows, "iu", optional(Schema.Type.INT64), 4_294_967_295L);
        assertColumn(rows, "bi", optional(Schema.Type.INT64), 8_000_000_000L);
        assertColumn(rows, "bu", optional(Schema.Type.INT64), Long.MAX_VALUE);
        assertColumn(rows, "f", optional(Schema.Type.FLOAT32), 1.5f);
        assertColumn(rows, "d", optional(Schema.Type.FLOAT64), 2.25d);
        assertColumn(rows, "de", decimal(2, 10), new BigDecimal("12345678.91"));
        assertColumn(rows, "b1", optional(Schema.Type.INT8), (byte) 1);
        assertColumn(rows, "b12", optional(Schema.Type.BYTES), new byte[] {0x0a, (byte) 0xaa});
        assertColumn(rows, "c", optional(Schema.Type.STRING), "abc");
        assertColumn(rows, "vc", optional(Schema.Type.STRING), "v");
        assertColumn(rows, "t", optional(Schema.Type.STRING), "text");
        assertColumn(rows, "bl", optional(Schema.Type.BYTES), new byte[] {1, 2, -1});
        assertColumn(rows, "vb", optional(Schema.Type.BYTES), new byte[] {10});
        assertColumn(rows, "dt", Date.builder().optional().build(), new java.util.Date(LEAP_DAY));
        assertColumn(rows, "tm", Time.builder().optional().build(), new java.util.Date(TIME_OF_DAY));
        assertColumn(rows, "dtm", Timestamp.builder().optional().build(), new java.util.Date(LEAP_DAY_AFTERNOON));
        assertColumn(rows, "ts", Timestamp.builder().optional().build(), new java.util.Date(LEAP_DAY_AFTERNOON));
        assertColumn(rows, "y", Date.builder().optional().build(), new java.util.Date(1_704_067_200_000L));
        assertColumn(rows, "e", optional(Schema.Type.STRING), "y");
        assertColumn(rows, "j", optional(Schema.Type.STRING), "{\"a\": 1}");
    }

    @Test
    void aBigintUnsignedAboveInt64FailsNamingTheColumnAndTheFix() throws Exception {
        Databases.Db db = databases.fresh(false);
        db.execute("CREATE TABLE big (id INT NOT NULL, bu BIGINT UNSIGNED)",
                "INSERT INTO big VALUES (1, 18446744073709551615)");
        try (SourceTaskRunner runner = new SourceTaskRunner()) {
            runner.start(db.config("mode", "bulk", "tables", SourceModesTest.tables(db, "big")));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner.poll(1, Duration.ofSeconds(10)))
                    .hasMessageContaining("'bu'").hasMessageContaining("18446744073709551615")
                    .hasMessageContaining("CAST(bu AS DECIMAL(20,0))");
        }
    }

    @Test
    void numericMappingTurnsNumericsThatFitIntoPrimitives() throws Exception {
        Databases.Db db = databases.fresh(true);
        db.execute("CREATE TABLE nums (id INT NOT NULL, n2 NUMERIC(2,0), n4 NUMERIC(4), n9 NUMERIC(9), "
                        + "n18 NUMERIC(18), n19 NUMERIC(19), s NUMERIC(10,3), s30 NUMERIC(30,3), n NUMERIC)",
                "INSERT INTO nums VALUES (1, 12, 1234, 123456789, 123456789012345678, 1234567890123456789, "
                        + "1234567.125, 1.5, 7)");
        Struct none = read(db, "nums", 1, "numeric.mapping", "none").get(0);
        assertThat(none.schema().field("n2").schema()).isEqualTo(decimal(0, 2));

        Struct precisionOnly = read(db, "nums", 1, "numeric.precision.mapping", "true").get(0);
        assertThat(precisionOnly.get("n2")).isEqualTo((byte) 12);
        assertThat(precisionOnly.get("n4")).isEqualTo((short) 1234);
        assertThat(precisionOnly.get("n9")).isEqualTo(123456789);
        assertThat(precisionOnly.get("n18")).isEqualTo(123456789012345678L);
        assertThat(precisionOnly.schema().field("n19").schema()).isEqualTo(decimal(0, 19));
        assertThat(precisionOnly.schema().field("s").schema()).isEqualTo(decimal(3, 10));

        Struct bestFit = read(db, "nums", 1, "numeric.mapping", "best_fit").get(0);
        assertThat(bestFit.get("n9")).isEqualTo(123456789);
        assertThat(bestFit.get("s")).isEqualTo(1234567.125d);
        assertThat(bestFit.schema().field("s30").schema()).isEqualTo(decimal(3, 30));
        // no declared precision: it cannot be known to fit, so it stays exact
        assertThat(bestFit.schema().field("n").schema()).isEqualTo(decimal(127, 0));

        Struct eager = read(db, "nums", 1, "numeric.mapping", "best_fit_eager_double").get(0);
        assertThat(eager.get("s30")).isEqualTo(1.5d);
        assertThat(eager.get("n19")).isEqualTo(new BigDecimal("1234567890123456789"));
    }

    @Test
    void timestampGranularityKeepsMicrosecondsAndDbTimezoneShiftsLocalTimesOnly() throws Exception {
        Databases.Db db = databases.fresh(true);
        db.execute("CREATE TABLE times (id INT NOT NULL, ts TIMESTAMP(6), tstz TIMESTAMPTZ, dt DATE, tm TIME)",
                "INSERT INTO times VALUES (1, '2024-02-29 13:14:15.123456', '2024-02-29 13:14:15.123456+00', "
                        + "'2024-02-29', '13:14:15.123')");
        long micros = LEAP_DAY_AFTERNOON * 1000 + 456;
        assertThat(read(db, "times", 1, "timestamp.granularity", "micros_long").get(0).get("ts")).isEqualTo(micros);
        assertThat(read(db, "times", 1, "timestamp.granularity", "nanos_string").get(0).get("ts"))
                .isEqualTo(micros * 1000 + "");
        assertThat(read(db, "times", 1, "timestamp.granularity", "micros_iso_datetime_string").get(0).get("tstz"))
                .isEqualTo("2024-02-29T13:14:15.123456");

        Struct berlin = read(db, "times", 1, "db.timezone", "Europe/Berlin").get(0);
        // a local date-time is read as Berlin time (UTC+1 in February); an instant, a date and a time of day are not
        assertThat(((java.util.Date) berlin.get("ts")).getTime()).isEqualTo(LEAP_DAY_AFTERNOON - 3_600_000L);
        assertThat(((java.util.Date) berlin.get("tstz")).getTime()).isEqualTo(LEAP_DAY_AFTERNOON);
        assertThat(((java.util.Date) berlin.get("dt")).getTime()).isEqualTo(LEAP_DAY);
        assertThat(((java.util.Date) berlin.get("tm")).getTime()).isEqualTo(TIME_OF_DAY);
    }
}

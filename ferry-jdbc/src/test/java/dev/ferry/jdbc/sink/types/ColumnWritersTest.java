package dev.ferry.jdbc.sink.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.jdbc.dialect.GenericDialect;
import dev.ferry.jdbc.dialect.MySqlDialect;
import dev.ferry.jdbc.dialect.PostgreSqlDialect;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

/** The column type auto-create and auto-evolve declare for each Connect type, per dialect (docs/JDBC.md's table). */
class ColumnWritersTest {
    private static final ColumnWriters POSTGRES = ColumnWriters.of(new PostgreSqlDialect(), TimeZones.UTC);
    private static final ColumnWriters MYSQL = ColumnWriters.of(new MySqlDialect(), TimeZones.UTC);
    private static final ColumnWriters GENERIC = ColumnWriters.of(new GenericDialect(), TimeZones.UTC);

    private static Schema named(SchemaBuilder builder, String name) {
        return builder.name(name).build();
    }

    /** Schema -> {PostgreSQL, MySQL/MariaDB, generic} column types; a key column's type where it differs after |. */
    private static Map<Schema, List<String>> table() {
        Map<Schema, List<String>> t = new LinkedHashMap<>();
        t.put(Schema.INT8_SCHEMA, List.of("SMALLINT", "TINYINT", "SMALLINT"));
        t.put(Schema.INT16_SCHEMA, List.of("SMALLINT", "SMALLINT", "SMALLINT"));
        t.put(Schema.INT32_SCHEMA, List.of("INTEGER", "INT", "INTEGER"));
        t.put(Schema.INT64_SCHEMA, List.of("BIGINT", "BIGINT", "BIGINT"));
        t.put(Schema.FLOAT32_SCHEMA, List.of("REAL", "FLOAT", "REAL"));
        t.put(Schema.FLOAT64_SCHEMA, List.of("DOUBLE PRECISION", "DOUBLE", "DOUBLE PRECISION"));
        t.put(Schema.BOOLEAN_SCHEMA, List.of("BOOLEAN", "TINYINT(1)", "BOOLEAN"));
        t.put(Schema.STRING_SCHEMA, List.of("TEXT|TEXT", "TEXT|VARCHAR(256)", "VARCHAR(4000)|VARCHAR(256)"));
        t.put(Schema.BYTES_SCHEMA, List.of("BYTEA|BYTEA", "BLOB|VARBINARY(1024)", "BLOB|VARBINARY(1024)"));
        t.put(Decimal.schema(3), List.of("NUMERIC", "DECIMAL(65,3)", "DECIMAL(38,3)"));
        t.put(Decimal.builder(2).parameter("connect.decimal.precision", "10").build(),
                List.of("NUMERIC(10,2)", "DECIMAL(10,2)", "DECIMAL(10,2)"));
        t.put(Date.SCHEMA, List.of("DATE", "DATE", "DATE"));
        t.put(Time.SCHEMA, List.of("TIME", "TIME(3)", "TIME"));
        t.put(Timestamp.SCHEMA, List.of("TIMESTAMP", "DATETIME(3)", "TIMESTAMP"));
        t.put(named(SchemaBuilder.int64(), "io.debezium.time.MicroTimestamp"),
                List.of("TIMESTAMP", "DATETIME(6)", "TIMESTAMP"));
        t.put(named(SchemaBuilder.string(), "io.debezium.time.ZonedTimestamp"),
                List.of("TIMESTAMPTZ", "DATETIME(6)", "TIMESTAMP WITH TIME ZONE"));
        t.put(named(SchemaBuilder.int32(), "io.debezium.time.Date"), List.of("DATE", "DATE", "DATE"));
        t.put(named(SchemaBuilder.string(), "io.debezium.data.Uuid"),
                List.of("UUID", "CHAR(36)", "VARCHAR(4000)|VARCHAR(256)"));
        t.put(named(SchemaBuilder.string(), "io.debezium.data.Json"),
                List.of("JSON", "JSON|VARCHAR(256)", "VARCHAR(4000)|VARCHAR(256)"));
        t.put(SchemaBuilder.array(Schema.INT32_SCHEMA).build(), List.of("INTEGER[]", "-", "-"));
        t.put(SchemaBuilder.array(Schema.STRING_SCHEMA).build(), List.of("TEXT[]", "-", "-"));
        return t;
    }

    @Test
    void everyConnectTypeHasItsColumnTypeInEachDialect() {
        table().forEach((schema, expected) -> {
            List<ColumnWriters> registries = List.of(POSTGRES, MYSQL, GENERIC);
            for (int i = 0; i < registries.size(); i++) {
                String[] types = expected.get(i).split("\\|");
                ColumnWriters registry = registries.get(i);
                String what = ColumnWriters.describe(schema) + " in " + registry.databaseName();
                if (types[0].equals("-")) {
                    assertThatThrownBy(() -> registry.writerFor(schema)).as(what)
                            .isInstanceOf(UnmappableTypeException.class);
                    continue;
                }
                ColumnWriter writer = registry.writerFor(schema);
                assertThat(writer.columnType(schema, false)).as(what).isEqualTo(types[0]);
                assertThat(writer.columnType(schema, true)).as(what + " as a key")
                        .isEqualTo(types.length > 1 ? types[1] : types[0]);
            }
        });
    }

    @Test
    void structsMapsAndArraysOfStructsHaveNoColumnAndTheMessageSaysWhatToDo() {
        Schema struct = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build();
        for (ColumnWriters registry : List.of(POSTGRES, MYSQL, GENERIC)) {
            assertThatThrownBy(() -> registry.writerFor(struct)).hasMessageContaining("Connect type STRUCT")
                    .hasMessageContaining("Flatten");
            assertThatThrownBy(() -> registry.writerFor(SchemaBuilder.map(Schema.STRING_SCHEMA,
                    Schema.STRING_SCHEMA).build())).hasMessageContaining("Connect type MAP");
        }
        assertThatThrownBy(() -> POSTGRES.writerFor(SchemaBuilder.array(struct).build()))
                .hasMessageContaining("ARRAY of STRUCT");
    }

    @Test
    void aDecimalScaleMySqlCannotHoldIsRefusedWithTheFix() {
        Schema wide = Decimal.schema(127);
        assertThatThrownBy(() -> MYSQL.writerFor(wide).columnType(wide, false))
                .hasMessageContaining("scale 127").hasMessageContaining("0 to 30");
        assertThat(POSTGRES.writerFor(wide).columnType(wide, false)).isEqualTo("NUMERIC");
    }
}

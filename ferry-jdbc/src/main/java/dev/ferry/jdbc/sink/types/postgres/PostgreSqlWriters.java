package dev.ferry.jdbc.sink.types.postgres;

import dev.ferry.jdbc.dialect.ColumnInfo;
import dev.ferry.jdbc.sink.types.BooleanWriter;
import dev.ferry.jdbc.sink.types.BytesWriter;
import dev.ferry.jdbc.sink.types.ColumnWriter;
import dev.ferry.jdbc.sink.types.ColumnWriters;
import dev.ferry.jdbc.sink.types.DateWriter;
import dev.ferry.jdbc.sink.types.DecimalWriter;
import dev.ferry.jdbc.sink.types.EpochDateWriter;
import dev.ferry.jdbc.sink.types.EpochTimestampWriter;
import dev.ferry.jdbc.sink.types.FloatWriter;
import dev.ferry.jdbc.sink.types.IntegerWriter;
import dev.ferry.jdbc.sink.types.StringWriter;
import dev.ferry.jdbc.sink.types.TimeWriter;
import dev.ferry.jdbc.sink.types.TimeZones;
import dev.ferry.jdbc.sink.types.TimestampWriter;
import dev.ferry.jdbc.sink.types.ZonedTimestampWriter;
import java.sql.Types;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * PostgreSQL's column writers: {@code numeric} (unbounded unless the schema carries a precision, so every scale is
 * kept exactly), {@code timestamp} for Connect Timestamps (Confluent's choice; a user's {@code timestamptz} column
 * gets the instant), {@code timestamptz} for Debezium's ZonedTimestamp, {@code uuid}, {@code json}/{@code jsonb},
 * {@code bytea} and arrays of primitive types.
 */
public final class PostgreSqlWriters extends ColumnWriters {
    /** Column types a string parameter must be cast to, since PostgreSQL converts no text parameter to them. */
    private static final Set<String> CAST_TYPES = Set.of("uuid", "json", "jsonb");

    public PostgreSqlWriters(TimeZones zones) {
        super(zones);
        register(Schema.Type.INT8, new IntegerWriter("SMALLINT", Types.SMALLINT));
        register(Schema.Type.INT16, new IntegerWriter("SMALLINT", Types.SMALLINT));
        register(Schema.Type.INT32, new IntegerWriter("INTEGER", Types.INTEGER));
        register(Schema.Type.INT64, new IntegerWriter("BIGINT", Types.BIGINT));
        register(Schema.Type.FLOAT32, new FloatWriter("REAL"));
        register(Schema.Type.FLOAT64, new FloatWriter("DOUBLE PRECISION"));
        register(Schema.Type.BOOLEAN, new BooleanWriter("BOOLEAN", false));
        register(Schema.Type.STRING, new StringWriter("TEXT", "TEXT"));
        register(Schema.Type.BYTES, new BytesWriter("BYTEA", "BYTEA"));
        register(Decimal.LOGICAL_NAME, new DecimalWriter(PostgreSqlWriters::numeric));
        register(Date.LOGICAL_NAME, new DateWriter(zones));
        register(Time.LOGICAL_NAME, new TimeWriter("TIME", zones));
        register(Timestamp.LOGICAL_NAME, new TimestampWriter("TIMESTAMP", zones));
        register("io.debezium.time.Timestamp", new EpochTimestampWriter(ChronoUnit.MILLIS, "TIMESTAMP"));
        register("io.debezium.time.MicroTimestamp", new EpochTimestampWriter(ChronoUnit.MICROS, "TIMESTAMP"));
        register("io.debezium.time.NanoTimestamp", new EpochTimestampWriter(ChronoUnit.NANOS, "TIMESTAMP"));
        register(EpochDateWriter.LOGICAL_NAME, new EpochDateWriter());
        register(ZonedTimestampWriter.LOGICAL_NAME, new ZonedTimestampWriter("TIMESTAMPTZ", zones));
        register(UuidWriter.LOGICAL_NAME, new UuidWriter());
        register(JsonWriter.LOGICAL_NAME, new JsonWriter());
    }

    /** {@code numeric(p,s)} when the precision is known and valid, else unbounded {@code numeric}. */
    static String numeric(Integer precision, int scale) {
        if (precision != null && precision >= 1 && precision <= 1000 && scale >= 0 && scale <= precision) {
            return "NUMERIC(" + precision + "," + scale + ")";
        }
        return "NUMERIC";
    }

    @Override
    protected ColumnWriter arrayWriter(Schema schema) {
        ArrayWriter.requireSupported(schema);
        return new ArrayWriter(writerFor(schema.valueSchema()), schema);
    }

    @Override
    public String placeholder(ColumnWriter writer, ColumnInfo column) {
        if (column != null && column.typeName() != null
                && CAST_TYPES.contains(column.typeName().toLowerCase(Locale.ROOT))) {
            return "?::" + column.typeName().toLowerCase(Locale.ROOT);
        }
        return super.placeholder(writer, column);
    }

    @Override
    protected String epochInstantType() {
        return "TIMESTAMP";
    }

    @Override
    protected String databaseName() {
        return "PostgreSQL";
    }
}

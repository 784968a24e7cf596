package dev.ferry.jdbc.sink.types.generic;

import dev.ferry.jdbc.sink.types.BooleanWriter;
import dev.ferry.jdbc.sink.types.BytesWriter;
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
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * ANSI SQL column writers for databases without a dialect of their own: standard type names only
 * ({@code varchar(4000)} for strings, as ANSI has no unbounded text type every database accepts;
 * {@code decimal(38,s)} unless the schema carries a precision).
 */
public final class GenericWriters extends ColumnWriters {
    static final int DEFAULT_DECIMAL_PRECISION = 38;

    public GenericWriters(TimeZones zones) {
        super(zones);
        register(Schema.Type.INT8, new IntegerWriter("SMALLINT", Types.SMALLINT));
        register(Schema.Type.INT16, new IntegerWriter("SMALLINT", Types.SMALLINT));
        register(Schema.Type.INT32, new IntegerWriter("INTEGER", Types.INTEGER));
        register(Schema.Type.INT64, new IntegerWriter("BIGINT", Types.BIGINT));
        register(Schema.Type.FLOAT32, new FloatWriter("REAL"));
        register(Schema.Type.FLOAT64, new FloatWriter("DOUBLE PRECISION"));
        register(Schema.Type.BOOLEAN, new BooleanWriter("BOOLEAN", false));
        register(Schema.Type.STRING, new StringWriter("VARCHAR(4000)", "VARCHAR(256)"));
        register(Schema.Type.BYTES, new BytesWriter("BLOB", "VARBINARY(1024)"));
        register(Decimal.LOGICAL_NAME, new DecimalWriter((precision, scale) -> "DECIMAL("
                + (precision != null && precision >= scale ? precision : Math.max(DEFAULT_DECIMAL_PRECISION, scale))
                + "," + scale + ")"));
        register(Date.LOGICAL_NAME, new DateWriter(zones));
        register(Time.LOGICAL_NAME, new TimeWriter("TIME", zones));
        register(Timestamp.LOGICAL_NAME, new TimestampWriter("TIMESTAMP", zones));
        register("io.debezium.time.Timestamp", new EpochTimestampWriter(ChronoUnit.MILLIS, "TIMESTAMP"));
        register("io.debezium.time.MicroTimestamp", new EpochTimestampWriter(ChronoUnit.MICROS, "TIMESTAMP"));
        register("io.debezium.time.NanoTimestamp", new EpochTimestampWriter(ChronoUnit.NANOS, "TIMESTAMP"));
        register(EpochDateWriter.LOGICAL_NAME, new EpochDateWriter());
        register(ZonedTimestampWriter.LOGICAL_NAME, new ZonedTimestampWriter("TIMESTAMP WITH TIME ZONE", zones));
    }

    @Override
    protected String epochInstantType() {
        return "TIMESTAMP";
    }

    @Override
    protected String databaseName() {
        return "the generic ANSI dialect";
    }
}

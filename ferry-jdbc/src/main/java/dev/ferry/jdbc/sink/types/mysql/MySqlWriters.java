package dev.ferry.jdbc.sink.types.mysql;

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
 * MySQL's and MariaDB's column writers: {@code decimal(65,s)} (the widest MySQL has) unless the schema carries a
 * precision, {@code datetime(3)}/{@code time(3)} for Connect's millisecond times and {@code datetime(6)} for
 * Debezium's microsecond ones, {@code tinyint(1)} for booleans (read back as booleans), {@code text}/{@code blob}
 * with {@code varchar(256)}/{@code varbinary(1024)} for key columns, which cannot be {@code text} or {@code blob}.
 */
public final class MySqlWriters extends ColumnWriters {

    public MySqlWriters(TimeZones zones) {
        super(zones);
        register(Schema.Type.INT8, new IntegerWriter("TINYINT", Types.TINYINT));
        register(Schema.Type.INT16, new IntegerWriter("SMALLINT", Types.SMALLINT));
        register(Schema.Type.INT32, new IntegerWriter("INT", Types.INTEGER));
        register(Schema.Type.INT64, new IntegerWriter("BIGINT", Types.BIGINT));
        register(Schema.Type.FLOAT32, new FloatWriter("FLOAT"));
        register(Schema.Type.FLOAT64, new FloatWriter("DOUBLE"));
        register(Schema.Type.BOOLEAN, new BooleanWriter("TINYINT(1)", true));
        register(Schema.Type.STRING, new StringWriter("TEXT", "VARCHAR(256)"));
        register(Schema.Type.BYTES, new BytesWriter("BLOB", "VARBINARY(1024)"));
        register(Decimal.LOGICAL_NAME, new DecimalWriter(new MySqlDecimalType()));
        register(Date.LOGICAL_NAME, new DateWriter(zones));
        register(Time.LOGICAL_NAME, new TimeWriter("TIME(3)", zones));
        register(Timestamp.LOGICAL_NAME, new TimestampWriter("DATETIME(3)", zones));
        register("io.debezium.time.Timestamp", new EpochTimestampWriter(ChronoUnit.MILLIS, "DATETIME(3)"));
        register("io.debezium.time.MicroTimestamp", new EpochTimestampWriter(ChronoUnit.MICROS, "DATETIME(6)"));
        register("io.debezium.time.NanoTimestamp", new EpochTimestampWriter(ChronoUnit.NANOS, "DATETIME(6)"));
        register(EpochDateWriter.LOGICAL_NAME, new EpochDateWriter());
        register(ZonedTimestampWriter.LOGICAL_NAME, new ZonedTimestampWriter("DATETIME(6)", zones));
        register("io.debezium.data.Uuid", new StringWriter("CHAR(36)", "CHAR(36)"));
        register("io.debezium.data.Json", new StringWriter("JSON", "VARCHAR(256)"));
    }

    @Override
    protected String epochInstantType() {
        return "DATETIME(6)";
    }

    @Override
    protected String databaseName() {
        return "MySQL/MariaDB";
    }
}

package dev.ferry.jdbc.source.types.postgres;

import dev.ferry.jdbc.source.types.ColumnReader;
import dev.ferry.jdbc.source.types.ColumnType;
import dev.ferry.jdbc.source.types.ReadOptions;
import dev.ferry.jdbc.source.types.ResultColumn;
import dev.ferry.jdbc.source.types.TimestampGranularity;

import java.sql.Timestamp;
import java.time.OffsetDateTime;

/**
 * {@code timestamptz} -> the instant it stores (microseconds), per {@code timestamp.granularity}. PostgreSQL keeps
 * it as UTC, so neither {@code db.timezone} nor the session's TimeZone changes the value.
 */
final class TimestampTzType implements ColumnType {
    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        if (!column.typeName().equals("timestamptz")) {
            return null;
        }
        TimestampGranularity granularity = options.timestampGranularity();
        return ColumnReader.of(granularity.schema(column.optional()), column.index(), (row, i) -> {
            OffsetDateTime value = row.getObject(i, OffsetDateTime.class);
            return value == null ? null : granularity.value(Timestamp.from(value.toInstant()), options.dbZone());
        });
    }
}

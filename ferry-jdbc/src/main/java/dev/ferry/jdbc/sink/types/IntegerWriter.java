package dev.ferry.jdbc.sink.types;

import dev.ferry.jdbc.dialect.ColumnInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.kafka.connect.data.Schema;

/** Connect INT8/16/32/64 into an integer column of the width the registry gives ({@code smallint}, {@code bigint}). */
public final class IntegerWriter implements ColumnWriter {
    private final String sqlType;
    private final int jdbcType;

    public IntegerWriter(String sqlType, int jdbcType) {
        this.sqlType = sqlType;
        this.jdbcType = jdbcType;
    }

    @Override
    public String columnType(Schema schema, boolean key) {
        return sqlType;
    }

    @Override
    public void bind(PreparedStatement statement, int index, Schema schema, Object value, ColumnInfo column)
            throws SQLException {
        if (value instanceof Byte b) {
            statement.setShort(index, b);
        } else if (value instanceof Short s) {
            statement.setShort(index, s);
        } else if (value instanceof Integer i) {
            statement.setInt(index, i);
        } else if (value instanceof Long l) {
            statement.setLong(index, l);
        } else {
            throw new UnmappableTypeException("a " + schema.type() + " field holds a " + value.getClass().getName());
        }
    }

    @Override
    public int nullType() {
        return jdbcType;
    }
}

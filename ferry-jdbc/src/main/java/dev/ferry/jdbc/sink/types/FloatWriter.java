package dev.ferry.jdbc.sink.types;

import dev.ferry.jdbc.dialect.ColumnInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.apache.kafka.connect.data.Schema;

/** Connect FLOAT32/FLOAT64 into {@code real}/{@code double precision} (MySQL {@code float}/{@code double}). */
public final class FloatWriter implements ColumnWriter {
    private final String sqlType;

    public FloatWriter(String sqlType) {
        this.sqlType = sqlType;
    }

    @Override
    public String columnType(Schema schema, boolean key) {
        return sqlType;
    }

    @Override
    public void bind(PreparedStatement statement, int index, Schema schema, Object value, ColumnInfo column)
            throws SQLException {
        if (value instanceof Float f) {
            statement.setFloat(index, f);
        } else {
            statement.setDouble(index, ((Number) value).doubleValue());
        }
    }

    @Override
    public int nullType() {
        return Types.DOUBLE;
    }

    @Override
    public String literal(Schema schema, Object value) {
        double d = ((Number) value).doubleValue();
        return Double.isFinite(d) ? value.toString() : null;
    }
}

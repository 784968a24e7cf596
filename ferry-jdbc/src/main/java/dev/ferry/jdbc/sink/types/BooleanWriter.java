package dev.ferry.jdbc.sink.types;

import dev.ferry.jdbc.dialect.ColumnInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.apache.kafka.connect.data.Schema;

/** Connect BOOLEAN into a boolean column ({@code boolean}; MySQL's {@code tinyint(1)}, which reads back as one). */
public final class BooleanWriter implements ColumnWriter {
    private final String sqlType;
    private final boolean numericLiterals;

    /** {@code numericLiterals}: defaults written as 1/0 rather than TRUE/FALSE. */
    public BooleanWriter(String sqlType, boolean numericLiterals) {
        this.sqlType = sqlType;
        this.numericLiterals = numericLiterals;
    }

    @Override
    public String columnType(Schema schema, boolean key) {
        return sqlType;
    }

    @Override
    public void bind(PreparedStatement statement, int index, Schema schema, Object value, ColumnInfo column)
            throws SQLException {
        statement.setBoolean(index, (Boolean) value);
    }

    @Override
    public int nullType() {
        return Types.BOOLEAN;
    }

    @Override
    public String literal(Schema schema, Object value) {
        boolean b = (Boolean) value;
        return numericLiterals ? (b ? "1" : "0") : (b ? "TRUE" : "FALSE");
    }
}

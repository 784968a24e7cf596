package dev.ferry.jdbc.sink.types;

import dev.ferry.jdbc.dialect.ColumnInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.apache.kafka.connect.data.Schema;

/**
 * Connect STRING into a text column; key columns may get a bounded type (MySQL and MariaDB index {@code TEXT} only
 * with a prefix length, so a primary key column is {@code varchar(256)}).
 */
public final class StringWriter implements ColumnWriter {
    private final String sqlType;
    private final String keySqlType;

    public StringWriter(String sqlType, String keySqlType) {
        this.sqlType = sqlType;
        this.keySqlType = keySqlType;
    }

    @Override
    public String columnType(Schema schema, boolean key) {
        return key ? keySqlType : sqlType;
    }

    @Override
    public void bind(PreparedStatement statement, int index, Schema schema, Object value, ColumnInfo column)
            throws SQLException {
        statement.setString(index, (String) value);
    }

    @Override
    public int nullType() {
        return Types.VARCHAR;
    }
}

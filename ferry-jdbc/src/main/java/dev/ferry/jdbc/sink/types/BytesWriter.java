package dev.ferry.jdbc.sink.types;

import dev.ferry.jdbc.dialect.ColumnInfo;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.apache.kafka.connect.data.Schema;

/** Connect BYTES into a binary column ({@code bytea}; MySQL {@code blob}, {@code varbinary(1024)} as a key). */
public final class BytesWriter implements ColumnWriter {
    private final String sqlType;
    private final String keySqlType;

    public BytesWriter(String sqlType, String keySqlType) {
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
        statement.setBytes(index, bytes(value));
    }

    static byte[] bytes(Object value) {
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.slice();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return bytes;
        }
        return (byte[]) value;
    }

    @Override
    public int nullType() {
        return Types.BINARY;
    }

    @Override
    public String literal(Schema schema, Object value) {
        return null; // no portable binary literal; the column is declared without a default
    }
}

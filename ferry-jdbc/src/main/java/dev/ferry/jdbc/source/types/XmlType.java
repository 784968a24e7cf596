package dev.ferry.jdbc.source.types;

import org.apache.kafka.connect.data.Schema;

import java.sql.SQLXML;
import java.sql.Types;

/** {@code XML} -> STRING (the document's text). */
final class XmlType implements ColumnType {
    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        if (column.jdbcType() != Types.SQLXML) {
            return null;
        }
        return ColumnReader.of(Schemas.of(Schema.Type.STRING, column.optional()), column.index(), (row, i) -> {
            SQLXML xml = row.getSQLXML(i);
            return xml == null ? null : xml.getString();
        });
    }
}

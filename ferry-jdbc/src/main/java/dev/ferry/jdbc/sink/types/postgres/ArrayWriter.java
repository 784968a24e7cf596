package dev.ferry.jdbc.sink.types.postgres;

import dev.ferry.jdbc.dialect.ColumnInfo;
import dev.ferry.jdbc.sink.types.ColumnWriter;
import dev.ferry.jdbc.sink.types.ColumnWriters;
import dev.ferry.jdbc.sink.types.UnmappableTypeException;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.connect.data.Schema;

/**
 * A Connect ARRAY of a primitive type into a PostgreSQL array column ({@code integer[]}, {@code text[]}): the
 * element type's column type with {@code []}. Arrays of structs, maps, arrays or bytes have no column here.
 */
final class ArrayWriter implements ColumnWriter {
    private final String elementType;

    ArrayWriter(ColumnWriter element, Schema schema) {
        this.elementType = element.columnType(schema.valueSchema(), false);
    }

    static void requireSupported(Schema schema) {
        Schema elementSchema = schema.valueSchema();
        if (!elementSchema.type().isPrimitive() || elementSchema.type() == Schema.Type.BYTES
                || elementSchema.name() != null) {
            throw new UnmappableTypeException(ColumnWriters.describe(schema) + " has no column type in PostgreSQL "
                    + "(arrays of numbers, booleans and strings do): flatten or drop the field with an SMT, or "
                    + "leave it out with fields.whitelist");
        }
    }

    @Override
    public String columnType(Schema schema, boolean key) {
        return elementType + "[]";
    }

    @Override
    public void bind(PreparedStatement statement, int index, Schema schema, Object value, ColumnInfo column)
            throws SQLException {
        Collection<?> items = value instanceof Collection<?> c ? c : List.of((Object[]) value);
        Object[] elements = items.stream().map(i -> i instanceof Byte b ? (Object) b.shortValue() : i).toArray();
        // the base type's name as pgjdbc knows it: "double precision" -> float8 etc.
        Array array = statement.getConnection().createArrayOf(baseTypeName(), elements);
        statement.setArray(index, array);
    }

    private String baseTypeName() {
        return switch (elementType.toUpperCase(Locale.ROOT)) {
            case "SMALLINT" -> "int2";
            case "INTEGER" -> "int4";
            case "BIGINT" -> "int8";
            case "REAL" -> "float4";
            case "DOUBLE PRECISION" -> "float8";
            case "BOOLEAN" -> "bool";
            default -> "text";
        };
    }

    @Override
    public int nullType() {
        return Types.ARRAY;
    }

    @Override
    public String literal(Schema schema, Object value) {
        return null;
    }
}

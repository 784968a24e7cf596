package dev.ferry.jdbc.source.types.postgres;

import dev.ferry.jdbc.source.types.ColumnReader;
import dev.ferry.jdbc.source.types.ColumnType;
import dev.ferry.jdbc.source.types.ReadOptions;
import dev.ferry.jdbc.source.types.ResultColumn;
import dev.ferry.jdbc.source.types.Schemas;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

import java.sql.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One-dimensional arrays of the element types Connect has a primitive for -> ARRAY of that (elements optional, since
 * PostgreSQL arrays may hold NULLs): {@code smallint[]} INT16, {@code integer[]} INT32, {@code bigint[]} INT64,
 * {@code real[]} FLOAT32, {@code double precision[]} FLOAT64, {@code boolean[]} BOOLEAN, {@code text[]},
 * {@code varchar[]}, {@code char[]} and {@code uuid[]} STRING. Other arrays (numeric, dates, nested) are left out
 * with the other unsupported columns.
 */
final class ArrayType implements ColumnType {

    private record Element(Schema schema, Function<Object, Object> convert) {
    }

    private static final Map<String, Element> ELEMENTS = Map.of(
            "_int2", new Element(Schema.OPTIONAL_INT16_SCHEMA, v -> ((Number) v).shortValue()),
            "_int4", new Element(Schema.OPTIONAL_INT32_SCHEMA, v -> ((Number) v).intValue()),
            "_int8", new Element(Schema.OPTIONAL_INT64_SCHEMA, v -> ((Number) v).longValue()),
            "_float4", new Element(Schema.OPTIONAL_FLOAT32_SCHEMA, v -> ((Number) v).floatValue()),
            "_float8", new Element(Schema.OPTIONAL_FLOAT64_SCHEMA, v -> ((Number) v).doubleValue()),
            "_bool", new Element(Schema.OPTIONAL_BOOLEAN_SCHEMA, v -> (Boolean) v),
            "_text", new Element(Schema.OPTIONAL_STRING_SCHEMA, Object::toString),
            "_varchar", new Element(Schema.OPTIONAL_STRING_SCHEMA, Object::toString),
            "_bpchar", new Element(Schema.OPTIONAL_STRING_SCHEMA, Object::toString),
            "_uuid", new Element(Schema.OPTIONAL_STRING_SCHEMA, Object::toString));

    @Override
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        Element element = ELEMENTS.get(column.typeName());
        if (element == null) {
            return null;
        }
        Schema schema = Schemas.of(SchemaBuilder.array(element.schema()), column.optional());
        return ColumnReader.of(schema, column.index(), (row, i) -> {
            Array array = row.getArray(i);
            if (array == null) {
                return null;
            }
            try {
                Object[] values = (Object[]) array.getArray();
                List<Object> list = new ArrayList<>(values.length);
                for (Object value : values) {
                    list.add(value == null ? null : element.convert().apply(value));
                }
                return list;
            } finally {
                array.free();
            }
        });
    }
}

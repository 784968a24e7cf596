package dev.ferry.jdbc.source.types;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the rows of one query's result into Connect structs: a struct schema with one field per mappable column,
 * named by the column's label, in the result's order. Columns no {@link ColumnType} maps are left out with one
 * warning naming them.
 */
public final class RowReader {

    private static final Logger log = LoggerFactory.getLogger(RowReader.class);

    private final Schema schema;
    private final List<ColumnReader> readers;
    private final Field[] fields;

    private RowReader(Schema schema, List<ColumnReader> readers) {
        this.schema = schema;
        this.readers = readers;
        this.fields = schema.fields().toArray(Field[]::new);
    }

    /**
     * @param schemaName the struct schema's name (Confluent's: the table's bare name; null for a custom query)
     * @param source     what the rows come from, for the warning (a table's name or "the query")
     */
    public static RowReader create(String schemaName, String source, ResultSetMetaData metadata,
                                   ColumnReaders types, ReadOptions options) throws SQLException {
        SchemaBuilder struct = SchemaBuilder.struct().name(schemaName);
        List<ColumnReader> readers = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
            ResultColumn column = ResultColumn.of(metadata, i);
            ColumnReader reader = types.readerFor(column, options);
            if (reader == null) {
                skipped.add("'" + column.name() + "' (" + column.typeName() + ", JDBC type " + column.jdbcType() + ")");
                continue;
            }
            struct.field(column.name(), reader.schema());
            readers.add(reader);
        }
        if (!skipped.isEmpty()) {
            log.warn("Columns of {} with a type the JDBC source cannot map are left out of its records: {}. Select "
                    + "them cast to text (a query with CAST(column AS TEXT)) to include them.", source,
                    String.join(", ", skipped));
        }
        if (readers.isEmpty()) {
            throw new DataException("None of the columns of " + source + " has a type the JDBC source can map ("
                    + String.join(", ", skipped) + "); select them cast to text with a custom query.");
        }
        return new RowReader(struct.build(), List.copyOf(readers));
    }

    public Schema schema() {
        return schema;
    }

    /** The current row of {@code rows} as a struct. */
    public Struct read(ResultSet rows) throws SQLException {
        Struct struct = new Struct(schema);
        for (int i = 0; i < readers.size(); i++) {
            struct.put(fields[i], readers.get(i).read(rows));
        }
        return struct;
    }
}

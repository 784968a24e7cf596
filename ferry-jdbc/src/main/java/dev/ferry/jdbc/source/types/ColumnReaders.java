package dev.ferry.jdbc.source.types;

import dev.ferry.jdbc.dialect.Dialect;
import dev.ferry.jdbc.dialect.MySqlDialect;
import dev.ferry.jdbc.dialect.PostgreSqlDialect;
import dev.ferry.jdbc.source.types.mysql.MySqlColumnTypes;
import dev.ferry.jdbc.source.types.postgres.PostgresColumnTypes;

import java.util.ArrayList;
import java.util.List;

/**
 * The column types one dialect reads, in the order they are tried: the database's own first, then the generic
 * ANSI ones. The first type that takes a column decides its Connect schema; a column no type takes is left out of
 * the records (with a warning naming it), as in Confluent's connector.
 */
public final class ColumnReaders {

    private static final List<ColumnType> GENERIC = List.of(new BooleanType(), new BitType(), new TinyIntType(),
            new SmallIntType(), new IntegerType(), new BigIntType(), new RealType(), new DoubleType(),
            new NumericType(), new DecimalType(), new StringType(), new XmlType(), new BytesType(), new DateType(),
            new TimeType(), new TimestampType());

    private final List<ColumnType> types;

    private ColumnReaders(List<ColumnType> types) {
        this.types = types;
    }

    public static ColumnReaders of(Dialect dialect) {
        List<ColumnType> types = new ArrayList<>();
        if (dialect instanceof PostgreSqlDialect) {
            types.addAll(PostgresColumnTypes.all());
        } else if (dialect instanceof MySqlDialect) {
            types.addAll(MySqlColumnTypes.all());
        }
        types.addAll(GENERIC);
        return new ColumnReaders(List.copyOf(types));
    }

    /** The reader for the column, or null if no type maps it. */
    public ColumnReader readerFor(ResultColumn column, ReadOptions options) {
        for (ColumnType type : types) {
            ColumnReader reader = type.readerFor(column, options);
            if (reader != null) {
                return reader;
            }
        }
        return null;
    }
}

package dev.ferry.jdbc.source.types;

/**
 * One kind of database column and how it maps to Connect: each implementation is a few lines for one SQL type,
 * registered for the dialects it applies to in {@link ColumnReaders}.
 */
@FunctionalInterface
public interface ColumnType {

    /** The reader for {@code column}, or null if this type does not handle it. */
    ColumnReader readerFor(ResultColumn column, ReadOptions options);
}

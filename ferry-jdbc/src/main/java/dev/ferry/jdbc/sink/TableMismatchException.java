package dev.ferry.jdbc.sink;

import org.apache.kafka.connect.errors.DataException;

/**
 * A table that does not fit the records meant for it and that the sink may not or cannot change: missing without
 * {@code auto.create}, lacking columns without {@code auto.evolve}, a view, a required field with no default. The
 * message names the table, what is missing and the fix.
 */
final class TableMismatchException extends DataException {

    TableMismatchException(String message) {
        super(message);
    }
}

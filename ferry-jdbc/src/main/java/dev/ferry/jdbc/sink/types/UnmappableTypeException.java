package dev.ferry.jdbc.sink.types;

import org.apache.kafka.connect.errors.DataException;

/**
 * A field whose Connect schema has no column type in the connector's database, or a value that cannot be written to
 * its column (a struct inside an array, a decimal whose scale the column cannot hold). The record that carries it
 * cannot be written however often it is retried: it goes to the errant record reporter, or fails the task.
 */
public class UnmappableTypeException extends DataException {

    public UnmappableTypeException(String message) {
        super(message);
    }
}

package dev.ferry.registry.store;

/** A {@code _schemas} record whose key or value is not in Confluent's format; the message says what was wrong. */
public class StoreFormatException extends RuntimeException {

    public StoreFormatException(String message) {
        super(message);
    }

    public StoreFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.ferry.registry.store;

/**
 * The {@code _schemas} topic could not be read or written in time. {@link #timedOut()} tells a timeout
 * (Confluent's error 50002) from another store failure (50001).
 */
public class StoreException extends RuntimeException {
    private final boolean timedOut;

    public StoreException(String message, boolean timedOut, Throwable cause) {
        super(message, cause);
        this.timedOut = timedOut;
    }

    public boolean timedOut() {
        return timedOut;
    }
}

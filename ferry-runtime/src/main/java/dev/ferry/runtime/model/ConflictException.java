package dev.ferry.runtime.model;

import org.apache.kafka.connect.errors.ConnectException;

/** The request conflicts with work in progress and may succeed later; REST answers 409. */
public class ConflictException extends ConnectException {
    public ConflictException(String message) {
        super(message);
    }
}

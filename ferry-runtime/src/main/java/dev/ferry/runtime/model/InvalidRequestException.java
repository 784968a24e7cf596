package dev.ferry.runtime.model;

import org.apache.kafka.connect.errors.ConnectException;

/** The caller asked for something malformed or contradictory; REST answers 400 with this message. */
public class InvalidRequestException extends ConnectException {
    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}

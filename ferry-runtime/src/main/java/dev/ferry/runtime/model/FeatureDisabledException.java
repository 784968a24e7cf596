package dev.ferry.runtime.model;

import org.apache.kafka.connect.errors.ConnectException;

/** The request needs a feature the worker configuration turns off; REST answers 403. */
public class FeatureDisabledException extends ConnectException {
    public FeatureDisabledException(String message) {
        super(message);
    }
}

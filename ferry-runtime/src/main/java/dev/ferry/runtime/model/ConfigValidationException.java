package dev.ferry.runtime.model;

/**
 * A create or update was refused because the configuration has errors. The message lists every
 * error in Apache's format; the full result is kept for callers that want the details.
 */
public class ConfigValidationException extends InvalidRequestException {
    private final transient ValidationResult result;

    public ConfigValidationException(String message, ValidationResult result) {
        super(message);
        this.result = result;
    }

    public ValidationResult result() {
        return result;
    }
}

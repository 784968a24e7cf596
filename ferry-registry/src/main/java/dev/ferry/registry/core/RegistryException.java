package dev.ferry.registry.core;

/**
 * A request the registry refuses or cannot carry out, with the Confluent error code clients act on and a
 * message that names the problem and, where there is one, the fix.
 */
public class RegistryException extends RuntimeException {
    private final ErrorCode error;

    public RegistryException(ErrorCode error, String message) {
        super(message);
        this.error = error;
    }

    public RegistryException(ErrorCode error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public ErrorCode error() {
        return error;
    }

    static RegistryException subjectNotFound(String subject) {
        return new RegistryException(ErrorCode.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    static RegistryException versionNotFound(String subject, String version) {
        return new RegistryException(ErrorCode.VERSION_NOT_FOUND,
                "Version " + version + " not found for subject '" + subject + "'.");
    }
}

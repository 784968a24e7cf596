package dev.ferry.serde.client;

/**
 * The registry answered a request with an error. Carries the HTTP status, Confluent's {@code error_code} (40401
 * subject not found, 40403 schema not found, 409 incompatible schema, 42201 invalid schema, ...; the HTTP status
 * when the body had none) and the URL asked, so that a caller can tell "not registered" from "refused".
 */
public class SchemaRegistryException extends RuntimeException {

    private final int status;
    private final int errorCode;
    private final String url;

    public SchemaRegistryException(String message, int status, int errorCode, String url) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.url = url;
    }

    protected SchemaRegistryException(String message, Throwable cause, String url) {
        super(message, cause);
        this.status = -1;
        this.errorCode = -1;
        this.url = url;
    }

    /** The HTTP status, or -1 when no registry answered. */
    public int status() {
        return status;
    }

    /** Confluent's {@code error_code} from the response body, the HTTP status when it had none, -1 without answer. */
    public int errorCode() {
        return errorCode;
    }

    /** The URL of the request that failed (the last one tried). */
    public String url() {
        return url;
    }

    /** Whether the registry said the subject, version or schema does not exist (HTTP 404). */
    public boolean notFound() {
        return status == 404;
    }
}

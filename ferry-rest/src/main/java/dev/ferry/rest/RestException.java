package dev.ferry.rest;

/**
 * A failure the REST layer itself decides on (a malformed body, a disabled feature, a timeout),
 * carrying the HTTP status to answer with. Herder failures keep their own exception types and are
 * translated by {@link ErrorMapper}.
 */
final class RestException extends RuntimeException {
    private final int status;

    RestException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    static RestException badRequest(String message) {
        return new RestException(400, message);
    }

    /** Apache's answer for a route or path parameter it cannot match. */
    static RestException routeNotFound() {
        return new RestException(404, "HTTP 404 Not Found");
    }
}

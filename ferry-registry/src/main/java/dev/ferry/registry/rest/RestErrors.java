package dev.ferry.registry.rest;

import dev.ferry.registry.core.ErrorCode;
import dev.ferry.registry.core.RegistryException;
import dev.ferry.registry.store.StoreException;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become Confluent's error body {@code {"error_code": N, "message": "..."}}: registry
 * errors keep their code, store failures are 50001 (or 50002 for a timeout), unreadable requests 400, unknown
 * routes and methods their HTTP status, anything unexpected 500 (and is logged).
 */
final class RestErrors {
    private static final Logger log = LoggerFactory.getLogger(RestErrors.class);

    record ErrorBody(int status, int errorCode, String message) {
    }

    private RestErrors() {
    }

    static ErrorBody of(Exception error, String method, String path) {
        if (error instanceof RegistryException e) {
            return new ErrorBody(e.error().httpStatus(), e.error().code(), e.getMessage());
        }
        if (error instanceof StoreException e) {
            ErrorCode code = e.timedOut() ? ErrorCode.OPERATION_TIMEOUT : ErrorCode.STORE_ERROR;
            log.warn("{} {} failed in the schemas topic: {}", method, path, e.getMessage());
            return new ErrorBody(code.httpStatus(), code.code(), e.getMessage());
        }
        if (error instanceof BadRequestException e) {
            return new ErrorBody(400, 400, e.getMessage());
        }
        if (error instanceof HttpResponseException e) {
            String message = e.getStatus() == 404 ? "HTTP 404 Not Found: no resource at " + method + " " + path
                    : e.getStatus() == 405 ? "HTTP 405 Method Not Allowed: " + method + " is not served at " + path
                    : "HTTP " + e.getStatus() + " " + e.getMessage();
            return new ErrorBody(e.getStatus(), e.getStatus(), message);
        }
        if (error instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        log.error("{} {} failed unexpectedly", method, path, error);
        return new ErrorBody(500, 500, "Internal error serving " + method + " " + path + ": " + error);
    }
}

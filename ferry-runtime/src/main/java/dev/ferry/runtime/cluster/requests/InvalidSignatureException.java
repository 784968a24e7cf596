package dev.ferry.runtime.cluster.requests;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * An internal request between workers failed signature verification (KIP-507). It carries the
 * HTTP status the receiving worker answers with: 400 when the request is unsigned or names an
 * algorithm this worker does not accept, 403 when the MAC does not match the session key, 503
 * when this worker has no session key yet.
 */
public final class InvalidSignatureException extends ConnectException {
    private final int status;

    InvalidSignatureException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status to answer the request with. */
    public int status() {
        return status;
    }
}

package dev.ferry.runtime.model;

/**
 * The signature a worker put on an internal request to another worker (KIP-507): an HMAC over
 * the exact body bytes, from the {@code X-Connect-Authorization} (base64) and
 * {@code X-Connect-Request-Signature-Algorithm} headers. The receiving herder checks it against
 * the cluster's current session key.
 *
 * @param algorithm the MAC algorithm the sender named, e.g. {@code HmacSHA256}
 * @param signature the decoded MAC
 * @param body      the request body exactly as received
 */
public record InternalRequestSignature(String algorithm, byte[] signature, byte[] body) {
}

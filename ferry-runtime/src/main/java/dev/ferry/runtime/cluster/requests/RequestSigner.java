package dev.ferry.runtime.cluster.requests;

import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.model.InternalRequestSignature;
import dev.ferry.runtime.model.Sentences;
import dev.ferry.runtime.model.SessionKey;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Signs and verifies internal requests between workers as Apache's workers do (KIP-507): the
 * sender puts an HMAC of the exact body bytes, keyed with the cluster's session key, into
 * {@value #SIGNATURE_HEADER} (base64) and names the MAC algorithm in
 * {@value #ALGORITHM_HEADER}. The receiver recomputes the MAC over the bytes it received and
 * compares in constant time, so that response timing does not reveal how much of a forged MAC
 * was right.
 *
 * <p>Stateless and thread-safe: every call gets its own {@link Mac}.
 */
public final class RequestSigner {
    /** The base64 MAC of the request body. */
    public static final String SIGNATURE_HEADER = "X-Connect-Authorization";
    /** The {@link Mac} algorithm the MAC was computed with. */
    public static final String ALGORITHM_HEADER = "X-Connect-Request-Signature-Algorithm";

    private RequestSigner() {
    }

    /**
     * The headers that sign {@code body}.
     *
     * @param body      the exact bytes that will be sent; an empty array for no body
     * @param key       the cluster's current session key
     * @param algorithm the MAC algorithm ({@code inter.worker.signature.algorithm})
     * @throws ConnectException when the JVM lacks the algorithm or it cannot use the key
     */
    public static Map<String, String> headers(byte[] body, SessionKey key, String algorithm) {
        Objects.requireNonNull(key, "key");
        Mac mac;
        try {
            mac = Mac.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new ConnectException("Cannot sign a request to another worker: this JVM has no MAC algorithm '"
                    + algorithm + "'. Set " + DistributedConfig.INTER_WORKER_SIGNATURE_ALGORITHM_CONFIG
                    + " to one it supports, e.g. " + DistributedConfig.INTER_WORKER_ALGORITHM_DEFAULT + ".", e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SIGNATURE_HEADER, Base64.getEncoder().encodeToString(mac(mac, key, body)));
        headers.put(ALGORITHM_HEADER, algorithm);
        return Map.copyOf(headers);
    }

    /**
     * Reads the signature of a received request from its two headers.
     *
     * @return the signature, or null when either header is missing (the herder decides whether
     *         unsigned requests are acceptable)
     * @throws InvalidSignatureException (400) when the signature is not valid base64
     */
    public static InternalRequestSignature fromHeaders(String algorithmHeader, String signatureHeader, byte[] body) {
        if (algorithmHeader == null || signatureHeader == null) {
            return null;
        }
        try {
            return new InternalRequestSignature(algorithmHeader, Base64.getDecoder().decode(signatureHeader.trim()),
                    body == null ? new byte[0] : body);
        } catch (IllegalArgumentException e) {
            throw new InvalidSignatureException(400, "The " + SIGNATURE_HEADER + " header of this internal request is "
                    + "not valid base64 (" + e.getMessage() + "); it must hold the base64 MAC of the request body.");
        }
    }

    /**
     * Checks that {@code signature} is a MAC of its body under {@code key}, with an algorithm this
     * worker accepts.
     *
     * @param key                    this worker's current session key, or null when it has not read one yet
     * @param verificationAlgorithms {@code inter.worker.verification.algorithms}
     * @throws InvalidSignatureException 400 when unsigned or the algorithm is not accepted or not
     *                                   known to this JVM, 503 without a session key, 403 when the
     *                                   MAC does not match
     */
    public static void verify(InternalRequestSignature signature, SessionKey key, List<String> verificationAlgorithms) {
        if (signature == null || signature.algorithm() == null || signature.signature() == null) {
            throw new InvalidSignatureException(400, "Internal request missing required signature: it has no "
                    + SIGNATURE_HEADER + " and " + ALGORITHM_HEADER + " headers. Internal endpoints only take requests "
                    + "signed by other workers of this cluster; check that the sending worker runs in distributed mode "
                    + "with this cluster's config topic.");
        }
        String algorithm = signature.algorithm();
        if (!verificationAlgorithms.contains(algorithm)) {
            throw new InvalidSignatureException(400, "Internal request was signed with '" + algorithm + "', which this "
                    + "worker does not accept (" + DistributedConfig.INTER_WORKER_VERIFICATION_ALGORITHMS_CONFIG + "="
                    + String.join(",", verificationAlgorithms) + "). Give every worker the same "
                    + DistributedConfig.INTER_WORKER_SIGNATURE_ALGORITHM_CONFIG + " and a "
                    + DistributedConfig.INTER_WORKER_VERIFICATION_ALGORITHMS_CONFIG
                    + " that includes it, then restart the misconfigured worker.");
        }
        Mac mac;
        try {
            mac = Mac.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new InvalidSignatureException(400, "Internal request was signed with '" + algorithm + "', which this "
                    + "worker's JVM does not provide. Remove it from "
                    + DistributedConfig.INTER_WORKER_VERIFICATION_ALGORITHMS_CONFIG + " and "
                    + DistributedConfig.INTER_WORKER_SIGNATURE_ALGORITHM_CONFIG + " on every worker.");
        }
        if (key == null) {
            throw new InvalidSignatureException(503, "This worker cannot verify internal requests yet: it has not read "
                    + "a session key from the config topic. The sender should retry shortly.");
        }
        if (!MessageDigest.isEqual(mac(mac, key, signature.body()), signature.signature())) {
            throw new InvalidSignatureException(403, "Internal request contained invalid signature. It was not signed "
                    + "with this worker's session key (created at " + key.creationTimestamp() + "): the leader may have "
                    + "rotated the key (" + DistributedConfig.INTER_WORKER_KEY_TTL_MS_CONFIG + ") and the workers are "
                    + "briefly out of sync, in which case the sender retries once it reads the new key; if it persists, "
                    + "check that both workers use the same config topic.");
        }
    }

    private static byte[] mac(Mac mac, SessionKey key, byte[] body) {
        try {
            mac.init(key.key());
        } catch (InvalidKeyException e) {
            throw new ConnectException("The session key (" + key.key().getAlgorithm() + ") cannot be used with MAC "
                    + "algorithm " + mac.getAlgorithm() + ": " + Sentences.end(e.getMessage()) + " Check "
                    + DistributedConfig.INTER_WORKER_KEY_GENERATION_ALGORITHM_CONFIG + " and "
                    + DistributedConfig.INTER_WORKER_SIGNATURE_ALGORITHM_CONFIG + ".", e);
        }
        return mac.doFinal(body == null ? new byte[0] : body);
    }
}

package dev.ferry.runtime.model;

import javax.crypto.SecretKey;

/**
 * The key that workers of a distributed cluster sign their internal requests with (KIP-507).
 * The leader generates one, stores it in the config topic as the {@code session-key} record, and
 * replaces it once {@code inter.worker.key.ttl.ms} has passed since {@link #creationTimestamp()}.
 *
 * @param key               the secret; its algorithm is {@code inter.worker.key.generation.algorithm}
 * @param creationTimestamp when the leader generated it, epoch milliseconds
 */
public record SessionKey(SecretKey key, long creationTimestamp) {
}

package dev.ferry.runtime.cluster.requests;

import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.model.Sentences;
import dev.ferry.runtime.model.SessionKey;
import java.security.InvalidParameterException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.KeyGenerator;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Creates the session keys the leader of a distributed cluster distributes through the config
 * topic, from {@code inter.worker.key.generation.algorithm} and {@code inter.worker.key.size}.
 */
public final class SessionKeys {

    private SessionKeys() {
    }

    /**
     * A fresh random key.
     *
     * @param algorithm   a {@link KeyGenerator} algorithm, e.g. {@code HmacSHA256}
     * @param keySizeBits the key size, or null for the algorithm's default
     * @param nowMs       the creation timestamp to record, epoch milliseconds
     * @throws ConnectException naming the setting to fix when the JVM cannot generate such a key
     */
    public static SessionKey generate(String algorithm, Integer keySizeBits, long nowMs) {
        KeyGenerator generator;
        try {
            generator = KeyGenerator.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new ConnectException("Cannot generate a session key: this JVM has no key generator for '" + algorithm
                    + "'. Set " + DistributedConfig.INTER_WORKER_KEY_GENERATION_ALGORITHM_CONFIG
                    + " to an algorithm it supports, e.g. " + DistributedConfig.INTER_WORKER_ALGORITHM_DEFAULT + ".", e);
        }
        if (keySizeBits != null) {
            try {
                generator.init(keySizeBits);
            } catch (InvalidParameterException e) {
                throw new ConnectException("Cannot generate a " + keySizeBits + "-bit session key with " + algorithm
                        + ": " + Sentences.end(e.getMessage()) + " Change " + DistributedConfig.INTER_WORKER_KEY_SIZE_CONFIG
                        + " or leave it unset to use the algorithm's default size.", e);
            }
        }
        return new SessionKey(generator.generateKey(), nowMs);
    }
}

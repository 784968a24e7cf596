package dev.ferry.runtime.cluster;

import java.util.List;
import java.util.Optional;

/**
 * This worker's place among the workers that share its connectors: which of them leads, and which
 * connectors and tasks are this worker's to run. A distributed worker is a member of a Kafka group;
 * a standalone worker is a cluster of one that always leads and is assigned everything. The herder
 * is written once against this interface.
 *
 * <p>Thread contract: {@link #poll} and {@link #close} are called by the herder's thread only,
 * which also receives every {@link GroupListener} call, inside {@code poll}. {@link #wakeup} and
 * the read methods may be called from any thread.
 */
public interface Membership extends AutoCloseable {

    /**
     * Keeps the membership alive for up to {@code timeoutMs}; joins or rejoins when needed and
     * tells the listener what to stop and what to run. Returns early after {@link #wakeup} or right
     * after an assignment was delivered.
     */
    void poll(long timeoutMs);

    /** Makes a blocked or the next {@link #poll} return promptly. */
    void wakeup();

    /** Asks for a new assignment on the next {@link #poll} (connectors or tasks were added or removed). */
    void requestRejoin(String reason);

    /** The generation of the last assignment delivered, or -1 before the first. */
    int generation();

    boolean isLeader();

    /** Whether a new assignment is needed or under way (never true for a cluster of one after its first poll). */
    boolean rebalancing();

    /** The leader's advertised REST URL, or null while unknown. */
    String leaderUrl();

    /** Every member's advertised REST URL as of the last assignment; known to the leader only (empty elsewhere). */
    List<String> memberUrls();

    /** The Connect protocol version in use: 0 (eager), 1 (compatible) or 2 (sessioned). */
    short protocolVersion();

    /**
     * Why this worker, after it first joined, has been without a settled place among its peers for
     * longer than it may be (a lost coordinator, a rebalance that does not end), or empty. Read by
     * the herder's health from any thread; never blocks. A cluster of one always has its place.
     */
    default Optional<String> problem() {
        return Optional.empty();
    }

    /** Whether this membership is shared with other workers, i.e. the worker is in distributed mode. */
    boolean distributed();

    @Override
    void close();
}

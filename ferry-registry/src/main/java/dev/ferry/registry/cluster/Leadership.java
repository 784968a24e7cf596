package dev.ferry.registry.cluster;

/**
 * Who may write: this instance when it is the elected leader, else the leader at {@link #leaderUrl()}.
 * Thread-safe; answers change when the group rebalances.
 */
public interface Leadership {

    /** Whether this instance is the leader and has read the whole topic, so it may write. */
    boolean isLeader();

    /** The leader's URL (e.g. {@code http://host:8081}), or null while no leader is known. */
    String leaderUrl();

    /** Waits up to {@code timeoutMs} until a leader is known; returns whether one is. */
    boolean awaitLeader(long timeoutMs) throws InterruptedException;

    /** A single instance that is always the leader (no group), for tests of the API alone. */
    static Leadership standalone() {
        return new Leadership() {
            @Override
            public boolean isLeader() {
                return true;
            }

            @Override
            public String leaderUrl() {
                return null;
            }

            @Override
            public boolean awaitLeader(long timeoutMs) {
                return true;
            }
        };
    }
}

package dev.ferry.runtime.model;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * A change that only the leader of a distributed cluster may make reached a follower. The REST
 * layer answers it by forwarding the original request to {@link #leaderUrl()}, so a client can
 * send any request to any worker.
 */
public final class NotLeaderException extends ConnectException {
    private final String leaderUrl;

    /**
     * @param leaderUrl the leader's advertised REST URL, or null while no leader is known (the
     *                  group is rebalancing): the caller should wait and ask again
     */
    public NotLeaderException(String message, String leaderUrl) {
        super(message);
        this.leaderUrl = leaderUrl;
    }

    public String leaderUrl() {
        return leaderUrl;
    }
}

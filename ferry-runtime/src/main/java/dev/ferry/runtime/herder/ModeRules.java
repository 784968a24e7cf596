package dev.ferry.runtime.herder;

/**
 * Everything that differs between a standalone worker (a cluster of one) and a member of a
 * distributed cluster, in one place, so the herder has no second code path. Each rule is kept
 * because users and Apache's tests see it; none is about how the work is done.
 *
 * @param cluster whether the worker shares its connectors with other workers
 * @param groupId the Connect group, for messages; null for a standalone worker
 */
record ModeRules(boolean cluster, String groupId) {

    /**
     * A standalone create or replace answers once the connector generated its task configs, and
     * lists those tasks (Apache's standalone answer); a cluster answers when the config is stored.
     */
    boolean answersCreateWithTasks() {
        return !cluster;
    }

    /**
     * In a cluster, other workers write statuses, late ones included, so only the leader removes
     * stale ones, after the rebalance; a standalone worker is the only writer and removes them as
     * soon as it stopped the instances.
     */
    boolean removesStaleStatusesAtOnce() {
        return !cluster;
    }

    /**
     * A cluster hides statuses of deleted connectors and of tasks beyond the task count until the
     * leader removed them; a standalone worker removed them already and shows what it has.
     */
    boolean hidesStaleStatuses() {
        return cluster;
    }

    /**
     * A standalone worker ignores late reports of a connector it deleted; in a cluster the status
     * store's "safe" writes settle which report wins.
     */
    boolean dropsReportsOfUnknownConnectors() {
        return !cluster;
    }

    /**
     * Session keys, signed requests, forwarded task configs, cluster log levels, the member list
     * and rebalance metrics exist only between workers.
     */
    boolean hasPeers() {
        return cluster;
    }

    /**
     * A cluster keeps trying to read an unreachable config topic (the worker reports itself
     * unhealthy meanwhile); a standalone worker whose file cannot be read does not start.
     */
    boolean retriesConfigStoreStart() {
        return cluster;
    }

    String startingMessage() {
        return cluster ? "Worker is still starting up: it has not yet joined the Connect group '" + groupId + "'."
                : "Worker is still starting up. It is restoring stored connectors.";
    }

    String threadName() {
        return cluster ? "DistributedHerder-" + groupId : "herder";
    }
}

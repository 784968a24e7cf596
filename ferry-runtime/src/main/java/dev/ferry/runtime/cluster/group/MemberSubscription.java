package dev.ferry.runtime.cluster.group;

import dev.ferry.runtime.cluster.WorkerAssignment;
/**
 * What one member told the group when it joined: its subscription metadata for the chosen
 * subprotocol.
 *
 * @param version      0 (eager), 1 (compatible) or 2 (sessioned), as the member wrote it
 * @param url          the member's advertised REST URL
 * @param configOffset the config-topic offset the member has read up to
 * @param allocation   what the member runs now (v1 and later), or null: never for v0, and for a
 *                     member that has not been assigned anything yet
 */
record MemberSubscription(short version, String url, long configOffset, WorkerAssignment allocation) {

    /** A member that runs nothing, or did not say (v0). */
    boolean runsNothing() {
        return allocation == null || (allocation.connectors().isEmpty() && allocation.tasks().isEmpty());
    }
}

package dev.ferry.runtime.cluster;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the config topic says the cluster should run, as the group leader assigns it: every
 * configured connector (STOPPED ones too, with 0 tasks) mapped to its committed task count, read
 * up to {@code configOffset}. A member also reports {@code configOffset} in its subscription, so
 * the leader can tell whether its own view is behind the group's.
 *
 * @param configOffset the config-topic offset this view was read up to (-1 when nothing was read)
 * @param taskCounts   connector name to the number of tasks it has, in name order
 */
public record ClusterWork(long configOffset, Map<String, Integer> taskCounts) {

    /** An empty cluster: nothing configured, nothing read. */
    public static final ClusterWork EMPTY = new ClusterWork(-1, Map.of());

    public ClusterWork {
        Objects.requireNonNull(taskCounts, "taskCounts");
        taskCounts.forEach((connector, count) -> {
            if (count == null || count < 0) {
                throw new IllegalArgumentException("Connector '" + connector + "' has task count " + count
                        + "; a count must be 0 or more");
            }
        });
        taskCounts = Collections.unmodifiableSortedMap(new TreeMap<>(taskCounts));
    }
}

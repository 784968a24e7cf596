package dev.ferry.runtime.herder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When this worker's write of a connector's new task configs failed (the config store timed out
 * or refused it, e.g. while the brokers are away), when to generate and write them again: 250 ms
 * after the first failure, doubling up to 60 s, as Apache's herder does, for as long as it takes.
 * Without a retry the connector would keep running without the tasks it asked for until something
 * else happened to reconfigure it. Each failure is logged once, with its cause and the next
 * attempt; a retry is dropped when the connector stops running here or is deleted, and handed to
 * the regeneration path at once when this worker stops leading (its connector's configs then go
 * to the new leader through the forwarder, which retries on its own).
 *
 * <p>Times are on the monotonic clock: a wall clock set back must not postpone a retry by the jump.
 *
 * <p>Thread contract: herder thread only.
 */
final class TaskConfigRetries {
    private static final Logger log = LoggerFactory.getLogger(TaskConfigRetries.class);
    /** The pause after the first failed write; Apache's RECONFIGURE_CONNECTOR_TASKS_BACKOFF_INITIAL_MS. */
    static final long FIRST_BACKOFF_MS = 250;
    /** The longest pause between attempts; Apache's RECONFIGURE_CONNECTOR_TASKS_BACKOFF_MAX_MS. */
    static final long MAX_BACKOFF_MS = 60_000;

    private final Time time;
    /** Failed writes in a row, per connector, until one succeeds or the retry is dropped. */
    private final Map<String, Integer> failures = new HashMap<>();
    /** When each connector's next attempt is due (monotonic ms); absent while none is scheduled. */
    private final Map<String, Long> dueAtMs = new HashMap<>();

    TaskConfigRetries(Time time) {
        this.time = time;
    }

    /** The write of {@code count} task configs of {@code connector} failed: schedules the next attempt. */
    void failed(String connector, int count, RuntimeException cause) {
        int failed = failures.merge(connector, 1, Integer::sum);
        long backoffMs = backoffMs(failed);
        dueAtMs.put(connector, time.hiResClockMs() + backoffMs);
        log.warn("Could not store the {} new task configuration(s) of connector {} (attempt {}): {} Generating and "
                + "writing them again in {} ms (the pause doubles up to {} s) while the connector runs here", count,
                connector, failed, cause.getMessage(), backoffMs, MAX_BACKOFF_MS / 1000);
    }

    /** The configs were written, or no longer need writing: forgets the connector's failures. */
    void settled(String connector) {
        Integer failed = failures.remove(connector);
        dueAtMs.remove(connector);
        if (failed != null) {
            log.info("Task configurations of connector {} are up to date after {} failed attempt(s) to write them",
                    connector, failed);
        }
    }

    /** No more attempts, {@code because} (e.g. the connector stopped running here or was deleted). */
    void cancel(String connector, String because) {
        dueAtMs.remove(connector);
        if (failures.remove(connector) != null) {
            log.info("No longer trying to write the task configurations of connector {}: {}", connector, because);
        }
    }

    /** The connectors whose next attempt is due; each is handed out once per scheduled attempt. */
    List<String> due() {
        List<String> due = new ArrayList<>();
        long now = time.hiResClockMs();
        dueAtMs.entrySet().removeIf(entry -> {
            if (entry.getValue() <= now) {
                due.add(entry.getKey());
                return true;
            }
            return false;
        });
        return due;
    }

    /**
     * This worker no longer leads, so it may not write: every waiting attempt is due now (the
     * connectors that still run here send their configs to the new leader instead).
     */
    List<String> takeAll() {
        List<String> all = new ArrayList<>(dueAtMs.keySet());
        dueAtMs.clear();
        return all;
    }

    /** How long until the next attempt is due: 0 if one is, Long.MAX_VALUE if none is scheduled. */
    long msUntilNext() {
        long now = time.hiResClockMs();
        long next = Long.MAX_VALUE;
        for (long due : dueAtMs.values()) {
            next = Math.min(next, Math.max(0, due - now));
        }
        return next;
    }

    static long backoffMs(int failures) {
        int doublings = Math.min(failures - 1, 20); // 250 ms * 2^8 > 60 s already; bound the shift
        return Math.min(FIRST_BACKOFF_MS << doublings, MAX_BACKOFF_MS);
    }
}

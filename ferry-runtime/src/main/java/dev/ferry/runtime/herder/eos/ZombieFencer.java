package dev.ferry.runtime.herder.eos;

import dev.ferry.runtime.storage.ClusterConfigState;
import dev.ferry.runtime.storage.ConfigStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's round of zombie fencing for an exactly-once source connector (KIP-618), run before
 * a new generation of its tasks may start.
 *
 * <p>Only the last generation that was let start can have live producers: the task-count record
 * ({@code tasks-fencing-<c>}) says how many it had, and every generation before it was fenced when
 * that record was written. So a round fences the transactional ids {@code <group.id>-<c>-0} to
 * {@code -<n-1>} of the last record's count n, then writes a record with the current task count,
 * which lets the new tasks start on every worker. No fencing is needed, only the record, when the
 * connector has no record yet (it never ran with exactly-once support) or when both generations
 * have one task (the new task's own {@code initTransactions()} fences its namesake). A connector
 * whose last record already follows its last task commit is done at once.
 *
 * <p>Rounds of one connector are joined: asking while one is under way returns that round. The
 * reads and the record write run on {@code fencingThread} (blocking; not the herder's), the admin
 * call asynchronously in between. The leader may commit new task configs at any time meanwhile: a
 * commit that lands after the record makes the connector pending again (the next round handles
 * it), and one that lands between the count read and the record is found when the record is read
 * back, whose count is then written again, so the last record always names the generation that
 * was let start.
 *
 * <p>Thread contract: {@link #fence} may be called from any thread.
 */
public final class ZombieFencer {
    private static final Logger log = LoggerFactory.getLogger(ZombieFencer.class);

    private final ConfigStore configStore;
    private final ProducerFencing fencing;
    private final String groupId;
    private final Duration syncTimeout;
    private final Executor fencingThread;
    private final Map<String, CompletableFuture<Void>> rounds = new HashMap<>(); // guarded by this

    /**
     * @param syncTimeout  how long reading the config topic to its end may take ({@code worker.sync.timeout.ms})
     * @param fencingThread runs the blocking reads and writes of rounds
     */
    public ZombieFencer(ConfigStore configStore, ProducerFencing fencing, String groupId, Duration syncTimeout,
                        Executor fencingThread) {
        this.configStore = Objects.requireNonNull(configStore, "configStore");
        this.fencing = Objects.requireNonNull(fencing, "fencing");
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        this.syncTimeout = Objects.requireNonNull(syncTimeout, "syncTimeout");
        this.fencingThread = Objects.requireNonNull(fencingThread, "fencingThread");
    }

    /**
     * Fences the connector's previous task generation if it is pending fencing and writes its
     * task-count record. The caller made sure this worker leads and the connector is a source.
     *
     * @return completes once the record is written and read back (or none was needed)
     */
    public CompletionStage<Void> fence(String connector) {
        CompletableFuture<Void> round;
        synchronized (this) {
            round = rounds.get(connector);
            if (round != null) {
                return round;
            }
            round = new CompletableFuture<>();
            rounds.put(connector, round);
        }
        CompletableFuture<Void> started = round;
        round.whenComplete((ignored, error) -> {
            synchronized (this) {
                rounds.remove(connector, started);
            }
        });
        try {
            fencingThread.execute(() -> begin(connector, started));
        } catch (RuntimeException e) {
            started.completeExceptionally(e);
        }
        return started;
    }

    private void begin(String connector, CompletableFuture<Void> round) {
        try {
            ClusterConfigState snapshot = refreshed();
            if (!snapshot.contains(connector)) {
                round.complete(null); // deleted meanwhile: nothing will start
                return;
            }
            if (!snapshot.pendingFencing(connector)) {
                log.debug("No zombie fencing for connector {}: its last task-count record follows its task configs", connector);
                round.complete(null);
                return;
            }
            Integer previous = snapshot.taskCountRecord(connector);
            int current = snapshot.taskCount(connector);
            if (previous == null || (previous == 1 && current == 1)) {
                log.info("Writing the task count {} of connector {} without fencing: {}", current, connector,
                        previous == null ? "its tasks never ran with exactly-once support"
                                : "the one new task fences the one old task itself");
                writeRecord(connector, current);
                round.complete(null);
                return;
            }
            List<String> ids = ProducerFencing.taskTransactionalIds(groupId, connector, previous);
            log.info("Fencing the {} task producer(s) of connector {}'s previous generation before its {} new task(s) start",
                    previous, connector, current);
            fencing.fence(connector, snapshot.connectorConfig(connector), ids).whenComplete((ignored, error) -> {
                if (error != null) {
                    round.completeExceptionally(new ConnectException("Could not fence the task producers " + ids
                            + " of connector " + connector + ": " + rootMessage(error) + ". Its new tasks do not start "
                            + "until a round of zombie fencing succeeds; check that the worker's principal may use those "
                            + "transactional ids (Write, Describe) and that the brokers support transactions.", error));
                    return;
                }
                try {
                    fencingThread.execute(() -> finish(connector, round));
                } catch (RuntimeException e) {
                    round.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            round.completeExceptionally(e);
        }
    }

    private void finish(String connector, CompletableFuture<Void> round) {
        try {
            ClusterConfigState snapshot = refreshed();
            if (snapshot.contains(connector) && snapshot.pendingFencing(connector)) {
                // newer task configs may have been committed while fencing: none of them started (they
                // were pending too), so the fenced generation is still the last one that ran
                writeRecord(connector, snapshot.taskCount(connector));
                log.info("Fenced connector {}'s previous task producers; {} new task(s) may start", connector,
                        snapshot.taskCount(connector));
            }
            round.complete(null);
        } catch (RuntimeException e) {
            round.completeExceptionally(e);
        }
    }

    /** Writes the record, and again while a commit that slipped in before it changed the count. */
    private void writeRecord(String connector, int count) {
        int written = count;
        configStore.putTaskCountRecord(connector, written);
        ClusterConfigState after = refreshed();
        while (after.contains(connector) && !after.pendingFencing(connector) && after.taskCount(connector) != written) {
            written = after.taskCount(connector);
            log.info("New task configs of connector {} were committed during its round of fencing; writing its task "
                    + "count again: {}", connector, written);
            configStore.putTaskCountRecord(connector, written);
            after = refreshed();
        }
    }

    private ClusterConfigState refreshed() {
        try {
            configStore.refresh(syncTimeout);
        } catch (TimeoutException e) {
            throw new ConnectException("Could not read the config topic to its end within " + syncTimeout.toMillis()
                    + " ms before zombie fencing", e);
        }
        return configStore.snapshot();
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.toString();
    }
}

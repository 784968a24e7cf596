package dev.ferry.runtime.herder.eos;

import dev.ferry.runtime.herder.TaskFencing;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.InvalidRequestException;
import dev.ferry.runtime.storage.ClusterConfigState;
import dev.ferry.runtime.storage.ConfigStore;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.connect.errors.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The herder's {@link TaskFencing} on a worker with {@code exactly.once.source.support=enabled}
 * (KIP-618): the tasks of a source connector start only once the producers of its previous task
 * generation are fenced.
 *
 * <p>A connector's new generation is pending fencing from its task commit until the leader wrote
 * the next task-count record ({@link ClusterConfigState#pendingFencing}). Until then
 * {@link #readyToStart} says no and gets the round done: the leader runs it itself
 * ({@link ZombieFencer}), a follower asks the leader with {@code PUT /connectors/<c>/fence} and then
 * reads the config topic up to the leader's record. The herder asks again on its next turns; a
 * round that failed is asked for again after a back-off (250 ms doubling up to 10 s). The leader
 * also starts a round as soon as it wrote new task configs ({@link #taskConfigsWritten}), so the
 * tasks usually find it done.
 *
 * <p>Task-count records do not change what the herder runs, so the herder's snapshot may predate
 * the record; the decision reads the store's own latest snapshot, and a task starts only when that
 * one is not pending and still has the task config the herder is about to start.
 *
 * <p>Sink connectors start at once and are never fenced.
 *
 * <p>Thread contract: {@link #readyToStart} and {@link #taskConfigsWritten} run on the herder
 * thread and return at once; rounds and requests to the leader run on threads of their own.
 */
public final class SourceTaskFencing implements TaskFencing, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SourceTaskFencing.class);
    private static final long FIRST_BACKOFF_MS = 250;
    private static final long MAX_BACKOFF_MS = 10_000;

    /** Asks the current leader for a round of fencing and returns when it is done; throws if it is not. */
    @FunctionalInterface
    public interface LeaderRequest {
        void fence(String connector);
    }

    /** Where a connector's round stands on this worker. */
    private record Attempt(boolean running, long retryAtMs, long backoffMs) {
    }

    private final ConfigStore configStore;
    private final ZombieFencer fencer;
    private final LeaderRequest leaderRequest;
    private final BooleanSupplier isLeader;
    private final Predicate<Map<String, String>> isSource;
    private final Duration syncTimeout;
    private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();
    private final ExecutorService requests = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "source-task-fencing");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param leaderRequest a follower's request to the leader (blocking; run on this class's own thread)
     * @param isLeader      whether this worker leads the cluster now
     * @param isSource      whether a connector config is a source connector's
     * @param syncTimeout   how long reading the config topic to its end may take
     */
    public SourceTaskFencing(ConfigStore configStore, ZombieFencer fencer, LeaderRequest leaderRequest,
                             BooleanSupplier isLeader, Predicate<Map<String, String>> isSource, Duration syncTimeout) {
        this.configStore = Objects.requireNonNull(configStore, "configStore");
        this.fencer = Objects.requireNonNull(fencer, "fencer");
        this.leaderRequest = Objects.requireNonNull(leaderRequest, "leaderRequest");
        this.isLeader = Objects.requireNonNull(isLeader, "isLeader");
        this.isSource = Objects.requireNonNull(isSource, "isSource");
        this.syncTimeout = Objects.requireNonNull(syncTimeout, "syncTimeout");
    }

    @Override
    public boolean readyToStart(ConnectorTaskId task, ClusterConfigState snapshot) {
        String connector = task.connector();
        if (!isSourceIn(connector, snapshot)) {
            return true;
        }
        ClusterConfigState latest = configStore.snapshot();
        if (latest.pendingFencing(connector)) {
            askForRound(connector);
            return false;
        }
        // not pending in the store; start only the generation the store let start
        return Objects.equals(latest.taskConfig(task), snapshot.taskConfig(task));
    }

    @Override
    public void taskConfigsWritten(String connector, ClusterConfigState snapshot) {
        if (isSourceIn(connector, snapshot) && isLeader.getAsBoolean()) {
            askForRound(connector);
        }
    }

    /**
     * A round on the leader for {@code PUT /connectors/<c>/fence} (the herder checked leadership,
     * the signature and that the connector exists), and before a source connector's offsets change.
     *
     * @return failed with Apache's 400 answer when the connector is not a source connector
     */
    @Override
    public CompletionStage<Void> fenceZombies(String connector) {
        ClusterConfigState latest = configStore.snapshot();
        if (!latest.contains(connector)) {
            return CompletableFuture.failedFuture(new NotFoundException("Connector " + connector + " not found"));
        }
        if (!isSource.test(latest.connectorConfig(connector))) {
            return CompletableFuture.failedFuture(new InvalidRequestException(
                    "Connector " + connector + " is not a source connector"));
        }
        return fencer.fence(connector);
    }

    /** An exactly-once source connector's round of fencing before the leader changes its offsets. */
    @Override
    public CompletionStage<Void> beforeOffsetsChange(String connector, ClusterConfigState snapshot) {
        return isSourceIn(connector, snapshot) ? fencer.fence(connector) : CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        requests.shutdownNow();
    }

    private boolean isSourceIn(String connector, ClusterConfigState snapshot) {
        Map<String, String> config = snapshot.connectorConfig(connector);
        return config != null && isSource.test(config);
    }

    /** Starts a round unless one is running or the last one failed too recently. */
    private void askForRound(String connector) {
        long now = monotonicMs();
        Attempt previous = attempts.get(connector);
        if (previous != null && (previous.running() || now < previous.retryAtMs())) {
            return;
        }
        long backoff = previous == null ? 0 : previous.backoffMs();
        attempts.put(connector, new Attempt(true, 0, backoff));
        if (isLeader.getAsBoolean()) {
            log.info("Tasks of exactly-once source connector {} wait until the producers of its previous tasks are fenced",
                    connector);
            fencer.fence(connector).whenComplete((ignored, error) -> finished(connector, error));
        } else {
            log.info("Tasks of exactly-once source connector {} wait until the leader fenced the producers of its "
                    + "previous tasks", connector);
            try {
                requests.execute(() -> {
                    Throwable error = null;
                    try {
                        leaderRequest.fence(connector);
                        configStore.refresh(syncTimeout); // the leader's record, for the next readyToStart
                    } catch (RuntimeException | TimeoutException e) {
                        error = e;
                    }
                    finished(connector, error);
                });
            } catch (RuntimeException e) {
                finished(connector, e); // closed
            }
        }
    }

    private void finished(String connector, Throwable error) {
        if (error == null) {
            attempts.remove(connector);
            return;
        }
        Attempt previous = attempts.get(connector);
        long backoff = previous == null || previous.backoffMs() == 0 ? FIRST_BACKOFF_MS
                : Math.min(previous.backoffMs() * 2, MAX_BACKOFF_MS);
        attempts.put(connector, new Attempt(false, monotonicMs() + backoff, backoff));
        log.warn("The round of zombie fencing of connector {} failed; its tasks ask again in {} ms: {}", connector,
                backoff, error.getMessage());
    }

    /** Back-off is timed on the monotonic clock: a wall clock set back must not delay the next round. */
    private static long monotonicMs() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }
}

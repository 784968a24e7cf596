package dev.ferry.runtime.herder.eos;

import dev.ferry.runtime.storage.ClusterConfigState;
import dev.ferry.runtime.storage.ConfigStore;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, on a worker with {@code exactly.once.source.support=enabled}, when the tasks of a source
 * connector may start, and gets the round of zombie fencing done that lets them (KIP-618).
 *
 * <p>A connector's new task generation is pending fencing from its task commit until the leader
 * wrote the next task-count record (see {@link ClusterConfigState#pendingFencing}). Until then no
 * worker starts its tasks: {@link #mayStartTasks} says no and asks for the round, which the leader
 * runs itself ({@link ZombieFencer}) and a follower asks of the leader through
 * {@code PUT /connectors/<c>/fence}. When the round is done, and the follower has read the config
 * topic up to the record, {@code onReady} tells the herder to try the connector's tasks again; when
 * it failed, {@code onReady} comes after a back-off (250 ms doubling up to 10 s), so the herder asks
 * again as long as it still owns tasks of the connector. The leader also starts a round as soon as
 * it wrote new task configs ({@link #taskConfigsWritten}), so tasks usually find it done.
 *
 * <p>With exactly-once support off ({@code disabled} or {@code preparing}), and for sink
 * connectors, every task may start at once and nothing is fenced.
 *
 * <p>Thread contract: {@link #mayStartTasks} and {@link #taskConfigsWritten} are called on the
 * herder thread; {@code onReady} is called on other threads and must hand over to the herder's.
 */
public final class SourceTaskFencing implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SourceTaskFencing.class);
    private static final long FIRST_BACKOFF_MS = 250;
    private static final long MAX_BACKOFF_MS = 10_000;

    /** Asks the current leader for a round of fencing and returns when it is done; throws if it is not. */
    @FunctionalInterface
    public interface LeaderRequest {
        void fence(String connector);
    }

    private final boolean enabled;
    private final ConfigStore configStore;
    private final ZombieFencer fencer;
    private final LeaderRequest leaderRequest;
    private final BooleanSupplier isLeader;
    private final Predicate<Map<String, String>> isSource;
    private final Duration syncTimeout;
    private final Consumer<String> onReady;
    private final Set<String> asking = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> backoffs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService requests = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "source-task-fencing");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param enabled       whether the worker runs exactly-once source tasks ({@code exactly.once.source.support=enabled})
     * @param leaderRequest a follower's request to the leader (blocking; run on this class's own thread)
     * @param isSource      whether a connector config is a source connector's
     * @param onReady       told the name of a connector whose tasks should be tried again
     */
    public SourceTaskFencing(boolean enabled, ConfigStore configStore, ZombieFencer fencer, LeaderRequest leaderRequest,
                             BooleanSupplier isLeader, Predicate<Map<String, String>> isSource, Duration syncTimeout,
                             Consumer<String> onReady) {
        this.enabled = enabled;
        this.configStore = Objects.requireNonNull(configStore, "configStore");
        this.fencer = Objects.requireNonNull(fencer, "fencer");
        this.leaderRequest = Objects.requireNonNull(leaderRequest, "leaderRequest");
        this.isLeader = Objects.requireNonNull(isLeader, "isLeader");
        this.isSource = Objects.requireNonNull(isSource, "isSource");
        this.syncTimeout = Objects.requireNonNull(syncTimeout, "syncTimeout");
        this.onReady = Objects.requireNonNull(onReady, "onReady");
    }

    /** Whether tasks of connectors may have to wait for fencing on this worker at all. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Whether the connector's tasks in {@code snapshot} may start now; when not, a round of
     * fencing is under way (or asked for) and {@code onReady} follows.
     */
    public boolean mayStartTasks(String connector, ClusterConfigState snapshot) {
        if (!needsFencing(connector, snapshot) || !snapshot.pendingFencing(connector)) {
            return true;
        }
        if (asking.add(connector)) {
            log.info("Tasks of exactly-once source connector {} wait until the producers of its previous tasks are fenced",
                    connector);
            if (isLeader.getAsBoolean()) {
                fencer.fence(connector).whenComplete((ignored, error) -> done(connector, error));
            } else {
                requests.execute(() -> askLeader(connector));
            }
        }
        return false;
    }

    /** After the leader wrote new task configs of the connector: start the round at once. */
    public void taskConfigsWritten(String connector, ClusterConfigState snapshot) {
        if (needsFencing(connector, snapshot) && isLeader.getAsBoolean()) {
            fencer.fence(connector).whenComplete((ignored, error) -> {
                if (error != null) {
                    log.warn("Zombie fencing of connector {} after its new task configs failed; its tasks ask again: {}",
                            connector, error.getMessage());
                }
            });
        }
    }

    /**
     * A round of fencing on the leader, for {@code PUT /connectors/<c>/fence} and before a source
     * connector's offsets are altered or reset. The caller checked leadership and the connector.
     */
    public CompletionStage<Void> fenceZombies(String connector) {
        return fencer.fence(connector);
    }

    /** This worker became the leader: take over the config topic's transactional writer. */
    public void leaderElected() {
        try {
            configStore.claimWritePrivileges();
        } catch (RuntimeException e) {
            log.error("Could not claim the leader's writes to the config topic; the next write tries again: {}",
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        requests.shutdownNow();
    }

    private boolean needsFencing(String connector, ClusterConfigState snapshot) {
        Map<String, String> config = snapshot.connectorConfig(connector);
        return enabled && config != null && isSource.test(config);
    }

    private void askLeader(String connector) {
        Throwable error = null;
        try {
            leaderRequest.fence(connector);
            configStore.refresh(syncTimeout); // so the herder's next snapshot holds the leader's record
        } catch (RuntimeException | TimeoutException e) {
            error = e;
        }
        done(connector, error);
    }

    private void done(String connector, Throwable error) {
        if (error == null) {
            backoffs.remove(connector);
            asking.remove(connector);
            onReady.accept(connector);
            return;
        }
        long backoff = backoffs.merge(connector, FIRST_BACKOFF_MS, (old, first) -> Math.min(old * 2, MAX_BACKOFF_MS));
        log.warn("Zombie fencing of connector {} did not finish ({}); its tasks ask again in {} ms", connector,
                error.getMessage(), backoff);
        try {
            requests.schedule(() -> {
                asking.remove(connector);
                onReady.accept(connector);
            }, backoff, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            asking.remove(connector); // closed
        }
    }
}

package dev.ferry.runtime.worker;

import dev.ferry.runtime.model.Sentences;
import dev.ferry.runtime.storage.kafka.StoreTopicsCheck;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this worker can reach Kafka now, for readiness, statuses and metrics, and the cluster id
 * the first answer carries. Without it a worker whose brokers are gone looks healthy: its herder
 * thread answers, its tasks say RUNNING, and only their clients, retrying quietly, know. One
 * background thread asks the cluster for its description every {@code interval} with the
 * worker's one shared admin client, so no request and no reader opens a connection of its own and
 * answers are instant (the last result). The first check is also the worker's look-up of the
 * cluster id at start: one request and one log line per outage, not a second thread asking the
 * same thing at the same moment (which cost a distributed worker ~0.3 s to REST ready).
 *
 * <p>A failed check is reported only after {@code grace} without a successful one: a broker
 * that restarts, a leader election or one slow answer must not flap readiness, while an outage
 * of a few tens of seconds is what a container platform and an operator need to hear about.
 * Before the first check the worker counts as reachable since start, so the grace also covers
 * a worker starting before its brokers. The log says it at once, with the fix: the first failed
 * check after a success (or at start), and the first success after failures.
 *
 * <p>A distributed worker also has its internal topics checked while Kafka answers
 * ({@link #checkingStores}): a store topic deleted or no longer readable is reported the same
 * way, since the worker then reads and stores nothing although Kafka is there.
 *
 * <p>Thread contract: {@link #problem()}, {@link #reachable()}, {@link #unreachableMs()} and
 * {@link #clusterIdOrNull()} may be called from any thread and never block; checks run on the
 * {@code kafka-reachability} thread (or the caller's, for {@link #checkNow()}).
 */
public final class KafkaReachability implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaReachability.class);

    /** How often a worker checks, and how long one check may take. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    /**
     * How long Kafka may be unreachable before it is reported: above the 10 s default
     * {@code session.timeout.ms}, so a broker restart that a group survives is not an outage.
     */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(15);

    private final String bootstrapServers;
    private final Supplier<Admin> admin;
    private final Duration interval;
    private final Duration grace;
    private final LongSupplier clockMs;
    private final Thread thread;
    private final Object lock = new Object();

    // Guarded by lock.
    private long lastSuccessMs;
    private boolean lastCheckFailed;
    private String lastError;
    private boolean checked;
    private String storesError;
    private long storesFailingSinceMs;
    private volatile StoreTopicsCheck stores;
    private volatile String clusterId;
    private volatile boolean closed;

    /**
     * @param bootstrapServers what the messages name, as configured
     * @param admin            the worker's shared admin client (created on first use)
     * @param interval         time between checks, also the bound of one check
     * @param grace            how long checks may fail before {@link #problem()} reports it
     */
    public KafkaReachability(String bootstrapServers, Supplier<Admin> admin, Duration interval, Duration grace) {
        // Monotonic: only durations are measured, and a wall clock set back must not stretch the grace period.
        this(bootstrapServers, admin, interval, grace, () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime()));
    }

    KafkaReachability(String bootstrapServers, Supplier<Admin> admin, Duration interval, Duration grace,
                      LongSupplier clockMs) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.grace = Objects.requireNonNull(grace, "grace");
        this.clockMs = clockMs;
        this.lastSuccessMs = clockMs.getAsLong();
        this.thread = new Thread(this::run, "kafka-reachability");
        thread.setDaemon(true);
    }

    /** Also checks the worker's internal topics whenever Kafka answers; call before {@link #start()}. */
    public KafkaReachability checkingStores(StoreTopicsCheck check) {
        this.stores = Objects.requireNonNull(check, "check");
        return this;
    }

    /** Starts checking in the background. */
    public void start() {
        thread.start();
    }

    /**
     * Why the worker cannot work with Kafka, once checks have failed for longer than the grace
     * period; empty while Kafka answers (or only briefly did not).
     */
    public Optional<String> problem() {
        synchronized (lock) {
            long downMs = unreachableMsLocked();
            if (downMs < grace.toMillis()) {
                return storesError != null && clockMs.getAsLong() - storesFailingSinceMs >= grace.toMillis()
                        ? Optional.of(storesError) : Optional.empty();
            }
            return Optional.of("Cannot reach Kafka at bootstrap.servers=" + bootstrapServers + " for " + downMs / 1000
                    + " s: " + Sentences.end(lastError) + " Tasks cannot make progress and statuses cannot be "
                    + "stored until it is back; check that the brokers run and that bootstrap.servers and the "
                    + "security settings are right.");
        }
    }

    /** The Kafka cluster id from the first check that Kafka answered, or null until then. */
    public String clusterIdOrNull() {
        return clusterId;
    }

    /** Whether the last check succeeded (true before the first check). */
    public boolean reachable() {
        synchronized (lock) {
            return !lastCheckFailed;
        }
    }

    /** Milliseconds since Kafka last answered, while the last check failed; 0 while it answers. */
    public long unreachableMs() {
        synchronized (lock) {
            return unreachableMsLocked();
        }
    }

    private long unreachableMsLocked() {
        return lastCheckFailed ? Math.max(0, clockMs.getAsLong() - lastSuccessMs) : 0;
    }

    /** Runs one check on the calling thread and records its outcome; true when Kafka answered. */
    public boolean checkNow() {
        String error;
        String answeredId = null;
        try {
            int timeoutMs = (int) Math.min(Integer.MAX_VALUE, interval.toMillis());
            answeredId = admin.get().describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).clusterId()
                    .get(timeoutMs + 1000L, TimeUnit.MILLISECONDS);
            error = null;
            StoreTopicsCheck check = stores;
            if (check != null && clusterId != null) { // not in the start's first look: that one stays one request
                recordStores(check.check(admin.get(), timeoutMs));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return reachable();
        } catch (ExecutionException e) {
            error = describe(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            error = "no answer within " + (interval.toMillis() + 1000) + " ms";
        } catch (RuntimeException e) {
            // the admin client could not even be created (closing worker, bad security settings)
            error = describe(e);
        }
        record(error, answeredId);
        return error == null;
    }

    private void record(String error, String answeredId) {
        boolean changed;
        boolean firstCheck;
        long downMs;
        synchronized (lock) {
            downMs = unreachableMsLocked();
            firstCheck = !checked;
            checked = true;
            changed = firstCheck || (error != null) != lastCheckFailed;
            if (error == null) {
                lastSuccessMs = clockMs.getAsLong();
                lastCheckFailed = false;
                lastError = null;
            } else {
                lastCheckFailed = true;
                lastError = error;
            }
        }
        if (error == null && clusterId == null) {
            clusterId = answeredId;
            log.info("Connected to Kafka cluster {} at bootstrap.servers={}", answeredId, bootstrapServers);
        } else if (changed && error == null) {
            log.info("Kafka at bootstrap.servers={} answers again (it did not for {} s)", bootstrapServers, downMs / 1000);
        } else if (changed) {
            log.error("Cannot reach Kafka at bootstrap.servers={}: {} Check that the brokers run and that "
                            + "bootstrap.servers and the security settings are right. The worker keeps serving REST and "
                            + "checks again every {} s; /health/ready turns to 503 if it stays so for {} s.",
                    bootstrapServers, Sentences.end(error), Math.max(1, interval.toSeconds()), grace.toSeconds());
        }
    }

    private void recordStores(String error) {
        String before;
        synchronized (lock) {
            before = storesError;
            if (error != null && before == null) {
                storesFailingSinceMs = clockMs.getAsLong();
            }
            storesError = error;
        }
        if (error != null && !error.equals(before)) {
            log.error("{} /health/ready turns to 503 if it stays so for {} s.", error, grace.toSeconds());
        } else if (error == null && before != null) {
            log.info("The worker's internal topics are readable again");
        }
    }

    private static String describe(Throwable e) {
        // Kafka's TimeoutException says "Timed out waiting for a node assignment. Call: describeCluster":
        // that it timed out is what matters, its class name adds nothing.
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void run() {
        while (!closed) {
            long started = System.nanoTime();
            checkNow();
            long leftMs = interval.toMillis() - Duration.ofNanos(System.nanoTime() - started).toMillis();
            if (leftMs > 0) {
                try {
                    Thread.sleep(leftMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Stops checking; the admin client belongs to the caller. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}

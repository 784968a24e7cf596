package dev.ferry.runtime.herder;

import java.util.Optional;

/**
 * What keeps a worker whose herder runs from doing its work, such as Kafka being unreachable
 * ({@code worker.KafkaReachability}); the herder asks its membership first
 * ({@code Membership#problem}: a worker outside its group after start-up). The herder turns a problem into an unhealthy answer to
 * {@link Herder#health()} (so {@code /health/ready} answers 503 with it while {@code /health/live}
 * stays 200, being about the herder thread) and into the trace of the RUNNING statuses it reports,
 * since those tasks cannot make progress; no new states, so Apache's clients read them as before.
 *
 * <p>Thread contract: called on REST threads; must answer at once, from what the check last saw.
 */
@FunctionalInterface
public interface WorkerReadiness {
    /** A worker with nothing to report: the standalone tests' and any wiring without a check. */
    WorkerReadiness NONE = Optional::empty;

    /** Why the worker cannot do its work now, or empty. */
    Optional<String> problem();
}

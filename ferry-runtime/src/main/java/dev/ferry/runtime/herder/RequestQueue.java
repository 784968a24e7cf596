package dev.ferry.runtime.herder;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The herder thread's inbox. Commands from REST threads, connector threads and the stores become
 * jobs here and run on the herder thread one at a time, which is what lets the herder keep its
 * state without locks. There are two lines: {@link #submit} for jobs that need a settled
 * membership (most of them wait while the group rebalances, instead of failing), and
 * {@link #submitAnytime} for jobs that do not (health probes, bookkeeping).
 *
 * <p>Thread contract: submitting is safe from any thread and wakes the herder thread; the run
 * and fail methods are called by the herder thread only.
 */
final class RequestQueue {
    private final ConcurrentLinkedQueue<Job<?>> settled = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Job<?>> anytime = new ConcurrentLinkedQueue<>();
    private final Runnable wakeup;
    private volatile boolean closed;

    /** @param wakeup makes the herder thread's membership poll return */
    RequestQueue(Runnable wakeup) {
        this.wakeup = wakeup;
    }

    /** Runs {@code job} on the herder thread once the membership is settled. */
    <T> CompletionStage<T> submit(Callable<T> job) {
        return add(settled, job);
    }

    /** Like {@link #submit}, for a job whose answer is itself a stage (completed later on the herder thread). */
    <T> CompletionStage<T> submitStage(Callable<CompletionStage<T>> job) {
        return add(settled, job).thenCompose(stage -> stage);
    }

    /** Runs {@code job} on the herder thread at its next turn, rebalance or not. */
    <T> CompletionStage<T> submitAnytime(Callable<T> job) {
        return add(anytime, job);
    }

    /** Bookkeeping for the herder thread at its next turn; dropped once the herder stopped. */
    void anytime(Runnable job) {
        if (!closed) {
            add(anytime, () -> {
                job.run();
                return null;
            });
        }
    }

    private <T> CompletionStage<T> add(ConcurrentLinkedQueue<Job<?>> line, Callable<T> job) {
        if (closed) {
            return CompletableFuture.failedFuture(new ConnectException("The worker is shutting down"));
        }
        Job<T> queued = new Job<>(job, new CompletableFuture<>());
        line.add(queued);
        wakeup.run();
        return queued.result();
    }

    boolean hasWaiting() {
        return !settled.isEmpty();
    }

    void runAnytime() {
        Job<?> job;
        while ((job = anytime.poll()) != null) {
            job.run();
        }
    }

    /** Runs waiting jobs in order for as long as {@code mayGoOn} holds. */
    void runSettled(BooleanSupplier mayGoOn) {
        while (mayGoOn.getAsBoolean()) {
            Job<?> job = settled.poll();
            if (job == null) {
                return;
            }
            job.run();
        }
    }

    /** Refuses new jobs and fails those still waiting. */
    void close(String reason) {
        closed = true;
        for (ConcurrentLinkedQueue<Job<?>> line : List.of(settled, anytime)) {
            Job<?> job;
            while ((job = line.poll()) != null) {
                job.result().completeExceptionally(new ConnectException(reason));
            }
        }
    }

    /** A job for the herder thread and the stage its caller waits on. */
    private record Job<T>(Callable<T> work, CompletableFuture<T> result) implements Runnable {
        @Override
        public void run() {
            try {
                result.complete(work.call());
            } catch (Throwable t) { // plugin code may throw Errors; the caller gets them, the herder thread goes on
                result.completeExceptionally(t);
            }
        }
    }
}

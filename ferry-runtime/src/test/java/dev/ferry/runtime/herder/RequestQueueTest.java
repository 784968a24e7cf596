package dev.ferry.runtime.herder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class RequestQueueTest {
    private final AtomicInteger wakeups = new AtomicInteger();
    private final RequestQueue queue = new RequestQueue(wakeups::incrementAndGet);

    @Test
    void jobsRunInOrder_onTheThreadThatRunsTheQueue_andEachSubmitWakesIt() throws Exception {
        List<String> ran = new ArrayList<>();
        CompletableFuture<String> first = queue.submit(() -> {
            ran.add("first");
            return "a";
        }).toCompletableFuture();
        CompletableFuture<String> second = queue.submit(() -> {
            ran.add("second");
            return "b";
        }).toCompletableFuture();
        assertThat(wakeups).hasValue(2);
        assertThat(first).isNotDone();

        queue.runSettled(() -> true);

        assertThat(ran).containsExactly("first", "second");
        assertThat(first.get()).isEqualTo("a");
        assertThat(second.get()).isEqualTo("b");
    }

    @Test
    void settledJobs_waitWhileTheGateIsClosed_butAnytimeJobsRun() {
        CompletableFuture<Integer> settled = queue.submit(() -> 1).toCompletableFuture();
        CompletableFuture<Integer> anytime = queue.submitAnytime(() -> 2).toCompletableFuture();

        queue.runAnytime();
        queue.runSettled(() -> false);

        assertThat(anytime).isCompletedWithValue(2);
        assertThat(settled).isNotDone();
        assertThat(queue.hasWaiting()).isTrue();
    }

    @Test
    void aFailingJob_failsItsStage_andTheNextJobStillRuns() {
        CompletableFuture<Object> failing = queue.submit(() -> {
            throw new IllegalStateException("boom");
        }).toCompletableFuture();
        CompletableFuture<Integer> next = queue.submit(() -> 3).toCompletableFuture();

        queue.runSettled(() -> true);

        assertThatThrownBy(failing::get).isInstanceOf(ExecutionException.class).hasRootCauseMessage("boom");
        assertThat(next).isCompletedWithValue(3);
    }

    @Test
    void close_failsWhatWaits_andRefusesNewJobs() {
        CompletableFuture<Integer> waiting = queue.submit(() -> 1).toCompletableFuture();

        queue.close("stopping");

        assertThatThrownBy(waiting::get).hasCauseInstanceOf(ConnectException.class).hasRootCauseMessage("stopping");
        assertThat(queue.submit(() -> 2).toCompletableFuture()).isCompletedExceptionally();
    }
}

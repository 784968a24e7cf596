package dev.ferry.runtime.cluster.group;

import dev.ferry.runtime.cluster.ClusterWork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ferry.testkit.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A worker that loses its broker stops its work once it has been out of touch for longer than
 * its session timeout, because by then the group has handed that work to others. Uses a broker
 * of its own, since it shuts it down.
 */
class WorkerGroupMemberBrokerLossTest {

    @Test
    void workerCutOffFromTheGroup_stopsEverything_afterItsSessionTimeout() throws InterruptedException {
        KafkaBroker broker = KafkaBroker.builder().build().start();
        GroupWorker worker;
        try {
            ClusterWork work = CooperativeAssignorTest.work(1, "orders", 2);
            AtomicReference<ClusterWork> view = new AtomicReference<>(work);
            worker = new GroupWorker("a", broker.bootstrapServers(), "broker-loss", Map.of(), view, view::get);
            awaitTrue(() -> worker.current() != null && worker.tasks().size() == 2);
            assertThat(worker.revokedAnything()).isFalse();
        } finally {
            broker.close();
        }
        try {
            awaitTrue(worker::revokedAnything);

            assertThat(worker.failure()).isNull();
            assertThat(worker.member().leaderUrl()).as("no assignment held any more").isNull();
            assertThat(worker.member().rebalancing()).isTrue();
        } finally {
            assertTimeoutPreemptively(Duration.ofSeconds(20), worker::close);
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out");
            }
            Thread.sleep(50);
        }
    }
}

package dev.ferry.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.InstanceStatus;
import dev.ferry.runtime.model.State;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A standalone worker's statuses: each connector's tasks, sorted by number, apart from every other's. */
class MemoryStatusStoreTest {
    private static final InstanceStatus RUNNING = new InstanceStatus(State.RUNNING, "w:8083", null, "1.0", 0);
    private static final InstanceStatus FAILED = new InstanceStatus(State.FAILED, "w:8083", "boom", "1.0", 0);

    private final MemoryStatusStore store = new MemoryStatusStore();

    @Test
    void tasks_areTheConnectorsOwn_sortedByNumber() {
        store.putTask(new ConnectorTaskId("orders", 10), RUNNING);
        store.putTask(new ConnectorTaskId("orders", 2), FAILED);
        store.putTask(new ConnectorTaskId("orders-2", 0), RUNNING);
        store.putTask(new ConnectorTaskId("order", 1), RUNNING);

        assertThat(store.tasks("orders")).containsExactly(
                Map.entry(new ConnectorTaskId("orders", 2), FAILED),
                Map.entry(new ConnectorTaskId("orders", 10), RUNNING));
        assertThat(store.task(new ConnectorTaskId("orders", 2))).contains(FAILED);
        assertThat(store.task(new ConnectorTaskId("orders", 3))).isEmpty();
        assertThat(store.tasks("unknown")).isEmpty();
    }

    @Test
    void removals_forgetTasks_andAConnectorForgetsAllOfItsOwn() {
        store.putConnector("orders", RUNNING);
        store.putTask(new ConnectorTaskId("orders", 0), RUNNING);
        store.putTask(new ConnectorTaskId("orders", 1), RUNNING);
        store.putTask(new ConnectorTaskId("audit", 0), RUNNING);

        store.removeTask(new ConnectorTaskId("orders", 0));
        assertThat(store.tasks("orders")).extracting(e -> e.getKey().task()).containsExactly(1);
        store.removeTask(new ConnectorTaskId("orders", 1));
        store.putTask(new ConnectorTaskId("orders", 4), RUNNING);
        assertThat(store.tasks("orders")).extracting(e -> e.getKey().task()).containsExactly(4);

        store.removeConnector("orders");
        assertThat(store.connector("orders")).isEmpty();
        assertThat(store.tasks("orders")).isEmpty();
        assertThat(store.tasks("audit")).hasSize(1);
    }

    @Test
    void concurrentPutsAndRemovals_loseNoStatusThatWasPutLast() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> writers = IntStream.range(0, 4).mapToObj(w -> CompletableFuture.runAsync(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int i = 0; i < 2_000; i++) {
                ConnectorTaskId task = new ConnectorTaskId("c", w);
                store.putTask(task, RUNNING);
                store.removeTask(task);
                store.putTask(task, FAILED);
            }
        })).toList();
        go.countDown();
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get();

        assertThat(store.tasks("c")).extracting(Map.Entry::getValue).containsExactly(FAILED, FAILED, FAILED, FAILED);
    }
}

package dev.ferry.runtime.cluster.group;

import dev.ferry.runtime.cluster.WorkerAssignment;
import static dev.ferry.runtime.cluster.group.CooperativeAssignorTest.task;
import static dev.ferry.runtime.cluster.group.CooperativeAssignorTest.work;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The leader's eager (v0) assignment: everything dealt afresh, round-robin. */
class EagerAssignorTest {

    @Test
    void everything_isDealtRoundRobin_connectorsFirst_thenTasksContinuingTheRotation() {
        SimulatedGroup group = new SimulatedGroup("worker-a", "worker-b");

        Map<String, WorkerAssignment> round = new EagerAssignor().assign("worker-a", group.subscriptions(),
                work(4, "orders", 1, "users", 1));

        assertThat(round.get("worker-a").connectors()).containsExactly("orders");
        assertThat(round.get("worker-b").connectors()).containsExactly("users");
        assertThat(round.get("worker-a").tasks()).containsExactly(task("orders", 0));
        assertThat(round.get("worker-b").tasks()).containsExactly(task("users", 0));
        assertThat(round.values()).allSatisfy(a -> {
            assertThat(a.revokedConnectors()).isEmpty();
            assertThat(a.revokedTasks()).isEmpty();
            assertThat(a.configOffset()).isEqualTo(4);
        });
    }

    @Test
    void whatMembersRanBefore_doesNotMatter() {
        SimulatedGroup group = new SimulatedGroup("worker-a", "worker-b");
        group.runs("worker-b", java.util.List.of("orders", "users"), java.util.List.of());

        Map<String, WorkerAssignment> round = new EagerAssignor().assign("worker-a", group.subscriptions(),
                work(4, "orders", 0, "users", 0));

        assertThat(round.get("worker-a").connectors()).containsExactly("orders");
        assertThat(round.get("worker-b").connectors()).containsExactly("users");
    }

    @Test
    void leaderBehind_reportsConfigMismatch() {
        SimulatedGroup group = new SimulatedGroup("worker-a", "worker-b");
        group.readUpTo("worker-b", 8);

        Map<String, WorkerAssignment> round = new EagerAssignor().assign("worker-a", group.subscriptions(),
                work(7, "orders", 1));

        assertThat(round.values()).allSatisfy(a -> {
            assertThat(a.failed()).isTrue();
            assertThat(a.connectors()).isEmpty();
            assertThat(a.configOffset()).isEqualTo(8);
        });
    }
}

package dev.ferry.runtime.cluster.group;

import dev.ferry.runtime.cluster.ClusterWork;
import dev.ferry.runtime.cluster.WorkerAssignment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.model.ConnectorTaskId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The leader's cooperative assignment, round by round, over members simulated in memory. */
class CooperativeAssignorTest {

    @Test
    void newWork_isSpreadEvenly_withNothingRevoked() {
        SimulatedGroup group = new SimulatedGroup("worker-a", "worker-b", "worker-c");
        ClusterWork work = work(10, "orders", 3, "users", 3, "clicks", 3, "audit", 3);

        Map<String, WorkerAssignment> round = group.rebalance(work);

        assertThat(round.values()).allSatisfy(a -> {
            assertThat(a.revokedConnectors()).isEmpty();
            assertThat(a.revokedTasks()).isEmpty();
            assertThat(a.configOffset()).isEqualTo(10);
            assertThat(a.leaderId()).isEqualTo("worker-a");
            assertThat(a.leaderUrl()).isEqualTo("http://worker-a:8083/");
        });
        assertEachConfiguredItemRunsOnce(group, work);
        assertThat(group.members()).allSatisfy(m -> assertThat(group.tasksOf(m)).hasSize(4));
        assertThat(group.connectorSpread()).isLessThanOrEqualTo(1);
    }

    @Test
    void joiningWorker_getsWork_andOnlyTheMovedItemsAreRevoked() {
        SimulatedGroup group = new SimulatedGroup("worker-a", "worker-b");
        ClusterWork work = work(5, "orders", 5, "users", 4, "clicks", 0);
        group.rebalance(work);
        Set<ConnectorTaskId> tasksOfA = Set.copyOf(group.tasksOf("worker-a"));
        Set<ConnectorTaskId> tasksOfB = Set.copyOf(group.tasksOf("worker-b"));

        group.join("worker-c");
        Map<String, WorkerAssignment> revoking = group.rebalance(work);

        assertThat(revoking.get("worker-c").revokedTasks()).isEmpty();
        int revokedTasks = revoking.values().stream().mapToInt(a -> a.revokedTasks().size()).sum();
        assertThat(revokedTasks).as("9 tasks over 3 workers: 3 move to the new one").isEqualTo(3);
        int revokedConnectors = revoking.values().stream().mapToInt(a -> a.revokedConnectors().size()).sum();
        assertThat(revokedConnectors).as("3 connectors over 3 workers: 1 moves").isEqualTo(1);
        assertThat(revoking.values()).as("nothing revoked is handed out in the same round")
                .allSatisfy(a -> assertThat(a.tasks()).isEmpty());
        assertThat(group.tasksOf("worker-a")).isSubsetOf(tasksOfA);
        assertThat(group.tasksOf("worker-b")).isSubsetOf(tasksOfB);

        Map<String, WorkerAssignment> placing = group.rebalance(work);

        assertThat(placing.values()).allSatisfy(a -> assertThat(a.revokedTasks()).isEmpty());
        assertThat(placing.get("worker-c").tasks()).hasSize(3);
        assertThat(placing.get("worker-c").connectors()).hasSize(1);
        assertEachConfiguredItemRunsOnce(group, work);
        assertThat(group.taskSpread()).isZero();
        assertThat(group.connectorSpread()).isZero();
        assertThat(group.rebalance(work).values()).as("balanced: a further round changes nothing")
                .allSatisfy(CooperativeAssignorTest::assertNoChange);
    }

    @Test
    void departedWorkersWork_isReassignedInTheSameRound() {
        SimulatedGroup group = new SimulatedGroup("worker-a", "worker-b", "worker-c");
        ClusterWork work = work(7, "orders", 4, "users", 4, "clicks", 4);
        group.rebalance(work);
        Set<ConnectorTaskId> lost = Set.copyOf(group.tasksOf("worker-c"));

        group.leave("worker-c");
        Map<String, WorkerAssignment> round = group.rebalance(work);

        assertThat(round.values()).allSatisfy(a -> assertThat(a.revokedTasks()).isEmpty());
        List<ConnectorTaskId> reassigned = new ArrayList<>();
        round.values().forEach(a -> reassigned.addAll(a.tasks()));
        assertThat(reassigned).containsExactlyInAnyOrderElementsOf(lost);
        assertEachConfiguredItemRunsOnce(group, work);
        assertThat(group.taskSpread()).isLessThanOrEqualTo(1);
        assertThat(group.connectorSpread()).isLessThanOrEqualTo(1);
    }

    @Test
    void deletedConnector_isRevokedWithItsTasks_andNothingReplacesIt() {
        SimulatedGroup group = new SimulatedGroup("worker-a", "worker-b");
        group.rebalance(work(3, "orders", 2, "users", 2));

        Map<String, WorkerAssignment> round = group.rebalance(work(4, "users", 2));

        List<String> revokedConnectors = new ArrayList<>();
        List<ConnectorTaskId> revokedTasks = new ArrayList<>();
        round.values().forEach(a -> {
            revokedConnectors.addAll(a.revokedConnectors());
            revokedTasks.addAll(a.revokedTasks());
        });
        assertThat(revokedConnectors).containsExactly("orders");
        assertThat(revokedTasks).containsExactlyInAnyOrder(task("orders", 0), task("orders", 1));
        assertThat(group.allConnectors()).containsExactly("users");
        assertThat(group.allTasks()).containsExactlyInAnyOrder(task("users", 0), task("users", 1));
    }

    @Test
    void loweredTaskCount_revokesOnlyTheTasksBeyondIt() {
        SimulatedGroup group = new SimulatedGroup("worker-a");
        group.rebalance(work(1, "orders", 4));

        Map<String, WorkerAssignment> round = group.rebalance(work(2, "orders", 2));

        assertThat(round.get("worker-a").revokedTasks()).containsExactlyInAnyOrder(task("orders", 2), task("orders", 3));
        assertThat(round.get("worker-a").revokedConnectors()).isEmpty();
        assertThat(group.tasksOf("worker-a")).containsExactlyInAnyOrder(task("orders", 0), task("orders", 1));
    }

    @Test
    void stoppedConnector_withNoTasks_staysAssigned() {
        SimulatedGroup group = new SimulatedGroup("worker-a", "worker-b");

        group.rebalance(work(1, "paused", 0, "running", 1));

        assertThat(group.allConnectors()).containsExactlyInAnyOrder("paused", "running");
        assertThat(group.allTasks()).containsExactly(task("running", 0));
    }

    @Test
    void itemRunningOnTwoWorkers_keepsOneCopy() {
        SimulatedGroup group = new SimulatedGroup("worker-a", "worker-b");
        group.runs("worker-a", List.of("orders"), List.of(task("orders", 0)));
        group.runs("worker-b", List.of("orders"), List.of(task("orders", 0), task("orders", 1)));

        Map<String, WorkerAssignment> round = group.rebalance(work(3, "orders", 2));

        assertThat(round.get("worker-a").revokedConnectors()).isEmpty();
        assertThat(round.get("worker-b").revokedConnectors()).containsExactly("orders");
        assertThat(round.get("worker-b").revokedTasks()).containsExactly(task("orders", 0));
        assertThat(group.allConnectors()).containsExactly("orders");
        assertThat(group.allTasks()).containsExactlyInAnyOrder(task("orders", 0), task("orders", 1));
    }

    @Test
    void leaderBehindAMember_assignsNothing_andReportsConfigMismatch() {
        SimulatedGroup group = new SimulatedGroup("worker-a", "worker-b");
        group.runs("worker-b", List.of("orders"), List.of());
        group.readUpTo("worker-b", 12);

        Map<String, WorkerAssignment> round = group.rebalance(work(11, "orders", 1));

        assertThat(round.values()).allSatisfy(a -> {
            assertThat(a.failed()).isTrue();
            assertThat(a.error()).isEqualTo(WorkerAssignment.CONFIG_MISMATCH);
            assertThat(a.configOffset()).isEqualTo(12);
            assertThat(a.connectors()).isEmpty();
            assertThat(a.revokedConnectors()).isEmpty();
        });
        assertThat(group.connectorsOf("worker-b")).as("members keep running what they had").containsExactly("orders");
    }

    @Test
    void leaderAheadOfEveryMember_assignsAtItsOwnOffset() {
        SimulatedGroup group = new SimulatedGroup("worker-a", "worker-b");
        group.readUpTo("worker-b", 3);

        Map<String, WorkerAssignment> round = group.rebalance(work(9, "orders", 1));

        assertThat(round.values()).allSatisfy(a -> assertThat(a.configOffset()).isEqualTo(9));
    }

    @Test
    void manyWorkersJoiningAnUnevenCluster_convergeInTwoRounds() {
        SimulatedGroup group = new SimulatedGroup("worker-a");
        ClusterWork work = work(20, "c1", 7, "c2", 5, "c3", 1, "c4", 0, "c5", 10);
        group.rebalance(work);
        for (String member : List.of("worker-b", "worker-c", "worker-d", "worker-e")) {
            group.join(member);
        }

        group.rebalance(work);
        group.rebalance(work);

        assertEachConfiguredItemRunsOnce(group, work);
        assertThat(group.taskSpread()).isLessThanOrEqualTo(1);
        assertThat(group.connectorSpread()).isLessThanOrEqualTo(1);
        assertThat(group.rebalance(work).values()).allSatisfy(CooperativeAssignorTest::assertNoChange);
    }

    private static void assertNoChange(WorkerAssignment assignment) {
        assertThat(assignment.connectors()).isEmpty();
        assertThat(assignment.tasks()).isEmpty();
        assertThat(assignment.revokedConnectors()).isEmpty();
        assertThat(assignment.revokedTasks()).isEmpty();
    }

    private static void assertEachConfiguredItemRunsOnce(SimulatedGroup group, ClusterWork work) {
        assertThat(group.allConnectors()).containsExactlyInAnyOrderElementsOf(work.taskCounts().keySet());
        List<ConnectorTaskId> configured = new ArrayList<>();
        work.taskCounts().forEach((connector, count) -> {
            for (int i = 0; i < count; i++) {
                configured.add(task(connector, i));
            }
        });
        assertThat(group.allTasks()).containsExactlyInAnyOrderElementsOf(configured);
    }

    /** Work at {@code offset}: pairs of connector name and task count. */
    static ClusterWork work(long offset, Object... namesAndCounts) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < namesAndCounts.length; i += 2) {
            counts.put((String) namesAndCounts[i], (Integer) namesAndCounts[i + 1]);
        }
        return new ClusterWork(offset, counts);
    }

    static ConnectorTaskId task(String connector, int task) {
        return new ConnectorTaskId(connector, task);
    }
}

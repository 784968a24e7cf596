package dev.ferry.runtime.cluster.group;

import dev.ferry.runtime.cluster.ClusterWork;
import dev.ferry.runtime.cluster.WorkerAssignment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Workers joining one Connect group through a real broker's group coordinator: the work is
 * shared with every item running exactly once, a worker that leaves or freezes has its work
 * taken over, and the subprotocol falls back to what every member supports.
 */
@WithKafka
class WorkerGroupMemberIntegrationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static final ClusterWork WORK = CooperativeAssignorTest.work(17, "orders", 2, "users", 2, "clicks", 2,
            "stopped", 0);

    private final List<GroupWorker> workers = new ArrayList<>();
    /** The config topic as every worker has read it, unless a test gives a worker its own view. */
    private final AtomicReference<ClusterWork> work = new AtomicReference<>(WORK);
    private KafkaBroker broker;
    private String groupId;

    @BeforeEach
    void setUp(KafkaBroker broker) {
        this.broker = broker;
        this.groupId = "connect-group-test-" + UUID.randomUUID();
    }

    @AfterEach
    void closeWorkers() throws InterruptedException {
        for (GroupWorker worker : workers) {
            worker.close();
        }
    }

    @Test
    void twoWorkers_shareTheWork_eachItemRunningOnce() {
        GroupWorker a = start("a", Map.of());
        await(() -> a.current() != null, "the first worker gets an assignment");
        assertThat(a.connectors()).hasSize(4);
        assertThat(a.member().isLeader()).isTrue();
        assertThat(a.member().generation()).isPositive();

        GroupWorker b = start("b", Map.of());
        awaitBalanced(List.of(a, b));

        assertThat(Stream.of(a, b).filter(w -> w.member().isLeader())).hasSize(1);
        assertThat(b.member().leaderUrl()).isEqualTo(a.member().leaderUrl()).isEqualTo(a.url());
        assertThat(a.member().protocolVersion()).isEqualTo((short) 2);
        assertThat(b.member().memberId()).startsWith("connect-b.test:8083-");
        assertThat(b.member().clientId()).isEqualTo("connect-b.test:8083");
        assertThat(b.member().rebalancing()).isFalse();
        assertThat(b.revokedAnything()).as("a new worker has nothing to give up").isFalse();
    }

    @Test
    void threeEagerWorkers_shareTheWork_revokingEverythingOnEachRebalance() {
        Map<String, String> eager = Map.of("connect.protocol", "eager");
        GroupWorker a = start("a", eager);
        await(() -> a.current() != null, "the first worker gets an assignment");
        GroupWorker b = start("b", eager);
        GroupWorker c = start("c", eager);

        awaitBalanced(List.of(a, b, c));

        assertThat(a.member().protocolVersion()).isZero();
        assertThat(a.revokedAnything()).as("eager rebalances stop everything first").isTrue();
        assertThat(a.current().revokedTasks()).isEmpty();
    }

    @Test
    void workersWithDifferentProtocols_agreeOnTheNewestCommonOne() {
        GroupWorker sessioned = start("a", Map.of());
        GroupWorker compatible = start("b", Map.of("connect.protocol", "compatible"));

        awaitBalanced(List.of(sessioned, compatible));

        assertThat(sessioned.member().protocolVersion()).isEqualTo((short) 1);
        assertThat(compatible.member().protocolVersion()).isEqualTo((short) 1);
    }

    @Test
    void closedWorker_handsItsWork_toTheOthers_withoutWaitingForItsSession() throws InterruptedException {
        // A long session timeout: only leaving the group explains a quick handover.
        Map<String, String> slowSessions = Map.of("session.timeout.ms", "60000");
        GroupWorker a = start("a", slowSessions);
        GroupWorker b = start("b", slowSessions);
        GroupWorker c = start("c", slowSessions);
        awaitBalanced(List.of(a, b, c));

        long start = System.nanoTime();
        c.close();
        workers.remove(c);
        awaitBalanced(List.of(a, b));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void frozenWorker_isReplaced_afterItsSessionTimesOut() throws InterruptedException {
        GroupWorker a = start("a", Map.of());
        GroupWorker b = start("b", Map.of());
        awaitBalanced(List.of(a, b));

        // Holding the coordinator's monitor stalls b's heartbeat thread, as a long GC pause or a
        // hung process would; b's herder stops polling too. b never leaves the group.
        b.stopPolling();
        CountDownLatch frozen = new CountDownLatch(1);
        CountDownLatch thaw = new CountDownLatch(1);
        Thread freezer = new Thread(() -> {
            synchronized (b.member().coordinator()) {
                frozen.countDown();
                try {
                    thaw.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        freezer.start();
        frozen.await();
        long start = System.nanoTime();
        try {
            await(() -> holdsEverything(a), "the survivor takes over the frozen worker's work");
        } finally {
            thaw.countDown();
            freezer.join();
        }

        Duration failover = Duration.ofNanos(System.nanoTime() - start);
        assertThat(failover).as("session.timeout.ms 6000 plus a few seconds").isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void workerWhoseHerderStalls_leavesTheGroup_andStopsItsWorkWhenItPollsAgain() {
        Map<String, String> shortPollTimeout = Map.of("rebalance.timeout.ms", "2000");
        GroupWorker a = start("a", shortPollTimeout);
        GroupWorker b = start("b", shortPollTimeout);
        awaitBalanced(List.of(a, b));

        // a follow-up round of the balancing may already have had b give something up: count from here
        long before = b.revocations();
        b.stopPolling();
        await(() -> holdsEverything(a), "the other worker takes over once the stalled one leaves");
        assertThat(b.revocations()).as("nothing is stopped while the herder is stalled").isEqualTo(before);
        b.resumePolling();

        await(() -> b.revocations() > before, "the stalled worker stops the work it no longer owns");
        awaitBalanced(List.of(a, b));
    }

    @Test
    void leaderBehindAnotherWorker_catchesUp_andThenAssigns() {
        ClusterWork newer = CooperativeAssignorTest.work(18, "orders", 2, "users", 2, "clicks", 2, "stopped", 0, "new", 1);
        AtomicReference<ClusterWork> viewOfA = new AtomicReference<>(WORK);
        GroupWorker a = start("a", Map.of(), viewOfA, () -> newer);
        await(() -> a.current() != null, "the first worker gets an assignment");

        // b has read further than the leader a: the first round fails, a catches up and rejoins.
        GroupWorker b = start("b", Map.of(), new AtomicReference<>(newer), () -> newer);
        awaitBalanced(List.of(a, b), newer);

        assertThat(a.assignments()).anyMatch(WorkerAssignment::failed);
        // b's copy of the failed round is not asserted: a rejoins at once after catching up, so b's SyncGroup of that
        // round may meet the next rebalance and never deliver it (seen in a CI run)
        assertThat(a.current().configOffset()).isEqualTo(18);
        assertThat(b.current().configOffset()).isEqualTo(18);
    }

    private boolean holdsEverything(GroupWorker worker) {
        ClusterWork expected = work.get();
        return worker.connectors().size() == expected.taskCounts().size()
                && worker.tasks().size() == expected.taskCounts().values().stream().mapToInt(Integer::intValue).sum();
    }

    private GroupWorker start(String name, Map<String, String> overrides) {
        return start(name, overrides, work, work::get);
    }

    private GroupWorker start(String name, Map<String, String> overrides, AtomicReference<ClusterWork> view,
                              Supplier<ClusterWork> configTopic) {
        GroupWorker worker = new GroupWorker(name, broker.bootstrapServers(), groupId, overrides, view, configTopic);
        workers.add(worker);
        return worker;
    }

    /** Waits until every configured item runs exactly once and counts differ by at most one. */
    private void awaitBalanced(List<GroupWorker> group) {
        awaitBalanced(group, WORK);
    }

    private void awaitBalanced(List<GroupWorker> group, ClusterWork expected) {
        await(() -> balanced(group, expected), "every item running exactly once, evenly, on " + group);
    }

    private static boolean balanced(List<GroupWorker> group, ClusterWork expected) {
        List<String> connectors = new ArrayList<>();
        List<ConnectorTaskId> tasks = new ArrayList<>();
        for (GroupWorker worker : group) {
            if (worker.current() == null || worker.member().rebalancing()) {
                return false;
            }
            connectors.addAll(worker.connectors());
            tasks.addAll(worker.tasks());
        }
        List<ConnectorTaskId> configuredTasks = new ArrayList<>();
        expected.taskCounts().forEach((connector, count) -> {
            for (int i = 0; i < count; i++) {
                configuredTasks.add(new ConnectorTaskId(connector, i));
            }
        });
        boolean exactlyOnce = connectors.size() == expected.taskCounts().size()
                && connectors.containsAll(expected.taskCounts().keySet())
                && tasks.size() == configuredTasks.size() && tasks.containsAll(configuredTasks);
        int[] connectorCounts = group.stream().mapToInt(w -> w.connectors().size()).toArray();
        int[] taskCounts = group.stream().mapToInt(w -> w.tasks().size()).toArray();
        return exactlyOnce && spread(connectorCounts) <= 1 && spread(taskCounts) <= 1;
    }

    private static int spread(int[] counts) {
        int max = Integer.MIN_VALUE;
        int min = Integer.MAX_VALUE;
        for (int count : counts) {
            max = Math.max(max, count);
            min = Math.min(min, count);
        }
        return max - min;
    }

    private void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            for (GroupWorker worker : workers) {
                assertThat(worker.failure()).as("poll loop of " + worker).isNull();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + TIMEOUT + " waiting for: " + what + "; workers: " + workers);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for: " + what, e);
            }
        }
    }
}

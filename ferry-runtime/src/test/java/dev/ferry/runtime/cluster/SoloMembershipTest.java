package dev.ferry.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.model.ConnectorTaskId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SoloMembershipTest {
    private static final String URL = "http://localhost:8083/";

    private final AtomicReference<ClusterWork> work = new AtomicReference<>(ClusterWork.EMPTY);
    private final Recorder listener = new Recorder();
    private final SoloMembership membership = new SoloMembership(URL, work::get, listener);

    @Test
    void isAClusterOfOne_thatAlwaysLeads() {
        assertThat(membership.isLeader()).isTrue();
        assertThat(membership.leaderUrl()).isEqualTo(URL);
        assertThat(membership.memberUrls()).containsExactly(URL);
        assertThat(membership.protocolVersion()).isEqualTo((short) 2);
        assertThat(membership.distributed()).isFalse();
        assertThat(membership.generation()).isEqualTo(-1);
    }

    @Test
    void firstPoll_assignsEverythingConfigured_asGenerationOne() {
        work.set(new ClusterWork(7, Map.of("b", 2, "a", 0)));

        membership.poll(10_000);

        assertThat(listener.revocations).isEmpty();
        assertThat(listener.assignments).hasSize(1);
        WorkerAssignment assignment = listener.assignments.get(0);
        assertThat(assignment.connectors()).containsExactly("a", "b");
        assertThat(assignment.tasks()).containsExactly(new ConnectorTaskId("b", 0), new ConnectorTaskId("b", 1));
        assertThat(assignment.configOffset()).isEqualTo(7);
        assertThat(assignment.leaderUrl()).isEqualTo(URL);
        assertThat(assignment.failed()).isFalse();
        assertThat(listener.generations).containsExactly(1);
        assertThat(membership.generation()).isEqualTo(1);
        assertThat(membership.rebalancing()).isFalse();
    }

    @Test
    void rejoin_revokesWhatDisappeared_thenAssignsEverythingStillConfigured() {
        work.set(new ClusterWork(1, Map.of("a", 2, "b", 1)));
        membership.poll(0);
        work.set(new ClusterWork(2, Map.of("a", 1, "c", 1)));

        membership.requestRejoin("connector b deleted, a shrank, c created");
        membership.poll(10_000);

        assertThat(listener.revocations).containsExactly(
                "revoked [b] [a-1, b-0] by " + URL);
        WorkerAssignment second = listener.assignments.get(1);
        assertThat(second.connectors()).containsExactly("a", "c");
        assertThat(second.tasks()).containsExactly(new ConnectorTaskId("a", 0), new ConnectorTaskId("c", 0));
        assertThat(second.revokedConnectors()).containsExactly("b");
        assertThat(second.revokedTasks()).containsExactly(new ConnectorTaskId("a", 1), new ConnectorTaskId("b", 0));
        assertThat(listener.generations).containsExactly(1, 2);
    }

    @Test
    void rejoinWithNothingGone_assignsAgainWithoutRevoking() {
        work.set(new ClusterWork(1, Map.of("a", 1)));
        membership.poll(0);
        work.set(new ClusterWork(2, Map.of("a", 1, "b", 1)));

        membership.requestRejoin("b created");
        membership.poll(0);

        assertThat(listener.revocations).isEmpty();
        assertThat(listener.assignments.get(1).tasks()).containsExactly(
                new ConnectorTaskId("a", 0), new ConnectorTaskId("b", 0));
    }

    @Test
    void pollWithNothingDue_waitsForTheTimeout_andAssignsNothing() {
        membership.poll(0);
        long start = System.nanoTime();

        membership.poll(150);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(140);
        assertThat(listener.assignments).hasSize(1);
    }

    @Test
    void wakeup_endsABlockedPoll_andAPendingOneMakesTheNextPollReturnAtOnce() throws Exception {
        membership.poll(0);
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> membership.poll(60_000));
        Thread.sleep(100);
        membership.wakeup();
        blocked.get(5, TimeUnit.SECONDS);

        membership.wakeup();
        long start = System.nanoTime();
        membership.poll(60_000);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
        assertThat(listener.assignments).hasSize(1);
    }

    @Test
    void rejoinFromAnotherThread_wakesABlockedPoll_whichAssigns() throws Exception {
        membership.poll(0);
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> membership.poll(60_000));
        Thread.sleep(100);

        membership.requestRejoin("test");
        blocked.get(5, TimeUnit.SECONDS);

        assertThat(listener.generations).containsExactly(1, 2);
    }

    @Test
    void pollAfterClose_isRefused() {
        membership.close();
        assertThatThrownBy(() -> membership.poll(0)).isInstanceOf(IllegalStateException.class);
    }

    private static final class Recorder implements GroupListener {
        final List<String> revocations = new ArrayList<>();
        final List<WorkerAssignment> assignments = new ArrayList<>();
        final List<Integer> generations = new ArrayList<>();

        @Override
        public synchronized void onRevoked(String leaderId, Collection<String> connectors,
                                           Collection<ConnectorTaskId> tasks) {
            revocations.add("revoked " + connectors + " " + tasks + " by " + leaderId);
        }

        @Override
        public synchronized void onAssigned(WorkerAssignment assignment, int generation) {
            assignments.add(assignment);
            generations.add(generation);
        }
    }
}

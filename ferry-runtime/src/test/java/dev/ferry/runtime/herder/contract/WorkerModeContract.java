package dev.ferry.runtime.herder.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.herder.Herder;
import dev.ferry.runtime.model.TargetState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a worker says about its mode: its health, its cluster (none for a standalone worker), where
 * a cluster-wide log level goes, and who may store task configurations from outside.
 */
interface WorkerModeContract extends HerderContract {

    @Test
    default void health_isHealthy_onEveryWorker() {
        assertThat(fixture().readEach(h -> h.health().toCompletableFuture().join().status()))
                .containsOnly("healthy");
    }

    @Test
    default void clusterMembers_areNoneForAStandaloneWorker_andEveryWorkerWithItsLeaderForACluster() {
        Herder.ClusterMembers members = fixture().send(Herder::clusterMembers);

        int size = fixture().expectations().clusterSize();
        if (fixture().expectations().standalone()) {
            assertThat(members).isEqualTo(new Herder.ClusterMembers(null, -1, List.of()));
        } else {
            assertThat(members.workerUrls()).hasSize(size).contains(members.leaderUrl());
            assertThat(members.generation()).isPositive();
        }
    }

    @Test
    default void clusterLoggerLevel_isStoredForTheClusterOnlyWhenThereIsOne() {
        boolean stored = fixture().send(h -> h.setClusterLoggerLevel("dev.ferry.contract.probe", "DEBUG"));

        assertThat(stored).isEqualTo(!fixture().expectations().standalone());
    }

    @Test
    default void putTaskConfigs_fromOutsideTheCluster_isRefused() {
        String name = uniqueName("external-tasks");
        createRunning(name, scripted().config(1, "e"), 1);

        if (fixture().expectations().standalone()) {
            assertThatThrownBy(() -> fixture().send(h -> h.putTaskConfigs(name, List.of(Map.of()), null)))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessage("Kafka Connect in standalone mode does not support externally setting task "
                            + "configurations.");
        } else {
            assertThatThrownBy(() -> fixture().send(h -> h.putTaskConfigs(name, List.of(Map.of()), null)))
                    .hasMessageStartingWith("Internal request missing required signature");
        }
        assertThat(taskConfigs(name)).hasSize(1);
    }

    @Test
    default void create_inAStoppedOrPausedInitialState_runsNoTask_untilResumed() {
        String stopped = uniqueName("initially-stopped");
        String paused = uniqueName("initially-paused");

        fixture().send(h -> h.putConnectorConfig(stopped, scripted().config(2, "i"), false, TargetState.STOPPED));
        fixture().send(h -> h.putConnectorConfig(paused, scripted().config(2, "i"), false, TargetState.PAUSED));

        awaitStates(stopped, Map.of("connector", dev.ferry.runtime.model.State.STOPPED));
        awaitStates(paused, Map.of("connector", dev.ferry.runtime.model.State.PAUSED));
        assertThat(taskConfigs(stopped)).isEmpty();
        assertThat(taskConfigs(paused)).isEmpty();
        assertThat(scripted().taskStarts(stopped, 0) + scripted().taskStarts(paused, 0)).isZero();

        fixture().send(h -> h.resumeConnector(stopped));
        fixture().send(h -> h.resumeConnector(paused));
        awaitStates(stopped, running(2));
        awaitStates(paused, running(2));
    }
}

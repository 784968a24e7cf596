package dev.ferry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterStatusTest {
    private static final String A = "127.0.0.1:8083";
    private static final String B = "127.0.0.1:8084";

    /** The shape of GET /connectors?expand=status: name -> {status: {connector, tasks}}. */
    private static String expandStatus(String sourceWorker, String sinkTaskState, String sinkTask1Worker) {
        return """
                {"src": {"status": {"name": "src", "connector": {"state": "RUNNING", "worker_id": "%1$s"},
                                    "tasks": [{"id": 0, "state": "RUNNING", "worker_id": "%1$s"}], "type": "source"}},
                 "sink": {"status": {"name": "sink", "connector": {"state": "RUNNING", "worker_id": "%4$s"},
                                     "tasks": [{"id": 0, "state": "%2$s", "worker_id": "%4$s"},
                                               {"id": 1, "state": "RUNNING", "worker_id": "%3$s"}],
                                     "type": "sink"}}}
                """.formatted(sourceWorker, sinkTaskState, sinkTask1Worker, B);
    }

    @Test
    void allRunning_needsEveryConnectorAndTaskRunning_inTheExpectedNumbers() throws Exception {
        ClusterStatus status = ClusterStatus.parse(expandStatus(A, "RUNNING", A));
        assertThat(status.allRunning(2, 3, null)).isTrue();
        assertThat(status.allRunning(2, 4, null)).as("a task missing from the status").isFalse();
        assertThat(ClusterStatus.parse(expandStatus(A, "UNASSIGNED", A)).allRunning(2, 3, null)).isFalse();
    }

    @Test
    void allRunning_isFalse_whileAnyStatusStillNamesTheWorkerThatLeft() throws Exception {
        ClusterStatus stale = ClusterStatus.parse(expandStatus(A, "RUNNING", B));
        assertThat(stale.allRunning(2, 3, A)).isFalse();
        ClusterStatus moved = ClusterStatus.parse(expandStatus(B, "RUNNING", B));
        assertThat(moved.allRunning(2, 3, A)).isTrue();
    }

    @Test
    void workOn_countsConnectorsAndTasks_andTasksPerWorkerCountsTasksOnly() throws Exception {
        ClusterStatus status = ClusterStatus.parse(expandStatus(A, "RUNNING", A));
        assertThat(status.workOn(A)).isEqualTo(3);
        assertThat(status.workOn(B)).isEqualTo(2);
        assertThat(status.tasksPerWorker()).isEqualTo(Map.of(A, 2, B, 1));
    }

    @Test
    void parseOne_readsASingleConnectorStatus() throws Exception {
        ClusterStatus status = ClusterStatus.parseOne("c", """
                {"name": "c", "connector": {"state": "RUNNING", "worker_id": "%s"},
                 "tasks": [{"id": 0, "state": "RUNNING", "worker_id": "%s"}, {"id": 1, "state": "RUNNING",
                 "worker_id": "%s"}], "type": "sink"}""".formatted(A, A, B));
        assertThat(status.tasks().keySet()).containsExactly("c-0", "c-1");
        assertThat(status.allRunning(1, 2, null)).isTrue();
        assertThat(status.allRunning(1, 4, null)).isFalse();
    }

    @Test
    void summary_namesWhatIsNotRunning() throws Exception {
        String summary = ClusterStatus.parse(expandStatus(A, "UNASSIGNED", A)).summary();
        assertThat(summary).contains("2 connectors, 3 tasks").contains("sink-0 UNASSIGNED@" + B);
    }

    @Test
    void evenSpread_needsEveryMemberToRunTasks_withCountsWithinOne() {
        List<String> members = List.of(A, B, "127.0.0.1:8085");
        assertThat(FailoverPhase.evenlyOver(Map.of(A, 4, B, 3, "127.0.0.1:8085", 3), members)).isTrue();
        assertThat(FailoverPhase.evenlyOver(Map.of(A, 5, B, 5), members)).as("a member without tasks").isFalse();
        assertThat(FailoverPhase.evenlyOver(Map.of(A, 5, B, 3, "127.0.0.1:8085", 2), members)).isFalse();
    }
}

package dev.ferry.runtime.herder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.storage.ClusterConfigState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {
    private static final Map<String, String> CONFIG = Map.of("connector.class", "FileStreamSource", "file", "a");
    private static final Map<String, String> TASK = Map.of("task.class", "T", "file", "a");

    @Test
    void nothingChanged_isEmptyAndKeepsTheAssignment() {
        ClusterConfigState state = state(Map.of("c", CONFIG), Map.of(), Map.of("c", List.of(TASK)));
        ConfigDiff diff = ConfigDiff.between(state, state);
        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.changesAssignment()).isFalse();
    }

    @Test
    void addedAndRemovedConnectors_changeTheAssignment() {
        ConfigDiff diff = ConfigDiff.between(state(Map.of("old", CONFIG), Map.of(), Map.of()),
                state(Map.of("new", CONFIG), Map.of(), Map.of()));
        assertThat(diff.added()).containsExactly("new");
        assertThat(diff.removed()).containsExactly("old");
        assertThat(diff.changesAssignment()).isTrue();
    }

    @Test
    void changedConnectorConfig_isAReconfigurationOnly() {
        ConfigDiff diff = ConfigDiff.between(state(Map.of("c", CONFIG), Map.of(), Map.of()),
                state(Map.of("c", Map.of("connector.class", "FileStreamSource", "file", "b")), Map.of(), Map.of()));
        assertThat(diff.reconfigured()).containsExactly("c");
        assertThat(diff.changesAssignment()).isFalse();
    }

    @Test
    void aMissingTargetStateRecordMeansStarted_soWritingStartedChangesNothing() {
        ConfigDiff same = ConfigDiff.between(state(Map.of("c", CONFIG), Map.of(), Map.of()),
                state(Map.of("c", CONFIG), Map.of("c", TargetState.STARTED), Map.of()));
        assertThat(same.targetStateChanged()).isEmpty();
        ConfigDiff paused = ConfigDiff.between(state(Map.of("c", CONFIG), Map.of(), Map.of()),
                state(Map.of("c", CONFIG), Map.of("c", TargetState.PAUSED), Map.of()));
        assertThat(paused.targetStateChanged()).containsExactly("c");
    }

    @Test
    void changedTaskConfigs_restartTasks_butOnlyANewCountReassigns() {
        Map<String, String> otherTask = Map.of("task.class", "T", "file", "b");
        ConfigDiff sameCount = ConfigDiff.between(state(Map.of("c", CONFIG), Map.of(), Map.of("c", List.of(TASK))),
                state(Map.of("c", CONFIG), Map.of(), Map.of("c", List.of(otherTask))));
        assertThat(sameCount.tasksChanged()).containsExactly("c");
        assertThat(sameCount.changesAssignment()).isFalse();

        ConfigDiff stopped = ConfigDiff.between(state(Map.of("c", CONFIG), Map.of(), Map.of("c", List.of(TASK))),
                state(Map.of("c", CONFIG), Map.of("c", TargetState.STOPPED), Map.of("c", List.of())));
        assertThat(stopped.taskCountChanged()).containsExactly("c");
        assertThat(stopped.targetStateChanged()).containsExactly("c");
        assertThat(stopped.changesAssignment()).isTrue();
    }

    private static ClusterConfigState state(Map<String, Map<String, String>> configs, Map<String, TargetState> targets,
                                            Map<String, List<Map<String, String>>> tasks) {
        return new ClusterConfigState(1, null, new HashMap<>(configs), new HashMap<>(targets), new HashMap<>(tasks), Set.of());
    }
}

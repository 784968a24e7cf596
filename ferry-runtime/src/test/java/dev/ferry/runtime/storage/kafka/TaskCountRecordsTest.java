package dev.ferry.runtime.storage.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.storage.ClusterConfigState;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** KIP-618 task-count records in the config topic: their bytes, and when a connector is pending fencing. */
class TaskCountRecordsTest {
    private final ConfigTopicState state = new ConfigTopicState();
    private long nextOffset;

    @Test
    void record_isApachesKeyAndJson() {
        assertThat(ConfigRecords.taskCountKey("my-src")).isEqualTo("tasks-fencing-my-src");
        assertThat(new String(ConfigRecords.taskCount(3), StandardCharsets.UTF_8)).isEqualTo("{\"task-count\":3}");
    }

    @Test
    void commitAfterTheLastRecord_isPendingFencing_untilTheNextRecord() {
        apply("connector-c", "{\"properties\":{\"name\":\"c\"}}");
        assertThat(state.snapshot().pendingFencing("c")).isFalse();
        assertThat(state.snapshot().taskCountRecord("c")).isNull();

        apply("task-c-0", "{\"properties\":{}}");
        apply("task-c-1", "{\"properties\":{}}");
        apply("commit-c", "{\"tasks\":2}");
        assertThat(state.snapshot().pendingFencing("c")).isTrue();

        apply("tasks-fencing-c", "{\"task-count\":2}");
        ClusterConfigState snapshot = state.snapshot();
        assertThat(snapshot.pendingFencing("c")).isFalse();
        assertThat(snapshot.taskCountRecord("c")).isEqualTo(2);

        apply("task-c-0", "{\"properties\":{}}");
        apply("commit-c", "{\"tasks\":1}");
        assertThat(state.snapshot().pendingFencing("c")).isTrue();
        assertThat(state.snapshot().taskCountRecord("c")).isEqualTo(2);
    }

    @Test
    void incompleteAndEmptyCommits_arePendingFencingToo() {
        apply("connector-c", "{\"properties\":{}}");
        apply("commit-c", "{\"tasks\":2}");
        assertThat(state.snapshot().inconsistentConnectors()).containsExactly("c");
        assertThat(state.snapshot().pendingFencing("c")).isTrue();

        apply("tasks-fencing-c", "{\"task-count\":0}");
        apply("commit-c", "{\"tasks\":0}");
        assertThat(state.snapshot().pendingFencing("c")).isTrue();
    }

    @Test
    void commitOfAMissingConnector_andMalformedRecords_changeNothing() {
        apply("commit-gone", "{\"tasks\":1}");
        apply("connector-c", "{\"properties\":{}}");
        apply("commit-c", "{\"tasks\":0}");
        apply("tasks-fencing-c", "{\"count\":1}");
        apply("tasks-fencing-c", null);

        ClusterConfigState snapshot = state.snapshot();
        assertThat(snapshot.pendingFencing("gone")).isFalse();
        assertThat(snapshot.pendingFencing("c")).isTrue();
        assertThat(snapshot.taskCountRecord("c")).isNull();
    }

    @Test
    void deletedConnector_keepsItsCount_soANamesakeFencesWhatItLeftRunning() {
        apply("connector-c", "{\"properties\":{}}");
        apply("task-c-0", "{\"properties\":{}}");
        apply("task-c-1", "{\"properties\":{}}");
        apply("commit-c", "{\"tasks\":2}");
        apply("tasks-fencing-c", "{\"task-count\":2}");
        apply("connector-c", null);
        apply("target-state-c", null);
        apply("connector-c", "{\"properties\":{}}");
        apply("task-c-0", "{\"properties\":{}}");
        apply("commit-c", "{\"tasks\":1}");

        assertThat(state.snapshot().taskCountRecord("c")).isEqualTo(2);
        assertThat(state.snapshot().pendingFencing("c")).isTrue();
    }

    private void apply(String key, String value) {
        state.apply(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8), nextOffset++);
    }
}

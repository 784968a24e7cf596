package dev.ferry.runtime.herder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.StatusListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.connect.errors.NotFoundException;
import org.junit.jupiter.api.Test;

class CreateAnswersTest {
    private final CreateAnswers answers = new CreateAnswers();

    @Test
    void unchangedTaskConfigs_answerAtOnce() {
        CompletableFuture<String> answer = new CompletableFuture<>();
        answers.await("c", answer, () -> "tasks listed");

        answers.settle("c");

        assertThat(answer).isCompletedWithValue("tasks listed");
        assertThat(answers.isWaiting("c")).isFalse();
    }

    @Test
    void writtenTaskConfigs_answerOnlyOnceTheAssignmentCaughtUp() {
        CompletableFuture<String> answer = new CompletableFuture<>();
        answers.await("c", answer, () -> "tasks listed");

        answers.tasksWritten("c");
        assertThat(answer).isNotDone();

        answers.settleWritten();
        assertThat(answer).isCompletedWithValue("tasks listed");
    }

    @Test
    void aDeletedConnector_failsItsWaitingAnswers_with404() {
        CompletableFuture<String> answer = new CompletableFuture<>();
        answers.await("c", answer, () -> "never");

        answers.removed("c");

        assertThatThrownBy(answer::get).hasCauseInstanceOf(NotFoundException.class)
                .hasMessageContaining("deleted while it was being created");
    }

    @Test
    void aConnectorThatEndsUpNotRunning_settlesOnTheHerderThread_andReportsPassOn() {
        List<String> reports = new ArrayList<>();
        RequestQueue queue = new RequestQueue(() -> { });
        StatusListener listener = answers.watching(new Recording(reports), queue);
        CompletableFuture<String> answer = new CompletableFuture<>();
        answers.await("c", answer, () -> "failed, no tasks");

        listener.connectorState("c", State.FAILED, new RuntimeException("bad"));
        assertThat(reports).containsExactly("c FAILED");
        assertThat(answer).as("settled on the herder thread, not the connector's").isNotDone();

        queue.runAnytime();
        assertThat(answer).isCompletedWithValue("failed, no tasks");
    }

    private record Recording(List<String> reports) implements StatusListener {
        @Override
        public void connectorState(String connector, State state, Throwable cause) {
            reports.add(connector + " " + state);
        }

        @Override
        public void taskState(ConnectorTaskId task, State state, Throwable cause) {
            reports.add(task + " " + state);
        }

        @Override
        public void topicUsed(ConnectorTaskId task, String topic) {
        }

        @Override
        public void taskReconfigurationRequested(String connector) {
        }
    }
}

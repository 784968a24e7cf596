package dev.ferry.runtime.herder.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.herder.Herder;
import dev.ferry.runtime.model.ConnectorInfo;
import dev.ferry.runtime.model.ConnectorOffsets;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.Created;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.State;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.connect.errors.NotFoundException;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * A connector's life through the herder: pause, resume, stop, delete, and what the herder answers
 * about connectors and tasks it does not have.
 */
interface ConnectorLifecycleContract extends HerderContract {

    @Test
    default void pause_thenResume_areShownInTheStatuses_andRestartNoTask() {
        String name = uniqueName("pause");
        createRunning(name, scripted().config(2, "p"), 2);

        fixture().send(h -> h.pauseConnector(name));
        awaitStates(name, Map.of("connector", State.PAUSED, "0", State.PAUSED, "1", State.PAUSED));

        fixture().send(h -> h.resumeConnector(name));
        awaitStates(name, running(2));
        // As Apache's WorkerConnector does, a pause stops the connector instance and a resume starts it again.
        assertThat(scripted().connectorStarts(name)).isEqualTo(2);
        assertThat(scripted().taskStarts(name, 0)).isEqualTo(1);
        assertThat(scripted().taskStarts(name, 1)).isEqualTo(1);
    }

    @Test
    default void stop_shutsTheTasksDownAndForgetsTheirConfigs_andResumeStartsThemAgain() {
        String name = uniqueName("stop");
        createRunning(name, scripted().config(2, "s"), 2);

        fixture().send(h -> h.stopConnector(name));
        awaitStates(name, Map.of("connector", State.STOPPED));
        Eventually.holds(fixture().patience(), () -> {
            assertThat(scripted().lastTaskLine(name, 0)).isEqualTo("stop");
            assertThat(scripted().lastTaskLine(name, 1)).isEqualTo("stop");
            assertThat(taskConfigs(name)).isEmpty();
        });
        assertThat(connectorConfig(name)).as("a stopped connector keeps its config")
                .containsEntry("marker", "s");

        fixture().send(h -> h.resumeConnector(name));
        awaitStates(name, running(2));
        assertThat(scripted().taskStarts(name, 0)).isEqualTo(2);
        assertThat(scripted().taskStarts(name, 1)).isEqualTo(2);
    }

    @Test
    default void pause_ofAStoppedConnector_pausesIt_withoutTasks_untilResumed() {
        String name = uniqueName("stop-then-pause");
        createRunning(name, scripted().config(2, "sp"), 2);
        fixture().send(h -> h.stopConnector(name));
        awaitStates(name, Map.of("connector", State.STOPPED));

        fixture().send(h -> h.pauseConnector(name));

        awaitStates(name, Map.of("connector", State.PAUSED));
        assertThat(taskConfigs(name)).isEmpty();
        fixture().send(h -> h.resumeConnector(name));
        awaitStates(name, running(2));
    }

    @Test
    default void replace_ofAPausedConnector_keepsItPaused_andItsTasksTakeTheNewConfigWhenResumed() {
        String name = uniqueName("replace-paused");
        createRunning(name, scripted().config(2, "old"), 2);
        fixture().send(h -> h.pauseConnector(name));
        awaitStates(name, Map.of("connector", State.PAUSED, "0", State.PAUSED, "1", State.PAUSED));

        fixture().send(h -> h.putConnectorConfig(name, scripted().config(2, "new"), true, null));

        awaitStates(name, Map.of("connector", State.PAUSED, "0", State.PAUSED, "1", State.PAUSED));
        fixture().send(h -> h.resumeConnector(name));
        awaitStates(name, running(2));
        Eventually.holds(fixture().patience(), () -> {
            assertThat(taskConfigs(name)).allSatisfy(t -> assertThat(t.config()).containsEntry("marker", "new"));
            assertThat(scripted().lastTaskLine(name, 0)).startsWith("start marker=new");
            assertThat(scripted().lastTaskLine(name, 1)).startsWith("start marker=new");
        });
    }

    @Test
    default void replace_ofAStoppedConnector_keepsItStopped_withoutTasks() {
        String name = uniqueName("replace-stopped");
        createRunning(name, scripted().config(1, "old"), 1);
        fixture().send(h -> h.stopConnector(name));
        awaitStates(name, Map.of("connector", State.STOPPED));

        fixture().send(h -> h.putConnectorConfig(name, scripted().config(3, "new"), true, null));

        awaitStates(name, Map.of("connector", State.STOPPED));
        assertThat(taskConfigs(name)).isEmpty();
        assertThat(connectorConfig(name)).containsEntry("marker", "new");
        fixture().send(h -> h.resumeConnector(name));
        awaitStates(name, running(3));
    }

    @Test
    default void delete_stopsTheConnectorAndItsTasks_andThenItIsNotFound() {
        String name = uniqueName("delete");
        createRunning(name, scripted().config(2, "d"), 2);

        fixture().send(h -> h.deleteConnector(name));

        Eventually.holds(fixture().patience(), () -> {
            assertThat(scripted().taskLog(name, 0)).last().isEqualTo("stop");
            assertThat(scripted().taskLog(name, 1)).last().isEqualTo("stop");
            assertThat(connectorNames()).doesNotContain(name);
            assertThatThrownBy(() -> status(name)).isInstanceOf(NotFoundException.class);
        });
        assertThatThrownBy(() -> connectorConfig(name)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixture().send(h -> h.deleteConnector(name))).isInstanceOf(NotFoundException.class);
    }

    @Test
    default void createAgain_underADeletedName_startsAFreshConnector_withNothingLeftOfTheOldOne() {
        String name = uniqueName("recreate");
        createRunning(name, scripted().config(3, "first"), 3);
        fixture().send(h -> h.pauseConnector(name));
        awaitStates(name, Map.of("connector", State.PAUSED, "0", State.PAUSED, "1", State.PAUSED, "2", State.PAUSED));
        fixture().send(h -> h.deleteConnector(name));

        Created<ConnectorInfo> again = create(name, scripted().config(1, "second"));

        assertThat(again.created()).isTrue();
        awaitStates(name, running(1));
        Eventually.holds(fixture().patience(), () -> {
            assertThat(taskConfigs(name)).singleElement()
                    .satisfies(t -> assertThat(t.config()).containsEntry("marker", "second"));
            assertThat(scripted().lastTaskLine(name, 0)).startsWith("start marker=second");
        });
    }

    @Test
    default void requestsAboutAnUnknownConnector_areNotFound() {
        String name = uniqueName("never-created");
        SoftAssertions softly = new SoftAssertions();
        Map<String, Function<Herder, Object>> requests = new java.util.LinkedHashMap<>();
        requests.put("connectorInfo", h -> join(h.connectorInfo(name)));
        requests.put("connectorConfig", h -> join(h.connectorConfig(name)));
        requests.put("connectorStatus", h -> h.connectorStatus(name));
        requests.put("taskStatus", h -> h.taskStatus(new ConnectorTaskId(name, 0)));
        requests.put("taskConfigs", h -> join(h.taskConfigs(name)));
        requests.put("patch", h -> join(h.patchConnectorConfig(name, Map.of("marker", "x"))));
        requests.put("delete", h -> join(h.deleteConnector(name)));
        requests.put("pause", h -> join(h.pauseConnector(name)));
        requests.put("resume", h -> join(h.resumeConnector(name)));
        requests.put("stop", h -> join(h.stopConnector(name)));
        requests.put("restart", h -> join(h.restartConnector(new RestartRequest(name, false, false))));
        requests.put("restart with tasks", h -> join(h.restartConnector(new RestartRequest(name, false, true))));
        requests.put("restartTask", h -> join(h.restartTask(new ConnectorTaskId(name, 0))));
        requests.put("offsets", h -> join(h.connectorOffsets(name)));
        requests.put("alter offsets", h -> join(h.alterConnectorOffsets(name, new ConnectorOffsets(List.of()))));
        requests.put("reset offsets", h -> join(h.resetConnectorOffsets(name)));
        requests.put("active topics", h -> h.connectorActiveTopics(name));
        requests.forEach((request, call) -> softly.assertThatThrownBy(() -> fixture().read(call))
                .as(request + " of an unknown connector (" + fixture().mode() + ")")
                .isInstanceOf(NotFoundException.class));
        softly.assertAll();
    }

    @Test
    default void requestsAboutAnUnknownTaskOfAKnownConnector_areNotFound() {
        String name = uniqueName("one-task");
        createRunning(name, scripted().config(1, "t"), 1);

        assertThatThrownBy(() -> fixture().read(h -> h.taskStatus(new ConnectorTaskId(name, 5))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixture().send(h -> h.restartTask(new ConnectorTaskId(name, 5))))
                .isInstanceOf(NotFoundException.class);
    }

    /** Waits for a stage inside a {@link HerderFixture#read}, so its failure is the answer, unwrapped there. */
    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join();
    }
}

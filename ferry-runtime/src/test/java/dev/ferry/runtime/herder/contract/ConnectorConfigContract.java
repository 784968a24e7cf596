package dev.ferry.runtime.herder.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.herder.contract.plugin.ScriptedSourceConnector;
import dev.ferry.runtime.model.ConfigValidationException;
import dev.ferry.runtime.model.ConnectorInfo;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.ConnectorType;
import dev.ferry.runtime.model.Created;
import dev.ferry.runtime.model.TaskInfo;
import dev.ferry.runtime.model.ValidationResult;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.AlreadyExistsException;
import org.junit.jupiter.api.Test;

/**
 * The connector's configuration through the herder: create, refusals, replacement, patch, the
 * task configs it makes and their listing.
 */
interface ConnectorConfigContract extends HerderContract {

    @Test
    default void create_answersCreatedWithTheStoredConfig_andStartsTheConnectorAndItsTasks() {
        String name = uniqueName("create");
        Map<String, String> config = scripted().config(2, "first");

        Created<ConnectorInfo> answer = create(name, config);

        assertThat(answer.created()).isTrue();
        assertThat(answer.value().name()).isEqualTo(name);
        assertThat(answer.value().type()).isEqualTo(ConnectorType.SOURCE);
        Map<String, String> stored = new HashMap<>(config);
        stored.put("name", name);
        assertThat(answer.value().config()).isEqualTo(stored);
        if (fixture().expectations().createAnswerListsTasks()) {
            assertThat(answer.value().tasks()).containsExactly(new ConnectorTaskId(name, 0), new ConnectorTaskId(name, 1));
        } else {
            assertThat(answer.value().tasks()).as("a new connector has no task configs when its config is stored")
                    .isEmpty();
        }
        awaitStates(name, running(2));
        assertThat(scripted().connectorStarts(name)).isEqualTo(1);
        assertThat(scripted().taskStarts(name, 0)).isEqualTo(1);
        assertThat(scripted().taskStarts(name, 1)).isEqualTo(1);
        Eventually.holds(fixture().patience(), () -> {
            assertThat(connectorNames()).contains(name);
            ConnectorInfo info = fixture().send(h -> h.connectorInfo(name));
            assertThat(info.tasks())
                    .containsExactly(new ConnectorTaskId(name, 0), new ConnectorTaskId(name, 1));
            assertThat(connectorConfig(name)).isEqualTo(stored);
        });
    }

    @Test
    default void create_ofAnExistingName_isRefusedAsAlreadyExists_andKeepsTheStoredConfig() {
        String name = uniqueName("exists");
        createRunning(name, scripted().config(1, "original"), 1);

        assertThatThrownBy(() -> create(name, scripted().config(3, "intruder")))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessage("Connector " + name + " already exists");

        assertThat(connectorConfig(name)).containsEntry(ScriptedSourceConnector.MARKER, "original");
        assertThat(scripted().connectorStarts(name)).isEqualTo(1);
    }

    @Test
    default void create_withAnInvalidConfig_failsValidationWithTheErrorCount_andStoresNothing() {
        String name = uniqueName("invalid");
        Map<String, String> config = new LinkedHashMap<>(scripted().config(1, "x"));
        config.put(ScriptedSourceConnector.TASKS, "-1");
        config.remove(ScriptedSourceConnector.LOG_DIR);

        assertThatThrownBy(() -> create(name, config))
                .isInstanceOfSatisfying(ConfigValidationException.class, e -> {
                    assertThat(e.result().errorCount()).as(e.getMessage()).isEqualTo(2);
                    assertThat(e.getMessage()).startsWith(
                            "Connector configuration is invalid and contains the following 2 error(s):");
                });

        Map<String, String> named = new LinkedHashMap<>(config);
        named.put("name", name);
        ValidationResult validated = fixture().send(h -> h.validateConnectorConfig(named));
        assertThat(validated.errorCount()).isEqualTo(2);
        config.remove("name");
        assertThat(fixture().send(h -> h.validateConnectorConfig(config)).errorCount())
                .as("a connector config without its name is one error more").isEqualTo(3);
        assertThat(connectorNames()).doesNotContain(name);
        assertThatThrownBy(() -> connectorConfig(name))
                .isInstanceOf(org.apache.kafka.connect.errors.NotFoundException.class);
    }

    @Test
    default void replace_withANewMarker_regeneratesTheTaskConfigs_andRestartsTheTasksWithThem() {
        String name = uniqueName("replace");
        createRunning(name, scripted().config(2, "before"), 2);

        Created<ConnectorInfo> answer = fixture().send(h -> h.putConnectorConfig(name, scripted().config(2, "after"),
                true, null));

        assertThat(answer.created()).isFalse();
        assertThat(answer.value().config()).containsEntry(ScriptedSourceConnector.MARKER, "after");
        assertThat(answer.value().tasks()).as("a replaced connector's answer lists its tasks in both modes")
                .containsExactly(new ConnectorTaskId(name, 0), new ConnectorTaskId(name, 1));
        Eventually.holds(fixture().patience(), () -> {
            assertThat(markers(taskConfigs(name))).containsExactly("after", "after");
            assertThat(scripted().lastTaskLine(name, 0)).startsWith("start marker=after");
            assertThat(scripted().lastTaskLine(name, 1)).startsWith("start marker=after");
        });
        awaitStates(name, running(2));
        assertThat(scripted().connectorStarts(name)).as("the connector restarts with its new config").isEqualTo(2);
    }

    @Test
    default void replace_withMoreThenFewerTasks_startsTheNewTasks_andStopsTheTasksBeyondTheNewCount() {
        String name = uniqueName("resize");
        createRunning(name, scripted().config(1, "one"), 1);

        fixture().send(h -> h.putConnectorConfig(name, scripted().config(3, "three"), true, null));
        awaitStates(name, running(3));
        assertThat(scripted().taskStarts(name, 2)).isEqualTo(1);

        fixture().send(h -> h.putConnectorConfig(name, scripted().config(1, "back-to-one"), true, null));
        awaitStates(name, running(1));
        Eventually.holds(fixture().patience(), () -> {
            assertThat(scripted().lastTaskLine(name, 1)).isEqualTo("stop");
            assertThat(scripted().lastTaskLine(name, 2)).isEqualTo("stop");
            assertThat(taskConfigs(name)).hasSize(1);
        });
    }

    @Test
    default void patch_mergesIntoTheStoredConfig_andRemovesTheKeysPatchedToNull() {
        String name = uniqueName("patch");
        Map<String, String> config = new LinkedHashMap<>(scripted().config(1, "unpatched"));
        config.put("extra.setting", "goes away");
        createRunning(name, config, 1);
        Map<String, String> patch = new HashMap<>();
        patch.put(ScriptedSourceConnector.MARKER, "patched");
        patch.put("extra.setting", null);

        ConnectorInfo answer = fixture().send(h -> h.patchConnectorConfig(name, patch));

        Map<String, String> expected = new HashMap<>(config);
        expected.remove("extra.setting");
        expected.put(ScriptedSourceConnector.MARKER, "patched");
        expected.put("name", name);
        assertThat(answer.config()).isEqualTo(expected);
        Eventually.holds(fixture().patience(), () -> {
            assertThat(connectorConfig(name)).isEqualTo(expected);
            assertThat(scripted().lastTaskLine(name, 0)).startsWith("start marker=patched");
        });
    }

    @Test
    default void patch_toAnInvalidConfig_failsValidation_andKeepsTheStoredConfig() {
        String name = uniqueName("patch-invalid");
        createRunning(name, scripted().config(1, "valid"), 1);

        assertThatThrownBy(() -> fixture().send(h -> h.patchConnectorConfig(name,
                Map.of(ScriptedSourceConnector.TASKS, "-5", ScriptedSourceConnector.MARKER, "invalid"))))
                .isInstanceOfSatisfying(ConfigValidationException.class,
                        e -> assertThat(e.result().errorCount()).isEqualTo(1));

        assertThat(connectorConfig(name)).containsEntry(ScriptedSourceConnector.MARKER, "valid");
        awaitStates(name, running(1));
        assertThat(scripted().connectorStarts(name)).isEqualTo(1);
    }

    @Test
    default void connectorWithNoTasks_runs_andGetsTasksWhenReplacedWithSome() {
        String name = uniqueName("no-tasks");
        createRunning(name, scripted().config(0, "none"), 0);
        assertThat(taskConfigs(name)).isEmpty();

        fixture().send(h -> h.putConnectorConfig(name, scripted().config(2, "some"), true, null));

        awaitStates(name, running(2));
        Eventually.holds(fixture().patience(), () -> assertThat(taskConfigs(name)).hasSize(2));
    }

    @Test
    default void taskConfigs_listWhatTheConnectorGenerated_byTaskId() {
        String name = uniqueName("taskconfigs");
        createRunning(name, scripted().config(3, "listed"), 3);

        Eventually.holds(fixture().patience(), () -> {
            List<TaskInfo> tasks = taskConfigs(name);
            assertThat(tasks).extracting(TaskInfo::id).containsExactly(new ConnectorTaskId(name, 0),
                    new ConnectorTaskId(name, 1), new ConnectorTaskId(name, 2));
            for (int i = 0; i < 3; i++) {
                assertThat(tasks.get(i).config()).containsEntry("task.index", Integer.toString(i))
                        .containsEntry(ScriptedSourceConnector.MARKER, "listed")
                        .containsEntry("task.class", "dev.ferry.runtime.herder.contract.plugin.ScriptedSourceTask");
            }
        });
    }

    private static List<String> markers(List<TaskInfo> tasks) {
        return tasks.stream().map(t -> t.config().get(ScriptedSourceConnector.MARKER)).toList();
    }
}

package dev.ferry.runtime.herder.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.herder.Herder;
import dev.ferry.runtime.herder.contract.plugin.ScriptedSourceConnector;
import dev.ferry.runtime.model.ConnectorStatusReport;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.InstanceStatus;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.State;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Failures and restarts (KIP-745): a connector or task that throws is FAILED with its trace; the
 * restart forms plan what they restart (shown as RESTARTING in the answer) and restart exactly
 * that.
 */
interface RestartContract extends HerderContract {

    @Test
    default void failingTask_isFailedWithItsTrace_whileTheOtherTaskRuns() {
        String name = uniqueName("failing-task");
        scripted().switchOn(name);
        create(name, scripted().failing(name, scripted().config(2, "f"), false, 1));

        awaitStates(name, Map.of("connector", State.RUNNING, "0", State.RUNNING, "1", State.FAILED));
        InstanceStatus failed = fixture().read(h -> h.taskStatus(new ConnectorTaskId(name, 1)));
        assertThat(failed.trace()).contains(ScriptedSourceConnector.FAILURE + " (task 1)");
        InstanceStatus running = fixture().read(h -> h.taskStatus(new ConnectorTaskId(name, 0)));
        assertThat(running.trace()).isNull();
    }

    @Test
    default void restartTask_ofAFailedTask_runsItAgain() {
        String name = uniqueName("failed-task-restart");
        scripted().switchOn(name);
        create(name, scripted().failing(name, scripted().config(2, "ft"), false, 0));
        awaitStates(name, Map.of("connector", State.RUNNING, "0", State.FAILED, "1", State.RUNNING));
        scripted().switchOff(name);

        fixture().send(h -> h.restartTask(new ConnectorTaskId(name, 0)));

        awaitStates(name, running(2));
        assertThat(fixture().read(h -> h.taskStatus(new ConnectorTaskId(name, 0))).trace()).isNull();
        assertThat(scripted().taskStarts(name, 0)).isEqualTo(2);
        assertThat(scripted().taskStarts(name, 1)).isEqualTo(1);
    }

    /**
     * {@link Herder#readStamp}: a status change alone (a task restarted where it runs; no config changes) gives every
     * worker a new stamp once its reads show it, so nothing kept under the old one, such as the REST layer's
     * serialized connector list, is sent after it. In a cluster the other worker learns of it from the status topic.
     */
    @Test
    default void readStamp_changesOnEveryWorker_onceAStatusChangeShowsThere() {
        String name = uniqueName("read-stamp");
        scripted().switchOn(name);
        create(name, scripted().failing(name, scripted().config(1, "rs"), false, 0));
        awaitStates(name, Map.of("connector", State.RUNNING, "0", State.FAILED));
        scripted().switchOff(name);
        List<Object> before = fixture().readEach(Herder::readStamp);

        fixture().send(h -> h.restartTask(new ConnectorTaskId(name, 0)));

        awaitStates(name, running(1));
        List<Object> after = fixture().readEach(Herder::readStamp);
        for (int worker = 0; worker < before.size(); worker++) {
            assertThat(after.get(worker)).as("worker %d's stamp", worker).isNotEqualTo(before.get(worker));
        }
    }

    @Test
    default void restart_plain_ofAFailedConnector_runsItAndThenItsTasks() {
        String name = uniqueName("failed-connector-plain");
        scripted().switchOn(name);
        create(name, scripted().failing(name, scripted().config(2, "fp"), true));
        awaitStates(name, Map.of("connector", State.FAILED));
        scripted().switchOff(name);

        ConnectorStatusReport answer = fixture().send(h -> h.restartConnector(new RestartRequest(name, false, false)));

        assertThat(answer).isNull();
        awaitStates(name, running(2));
        assertThat(scripted().connectorStarts(name)).isEqualTo(2);
    }

    @Test
    default void failingConnector_isFailedWithItsTrace_andRunsWithItsTasksAfterARestart() {
        String name = uniqueName("failing-connector");
        scripted().switchOn(name);
        create(name, scripted().failing(name, scripted().config(1, "fc"), true));
        awaitStates(name, Map.of("connector", State.FAILED));
        assertThat(status(name).connector().trace()).contains(ScriptedSourceConnector.FAILURE + " (connector " + name + ")");

        scripted().switchOff(name);
        ConnectorStatusReport planned = fixture().send(h -> h.restartConnector(new RestartRequest(name, true, false)));

        assertThat(HerderContract.states(planned)).isEqualTo(Map.of("connector", State.RESTARTING));
        assertThat(planned.connector().trace()).as("the plan keeps the failure's trace")
                .contains(ScriptedSourceConnector.FAILURE);
        awaitStates(name, running(1));
        assertThat(scripted().connectorStarts(name)).isEqualTo(2);
    }

    @Test
    default void restart_plain_restartsTheConnectorAlone_andAnswersNoPlan() {
        String name = uniqueName("restart-plain");
        createRunning(name, scripted().config(2, "r"), 2);

        ConnectorStatusReport answer = fixture().send(h -> h.restartConnector(new RestartRequest(name, false, false)));

        assertThat(answer).isNull();
        Eventually.holds(fixture().patience(), () -> assertThat(scripted().connectorStarts(name)).isEqualTo(2));
        awaitStates(name, running(2));
        assertThat(scripted().taskStarts(name, 0)).isEqualTo(1);
        assertThat(scripted().taskStarts(name, 1)).isEqualTo(1);
    }

    @Test
    default void restart_includeTasks_plansEveryInstanceAsRestarting_andRestartsThemAll() {
        String name = uniqueName("restart-all");
        createRunning(name, scripted().config(2, "r"), 2);

        ConnectorStatusReport planned = fixture().send(h -> h.restartConnector(new RestartRequest(name, false, true)));

        assertThat(HerderContract.states(planned)).isEqualTo(Map.of("connector", State.RESTARTING,
                "0", State.RESTARTING, "1", State.RESTARTING));
        Eventually.holds(fixture().patience(), () -> {
            assertThat(scripted().connectorStarts(name)).isEqualTo(2);
            assertThat(scripted().taskStarts(name, 0)).isEqualTo(2);
            assertThat(scripted().taskStarts(name, 1)).isEqualTo(2);
        });
        awaitStates(name, running(2));
    }

    @Test
    default void restart_onlyFailedWithTasks_plansAndRestartsTheFailedTaskAlone_thenNothingOnceAllRun() {
        String name = uniqueName("restart-failed");
        scripted().switchOn(name);
        create(name, scripted().failing(name, scripted().config(2, "of"), false, 1));
        awaitStates(name, Map.of("connector", State.RUNNING, "0", State.RUNNING, "1", State.FAILED));
        scripted().switchOff(name);

        ConnectorStatusReport planned = fixture().send(h -> h.restartConnector(new RestartRequest(name, true, true)));

        assertThat(HerderContract.states(planned)).isEqualTo(Map.of("connector", State.RUNNING,
                "0", State.RUNNING, "1", State.RESTARTING));
        awaitStates(name, running(2));
        assertThat(scripted().taskStarts(name, 1)).isEqualTo(2);
        assertThat(scripted().taskStarts(name, 0)).isEqualTo(1);
        assertThat(scripted().connectorStarts(name)).isEqualTo(1);

        ConnectorStatusReport nothingFailed = fixture().send(h -> h.restartConnector(new RestartRequest(name, true, true)));

        assertThat(HerderContract.states(nothingFailed)).isEqualTo(running(2));
        assertThat(scripted().taskStarts(name, 1)).isEqualTo(2);
    }

    @Test
    default void restartTask_restartsThatTaskAlone() {
        String name = uniqueName("restart-task");
        createRunning(name, scripted().config(2, "rt"), 2);

        fixture().send(h -> h.restartTask(new ConnectorTaskId(name, 1)));

        Eventually.holds(fixture().patience(), () -> assertThat(scripted().taskStarts(name, 1)).isEqualTo(2));
        awaitStates(name, running(2));
        assertThat(scripted().taskStarts(name, 0)).isEqualTo(1);
        assertThat(scripted().connectorStarts(name)).isEqualTo(1);
    }
}

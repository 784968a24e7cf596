package dev.ferry.runtime.herder.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.herder.Herder;
import dev.ferry.runtime.model.ConnectorInfo;
import dev.ferry.runtime.model.ConnectorOffsets;
import dev.ferry.runtime.model.ConnectorStatusReport;
import dev.ferry.runtime.model.ConnectorStatusReport.TaskStatusReport;
import dev.ferry.runtime.model.Created;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.TaskInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The base of the herder contract: what every part of it needs from the class that runs it (a
 * {@link HerderFixture}) and the steps the tests share. The parts ({@link ConnectorConfigContract},
 * {@link ConnectorLifecycleContract}, {@link RestartContract}, {@link OffsetsContract},
 * {@link WorkerModeContract}, {@link PersistenceContract}) are interfaces of default test methods, so
 * one test class per mode takes them all with the same fixture.
 *
 * <p>Every test makes connectors of its own under names no other test uses, so the tests share
 * one fixture (one broker and two workers for the cluster) and may run in any order. The
 * connectors of earlier tests keep running; a test must not count on being alone.
 */
interface HerderContract {

    /** The control plane under test, started once for the class. */
    HerderFixture fixture();

    /** Replaces the class's fixture, after {@link HerderFixture#restart()}; the tests that follow use the new one. */
    void useFixture(HerderFixture restarted);

    /** A connector name no other test of this JVM uses. */
    default String uniqueName(String what) {
        return what + "-" + Names.NEXT.incrementAndGet();
    }

    default ScriptedConnectors scripted() {
        return new ScriptedConnectors(fixture().scratch().resolve("plugin-log"));
    }

    default Created<ConnectorInfo> create(String name, Map<String, String> config) {
        return fixture().send(h -> h.putConnectorConfig(name, config, false, null));
    }

    /** Creates the connector and waits until it and its {@code tasks} tasks are RUNNING. */
    default void createRunning(String name, Map<String, String> config, int tasks) {
        create(name, config);
        awaitStates(name, running(tasks));
    }

    /** The states {@code connector=RUNNING, 0=RUNNING, ...} of a connector with {@code tasks} running tasks. */
    default Map<String, State> running(int tasks) {
        Map<String, State> states = new LinkedHashMap<>();
        states.put("connector", State.RUNNING);
        for (int i = 0; i < tasks; i++) {
            states.put(Integer.toString(i), State.RUNNING);
        }
        return states;
    }

    /**
     * Waits until the connector's status shows exactly {@code expected} (see {@link #states}) on every
     * worker, so that the next request is decided on it wherever it is decided.
     */
    default void awaitStates(String name, Map<String, State> expected) {
        Eventually.holds(fixture().patience(), () -> assertThat(fixture().readEach(h -> states(h.connectorStatus(name))))
                .as("status of %s on each worker (%s)", name, fixture().mode()).allSatisfy(
                        states -> assertThat(states).isEqualTo(expected)));
    }

    default Map<String, String> connectorConfig(String name) {
        return fixture().send(h -> h.connectorConfig(name));
    }

    default List<TaskInfo> taskConfigs(String name) {
        return fixture().send(h -> h.taskConfigs(name));
    }

    default List<String> connectorNames() {
        return fixture().read(Herder::connectors);
    }

    default ConnectorOffsets offsetsOf(String name) {
        return fixture().send(h -> h.connectorOffsets(name));
    }

    default ConnectorStatusReport status(String name) {
        return fixture().read(h -> h.connectorStatus(name));
    }

    /** A status as {@code connector -> state} and {@code <task id> -> state}, in task order. */
    static Map<String, State> states(ConnectorStatusReport report) {
        Map<String, State> states = new LinkedHashMap<>();
        states.put("connector", report.connector().state());
        report.tasks().stream().sorted(java.util.Comparator.comparingInt(TaskStatusReport::id))
                .forEach(t -> states.put(Integer.toString(t.id()), t.status().state()));
        return states;
    }

    /** Holds the counter of {@link #uniqueName}. */
    final class Names {
        private static final AtomicInteger NEXT = new AtomicInteger();

        private Names() {
        }
    }
}

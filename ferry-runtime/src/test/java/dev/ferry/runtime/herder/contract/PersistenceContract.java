package dev.ferry.runtime.herder.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.TargetState;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What outlives the workers: connectors made through the herder (REST) come back after every worker
 * restarted, with their configs, in their target states, and running their tasks again. In
 * standalone mode this is Ferry's connectors file beside the offsets file (Apache forgets them); in
 * distributed mode the config topic.
 */
interface PersistenceContract extends HerderContract {

    @Test
    default void connectors_comeBackAfterEveryWorkerRestarted_inTheirTargetStates() throws Exception {
        String running = uniqueName("survives-running");
        String paused = uniqueName("survives-paused");
        String stopped = uniqueName("survives-stopped");
        createRunning(running, scripted().config(2, "kept"), 2);
        fixture().send(h -> h.putConnectorConfig(paused, scripted().config(1, "kept"), false, TargetState.PAUSED));
        fixture().send(h -> h.putConnectorConfig(stopped, scripted().config(1, "kept"), false, TargetState.STOPPED));
        awaitStates(paused, Map.of("connector", State.PAUSED));
        awaitStates(stopped, Map.of("connector", State.STOPPED));

        useFixture(fixture().restart());

        assertThat(connectorNames()).contains(running, paused, stopped);
        assertThat(connectorConfig(running)).containsEntry("marker", "kept").containsEntry("name", running);
        awaitStates(running, running(2));
        awaitStates(paused, Map.of("connector", State.PAUSED));
        awaitStates(stopped, Map.of("connector", State.STOPPED));
        for (int task = 0; task < 2; task++) {
            int id = task;
            // A status written before the restart may still read RUNNING; the start log cannot be stale.
            Eventually.holds(fixture().patience(), () -> assertThat(scripted().lastTaskLine(running, id))
                    .isEqualTo("start marker=kept position=null"));
            if (fixture().expectations().standalone()) {
                assertThat(scripted().taskStarts(running, task)).as("task %d ran before and after the restart", task)
                        .isEqualTo(2);
            } else {
                // The worker that rejoins first runs everything until the second joins and takes its share.
                assertThat(scripted().taskStarts(running, task)).as("task %d ran before and after the restart", task)
                        .isBetween(2L, 3L);
            }
        }
    }
}

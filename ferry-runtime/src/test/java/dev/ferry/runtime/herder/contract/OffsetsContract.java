package dev.ferry.runtime.herder.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.herder.contract.plugin.ScriptedSourceTask;
import dev.ferry.runtime.model.ConnectorOffsets;
import dev.ferry.runtime.model.InvalidRequestException;
import dev.ferry.runtime.model.OffsetsChange;
import dev.ferry.runtime.model.State;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The offsets API (KIP-875) for a source connector: offsets are read at any time, altered and reset
 * only while the connector is STOPPED, and what was altered is what the next tasks start from.
 */
interface OffsetsContract extends HerderContract {

    @Test
    default void alterAndReset_ofAConnectorThatIsNotStopped_areRefusedWithApachesMessage() {
        String name = uniqueName("offsets-running");
        createRunning(name, scripted().config(1, "o"), 1);
        String message = "Connectors must be in the STOPPED state before their offsets can be modified. This can be "
                + "done for the specified connector by issuing a 'PUT' request to the '/connectors/" + name
                + "/stop' endpoint";

        assertThatThrownBy(() -> fixture().send(h -> h.alterConnectorOffsets(name, offsets(name, 7L))))
                .isInstanceOf(InvalidRequestException.class).hasMessage(message);
        assertThatThrownBy(() -> fixture().send(h -> h.resetConnectorOffsets(name)))
                .isInstanceOf(InvalidRequestException.class).hasMessage(message);

        fixture().send(h -> h.pauseConnector(name));
        awaitStates(name, Map.of("connector", State.PAUSED, "0", State.PAUSED));
        assertThatThrownBy(() -> fixture().send(h -> h.resetConnectorOffsets(name)))
                .as("paused is not stopped").isInstanceOf(InvalidRequestException.class).hasMessage(message);
    }

    @Test
    default void offsetsAlteredWhileStopped_areWhereTheNextTasksStart_andAfterAResetTheyStartFromNothing() {
        String name = uniqueName("offsets-restart");
        createRunning(name, scripted().config(1, "o"), 1);
        stopAndAwait(name);

        OffsetsChange altered = fixture().send(h -> h.alterConnectorOffsets(name, offsets(name, 42L)));

        assertThat(altered.connectorAcknowledged()).as("the connector's alterOffsets answered true").isTrue();
        fixture().send(h -> h.resumeConnector(name));
        awaitStates(name, running(1));
        assertThat(scripted().lastTaskLine(name, 0)).isEqualTo("start marker=o position=42");

        stopAndAwait(name);
        OffsetsChange reset = fixture().send(h -> h.resetConnectorOffsets(name));

        assertThat(reset.connectorAcknowledged()).isTrue();
        fixture().send(h -> h.resumeConnector(name));
        awaitStates(name, running(1));
        assertThat(scripted().lastTaskLine(name, 0)).isEqualTo("start marker=o position=null");
    }

    @Test
    default void offsetsAlteredOrReset_areReadBackAtOnce_onEveryWorker() {
        String name = uniqueName("offsets-read");
        createRunning(name, scripted().config(1, "o"), 1);
        assertThat(offsetsOf(name).offsets()).isEmpty();
        stopAndAwait(name);

        fixture().send(h -> h.alterConnectorOffsets(name, offsets(name, 42L)));
        assertThat(offsetsOnEachWorker(name)).containsOnly(offsets(name, 42L));

        fixture().send(h -> h.alterConnectorOffsets(name, offsets(name, 43L)));
        assertThat(offsetsOnEachWorker(name)).containsOnly(offsets(name, 43L));

        fixture().send(h -> h.resetConnectorOffsets(name));
        assertThat(offsetsOnEachWorker(name)).containsOnly(new ConnectorOffsets(List.of()));
    }

    @Test
    default void reset_rightAfterAnAlter_removesTheAlteredPartitionsToo() {
        String name = uniqueName("offsets-alter-reset");
        createRunning(name, scripted().config(1, "o"), 1);
        stopAndAwait(name);
        Map<String, Object> otherPartition = Map.of("connector", name, "shard", "b");

        fixture().send(h -> h.alterConnectorOffsets(name, new ConnectorOffsets(List.of(
                new ConnectorOffsets.Entry(Map.copyOf(ScriptedSourceTask.partition(name)),
                        Map.of(ScriptedSourceTask.POSITION, 1L)),
                new ConnectorOffsets.Entry(otherPartition, Map.of(ScriptedSourceTask.POSITION, 2L))))));
        fixture().send(h -> h.resetConnectorOffsets(name));

        Eventually.holds(fixture().patience(), () -> assertThat(offsetsOnEachWorker(name))
                .containsOnly(new ConnectorOffsets(List.of())));
    }

    /** GET offsets asked of each worker; Apache's workers read the offsets topic to its end to answer it. */
    private List<ConnectorOffsets> offsetsOnEachWorker(String name) {
        return fixture().readEach(h -> h.connectorOffsets(name).toCompletableFuture().join());
    }

    private void stopAndAwait(String name) {
        fixture().send(h -> h.stopConnector(name));
        awaitStates(name, Map.of("connector", State.STOPPED));
    }

    private static ConnectorOffsets offsets(String connector, long position) {
        return new ConnectorOffsets(List.of(new ConnectorOffsets.Entry(
                Map.copyOf(ScriptedSourceTask.partition(connector)), Map.of(ScriptedSourceTask.POSITION, position))));
    }
}

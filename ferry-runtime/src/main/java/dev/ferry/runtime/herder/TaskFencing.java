package dev.ferry.runtime.herder;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.InvalidRequestException;
import dev.ferry.runtime.storage.ClusterConfigState;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The herder's hook for exactly-once source support (KIP-618): before a new generation of a
 * connector's tasks may start, the producers of the previous generation must be fenced. The
 * herder asks this collaborator before it starts a task it was assigned and tells it after it (as
 * leader) wrote new task configs; {@link #NONE}, for workers without exactly-once support, lets
 * every task start at once and fences nothing.
 *
 * <p>Thread contract: {@link #readyToStart} and {@link #taskConfigsWritten} are called on the
 * herder thread and must return quickly (start slow work elsewhere and answer false until it is
 * done; the herder asks again on its next turns); {@link #fenceZombies} may be called from any thread.
 */
public interface TaskFencing {

    /** No exactly-once support: tasks start at once and nothing is fenced. */
    TaskFencing NONE = new TaskFencing() {
    };

    /**
     * Whether this worker may start {@code task} now. False puts the start off: the herder asks
     * again on its next turns for as long as the task stays assigned here.
     */
    default boolean readyToStart(ConnectorTaskId task, ClusterConfigState snapshot) {
        return true;
    }

    /** The leader wrote a new generation of the connector's task configs (already in {@code snapshot}). */
    default void taskConfigsWritten(String connector, ClusterConfigState snapshot) {
    }

    /**
     * Before the leader alters or resets the connector's offsets (checked STOPPED): completes when
     * the change may go ahead. An exactly-once source connector is fenced first, so no task of it
     * still alive somewhere can commit offsets over the new ones, as Apache does.
     */
    default CompletionStage<Void> beforeOffsetsChange(String connector, ClusterConfigState snapshot) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Fences the producers of the connector's previous task generation, for the internal
     * {@code PUT /connectors/{c}/fence} the herder accepted (leader and signature checked).
     */
    default CompletionStage<Void> fenceZombies(String connector) {
        return CompletableFuture.failedFuture(new InvalidRequestException(
                "Exactly-once source support is not enabled on this worker, so there is nothing to fence for connector "
                        + connector));
    }
}

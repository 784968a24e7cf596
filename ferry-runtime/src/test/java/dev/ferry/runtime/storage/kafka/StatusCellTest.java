package dev.ferry.runtime.storage.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.model.InstanceStatus;
import dev.ferry.runtime.model.State;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** How a worker's own status writes and the records read back combine into what it shows. */
class StatusCellTest {
    private static final InstanceStatus RUNNING = status(State.RUNNING, "w1", 1);
    private static final InstanceStatus PAUSED = status(State.PAUSED, "w1", 1);

    private final AtomicLong version = new AtomicLong();
    private final StatusCell cell = new StatusCell(version);

    @Test
    void storeVersion_growsWhenWhatTheCellShowsChanges_andOnlyThen() {
        cell.write(RUNNING, false);
        assertThat(version.get()).isEqualTo(1);

        cell.read(RUNNING, 10, false);
        cell.acknowledged(10);
        assertThat(version.get()).as("its own write read back: shown before, shown still").isEqualTo(1);

        cell.read(status(State.RUNNING, "w2", 2), 11, false);
        assertThat(version.get()).as("another worker's record read back").isEqualTo(2);

        cell.forget();
        assertThat(version.get()).as("removed with its connector").isEqualTo(3);
    }

    @Test
    void ownWrite_isShownBeforeItIsReadBack() {
        cell.write(RUNNING, false);

        assertThat(cell.shown()).isEqualTo(RUNNING);
    }

    @Test
    void olderRecordReadBack_whileAWriteIsPending_doesNotHideIt() {
        cell.write(RUNNING, false);
        cell.acknowledged(10);
        cell.write(PAUSED, false);

        cell.read(RUNNING, 10, false);

        assertThat(cell.shown()).isEqualTo(PAUSED);
        cell.acknowledged(11);
        assertThat(cell.shown()).isEqualTo(PAUSED);
        cell.read(PAUSED, 11, false);
        assertThat(cell.shown()).isEqualTo(PAUSED);
    }

    @Test
    void newerRecordOfAnotherWorker_readWhileOurWriteWasPending_winsOnceItSettles() {
        InstanceStatus other = status(State.RUNNING, "w2", 2);
        cell.write(PAUSED, false);
        cell.read(PAUSED, 5, false);
        cell.read(other, 6, false);
        assertThat(cell.shown()).isEqualTo(PAUSED);

        cell.acknowledged(5);

        assertThat(cell.shown()).isEqualTo(other);
    }

    @Test
    void abandonedWrite_givesWayToWhatTheTopicHolds() {
        cell.read(RUNNING, 3, false);
        cell.write(PAUSED, false);

        cell.abandoned();

        assertThat(cell.shown()).isEqualTo(RUNNING);
    }

    @Test
    void safeWrite_isSkippedWhenAnotherWorkerOwnsTheInstanceInANewerGeneration() {
        cell.read(status(State.RUNNING, "w2", 5), 1, false);

        assertThat(cell.write(status(State.UNASSIGNED, "w1", 4), true)).isZero();
        assertThat(cell.shown().workerId()).isEqualTo("w2");
        assertThat(cell.write(status(State.UNASSIGNED, "w1", 5), true)).isPositive();
    }

    @Test
    void staleUnassignedOfATask_readAfterRunning_isIgnored() {
        cell.read(status(State.RUNNING, "w2", 5), 1, true);

        cell.read(status(State.UNASSIGNED, "w1", 5), 2, true);

        assertThat(cell.shown().state()).isEqualTo(State.RUNNING);
        cell.read(status(State.UNASSIGNED, "w1", 6), 3, true);
        assertThat(cell.shown().state()).isEqualTo(State.UNASSIGNED);
    }

    @Test
    void previousOwnersUnassignedOfAConnector_readAfterTheNextOwnersRunning_isIgnored() {
        cell.read(status(State.RUNNING, "w2", 8), 1, false);

        cell.read(status(State.UNASSIGNED, "w1", 7), 2, false);

        assertThat(cell.shown()).isEqualTo(status(State.RUNNING, "w2", 8));
        cell.read(status(State.UNASSIGNED, "w2", 8), 3, false);
        assertThat(cell.shown().state()).as("the owner's own UNASSIGNED").isEqualTo(State.UNASSIGNED);
    }

    @Test
    void previousOwnersOwnStaleUnassigned_givesWayToTheNextOwnersRunning_whenAcknowledgedBeforeItIsReadBack() {
        StatusCell previousOwner = new StatusCell(version);
        previousOwner.read(status(State.RUNNING, "w1", 7), 1, false);
        previousOwner.write(status(State.UNASSIGNED, "w1", 7), false); // made during the outage, lands late
        previousOwner.read(status(State.RUNNING, "w2", 8), 2, false);

        previousOwner.acknowledged(3);
        previousOwner.read(status(State.UNASSIGNED, "w1", 7), 3, false);

        assertThat(previousOwner.shown()).isEqualTo(status(State.RUNNING, "w2", 8));
    }

    @Test
    void previousOwnersOwnStaleUnassigned_givesWayToTheNextOwnersRunning_whenReadBackBeforeItIsAcknowledged() {
        StatusCell previousOwner = new StatusCell(version);
        previousOwner.write(status(State.UNASSIGNED, "w1", 7), false);
        previousOwner.read(status(State.RUNNING, "w2", 8), 2, false);

        previousOwner.read(status(State.UNASSIGNED, "w1", 7), 3, false);
        previousOwner.acknowledged(3);

        assertThat(previousOwner.shown()).isEqualTo(status(State.RUNNING, "w2", 8));
    }

    @Test
    void retryOfAnOlderWrite_isNoLongerTheLatest() {
        int first = cell.write(RUNNING, false);
        int second = cell.write(PAUSED, false);

        assertThat(cell.isLatest(first)).isFalse();
        assertThat(cell.isLatest(second)).isTrue();
    }

    private static InstanceStatus status(State state, String worker, int generation) {
        return new InstanceStatus(state, worker, null, "1.0", generation);
    }
}

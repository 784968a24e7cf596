package dev.ferry.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.model.State;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class StateTrackerTest {

    @Test
    void startUpEndsInSuccessAtTheFirstStartedState_andIsReportedOnce() {
        StateTracker tracker = new StateTracker(State.UNASSIGNED, EnumSet.of(State.RUNNING, State.PAUSED));
        assertThat(tracker.changeState(State.UNASSIGNED, 0)).isNull();
        assertThat(tracker.changeState(State.PAUSED, 10)).isTrue();
        assertThat(tracker.changeState(State.RUNNING, 20)).isNull();
        assertThat(tracker.changeState(State.FAILED, 30)).isNull();
    }

    @Test
    void aFailureBeforeAnyStartedStateEndsTheStartUpInFailure() {
        StateTracker tracker = new StateTracker(State.UNASSIGNED, EnumSet.of(State.RUNNING, State.PAUSED));
        assertThat(tracker.changeState(State.FAILED, 0)).isFalse();
        assertThat(tracker.changeState(State.RUNNING, 10)).isNull();
    }

    @Test
    void onlyTheGivenStatesCountAsStarted() {
        StateTracker task = new StateTracker(State.UNASSIGNED, EnumSet.of(State.RUNNING, State.PAUSED));
        StateTracker connector = new StateTracker(State.UNASSIGNED,
                EnumSet.of(State.RUNNING, State.PAUSED, State.STOPPED));
        assertThat(task.changeState(State.STOPPED, 0)).isNull();
        assertThat(connector.changeState(State.STOPPED, 0)).isTrue();
    }

    @Test
    void ratiosCountTheTimeInEachStateSinceTheFirst() {
        StateTracker tracker = new StateTracker(State.UNASSIGNED, EnumSet.of(State.RUNNING));
        tracker.changeState(State.RUNNING, 100);
        tracker.changeState(State.PAUSED, 400);
        assertThat(tracker.ratio(State.RUNNING, 500)).isEqualTo(0.75);
        assertThat(tracker.ratio(State.PAUSED, 500)).isEqualTo(0.25);
        assertThat(tracker.stateName()).isEqualTo("paused");
    }
}

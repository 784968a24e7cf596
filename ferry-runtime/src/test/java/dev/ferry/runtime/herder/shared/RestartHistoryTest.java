package dev.ferry.runtime.herder.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.RestartEvent;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

class RestartHistoryTest {
    private static final ConnectorTaskId TASK = new ConnectorTaskId("c", 3);
    private static final AutoRestarter.Restarts NOTHING = new AutoRestarter.Restarts() {
        @Override
        public void restartConnector(String connector) {
        }

        @Override
        public void restartTask(ConnectorTaskId task) {
        }
    };

    @Test
    void eachDecisionOfThePolicyIsRecordedInOrder_scheduledRestartedAndGaveUp() throws Exception {
        Map<String, String> config = Map.of("ferry.restart.enabled", "true", "ferry.restart.max.attempts", "1",
                "ferry.restart.backoff.initial.ms", "1", "ferry.restart.backoff.max.ms", "60000");
        try (AutoRestarter restarter = new AutoRestarter(c -> config, NOTHING, Time.SYSTEM)) {
            restarter.failed("c", TASK);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (restarter.history().of("c").size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            restarter.failed("c", TASK);

            assertThat(restarter.history().of("c")).extracting(RestartEvent::kind).containsExactly(
                    RestartEvent.Kind.SCHEDULED, RestartEvent.Kind.RESTARTED, RestartEvent.Kind.GAVE_UP);
            RestartEvent scheduled = restarter.history().of("c").get(0);
            assertThat(scheduled.task()).isEqualTo(3);
            assertThat(scheduled.attempt()).isEqualTo(1);
            assertThat(scheduled.maxAttempts()).isEqualTo(1);
            assertThat(scheduled.restartAtMs()).isEqualTo(scheduled.timeMs() + 1);
            assertThat(restarter.history().of("other")).isEmpty();
        }
    }

    @Test
    void withoutAPolicyNothingIsKept() {
        try (AutoRestarter restarter = new AutoRestarter(c -> Map.of("connector.class", "X"), NOTHING, Time.SYSTEM)) {
            restarter.failed("c", null);
            assertThat(restarter.history().of("c")).isEmpty();
        }
    }

    @Test
    void keepsTheLastEventsOnlyAndForgetsADeletedConnector() {
        RestartHistory history = new RestartHistory();
        for (int i = 0; i < RestartHistory.MAX_EVENTS + 5; i++) {
            history.add(new RestartEvent(i, "c", null, RestartEvent.Kind.SCHEDULED, 1, 5, -1));
        }
        assertThat(history.of("c")).hasSize(RestartHistory.MAX_EVENTS);
        assertThat(history.of("c").get(0).timeMs()).isEqualTo(5);

        history.forget("c");

        assertThat(history.of("c")).isEmpty();
    }
}

package dev.ferry.runtime.herder.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.config.AutoRestartConfig;
import dev.ferry.runtime.errors.JumpingClock;
import dev.ferry.runtime.model.ConnectorTaskId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

class AutoRestarterTest {
    private static final ConnectorTaskId TASK = new ConnectorTaskId("c", 0);

    private final List<Object> restarted = new CopyOnWriteArrayList<>();
    private final AutoRestarter.Restarts recording = new AutoRestarter.Restarts() {
        @Override
        public void restartConnector(String connector) {
            restarted.add(connector);
        }

        @Override
        public void restartTask(ConnectorTaskId task) {
            restarted.add(task);
        }
    };

    @Test
    void withoutAPolicy_nothingIsRestarted() {
        try (AutoRestarter restarter = new AutoRestarter(c -> Map.of("connector.class", "X"), recording, Time.SYSTEM)) {
            assertThat(restarter.failed("c", TASK)).isNull();
            assertThat(restarter.attempts("c", TASK)).isZero();
        }
    }

    @Test
    void enabled_restartsAfterTheBackoff_andSaysWhenInTheTrace() throws Exception {
        Map<String, String> config = Map.of("ferry.restart.enabled", "true", "ferry.restart.backoff.initial.ms", "20");
        try (AutoRestarter restarter = new AutoRestarter(c -> config, recording, Time.SYSTEM)) {
            assertThat(restarter.failed("c", TASK)).startsWith("Ferry auto-restart: attempt 1 of 5 at ").contains("in 20 ms");
            awaitRestarts(1);
            assertThat(restarted).containsExactly(TASK);
            assertThat(restarter.failed("c", null)).contains("attempt 1 of 5");
            awaitRestarts(2);
            assertThat(restarted).containsExactly(TASK, "c");
        }
    }

    @Test
    void keepsFailing_givesUpAfterTheMaximum() throws Exception {
        Map<String, String> config = Map.of("ferry.restart.enabled", "true", "ferry.restart.max.attempts", "2",
                "ferry.restart.backoff.initial.ms", "1", "ferry.restart.backoff.max.ms", "60000");
        try (AutoRestarter restarter = new AutoRestarter(c -> config, recording, Time.SYSTEM)) {
            assertThat(restarter.failed("c", TASK)).contains("attempt 1 of 2").contains("in 1 ms");
            assertThat(restarter.failed("c", TASK)).contains("attempt 2 of 2").contains("in 2 ms");
            assertThat(restarter.failed("c", TASK)).startsWith("Ferry auto-restart gave up after 2 attempt(s)")
                    .contains("ferry.restart.max.attempts=2");
            awaitRestarts(2);
            TimeUnit.MILLISECONDS.sleep(50);
            assertThat(restarted).hasSize(2);
            assertThat(restarter.attempts("c", TASK)).isEqualTo(2);
        }
    }

    /**
     * Fault catalogue: the wall clock set a day forward between two failures. No real time passed,
     * so the second failure is still the same run and the maximum holds; judged on the wall
     * clock, the jump started a new run and the task was restarted again.
     */
    @Test
    void wallClockSetForward_doesNotResetTheAttempts() {
        Map<String, String> config = Map.of("ferry.restart.enabled", "true", "ferry.restart.max.attempts", "1",
                "ferry.restart.backoff.initial.ms", "60000", "ferry.restart.backoff.max.ms", "60000");
        JumpingClock clock = new JumpingClock();
        try (AutoRestarter restarter = new AutoRestarter(c -> config, recording, clock)) {
            assertThat(restarter.failed("c", TASK)).contains("attempt 1 of 1");
            clock.jump(TimeUnit.DAYS.toMillis(1));
            assertThat(restarter.failed("c", TASK)).startsWith("Ferry auto-restart gave up after 1 attempt(s)");
            clock.jump(-TimeUnit.DAYS.toMillis(2));
            assertThat(restarter.failed("c", TASK)).startsWith("Ferry auto-restart gave up after 1 attempt(s)");
        }
    }

    @Test
    void aDeletedConnector_isNotRestarted() throws Exception {
        Map<String, String>[] config = new Map[] {Map.of("ferry.restart.enabled", "true", "ferry.restart.backoff.initial.ms", "30")};
        try (AutoRestarter restarter = new AutoRestarter(c -> config[0], recording, Time.SYSTEM)) {
            assertThat(restarter.failed("c", TASK)).isNotNull();
            config[0] = null;
            restarter.forget("c");
            TimeUnit.MILLISECONDS.sleep(100);
            assertThat(restarted).isEmpty();
            assertThat(restarter.attempts("c", TASK)).isZero();
        }
    }

    @Test
    void policy_backoffDoublesUpToTheMaximum_andBadValuesNameTheSetting() {
        AutoRestartConfig policy = AutoRestartConfig.of(Map.of("ferry.restart.enabled", "true",
                "ferry.restart.backoff.initial.ms", "100", "ferry.restart.backoff.max.ms", "350"));
        assertThat(List.of(policy.backoffBefore(1), policy.backoffBefore(2), policy.backoffBefore(3), policy.backoffBefore(9)))
                .containsExactly(100L, 200L, 350L, 350L);
        assertThat(AutoRestartConfig.of(Map.of("tasks.max", "1"))).isEqualTo(AutoRestartConfig.DISABLED);
        assertThatThrownBy(() -> AutoRestartConfig.of(Map.of("ferry.restart.max.attempts", "zero")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ferry.restart.max.attempts");
    }

    private void awaitRestarts(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (restarted.size() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }
}

package dev.ferry.runtime.herder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.errors.JumpingClock;
import dev.ferry.runtime.errors.ManualTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/** When a connector's failed task-config write is tried again, and when it no longer is. */
class TaskConfigRetriesTest {
    private static final ConnectException TIMED_OUT = new ConnectException("Writing took longer than 30 s.");

    private final ManualTime time = new ManualTime(1_000_000);
    private final TaskConfigRetries retries = new TaskConfigRetries(time);

    @Test
    void pauses_start_at250ms_andDouble_upTo60s() {
        List<Long> pauses = new ArrayList<>();
        for (int failure = 1; failure <= 11; failure++) {
            retries.failed("c", 2, TIMED_OUT);
            pauses.add(retries.msUntilNext());
            time.advance(retries.msUntilNext());
            assertThat(retries.due()).containsExactly("c");
        }

        assertThat(pauses).containsExactly(250L, 500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 60_000L,
                60_000L, 60_000L);
    }

    @Test
    void anAttempt_isDueOnce_andNotBeforeItsTime() {
        retries.failed("c", 2, TIMED_OUT);

        time.advance(249);
        assertThat(retries.due()).isEmpty();
        time.advance(1);
        assertThat(retries.due()).containsExactly("c");
        assertThat(retries.due()).isEmpty();
        assertThat(retries.msUntilNext()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aWriteThatSucceeds_orACancel_startsThePausesAfresh() {
        retries.failed("c", 2, TIMED_OUT);
        retries.failed("c", 2, TIMED_OUT);
        retries.settled("c");
        retries.failed("c", 2, TIMED_OUT);
        assertThat(retries.msUntilNext()).isEqualTo(250);

        retries.cancel("c", "it does not run on this worker any more");
        time.advance(60_000);
        assertThat(retries.due()).isEmpty();
    }

    @Test
    void losingTheLeadership_makesEveryWaitingAttemptDueNow() {
        retries.failed("a", 1, TIMED_OUT);
        retries.failed("b", 1, TIMED_OUT);

        assertThat(retries.takeAll()).containsExactlyInAnyOrder("a", "b");
        assertThat(retries.msUntilNext()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aWallClockSetBack_doesNotPostponeTheAttempt() throws InterruptedException {
        JumpingClock clock = new JumpingClock();
        TaskConfigRetries onTheSystemClock = new TaskConfigRetries(clock);
        onTheSystemClock.failed("c", 2, TIMED_OUT);

        clock.jump(-3_600_000);
        Thread.sleep(300);

        assertThat(onTheSystemClock.due()).containsExactly("c");
    }
}

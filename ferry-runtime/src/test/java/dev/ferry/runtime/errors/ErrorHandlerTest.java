package dev.ferry.runtime.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.model.ConnectorTaskId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;

class ErrorHandlerTest {
    private static final ConnectorTaskId TASK = new ConnectorTaskId("orders", 0);
    private static final ConsumerRecord<byte[], byte[]> RECORD =
            new ConsumerRecord<>("orders", 0, 17L, "k".getBytes(), "v".getBytes());

    private final ManualTime time = new ManualTime(1_000);
    private final List<ErrorReport> reports = new ArrayList<>();
    private final ErrorReporter recording = report -> {
        reports.add(report);
        return CompletableFuture.completedFuture(null);
    };

    @Test
    void retriableFailure_isRetriedWithDoublingBackoffUntilItSucceeds() {
        ErrorHandler handler = handler(settings(false, 60_000, 60_000));
        AtomicInteger calls = new AtomicInteger();

        RecordAttempt attempt = handler.attempt(RECORD);
        String result = attempt.run(Stage.VALUE_CONVERTER, Object.class, () -> {
            if (calls.incrementAndGet() < 4) {
                throw new RetriableException("not yet");
            }
            return "converted";
        });

        assertThat(result).isEqualTo("converted");
        assertThat(attempt.failed()).isFalse();
        assertThat(time.pauses()).containsExactly(300L, 600L, 1200L);
        assertThat(handler.retryCount()).isEqualTo(3);
        assertThat(reports).isEmpty();
    }

    @Test
    void retries_stopAtTheRetryTimeout_andTheLastPauseEndsAtTheDeadline() {
        ErrorHandler handler = handler(settings(true, 1_000, 60_000));

        RecordAttempt attempt = handler.attempt(RECORD);
        Object result = attempt.run(Stage.VALUE_CONVERTER, Object.class, () -> {
            throw new RetriableException("still down");
        });

        assertThat(result).isNull();
        assertThat(attempt.failed()).isTrue();
        // 300 + 600 = 900 ms; the third pause is cut to the 100 ms left before the 1 s deadline.
        assertThat(time.pauses()).containsExactly(300L, 600L, 100L);
        assertThat(reports).hasSize(1);
    }

    @Test
    void backoff_isCappedAtTheMaximumDelay_withRandomSpreadBelowIt() {
        ErrorHandler handler = new ErrorHandler(TASK, settings(true, -1, 1_000), List.of(), time,
                new FixedRandom(250));

        assertThat(handler.backoffMs(1)).isEqualTo(300);
        assertThat(handler.backoffMs(2)).isEqualTo(600);
        assertThat(handler.backoffMs(3)).isEqualTo(250);
        assertThat(handler.backoffMs(40)).isEqualTo(250);
    }

    @Test
    void zeroRetryTimeout_meansNoRetry() {
        ErrorHandler handler = handler(settings(true, 0, 60_000));
        AtomicInteger calls = new AtomicInteger();

        handler.attempt(RECORD).run(Stage.KEY_CONVERTER, Object.class, () -> {
            calls.incrementAndGet();
            throw new RetriableException("down");
        });

        assertThat(calls).hasValue(1);
        assertThat(time.pauses()).isEmpty();
    }

    @Test
    void toleranceAll_skipsTheRecord_andReportsTheFailureWithItsContext() {
        ErrorHandler handler = handler(settings(true, 0, 60_000));
        DataException bad = new DataException("not JSON");

        RecordAttempt attempt = handler.attempt(RECORD);
        Object result = attempt.run(Stage.VALUE_CONVERTER, StringConverter.class, () -> {
            throw bad;
        });

        assertThat(result).isNull();
        assertThat(attempt.failed()).isTrue();
        assertThat(attempt.error()).isSameAs(bad);
        assertThat(reports).singleElement().satisfies(report -> {
            assertThat(report.task()).isEqualTo(TASK);
            assertThat(report.stage()).isEqualTo(Stage.VALUE_CONVERTER);
            assertThat(report.executingClass()).isEqualTo(StringConverter.class);
            assertThat(report.error()).isSameAs(bad);
            assertThat(report.consumedRecord()).isSameAs(RECORD);
        });
        assertThat(handler.skippedCount()).isEqualTo(1);
    }

    @Test
    void toleranceNone_reportsThenFailsTheTask() {
        ErrorHandler handler = handler(settings(false, 0, 60_000));

        assertThatThrownBy(() -> handler.attempt(RECORD).run(Stage.TRANSFORMATION, Object.class, () -> {
            throw new DataException("bad field");
        })).isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("Tolerance exceeded in error handler")
                .hasCauseInstanceOf(DataException.class);
        assertThat(reports).hasSize(1);
    }

    @Test
    void toleranceNone_failureMessage_namesTheStageTopicPartitionAndOffset_andHowToSkip() {
        ErrorHandler handler = handler(settings(false, 0, 60_000));

        assertThatThrownBy(() -> handler.attempt(RECORD).run(Stage.VALUE_CONVERTER, Object.class, () -> {
            throw new DataException("Unknown magic byte");
        })).hasMessageContaining("stage VALUE_CONVERTER, record at topic orders partition 0 offset 17")
                .hasMessageContaining("errors.tolerance=all");
    }

    @Test
    void failureInAStageThatCannotBeTolerated_failsEvenWithToleranceAll() {
        ErrorHandler handler = handler(settings(true, 0, 60_000));

        assertThatThrownBy(() -> handler.attempt(RECORD).run(Stage.TASK_POLL, Object.class, () -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(ConnectException.class).hasMessage("Unhandled exception in error handler");
    }

    @Test
    void stop_endsRetriesEarly() {
        ErrorHandler handler = handler(settings(true, -1, 60_000));
        AtomicInteger calls = new AtomicInteger();

        RecordAttempt attempt = handler.attempt(RECORD);
        attempt.run(Stage.VALUE_CONVERTER, Object.class, () -> {
            if (calls.incrementAndGet() == 3) {
                handler.stop();
            }
            throw new RetriableException("down");
        });

        assertThat(calls).hasValue(3);
        assertThat(attempt.failed()).isTrue();
    }

    @Test
    void reportFailure_withToleranceNone_throwsAfterReporting() {
        ErrorHandler handler = handler(settings(false, 0, 60_000));

        assertThatThrownBy(() -> handler.reportFailure(Stage.TASK_PUT, Object.class, RECORD, null,
                new IllegalArgumentException("rejected by the sink")))
                .isInstanceOf(ConnectException.class).hasMessageStartingWith("Tolerance exceeded in error handler");
        assertThat(reports).singleElement().extracting(ErrorReport::stage).isEqualTo(Stage.TASK_PUT);
    }

    @Test
    void settings_areReadByApacheConfigNames() {
        org.apache.kafka.common.config.ConfigDef def = new org.apache.kafka.common.config.ConfigDef()
                .define("errors.tolerance", org.apache.kafka.common.config.ConfigDef.Type.STRING, "none",
                        org.apache.kafka.common.config.ConfigDef.Importance.LOW, "")
                .define("errors.retry.timeout", org.apache.kafka.common.config.ConfigDef.Type.LONG, 0L,
                        org.apache.kafka.common.config.ConfigDef.Importance.LOW, "")
                .define("errors.deadletterqueue.topic.name", org.apache.kafka.common.config.ConfigDef.Type.STRING,
                        "", org.apache.kafka.common.config.ConfigDef.Importance.LOW, "");
        org.apache.kafka.common.config.AbstractConfig config = new org.apache.kafka.common.config.AbstractConfig(def,
                java.util.Map.of("errors.tolerance", "all", "errors.retry.timeout", "-1",
                        "errors.deadletterqueue.topic.name", " dlq "));

        ErrorHandlingSettings settings = ErrorHandlingSettings.from(config);

        assertThat(settings.toleranceAll()).isTrue();
        assertThat(settings.retryTimeoutMs()).isEqualTo(-1);
        assertThat(settings.retryMaxDelayMs()).isEqualTo(60_000);
        assertThat(settings.dlqTopic()).isEqualTo("dlq");
        assertThat(settings.dlqEnabled()).isTrue();
    }

    private ErrorHandler handler(ErrorHandlingSettings settings) {
        return new ErrorHandler(TASK, settings, List.of(recording), time, new FixedRandom(0));
    }

    private static ErrorHandlingSettings settings(boolean toleranceAll, long retryTimeoutMs, long maxDelayMs) {
        return new ErrorHandlingSettings(toleranceAll, retryTimeoutMs, maxDelayMs, false, false, "", (short) 1, false);
    }

    /** Always draws the same number, so capped back-offs are predictable. */
    private record FixedRandom(long value) implements RandomGenerator {
        @Override
        public long nextLong() {
            return value;
        }

        @Override
        public long nextLong(long bound) {
            return Math.min(value, bound - 1);
        }
    }
}

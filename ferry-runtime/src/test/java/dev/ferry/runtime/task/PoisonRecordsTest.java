package dev.ferry.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ferry.runtime.errors.DeadLetterQueueReporter;
import dev.ferry.runtime.errors.ErrorHandler;
import dev.ferry.runtime.errors.ErrorHandlingSettings;
import dev.ferry.runtime.errors.ErrorReporter;
import dev.ferry.runtime.errors.LogReporter;
import dev.ferry.runtime.errors.ManualTime;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.task.fixtures.Poison;
import dev.ferry.runtime.task.fixtures.UppercaseValue;
import dev.ferry.runtime.task.sink.SinkRecordPipeline;
import dev.ferry.runtime.task.source.SourceRecordPipeline;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * Fault catalogue, poison records: a record that one stage cannot handle (the key, value or header converter, a
 * transformation, a transformation's predicate), on both the source and the sink side, under
 * {@code errors.tolerance=none} and {@code all}, with {@code errors.log.enable=true} and, on sinks, a dead letter
 * queue with context headers. Whatever the tolerance, the failure is logged with its stage and class and a sink's
 * record goes to the dead letter queue; with {@code none} the task fails with the stage, where the record was and how
 * to skip such records; with {@code all} the record is dropped and the next one flows. A failed sink {@code put} and
 * a record the producer refuses are covered with real tasks in {@code SinkTaskRunnerTest} and
 * {@code WorkerIntegrationTest}.
 */
class PoisonRecordsTest {
    private static final ConnectorTaskId TASK = new ConnectorTaskId("c", 0);
    private static final String DLQ = "dlq";

    /** Where the poison is refused; {@link #stage} is what Apache and Ferry report for it. */
    enum Where {
        KEY_CONVERTER("KEY_CONVERTER", Poison.PoisonConverter.class),
        VALUE_CONVERTER("VALUE_CONVERTER", Poison.PoisonConverter.class),
        HEADER_CONVERTER("HEADER_CONVERTER", Poison.PoisonConverter.class),
        TRANSFORMATION("TRANSFORMATION", Poison.PoisonTransform.class),
        /** A predicate runs within its transformation's stage, which names the transformation, as in Apache. */
        PREDICATE("TRANSFORMATION", UppercaseValue.class);

        final String stage;
        final Class<?> executingClass;

        Where(String stage, Class<?> executingClass) {
            this.stage = stage;
            this.executingClass = executingClass;
        }
    }

    private final MockProducer<byte[], byte[]> dlqProducer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger reporterLog = (Logger) LoggerFactory.getLogger(LogReporter.class);

    @BeforeEach
    void captureLog() {
        logged.start();
        reporterLog.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        reporterLog.detachAppender(logged);
    }

    @ParameterizedTest
    @EnumSource(Where.class)
    void sourceRecord_poisonForOneStage_withToleranceNone_failsTheTaskNamingTheStage_andIsLogged(Where where) {
        SourceRecordPipeline pipeline = sourcePipeline(where, handler(false, false));

        assertThatThrownBy(() -> pipeline.process(source(Poison.POISON)))
                .isInstanceOf(ConnectException.class)
                .hasMessage("Tolerance exceeded in error handler (stage " + where.stage + ", source record for topic "
                        + "out). Fix the cause below, or set errors.tolerance=all (with errors.deadletterqueue.topic.name "
                        + "on a sink) to skip such records.")
                .rootCause().isInstanceOf(DataException.class).hasMessageContaining("cannot handle the value 'poison'");
        assertLogged(where, ", where source record is = SourceRecord{");
    }

    @ParameterizedTest
    @EnumSource(Where.class)
    void sourceRecord_poisonForOneStage_withToleranceAll_isDroppedAndLogged_andTheNextRecordFlows(Where where) {
        ErrorHandler errors = handler(true, false);
        SourceRecordPipeline pipeline = sourcePipeline(where, errors);

        assertThat(pipeline.process(source(Poison.POISON))).isNull();
        ProducerRecord<byte[], byte[]> next = pipeline.process(source("fine"));

        assertThat(next).isNotNull();
        assertThat(new String(next.value(), StandardCharsets.UTF_8)).isIn("fine", "FINE");
        assertThat(errors.skippedCount()).isEqualTo(1);
        assertLogged(where, ", where source record is = SourceRecord{");
    }

    @ParameterizedTest
    @EnumSource(Where.class)
    void sinkRecord_poisonForOneStage_withToleranceNone_failsTheTaskNamingTheRecord_loggedAndInTheDeadLetterQueue(
            Where where) {
        SinkRecordPipeline pipeline = sinkPipeline(where, handler(false, true));

        assertThatThrownBy(() -> pipeline.process(consumed(Poison.POISON)))
                .isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("Tolerance exceeded in error handler (stage " + where.stage
                        + ", record at topic in partition 1 offset 9). Fix the cause below")
                .rootCause().isInstanceOf(DataException.class);
        assertLogged(where, ", where consumed record is {topic='in', partition=1, offset=9");
        assertInDeadLetterQueue(where);
    }

    @ParameterizedTest
    @EnumSource(Where.class)
    void sinkRecord_poisonForOneStage_withToleranceAll_goesToTheDeadLetterQueue_andTheNextRecordFlows(Where where) {
        ErrorHandler errors = handler(true, true);
        SinkRecordPipeline pipeline = sinkPipeline(where, errors);

        assertThat(pipeline.process(consumed(Poison.POISON))).isNull();
        SinkRecord next = pipeline.process(consumed("fine"));

        assertThat(next).isNotNull();
        assertThat(next.value()).isIn("fine", "FINE");
        assertThat(errors.skippedCount()).isEqualTo(1);
        assertLogged(where, ", where consumed record is {topic='in', partition=1, offset=9");
        assertInDeadLetterQueue(where);
    }

    @Test
    void anErrorInATransformation_isNeverTolerated_evenWithToleranceAll() {
        // errors.tolerance covers exceptions, as Apache's does: an Error (here a real StackOverflowError) fails the task.
        TransformStep<SourceRecord> overflowing = new TransformStep<SourceRecord>("deep", new Overflowing<SourceRecord>(), null, false);
        SourceRecordPipeline pipeline = new SourceRecordPipeline(new TransformationChain<>(List.of(overflowing)),
                converters(new StringConverter(), new StringConverter(), new SimpleHeaderConverter()), handler(true, false));

        assertThatThrownBy(() -> pipeline.process(source("fine"))).isInstanceOf(StackOverflowError.class);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private void assertLogged(Where where, String recordPart) {
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getFormattedMessage()).startsWith("Error encountered in task c-0. Executing stage '"
                    + where.stage + "' with class '" + where.executingClass.getName() + "'" + recordPart);
            assertThat(event.getThrowableProxy().getClassName()).isEqualTo(DataException.class.getName());
        });
    }

    private void assertInDeadLetterQueue(Where where) {
        assertThat(dlqProducer.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(DLQ);
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(Poison.POISON);
            assertThat(header(record, DeadLetterQueueReporter.HEADER_STAGE)).isEqualTo(where.stage);
            assertThat(header(record, DeadLetterQueueReporter.HEADER_EXECUTING_CLASS))
                    .isEqualTo(where.executingClass.getName());
            assertThat(header(record, DeadLetterQueueReporter.HEADER_EXCEPTION)).isEqualTo(DataException.class.getName());
        });
    }

    private ErrorHandler handler(boolean tolerateAll, boolean deadLetterQueue) {
        ErrorHandlingSettings settings = new ErrorHandlingSettings(tolerateAll, 0, 60_000, true, true,
                deadLetterQueue ? DLQ : "", (short) 1, deadLetterQueue);
        List<ErrorReporter> reporters = new ArrayList<>();
        reporters.add(new LogReporter(true));
        if (deadLetterQueue) {
            reporters.add(new DeadLetterQueueReporter(dlqProducer, DLQ, true));
        }
        return new ErrorHandler(TASK, settings, reporters, new ManualTime(0));
    }

    private static SourceRecordPipeline sourcePipeline(Where where, ErrorHandler errors) {
        return new SourceRecordPipeline(chain(where), convertersFor(where), errors);
    }

    private static SinkRecordPipeline sinkPipeline(Where where, ErrorHandler errors) {
        return new SinkRecordPipeline(chain(where), convertersFor(where), errors);
    }

    private static <R extends ConnectRecord<R>> TransformationChain<R> chain(Where where) {
        return switch (where) {
            case TRANSFORMATION -> new TransformationChain<>(List.of(
                    new TransformStep<R>("poison", new Poison.PoisonTransform<R>(), null, false)));
            case PREDICATE -> new TransformationChain<>(List.of(
                    new TransformStep<R>("upper", new UppercaseValue<R>(), new Poison.PoisonPredicate<R>(), false)));
            default -> TransformationChain.empty();
        };
    }

    private static RecordConverters convertersFor(Where where) {
        Converter poison = new Poison.PoisonConverter();
        return converters(where == Where.KEY_CONVERTER ? poison : new StringConverter(),
                where == Where.VALUE_CONVERTER ? poison : new StringConverter(),
                where == Where.HEADER_CONVERTER ? new Poison.PoisonConverter() : new SimpleHeaderConverter());
    }

    private static RecordConverters converters(Converter key, Converter value, HeaderConverter header) {
        key.configure(Map.of(), true);
        value.configure(Map.of(), false);
        header.configure(Map.of());
        return new RecordConverters(key, value, header);
    }

    /** A record whose key, value and header are all the given text: only the stage holding a poison plugin minds. */
    private static SourceRecord source(String text) {
        SourceRecord record = new SourceRecord(Map.of("p", 1), Map.of("o", 1), "out", null, Schema.STRING_SCHEMA, text,
                Schema.STRING_SCHEMA, text);
        record.headers().addString("h", text);
        return record;
    }

    private static ConsumerRecord<byte[], byte[]> consumed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();
        headers.add("h", bytes);
        return new ConsumerRecord<>("in", 1, 9L, 1_000L, TimestampType.CREATE_TIME, bytes.length, bytes.length, bytes,
                bytes, headers, Optional.empty());
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** A transformation that recurses until the stack overflows. */
    private static final class Overflowing<R extends ConnectRecord<R>>
            implements org.apache.kafka.connect.transforms.Transformation<R> {
        @Override
        public R apply(R record) {
            return depth(record, 0);
        }

        private R depth(R record, int n) {
            return n < 0 ? record : depth(record, n + 1);
        }

        @Override
        public org.apache.kafka.common.config.ConfigDef config() {
            return new org.apache.kafka.common.config.ConfigDef();
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }
}

package dev.ferry.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.errors.ErrorHandler;
import dev.ferry.runtime.errors.ErrorHandlingSettings;
import dev.ferry.runtime.errors.ManualTime;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.task.fixtures.StrictNumberConverter;
import dev.ferry.runtime.task.fixtures.UppercaseValue;
import dev.ferry.runtime.task.fixtures.ValueStartsWith;
import dev.ferry.runtime.task.sink.SinkRecordPipeline;
import dev.ferry.runtime.task.source.SourceRecordPipeline;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;

class PipelineTest {
    private static final ConnectorTaskId TASK = new ConnectorTaskId("c", 0);

    @Test
    void sourcePipeline_transformsThenConvertsHeadersKeyAndValue() {
        SourceRecordPipeline pipeline = new SourceRecordPipeline(sourceChain("a", false), stringConverters(),
                handler(false));
        SourceRecord record = new SourceRecord(Map.of("p", 1), Map.of("o", 1), "t", 2, Schema.STRING_SCHEMA, "key",
                Schema.STRING_SCHEMA, "abc", 5L);
        record.headers().addString("origin", "unit");

        ProducerRecord<byte[], byte[]> out = pipeline.process(record);

        assertThat(out.topic()).isEqualTo("t");
        assertThat(out.partition()).isEqualTo(2);
        assertThat(out.timestamp()).isEqualTo(5L);
        assertThat(text(out.key())).isEqualTo("key");
        assertThat(text(out.value())).isEqualTo("ABC");
        assertThat(text(out.headers().lastHeader("origin").value())).isEqualTo("unit");
    }

    @Test
    void predicate_decidesWhichRecordsATransformApplies_andNegateInvertsIt() {
        SourceRecordPipeline matching = new SourceRecordPipeline(sourceChain("a", false), stringConverters(),
                handler(false));
        SourceRecordPipeline negated = new SourceRecordPipeline(sourceChain("a", true), stringConverters(),
                handler(false));

        assertThat(text(matching.process(source("abc")).value())).isEqualTo("ABC");
        assertThat(text(matching.process(source("xyz")).value())).isEqualTo("xyz");
        assertThat(text(negated.process(source("abc")).value())).isEqualTo("abc");
        assertThat(text(negated.process(source("xyz")).value())).isEqualTo("XYZ");
    }

    @Test
    void sourcePipeline_dropsRecordsATransformFilters() {
        SourceRecordPipeline pipeline = new SourceRecordPipeline(sourceChain("", false), stringConverters(),
                handler(false));

        assertThat(pipeline.process(source("drop"))).isNull();
    }

    @Test
    void sinkPipeline_convertsThenTransforms_keepingTheOriginalCoordinates() {
        SinkRecordPipeline pipeline = new SinkRecordPipeline(sinkChain("", false), stringConverters(),
                handler(false));

        SinkRecord out = pipeline.process(consumed("hello"));

        assertThat(out.topic()).isEqualTo("in");
        assertThat(out.kafkaPartition()).isEqualTo(1);
        assertThat(out.kafkaOffset()).isEqualTo(9);
        assertThat(out.originalKafkaOffset()).isEqualTo(9);
        assertThat(out.timestamp()).isEqualTo(1_000L);
        assertThat(out.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
        assertThat(out.value()).isEqualTo("HELLO");
        assertThat(out.headers().lastWithName("h").value()).isEqualTo("v");
    }

    @Test
    void sinkPipeline_skipsMalformedRecordsWhenErrorsAreTolerated() {
        SinkRecordPipeline pipeline = new SinkRecordPipeline(TransformationChain.empty(), numberValues(),
                handler(true));

        assertThat(pipeline.process(consumed("42")).value()).isEqualTo(42L);
        assertThat(pipeline.process(consumed("forty-two"))).isNull();
    }

    @Test
    void sinkPipeline_failsOnMalformedRecordsWhenErrorsAreNotTolerated() {
        SinkRecordPipeline pipeline = new SinkRecordPipeline(TransformationChain.empty(), numberValues(),
                handler(false));

        assertThatThrownBy(() -> pipeline.process(consumed("forty-two")))
                .isInstanceOf(ConnectException.class).hasMessageStartingWith("Tolerance exceeded in error handler")
                .hasRootCauseInstanceOf(NumberFormatException.class);
    }

    private static TransformationChain<SourceRecord> sourceChain(String prefix, boolean negate) {
        return new TransformationChain<>(List.of(PipelineTest.<SourceRecord>upperWhen(prefix, negate)));
    }

    private static TransformationChain<SinkRecord> sinkChain(String prefix, boolean negate) {
        return new TransformationChain<>(List.of(PipelineTest.<SinkRecord>upperWhen(prefix, negate)));
    }

    private static <R extends ConnectRecord<R>> TransformStep<R> upperWhen(String prefix, boolean negate) {
        ValueStartsWith<R> predicate = new ValueStartsWith<>();
        predicate.configure(Map.of("prefix", prefix));
        return new TransformStep<>("upper", new UppercaseValue<>(), predicate, negate);
    }

    private static ErrorHandler handler(boolean tolerateAll) {
        ErrorHandlingSettings settings = new ErrorHandlingSettings(tolerateAll, 0, 60_000, false, false, "",
                (short) 1, false);
        return new ErrorHandler(TASK, settings, List.of(), new ManualTime(0));
    }

    private static RecordConverters stringConverters() {
        return new RecordConverters(configured(new StringConverter(), true), configured(new StringConverter(), false),
                headerConverter());
    }

    private static RecordConverters numberValues() {
        return new RecordConverters(configured(new StringConverter(), true),
                configured(new StrictNumberConverter(), false), headerConverter());
    }

    private static Converter configured(Converter converter, boolean isKey) {
        converter.configure(Map.of(), isKey);
        return converter;
    }

    private static SimpleHeaderConverter headerConverter() {
        SimpleHeaderConverter converter = new SimpleHeaderConverter();
        converter.configure(Map.of());
        return converter;
    }

    private static SourceRecord source(String value) {
        return new SourceRecord(Map.of("p", 1), Map.of("o", 1), "t", Schema.STRING_SCHEMA, value);
    }

    private static ConsumerRecord<byte[], byte[]> consumed(String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("h", "v".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>("in", 1, 9L, 1_000L, TimestampType.CREATE_TIME, 0, bytes.length, null, bytes,
                headers, Optional.empty());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

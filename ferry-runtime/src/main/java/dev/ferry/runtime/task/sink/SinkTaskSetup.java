package dev.ferry.runtime.task.sink;

import dev.ferry.runtime.errors.ErrorHandler;
import dev.ferry.runtime.metrics.TaskMetrics;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Everything a {@link SinkTaskRunner} is built from; the worker assembles it from the connector
 * and worker configs. The runner owns and closes all of it.
 *
 * @param task            the plugin task, not yet initialized
 * @param taskConfig      the task's config (with {@code topics} or {@code topics.regex}), passed to {@code start}
 * @param pipeline        the converters and transforms
 * @param errors          the task's error handler (the same one the pipeline uses)
 * @param consumer        the consumer, in group {@code connect-<connector>}, not yet subscribed
 * @param flushIntervalMs {@code offset.flush.interval.ms}: how often offsets are committed
 * @param flushTimeoutMs  {@code offset.flush.timeout.ms}: how long an offset commit may take
 * @param topicTracking   {@code topic.tracking.enable}: report topics the task reads from
 * @param metrics         the task's plugin metrics
 * @param taskMetrics     the task's runtime metrics (Apache's task groups), or null for none
 */
public record SinkTaskSetup(
        SinkTask task,
        Map<String, String> taskConfig,
        SinkRecordPipeline pipeline,
        ErrorHandler errors,
        Consumer<byte[], byte[]> consumer,
        long flushIntervalMs,
        long flushTimeoutMs,
        boolean topicTracking,
        PluginMetrics metrics,
        TaskMetrics taskMetrics) {

    /** A setup without runtime metrics. */
    public SinkTaskSetup(SinkTask task, Map<String, String> taskConfig, SinkRecordPipeline pipeline,
                         ErrorHandler errors, Consumer<byte[], byte[]> consumer, long flushIntervalMs,
                         long flushTimeoutMs, boolean topicTracking, PluginMetrics metrics) {
        this(task, taskConfig, pipeline, errors, consumer, flushIntervalMs, flushTimeoutMs, topicTracking, metrics,
                null);
    }
}

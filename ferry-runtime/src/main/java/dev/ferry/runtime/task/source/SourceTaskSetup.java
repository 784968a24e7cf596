package dev.ferry.runtime.task.source;

import dev.ferry.runtime.config.TopicCreationGroup;
import dev.ferry.runtime.errors.ErrorHandler;
import dev.ferry.runtime.metrics.TaskMetrics;
import dev.ferry.runtime.storage.ConnectorOffsetStore;
import dev.ferry.runtime.storage.OffsetBackingStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTask;

/**
 * Everything a {@link SourceTaskRunner} is built from; the worker assembles it from the connector
 * and worker configs. The runner owns and closes the task, pipeline, error handler, producer,
 * admin client, metrics and the connector's own offsets store; it does not own the worker's offset
 * store or the commit scheduler.
 *
 * @param task                the plugin task, not yet initialized
 * @param taskConfig          the task's config, passed to {@code start}
 * @param pipeline            the transforms and converters
 * @param errors              the task's error handler (the same one the pipeline uses)
 * @param producer            the producer, with the framework's defaults; transactional with exactly-once support
 * @param topicAdmin          an admin client for topic creation and, with exactly-once support, for finding the
 *                            transaction coordinator; null when neither is needed
 * @param topicCreation       the connector's topic creation groups in matching order; empty when topic creation is off
 * @param offsetStore         the store of source offsets the task reads (and, without exactly-once support, writes)
 * @param commitScheduler     the worker's shared scheduler for periodic offset commits
 * @param flushIntervalMs     {@code offset.flush.interval.ms}
 * @param flushTimeoutMs      {@code offset.flush.timeout.ms}
 * @param topicTracking       {@code topic.tracking.enable}: report topics the task writes to
 * @param metrics             the task's plugin metrics
 * @param taskMetrics         the task's runtime metrics (Apache's task groups), or null for none
 * @param transactions        how the task uses transactions (exactly-once support), or null for at-least-once
 * @param connectorOffsets    the connector's own offsets store ({@code offsets.storage.topic}) that
 *                            {@code offsetStore} reads through, started and closed by the runner; or null
 */
public record SourceTaskSetup(
        SourceTask task,
        Map<String, String> taskConfig,
        SourceRecordPipeline pipeline,
        ErrorHandler errors,
        Producer<byte[], byte[]> producer,
        Admin topicAdmin,
        List<TopicCreationGroup> topicCreation,
        OffsetBackingStore offsetStore,
        ScheduledExecutorService commitScheduler,
        long flushIntervalMs,
        long flushTimeoutMs,
        boolean topicTracking,
        PluginMetrics metrics,
        TaskMetrics taskMetrics,
        SourceTransactionSettings transactions,
        ConnectorOffsetStore connectorOffsets) {

    /** An at-least-once setup that reads and writes the worker's offset store. */
    public SourceTaskSetup(SourceTask task, Map<String, String> taskConfig, SourceRecordPipeline pipeline,
                           ErrorHandler errors, Producer<byte[], byte[]> producer, Admin topicAdmin,
                           List<TopicCreationGroup> topicCreation, OffsetBackingStore offsetStore,
                           ScheduledExecutorService commitScheduler, long flushIntervalMs, long flushTimeoutMs,
                           boolean topicTracking, PluginMetrics metrics, TaskMetrics taskMetrics) {
        this(task, taskConfig, pipeline, errors, producer, topicAdmin, topicCreation, offsetStore, commitScheduler,
                flushIntervalMs, flushTimeoutMs, topicTracking, metrics, taskMetrics, null, null);
    }

    /** A setup without runtime metrics. */
    public SourceTaskSetup(SourceTask task, Map<String, String> taskConfig, SourceRecordPipeline pipeline,
                           ErrorHandler errors, Producer<byte[], byte[]> producer, Admin topicAdmin,
                           List<TopicCreationGroup> topicCreation, OffsetBackingStore offsetStore,
                           ScheduledExecutorService commitScheduler, long flushIntervalMs, long flushTimeoutMs,
                           boolean topicTracking, PluginMetrics metrics) {
        this(task, taskConfig, pipeline, errors, producer, topicAdmin, topicCreation, offsetStore, commitScheduler,
                flushIntervalMs, flushTimeoutMs, topicTracking, metrics, null, null, null);
    }
}

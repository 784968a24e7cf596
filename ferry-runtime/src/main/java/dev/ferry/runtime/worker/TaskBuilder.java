package dev.ferry.runtime.worker;

import dev.ferry.runtime.config.ClientConfigs;
import dev.ferry.runtime.config.ConnectorConfig;
import dev.ferry.runtime.config.SinkConnectorConfig;
import dev.ferry.runtime.config.SourceConnectorConfig;
import dev.ferry.runtime.config.WorkerConfig;
import dev.ferry.runtime.errors.DeadLetterQueueReporter;
import dev.ferry.runtime.errors.ErrorHandler;
import dev.ferry.runtime.errors.ErrorHandlingSettings;
import dev.ferry.runtime.errors.ErrorReporter;
import dev.ferry.runtime.errors.LogReporter;
import dev.ferry.runtime.metrics.TaskMetrics;
import dev.ferry.runtime.metrics.TaskPlugins;
import dev.ferry.runtime.metrics.WorkerMetrics;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.PluginType;
import dev.ferry.runtime.model.StatusListener;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.plugins.LoaderSwap;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.storage.ConnectorOffsetStore;
import dev.ferry.runtime.storage.OffsetBackingStore;
import dev.ferry.runtime.task.RecordConverters;
import dev.ferry.runtime.task.TaskRunner;
import dev.ferry.runtime.task.TransformStep;
import dev.ferry.runtime.task.TransformationChain;
import dev.ferry.runtime.task.sink.SinkRecordPipeline;
import dev.ferry.runtime.task.sink.SinkTaskRunner;
import dev.ferry.runtime.task.sink.SinkTaskSetup;
import dev.ferry.runtime.task.source.SharedProducers;
import dev.ferry.runtime.task.source.SourceRecordPipeline;
import dev.ferry.runtime.task.source.SourceTaskRunner;
import dev.ferry.runtime.task.source.SourceTaskSetup;
import dev.ferry.runtime.task.source.SourceTransactionSettings;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.health.ConnectorType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * Assembles a task runner from a connector's and a task's (resolved) configs: the plugin task,
 * converters (the connector's own or the worker's), transforms with their predicates, error
 * handler and reporters, and the Kafka clients with Apache's layered settings; with exactly-once
 * support a transactional producer and the task's transaction settings ({@link SourceOffsetsPlan}),
 * without it a producer shared with the worker's other source tasks ({@link SharedProducers}).
 * If anything fails half-way, what was already created is closed again.
 *
 * <p>Thread contract: called on the herder's thread via {@link Worker#startTask}; keeps no state
 * between calls but the shared producers, which their tasks close.
 */
final class TaskBuilder {
    /** How long to wait for the broker while creating a dead letter queue topic. */
    private static final long DLQ_ADMIN_TIMEOUT_MS = 30_000;

    private final WorkerConfig workerConfig;
    private final Plugins plugins;
    private final ClientConfigs clientConfigs;
    private final OffsetBackingStore offsetStore;
    private final ScheduledExecutorService commitScheduler;
    private final Metrics metrics;
    private final WorkerMetrics workerMetrics;
    private final StatusListener listener;
    private final Time time;
    private final SharedProducers sharedProducers;

    TaskBuilder(WorkerConfig workerConfig, Plugins plugins, ClientConfigs clientConfigs,
                OffsetBackingStore offsetStore, ScheduledExecutorService commitScheduler, Metrics metrics,
                WorkerMetrics workerMetrics, StatusListener listener, Time time) {
        this.workerConfig = workerConfig;
        this.plugins = plugins;
        this.clientConfigs = clientConfigs;
        this.offsetStore = offsetStore;
        this.commitScheduler = commitScheduler;
        this.metrics = metrics;
        this.workerMetrics = workerMetrics;
        this.listener = listener;
        this.time = time;
        this.sharedProducers = new SharedProducers(time);
    }

    TaskRunner build(ConnectorTaskId id, Map<String, String> connectorConfig, Map<String, String> taskConfig,
                     TargetState initialState) {
        Deque<AutoCloseable> created = new ArrayDeque<>();
        try {
            Class<? extends Connector> connectorClass = plugins.connectorClass(
                    required(connectorConfig, ConnectorConfig.CONNECTOR_CLASS_CONFIG, id),
                    connectorConfig.get(ConnectorConfig.CONNECTOR_VERSION));
            ClassLoader loader = plugins.loaderOf(connectorClass);
            try (LoaderSwap ignored = Plugins.swapLoader(loader)) {
                boolean sink = plugins.connectorType(connectorClass) == PluginType.SINK;
                Task task = newTask(id, taskConfig, loader, sink);
                PluginMetricsImpl taskMetrics = new PluginMetricsImpl(metrics, taskTags(id));
                created.push(taskMetrics);
                TaskMetrics runtimeMetrics = workerMetrics.taskStarting(id, sink);
                created.push(() -> workerMetrics.taskStopped(id));
                if (sink) {
                    SinkConnectorConfig config = new SinkConnectorConfig(plugins, connectorConfig);
                    return sinkRunner(id, (SinkTask) task, config, connectorClass, taskConfig, initialState, loader,
                            taskMetrics, runtimeMetrics, created);
                }
                SourceConnectorConfig config = new SourceConnectorConfig(plugins, connectorConfig,
                        workerConfig.topicCreationEnable());
                return sourceRunner(id, (SourceTask) task, config, connectorClass, taskConfig, initialState, loader,
                        taskMetrics, runtimeMetrics, created);
            }
        } catch (RuntimeException | Error e) {
            closeAll(created);
            throw e;
        }
    }

    /** Registers the 4.1+ attributes naming the task's connector, task and converters. */
    private void describe(TaskMetrics runtimeMetrics, Class<? extends Connector> connectorClass, Task task,
                          boolean sink, RecordConverters converters) {
        runtimeMetrics.describe(new TaskPlugins(
                connectorClass.getName(), plugins.versionOf(connectorClass), sink ? "sink" : "source",
                task.getClass().getName(), plugins.versionOf(task.getClass()),
                converters.key().getClass().getName(), plugins.versionOf(converters.key().getClass()),
                converters.value().getClass().getName(), plugins.versionOf(converters.value().getClass()),
                converters.header().getClass().getName(), plugins.versionOf(converters.header().getClass())));
    }

    private TaskRunner sinkRunner(ConnectorTaskId id, SinkTask task, SinkConnectorConfig config,
                                  Class<? extends Connector> connectorClass, Map<String, String> taskConfig,
                                  TargetState initialState, ClassLoader loader, PluginMetricsImpl taskMetrics,
                                  TaskMetrics runtimeMetrics, Deque<AutoCloseable> created) {
        Map<String, String> props = config.props();
        RecordConverters converters = track(created, converters(config, runtimeMetrics));
        describe(runtimeMetrics, connectorClass, task, true, converters);
        ErrorHandlingSettings settings = ErrorHandlingSettings.from(config);
        List<ErrorReporter> reporters = new ArrayList<>();
        if (settings.logEnable()) {
            reporters.add(new LogReporter(settings.logIncludeMessages()));
        }
        if (settings.dlqEnabled()) {
            try (Admin admin = Admin.create(clientConfigs.dlqAdmin(id, props, connectorClass))) {
                DeadLetterQueueReporter.createTopicIfMissing(admin, settings.dlqTopic(),
                        settings.dlqReplicationFactor(), DLQ_ADMIN_TIMEOUT_MS);
            }
            KafkaProducer<byte[], byte[]> dlqProducer =
                    new KafkaProducer<>(clientConfigs.dlqProducer(id, props, connectorClass));
            DeadLetterQueueReporter dlq = new DeadLetterQueueReporter(dlqProducer, settings.dlqTopic(),
                    settings.dlqContextHeaders());
            reporters.add(track(created, dlq));
        }
        ErrorHandler errors = track(created, new ErrorHandler(id, settings, reporters, time, runtimeMetrics.errors()));
        TransformationChain<SinkRecord> chain = track(created, this.<SinkRecord>transforms(config, runtimeMetrics));
        SinkRecordPipeline pipeline = new SinkRecordPipeline(chain, converters, errors);
        KafkaConsumer<byte[], byte[]> consumer = track(created,
                new KafkaConsumer<>(clientConfigs.consumer(id, props, connectorClass)));
        SinkTaskSetup setup = new SinkTaskSetup(task, taskConfig, pipeline, errors, consumer,
                workerConfig.offsetCommitInterval(), workerConfig.offsetCommitTimeout(),
                workerConfig.topicTrackingEnable(), taskMetrics, runtimeMetrics);
        return new SinkTaskRunner(id, setup, initialState, listener, loader, time);
    }

    private TaskRunner sourceRunner(ConnectorTaskId id, SourceTask task, SourceConnectorConfig config,
                                    Class<? extends Connector> connectorClass, Map<String, String> taskConfig,
                                    TargetState initialState, ClassLoader loader, PluginMetricsImpl taskMetrics,
                                    TaskMetrics runtimeMetrics, Deque<AutoCloseable> created) {
        Map<String, String> props = config.props();
        RecordConverters converters = track(created, converters(config, runtimeMetrics));
        describe(runtimeMetrics, connectorClass, task, false, converters);
        ErrorHandlingSettings settings = ErrorHandlingSettings.from(config);
        List<ErrorReporter> reporters = new ArrayList<>();
        if (settings.logEnable()) {
            reporters.add(new LogReporter(settings.logIncludeMessages()));
        }
        ErrorHandler errors = track(created, new ErrorHandler(id, settings, reporters, time, runtimeMetrics.errors()));
        TransformationChain<SourceRecord> chain = track(created, this.<SourceRecord>transforms(config,
                runtimeMetrics));
        SourceRecordPipeline pipeline = new SourceRecordPipeline(chain, converters, errors);
        boolean exactlyOnce = workerConfig.exactlyOnceSourceEnabled();
        Map<String, Object> producerProps = exactlyOnce
                ? clientConfigs.exactlyOnceProducer(id, props, connectorClass)
                : clientConfigs.producer(id, props, connectorClass);
        // At-least-once tasks share a producer where that keeps what their own would give them (SharedProducers).
        Producer<byte[], byte[]> producer = track(created, exactlyOnce
                ? new KafkaProducer<>(producerProps)
                : sharedProducers.producerFor(id, producerProps));
        SourceOffsetsPlan offsets = SourceOffsetsPlan.of(workerConfig, config);
        Admin topicAdmin = null;
        if (config.usesTopicCreation() || exactlyOnce || offsets.ownTopic()) {
            topicAdmin = track(created, Admin.create(clientConfigs.admin(id, props, connectorClass,
                    ConnectorType.SOURCE)));
        }
        ConnectorOffsetStore connectorOffsets = offsets.connectorStore(id, offsetStore, topicAdmin);
        SourceTransactionSettings transactions = exactlyOnce
                ? offsets.transactions(id, config, producerProps) : null;
        SourceTaskSetup setup = new SourceTaskSetup(task, taskConfig, pipeline, errors, producer, topicAdmin,
                config.topicCreationGroups(), connectorOffsets != null ? connectorOffsets : offsetStore,
                commitScheduler, workerConfig.offsetCommitInterval(), workerConfig.offsetCommitTimeout(),
                workerConfig.topicTrackingEnable(), taskMetrics, runtimeMetrics, transactions, connectorOffsets);
        return new SourceTaskRunner(id, setup, initialState, listener, loader, time);
    }

    private Task newTask(ConnectorTaskId id, Map<String, String> taskConfig, ClassLoader loader, boolean sink) {
        String taskClassName = required(taskConfig, "task.class", id);
        Class<?> taskClass;
        try {
            taskClass = Class.forName(taskClassName, true, loader);
        } catch (ClassNotFoundException e) {
            throw new ConnectException("Task class '" + taskClassName + "' of task " + id + " cannot be found by "
                    + "its connector's class loader; check that the connector's plugin is complete", e);
        }
        Class<?> expected = sink ? SinkTask.class : SourceTask.class;
        if (!expected.isAssignableFrom(taskClass)) {
            throw new ConnectException("Task class '" + taskClassName + "' of task " + id + " does not extend "
                    + expected.getName() + ", which its connector's type requires");
        }
        return (Task) plugins.newInstance(taskClass);
    }

    private RecordConverters converters(ConnectorConfig config, TaskMetrics runtimeMetrics) {
        Deque<AutoCloseable> created = new ArrayDeque<>();
        try {
            Converter key = track(created, converter(config, ConnectorConfig.KEY_CONVERTER_CLASS_CONFIG,
                    config.keyConverterClass(), config.keyConverterVersion(), workerConfig.keyConverter(),
                    workerConfig.keyConverterVersion(), ConverterType.KEY));
            Converter value = track(created, converter(config, ConnectorConfig.VALUE_CONVERTER_CLASS_CONFIG,
                    config.valueConverterClass(), config.valueConverterVersion(), workerConfig.valueConverter(),
                    workerConfig.valueConverterVersion(), ConverterType.VALUE));
            HeaderConverter header = headerConverter(config);
            runtimeMetrics.monitorConverter(key, "key");
            runtimeMetrics.monitorConverter(value, "value");
            runtimeMetrics.monitorConverter(header, "header");
            return new RecordConverters(key, value, header);
        } catch (RuntimeException e) {
            closeAll(created);
            throw e;
        }
    }

    private Converter converter(ConnectorConfig config, String key, Class<?> connectorClass, String connectorVersion,
                                String workerClass, String workerVersion, ConverterType type) {
        boolean own = connectorClass != null;
        Converter converter = own
                ? plugins.newConverter(connectorClass.getName(), connectorVersion)
                : plugins.newConverter(workerClass, workerVersion);
        Map<String, Object> settings = converterSettings(config, key, own);
        settings.put(ConverterConfig.TYPE_CONFIG, type.getName());
        try (LoaderSwap ignored = Plugins.swapLoader(plugins.loaderOf(converter.getClass()))) {
            converter.configure(settings, type == ConverterType.KEY);
        }
        return converter;
    }

    private HeaderConverter headerConverter(ConnectorConfig config) {
        Class<?> own = config.headerConverterClass();
        HeaderConverter converter = own != null
                ? plugins.newHeaderConverter(own.getName(), config.headerConverterVersion())
                : plugins.newHeaderConverter(workerConfig.headerConverter(), workerConfig.headerConverterVersion());
        Map<String, Object> settings = converterSettings(config, ConnectorConfig.HEADER_CONVERTER_CLASS_CONFIG,
                own != null);
        settings.put(ConverterConfig.TYPE_CONFIG, ConverterType.HEADER.getName());
        try (LoaderSwap ignored = Plugins.swapLoader(plugins.loaderOf(converter.getClass()))) {
            converter.configure(settings);
        }
        return converter;
    }

    private Map<String, Object> converterSettings(ConnectorConfig config, String key, boolean connectorOwn) {
        Map<String, Object> settings = connectorOwn
                ? new HashMap<>(config.converterConfig(key))
                : new HashMap<>(workerConfig.converterSettings(key));
        settings.remove(WorkerConfig.PLUGIN_VERSION_SUFFIX);
        return settings;
    }

    private <R extends ConnectRecord<R>> TransformationChain<R> transforms(ConnectorConfig config,
                                                                           TaskMetrics runtimeMetrics) {
        List<TransformStep<R>> steps = new ArrayList<>();
        try {
            for (String alias : config.transformAliases()) {
                Transformation<R> transformation = plugins.newTransformation(config.transformClass(alias).getName(),
                        config.transformVersion(alias));
                configure(transformation, config.transformConfig(alias), transformation::configure);
                runtimeMetrics.monitorTransformation(transformation, alias);
                runtimeMetrics.describeTransformation(alias, transformation.getClass().getName(),
                        plugins.versionOf(transformation.getClass()));
                Predicate<R> predicate = null;
                String predicateAlias = config.transformPredicate(alias);
                if (predicateAlias != null && !predicateAlias.isBlank()) {
                    predicate = plugins.newPredicate(config.predicateClass(predicateAlias).getName(),
                            config.predicateVersion(predicateAlias));
                    configure(predicate, config.predicateConfig(predicateAlias), predicate::configure);
                    runtimeMetrics.monitorPredicate(predicate, predicateAlias);
                    runtimeMetrics.describePredicate(predicateAlias, predicate.getClass().getName(),
                            plugins.versionOf(predicate.getClass()));
                }
                steps.add(new TransformStep<>(alias, transformation, predicate, config.transformNegate(alias)));
            }
        } catch (RuntimeException e) {
            new TransformationChain<>(steps).close();
            throw e;
        }
        return new TransformationChain<>(steps);
    }

    private void configure(Object plugin, Map<String, Object> settings,
                           java.util.function.Consumer<Map<String, Object>> configure) {
        try (LoaderSwap ignored = Plugins.swapLoader(plugins.loaderOf(plugin.getClass()))) {
            configure.accept(settings);
        }
    }

    static LinkedHashMap<String, String> taskTags(ConnectorTaskId id) {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        tags.put("connector", id.connector());
        tags.put("task", Integer.toString(id.task()));
        return tags;
    }

    private static String required(Map<String, String> config, String key, ConnectorTaskId id) {
        String value = config.get(key);
        if (value == null || value.isBlank()) {
            throw new ConnectException("Task " + id + " cannot start: its config has no '" + key + "'");
        }
        return value.trim();
    }

    private static <T extends AutoCloseable> T track(Deque<AutoCloseable> created, T resource) {
        created.push(resource);
        return resource;
    }

    private static void closeAll(Deque<AutoCloseable> created) {
        while (!created.isEmpty()) {
            try {
                created.pop().close();
            } catch (Exception e) {
                // Best effort: the original failure is what matters.
            }
        }
    }
}

package dev.ferry.rest;

import dev.ferry.runtime.model.ConfigValidationException;
import dev.ferry.runtime.model.ConnectorOffsets;
import dev.ferry.runtime.model.ConnectorStatusReport.TaskStatusReport;
import dev.ferry.runtime.model.ConnectorStatusReport;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.ConnectorType;
import dev.ferry.runtime.model.InstanceStatus;
import dev.ferry.runtime.model.PluginDescriptor;
import dev.ferry.runtime.model.PluginType;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.model.TaskInfo;
import dev.ferry.runtime.model.ValidationResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;

/** A worker with a running file source and a sink whose task failed, as the golden files show them. */
final class Fixtures {
    static final String SOURCE = "local-file-source";
    static final String SINK = "failing-sink";
    static final String TRACE = "org.apache.kafka.connect.errors.ConnectException: Could not write to /tmp/out.txt\n"
            + "\tat org.apache.kafka.connect.file.FileStreamSinkTask.put(FileStreamSinkTask.java:90)\n";

    private Fixtures() {
    }

    static FakeHerder herder() {
        FakeHerder herder = new FakeHerder();
        Map<String, String> source = new LinkedHashMap<>();
        source.put("connector.class", "FileStreamSource");
        source.put("file", "/tmp/in.txt");
        source.put("tasks.max", "1");
        source.put("topic", "lines");
        source.put("name", SOURCE);
        herder.configs.put(SOURCE, source);
        herder.targetStates.put(SOURCE, TargetState.STARTED);
        Map<String, String> sourceTask = new LinkedHashMap<>();
        sourceTask.put("batch.size", "2000");
        sourceTask.put("file", "/tmp/in.txt");
        sourceTask.put("task.class", "org.apache.kafka.connect.file.FileStreamSourceTask");
        sourceTask.put("topic", "lines");
        herder.tasks.put(SOURCE, List.of(new TaskInfo(new ConnectorTaskId(SOURCE, 0), sourceTask)));
        herder.statuses.put(SOURCE, new ConnectorStatusReport(SOURCE, running("4.3.1"),
                List.of(new TaskStatusReport(0, running("4.3.1"))), ConnectorType.SOURCE));
        herder.offsets.put(SOURCE, new ConnectorOffsets(List.of(new ConnectorOffsets.Entry(
                Map.of("filename", "/tmp/in.txt"), Map.of("position", 42L)))));
        herder.activeTopics.put(SOURCE, Set.of("lines"));

        Map<String, String> sink = new LinkedHashMap<>();
        sink.put("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector");
        sink.put("file", "/tmp/out.txt");
        sink.put("topics", "lines");
        sink.put("name", SINK);
        herder.configs.put(SINK, sink);
        herder.targetStates.put(SINK, TargetState.STARTED);
        herder.tasks.put(SINK, List.of(new TaskInfo(new ConnectorTaskId(SINK, 0),
                Map.of("task.class", "org.apache.kafka.connect.file.FileStreamSinkTask"))));
        herder.statuses.put(SINK, new ConnectorStatusReport(SINK, running(null),
                List.of(new TaskStatusReport(1, new InstanceStatus(State.RUNNING, FakeHerder.WORKER, null,
                                PluginDescriptor.UNDEFINED_VERSION, 0)),
                        new TaskStatusReport(0, new InstanceStatus(State.FAILED, FakeHerder.WORKER, TRACE, "4.3.1", 0))),
                ConnectorType.SINK));
        Map<String, Object> sinkPartition = new LinkedHashMap<>();
        sinkPartition.put("kafka_topic", "lines");
        sinkPartition.put("kafka_partition", 0);
        herder.offsets.put(SINK, new ConnectorOffsets(List.of(new ConnectorOffsets.Entry(
                sinkPartition, Map.of("kafka_offset", 3L)))));

        herder.plugins.add(new PluginDescriptor("org.apache.kafka.connect.file.FileStreamSinkConnector",
                PluginType.SINK, "4.3.1", "classpath"));
        herder.plugins.add(new PluginDescriptor("org.apache.kafka.connect.file.FileStreamSourceConnector",
                PluginType.SOURCE, "4.3.1", "classpath"));
        herder.plugins.add(new PluginDescriptor("org.apache.kafka.connect.transforms.InsertField$Value",
                PluginType.TRANSFORMATION, "4.3.1", "classpath"));
        herder.plugins.add(new PluginDescriptor("com.example.UnversionedPredicate",
                PluginType.PREDICATE, PluginDescriptor.UNDEFINED_VERSION, "/plugins/example"));
        herder.plugins.add(new PluginDescriptor("org.apache.kafka.connect.json.JsonConverter",
                PluginType.CONVERTER, "4.3.1", "classpath"));
        herder.plugins.add(new PluginDescriptor("org.apache.kafka.connect.storage.SimpleHeaderConverter",
                PluginType.HEADER_CONVERTER, "4.3.1", "classpath"));

        herder.pluginConfigs.put("FileStreamSource", fileSourceConfig().configKeys().values().stream().toList());
        herder.validation = validation();
        return herder;
    }

    static InstanceStatus running(String version) {
        return new InstanceStatus(State.RUNNING, FakeHerder.WORKER, null, version, 0);
    }

    static ConfigDef fileSourceConfig() {
        return new ConfigDef()
                .define("file", ConfigDef.Type.STRING, null, ConfigDef.Importance.HIGH,
                        "Source filename. If not specified, the standard input will be used")
                .define("topic", ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH,
                        "The topic to publish data to")
                .define("batch.size", ConfigDef.Type.INT, 2000, ConfigDef.Importance.LOW,
                        "The maximum number of records the source task can read from the file each time it is polled",
                        "Batching", 1, ConfigDef.Width.SHORT, "Batch size", List.of("file"));
    }

    /** Two errors on {@code tasks.max}, a recommended list, and a key no ConfigDef knows. */
    static ValidationResult validation() {
        ConfigDef def = new ConfigDef()
                .define("connector.class", ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH,
                        "Name or alias of the class for this connector.", "Common", 2, ConfigDef.Width.LONG,
                        "Connector class")
                .define("tasks.max", ConfigDef.Type.INT, 1, ConfigDef.Range.atLeast(1), ConfigDef.Importance.HIGH,
                        "Maximum number of tasks to use for this connector.", "Common", 3, ConfigDef.Width.SHORT,
                        "Tasks max")
                .define("errors.tolerance", ConfigDef.Type.STRING, "none", ConfigDef.Importance.MEDIUM,
                        "Behavior for tolerating errors during connector operation.", "Error Handling", 2,
                        ConfigDef.Width.SHORT, "Error Tolerance");
        ConfigValue connectorClass = new ConfigValue("connector.class", "FileStreamSource", List.of(), List.of());
        ConfigValue tasksMax = new ConfigValue("tasks.max", 0, List.of(), new java.util.ArrayList<>(List.of(
                "Invalid value 0 for configuration tasks.max: Value must be at least 1",
                "tasks.max must be positive")));
        ConfigValue tolerance = new ConfigValue("errors.tolerance", "none", List.of("none", "all"), List.of());
        ConfigValue unknown = new ConfigValue("no.such.setting", "x", List.of(), List.of());
        return new ValidationResult("FileStreamSource", 2, List.of("Common", "Transforms", "Predicates",
                "Error Handling"), List.of(
                new ValidationResult.Entry(null, unknown),
                new ValidationResult.Entry(def.configKeys().get("connector.class"), connectorClass),
                new ValidationResult.Entry(def.configKeys().get("tasks.max"), tasksMax),
                new ValidationResult.Entry(def.configKeys().get("errors.tolerance"), tolerance)));
    }

    /** What a herder throws when a create is refused for its config errors. */
    static ConfigValidationException invalidConfig() {
        return new ConfigValidationException("Connector configuration is invalid and contains the following 1 error(s):\n"
                + "Invalid value 0 for configuration tasks.max: Value must be at least 1\n"
                + "You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`",
                validation());
    }
}

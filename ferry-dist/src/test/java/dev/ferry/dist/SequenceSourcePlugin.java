package dev.ferry.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A deterministic exactly-once source connector, built into a plugin directory at test time
 * (compiled against the distribution's lib/, as a plugin author compiles): task {@code k} of
 * {@code tasks.max} emits {@code records} values {@code p<k>:<seq>} (seq from 0, seven digits, key
 * {@code p<k>}) to partition k of {@code topic}, {@code records.per.poll} per poll with {@code poll.interval.ms}
 * between polls; its source partition is {@code {"sequence":"p<k>"}} and its offset
 * {@code {"next":<seq+1>}}, from which it resumes. It declares exactly-once support and that it
 * can define transactions: with {@code transaction.boundary=connector} it commits a transaction
 * after every {@code transaction.records}-th record (through {@code TransactionContext}), so a
 * reader can check the runtime honoured those boundaries.
 */
final class SequenceSourcePlugin {
    static final String CONNECTOR_CLASS = "dev.ferry.fixture.SequenceSourceConnector";

    private static final String CONNECTOR = """
            package dev.ferry.fixture;

            import java.util.ArrayList;
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            import org.apache.kafka.common.config.ConfigDef;
            import org.apache.kafka.connect.connector.Task;
            import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
            import org.apache.kafka.connect.source.ExactlyOnceSupport;
            import org.apache.kafka.connect.source.SourceConnector;

            public class SequenceSourceConnector extends SourceConnector {
                private Map<String, String> props;

                @Override public void start(Map<String, String> props) { this.props = new HashMap<>(props); }
                @Override public Class<? extends Task> taskClass() { return SequenceSourceTask.class; }
                @Override public List<Map<String, String>> taskConfigs(int maxTasks) {
                    List<Map<String, String>> configs = new ArrayList<>();
                    for (int i = 0; i < maxTasks; i++) {
                        Map<String, String> config = new HashMap<>(props);
                        config.put("task.index", Integer.toString(i));
                        configs.add(config);
                    }
                    return configs;
                }
                @Override public void stop() { }
                @Override public ConfigDef config() {
                    return new ConfigDef()
                            .define("topic", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Topic")
                            .define("records", ConfigDef.Type.LONG, 1000L, ConfigDef.Importance.HIGH, "Records per task");
                }
                @Override public String version() { return "1.0"; }
                @Override public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> config) {
                    return ExactlyOnceSupport.SUPPORTED;
                }
                @Override public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> config) {
                    return ConnectorTransactionBoundaries.SUPPORTED;
                }
            }
            """;

    private static final String TASK = """
            package dev.ferry.fixture;

            import java.util.ArrayList;
            import java.util.List;
            import java.util.Map;
            import org.apache.kafka.connect.data.Schema;
            import org.apache.kafka.connect.source.SourceRecord;
            import org.apache.kafka.connect.source.SourceTask;
            import org.apache.kafka.connect.source.TransactionContext;

            public class SequenceSourceTask extends SourceTask {
                private String name;
                private int index;
                private Map<String, String> partition;
                private String topic;
                private long records;
                private int perPoll;
                private long intervalMs;
                private long transactionRecords;
                private TransactionContext transactions;
                private long next;

                @Override public String version() { return "1.0"; }

                @Override public void start(Map<String, String> props) {
                    index = Integer.parseInt(props.get("task.index"));
                    name = "p" + index;
                    partition = Map.of("sequence", name);
                    topic = props.get("topic");
                    records = Long.parseLong(props.getOrDefault("records", "1000"));
                    perPoll = Integer.parseInt(props.getOrDefault("records.per.poll", "100"));
                    intervalMs = Long.parseLong(props.getOrDefault("poll.interval.ms", "10"));
                    transactionRecords = Long.parseLong(props.getOrDefault("transaction.records", "0"));
                    transactions = "connector".equals(props.get("transaction.boundary")) ? context.transactionContext() : null;
                    Map<String, Object> offset = context.offsetStorageReader().offset(partition);
                    next = offset == null ? 0 : ((Number) offset.get("next")).longValue();
                }

                @Override public List<SourceRecord> poll() throws InterruptedException {
                    Thread.sleep(next >= records ? 100 : intervalMs);
                    if (next >= records) {
                        return null;
                    }
                    List<SourceRecord> batch = new ArrayList<>();
                    for (int i = 0; i < perPoll && next < records; i++, next++) {
                        String value = name + ":" + String.format("%07d", next);
                        SourceRecord record = new SourceRecord(partition, Map.of("next", next + 1), topic, index,
                                Schema.STRING_SCHEMA, name, Schema.STRING_SCHEMA, value);
                        batch.add(record);
                        if (transactions != null && transactionRecords > 0 && (next + 1) % transactionRecords == 0) {
                            transactions.commitTransaction(record);
                        }
                    }
                    return batch;
                }

                @Override public void stop() { }
            }
            """;

    /** The compiled connector's jar, made once per test JVM: every build after the first copies it. */
    private static Path compiled;

    private SequenceSourcePlugin() {
    }

    /** Writes {@code sequence-source.jar} (with its service file) into {@code pluginDir}, compiling it if need be. */
    static synchronized void build(Path pluginDir) throws IOException {
        if (compiled == null) {
            Path jarDir = Files.createTempDirectory("sequence-source-jar");
            compile(jarDir);
            compiled = jarDir.resolve("sequence-source.jar");
        }
        Files.createDirectories(pluginDir);
        Files.copy(compiled, pluginDir.resolve("sequence-source.jar"));
    }

    private static void compile(Path pluginDir) throws IOException {
        Path work = Files.createTempDirectory("sequence-source");
        Path src = work.resolve("src/dev/ferry/fixture");
        Files.createDirectories(src);
        Path connector = Files.writeString(src.resolve("SequenceSourceConnector.java"), CONNECTOR);
        Path task = Files.writeString(src.resolve("SequenceSourceTask.java"), TASK);
        Path classes = Files.createDirectories(work.resolve("classes"));
        String classPath;
        try (Stream<Path> lib = Files.list(WorkerProcess.distDir().resolve("lib"))) {
            classPath = String.join(java.io.File.pathSeparator, lib.map(Path::toString).toList());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "-d", classes.toString(), "-cp", classPath, connector.toString(),
                task.toString());
        if (status != 0) {
            throw new IllegalStateException("The sequence source fixture did not compile (status " + status + ")");
        }
        Files.createDirectories(pluginDir);
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(pluginDir.resolve("sequence-source.jar")));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, jar);
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry("META-INF/services/org.apache.kafka.connect.source.SourceConnector"));
            jar.write((CONNECTOR_CLASS + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }
}

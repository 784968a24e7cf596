package dev.ferry.benchmarks;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The JDBC benchmark's transfers, each connector on a fresh standalone worker of its own and each ceiling in a
 * fresh JVM of its own, so every CPU figure is one transfer's. Source transfers fill an empty topic of their own
 * from the table; sink transfers drain the one input topic into a table of their own. Values are Avro (Ferry's
 * AvroConverter under Confluent's class name, the registry in its own process) on both the connector and the
 * ceiling: the converter's cost is in both, so the ratio measures the connector and the runtime around it.
 */
final class JdbcTransfers {
    static final String SINK_INPUT_TOPIC = "jdbc-sink-input";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /** Source modes measured, with the ceiling query each one's connector runs. */
    enum Mode {
        BULK, INCREMENTING;

        String label() {
            return name().toLowerCase();
        }
    }

    /** Who moves the rows. */
    enum Pipeline {
        CEILING, CONNECTOR;

        String label() {
            return name().toLowerCase();
        }
    }

    private final JdbcOptions options;
    private final Path work;
    private final String bootstrap;
    private final String registryUrl;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final JdbcWatch watch;
    private final PrintStream progress;

    JdbcTransfers(JdbcOptions options, Path work, String bootstrap, String registryUrl, String jdbcUrl, String user,
            String password, JdbcWatch watch, PrintStream progress) {
        this.options = options;
        this.work = work;
        this.bootstrap = bootstrap;
        this.registryUrl = registryUrl;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.watch = watch;
        this.progress = progress;
    }

    /** The two transfers each worker and each ceiling JVM makes: the first on a fresh JVM, then a warm one. */
    static final int PASSES = 2;

    /** The topic one source transfer fills; the connector's is its topic.prefix followed by the table's name. */
    static String sourceTopic(Mode mode, Pipeline pipeline, int pair, int pass) {
        return sourcePrefix(mode, pipeline, pair, pass) + JdbcTable.SOURCE_TABLE;
    }

    private static String sourcePrefix(Mode mode, Pipeline pipeline, int pair, int pass) {
        return "jdbc-" + mode.label() + "-" + pipeline.label() + "-" + pair + (pass == 0 ? "" : "-warm") + "-";
    }

    /** The ceiling's reads of the table, each into a topic of its own: fresh, then warm. */
    List<JdbcRun> sourceCeiling(Mode mode, int pair) throws Exception {
        List<String> topics = new ArrayList<>();
        for (int pass = 0; pass < PASSES; pass++) {
            topics.add(sourceTopic(mode, Pipeline.CEILING, pair, pass));
        }
        return ceilingSource(mode, topics, directory("source-" + mode.label() + "-ceiling-" + pair),
                "source " + mode.label() + " ceiling");
    }

    /** Fills the sink's input topic once, with the ceiling's bulk read (not reported). */
    void fillSinkInput() throws Exception {
        ceilingSource(Mode.BULK, List.of(SINK_INPUT_TOPIC), directory("sink-input"), null);
        progress.printf("sink input: %,d rows in %s%n", options.rows(), SINK_INPUT_TOPIC);
    }

    private List<JdbcRun> ceilingSource(Mode mode, List<String> topics, Path dir, String label) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("side", "source");
        args.put("url", jdbcUrl);
        args.put("user", user);
        args.put("bootstrap", bootstrap);
        args.put("registry", registryUrl);
        args.put("topics", String.join(",", topics));
        args.put("fetch", Integer.toString(options.batchMaxRows()));
        if (mode == Mode.BULK) {
            args.put("sql", JdbcTable.bulkQuery());
        } else {
            args.put("sql", JdbcTable.incrementingQuery());
            args.put("after", "-1");
        }
        List<JdbcRun> runs = new ArrayList<>();
        long started = System.nanoTime();
        try (JdbcCeilingProcess ceiling = JdbcCeilingProcess.start(args, password, dir.resolve("ceiling.log"),
                jvmOptions(dir))) {
            for (int pass = 0; pass < topics.size(); pass++) {
                String topic = topics.get(pass);
                try (TopicEnd end = new TopicEnd(bootstrap, topic)) {
                    JdbcRun run = watch.watch("ceiling " + mode.label() + " into " + topic, options.rows(), end,
                            started, ceiling.pid(), ceiling::checkAlive);
                    runs.add(label == null ? run : report(label + passName(pass), run));
                }
                started = System.nanoTime();
                ceiling.next();
            }
        }
        return runs;
    }

    /** The source connector reading the table into a topic of its own on a fresh worker, then again, warm. */
    List<JdbcRun> sourceConnector(Mode mode, int pair) throws Exception {
        String run = "source-" + mode.label() + "-connector-" + pair;
        Path dir = directory(run);
        List<JdbcRun> runs = new ArrayList<>();
        try (WorkerProcess worker = WorkerProcess.launch(options.launcher(), options.dist(), dir, bootstrap,
                jvmOptions(dir))) {
            worker.awaitReady(READY_TIMEOUT);
            for (int pass = 0; pass < PASSES; pass++) {
                String topic = sourceTopic(mode, Pipeline.CONNECTOR, pair, pass);
                Map<String, String> config = connection();
                config.put("connector.class", "dev.ferry.jdbc.source.JdbcSourceConnector");
                config.put("tasks.max", "1");
                config.put("mode", mode.label());
                if (mode == Mode.INCREMENTING) {
                    config.put("incrementing.column.name", "id");
                } else {
                    // a bulk source reads the whole table again each poll.interval.ms: not within the transfer
                    config.put("poll.interval.ms", Integer.toString(24 * 3600 * 1000));
                }
                config.put("table.whitelist", JdbcTable.SOURCE_TABLE);
                config.put("topic.prefix", sourcePrefix(mode, Pipeline.CONNECTOR, pair, pass));
                config.put("batch.max.rows", Integer.toString(options.batchMaxRows()));
                avro(config);
                // a new name each time: new source offsets, so the warm connector reads the whole table again
                String name = "benchmark-" + run + passName(pass).replace(", ", "-");
                try (TopicEnd end = new TopicEnd(bootstrap, topic)) {
                    long created = System.nanoTime();
                    worker.createConnector(name, config);
                    JdbcRun result = watch.watch("JdbcSourceConnector " + mode.label() + " into " + topic,
                            options.rows(), end, created, worker.pid(), () -> health(worker, name));
                    runs.add(report("source " + mode.label() + " connector" + passName(pass), result));
                }
                worker.deleteConnector(name);
            }
        }
        return runs;
    }

    /** The ceiling's batched inserts from the input topic into tables it creates: fresh, then warm. */
    List<JdbcRun> sinkCeiling(int pair) throws Exception {
        Path dir = directory("sink-ceiling-" + pair);
        List<String> tables = new ArrayList<>();
        for (int pass = 0; pass < PASSES; pass++) {
            tables.add("ceiling_sink_" + pair + "_" + pass);
        }
        Map<String, String> args = new LinkedHashMap<>();
        args.put("side", "sink");
        args.put("url", jdbcUrl);
        args.put("user", user);
        args.put("bootstrap", bootstrap);
        args.put("registry", registryUrl);
        args.put("topic", SINK_INPUT_TOPIC);
        args.put("group", "benchmark-jdbc-ceiling-" + pair);
        args.put("tables", String.join(",", tables));
        args.put("batch", Integer.toString(options.batchSize()));
        args.put("rows", Integer.toString(options.rows()));
        List<JdbcRun> runs = new ArrayList<>();
        long started = System.nanoTime();
        try (JdbcCeilingProcess ceiling = JdbcCeilingProcess.start(args, password, dir.resolve("ceiling.log"),
                jvmOptions(dir))) {
            for (int pass = 0; pass < PASSES; pass++) {
                String table = tables.get(pass);
                try (JdbcWatch.TableProgress rows = new JdbcWatch.TableProgress(connect(), table)) {
                    JdbcRun run = watch.watch("sink ceiling into " + table, options.rows(), rows, started,
                            ceiling.pid(), ceiling::checkAlive);
                    runs.add(report("sink ceiling" + passName(pass), run));
                }
                started = System.nanoTime();
                ceiling.next();
            }
        } finally {
            tables.forEach(this::drop);
        }
        return runs;
    }

    /**
     * The sink connector from the input topic into a table it creates ({@code auto.create}) on a fresh worker, then
     * again (another connector name, so another consumer group, and another table), warm; the columns the first
     * made are put in {@code columns}.
     */
    List<JdbcRun> sinkConnector(int pair, List<String> columns) throws Exception {
        String run = "sink-connector-" + pair;
        Path dir = directory(run);
        List<String> tables = new ArrayList<>();
        List<JdbcRun> runs = new ArrayList<>();
        try (WorkerProcess worker = WorkerProcess.launch(options.launcher(), options.dist(), dir, bootstrap,
                jvmOptions(dir))) {
            worker.awaitReady(READY_TIMEOUT);
            for (int pass = 0; pass < PASSES; pass++) {
                String table = "connector_sink_" + pair + "_" + pass;
                tables.add(table);
                Map<String, String> config = connection();
                config.put("connector.class", "dev.ferry.jdbc.sink.JdbcSinkConnector");
                config.put("tasks.max", "1");
                config.put("topics", SINK_INPUT_TOPIC);
                config.put("insert.mode", "insert");
                config.put("pk.mode", "none");
                config.put("auto.create", "true");
                config.put("table.name.format", table);
                avro(config);
                String name = "benchmark-" + run + passName(pass).replace(", ", "-");
                try (JdbcWatch.TableProgress rows = new JdbcWatch.TableProgress(connect(), table)) {
                    long created = System.nanoTime();
                    worker.createConnector(name, config);
                    JdbcRun result = watch.watch("JdbcSinkConnector into " + table, options.rows(), rows, created,
                            worker.pid(), () -> health(worker, name));
                    runs.add(report("sink connector" + passName(pass), result));
                }
                worker.deleteConnector(name);
                if (pass == 0) {
                    try (Connection connection = connect()) {
                        columns.clear();
                        columns.addAll(JdbcTable.describe(connection, table));
                    }
                }
            }
        } finally {
            tables.forEach(this::drop);
        }
        return runs;
    }

    /** How a transfer's label ends: nothing for the fresh JVM's, ", warm" for the second. */
    static String passName(int pass) {
        return pass == 0 ? "" : ", warm";
    }

    /**
     * Whether the first value of the connector's topic is the ceiling's byte for byte after the 5-byte frame (the
     * schema id differs per subject); null when either topic cannot be read.
     */
    Boolean sameValueBytes(Mode mode, int pair) {
        byte[] ceiling = firstValue(sourceTopic(mode, Pipeline.CEILING, pair, 0));
        byte[] connector = firstValue(sourceTopic(mode, Pipeline.CONNECTOR, pair, 0));
        if (ceiling == null || connector == null || ceiling.length < 5 || connector.length < 5) {
            return null;
        }
        boolean same = Arrays.equals(ceiling, 5, ceiling.length, connector, 5, connector.length);
        if (!same) {
            progress.printf("note: %s: the connector's first value (%d bytes) differs from the ceiling's (%d bytes)%n",
                    mode.label(), connector.length, ceiling.length);
        }
        return same;
    }

    private byte[] firstValue(String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1"))) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, 0);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    return records.iterator().next().value();
                }
            }
        }
        return null;
    }

    private JdbcRun report(String label, JdbcRun run) {
        JdbcCpu.Usage cpu = run.cpu();
        progress.printf("%s: %,.0f rows/s; CPU per 1M rows: JVM %.2f s, PostgreSQL %.2f s, broker %.2f s; "
                        + "cores busy: JVM %.2f, PostgreSQL %.2f (busiest process %.2f), machine %.2f%n"
                        + "  JVM threads (cores): %s%n",
                label, run.rowsPerSecond(), run.perMillion(cpu.measured()), run.perMillion(cpu.postgres()),
                run.perMillion(cpu.broker()), run.cores(cpu.measured()), run.cores(cpu.postgres()),
                run.cores(cpu.busiestBackend()), run.cores(cpu.machine()),
                JdbcCpu.top(cpu.threads(), 6, cpu.seconds()));
        return run;
    }

    private static void health(WorkerProcess worker, String name) {
        String status = worker.connectorStatus(name);
        if (status.contains("\"FAILED\"")) {
            throw new IllegalStateException(status + "\n" + worker.logTail());
        }
    }

    private Map<String, String> connection() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connection.url", jdbcUrl);
        config.put("connection.user", user);
        config.put("connection.password", password);
        return config;
    }

    private void avro(Map<String, String> config) {
        config.put("value.converter", "io.confluent.connect.avro.AvroConverter");
        config.put("value.converter.schema.registry.url", registryUrl);
    }

    private String jvmOptions(Path dir) {
        return options.profile()
                ? "-XX:StartFlightRecording=filename=" + dir.resolve("recording.jfr")
                        + ",settings=profile,dumponexit=true"
                : "";
    }

    private Path directory(String name) throws java.io.IOException {
        return Files.createDirectories(work.resolve(name));
    }

    private Connection connect() throws java.sql.SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    private void drop(String table) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
        } catch (java.sql.SQLException e) {
            progress.println("note: could not drop " + table + ": " + e.getMessage());
        }
    }

    /** A topic's end offset as a {@link JdbcWatch.Progress}. */
    private static final class TopicEnd implements JdbcWatch.Progress, AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final TopicPartition partition;

        TopicEnd(String bootstrap, String topic) {
            this.partition = new TopicPartition(topic, 0);
            this.consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.CLIENT_ID_CONFIG, "benchmark-progress",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
            consumer.assign(List.of(partition));
        }

        @Override
        public JdbcWatch.Sample sample() {
            long at = System.nanoTime();
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(10)).get(partition);
            return new JdbcWatch.Sample(end, end, at);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}

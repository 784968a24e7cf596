package dev.ferry.cli;

import dev.ferry.registry.RegistryConfig;
import dev.ferry.registry.RegistryServer;
import dev.ferry.testkit.KafkaBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/**
 * {@code ferry dev}: everything a newcomer needs to see records flow, in one command. Starts an
 * embedded single-node Kafka broker, a Schema Registry on port 8081, a standalone worker with the
 * bundled plugins and REST on port 8083, and the sample pipeline in {@code examples/dev/}: a line
 * per second is appended to {@code input.txt}, Apache's FileStreamSource sends it through two SMTs
 * that make it a struct, Confluent's AvroConverter class name (Ferry's converter) writes it as Avro
 * registered in the registry, and FileStreamSink reads it back and writes it to {@code output.txt},
 * which is echoed to the console. Ctrl-C stops the worker, the registry, then the broker.
 */
final class DevCommand extends FerryCommand {
    private static final String SUMMARY = "Run a local playground: embedded Kafka, a schema registry (:8081), a standalone "
            + "worker (REST on :8083) and the sample pipeline from examples/dev, with records echoed as they arrive.";
    private static final String DEFAULT_DIR = ".ferry/dev";
    private static final int DEFAULT_PORT = 8083;
    private static final int DEFAULT_REGISTRY_PORT = 8081;
    private static final int DEFAULT_LINES_PER_SECOND = 1;
    /** Above this the input writer's period (whole milliseconds) cannot get any shorter. */
    private static final int MAX_LINES_PER_SECOND = 1000;

    private static final Option DIR = Option.builder().longOpt("dir").hasArg().argName("DIR")
            .desc("working directory (default: " + DEFAULT_DIR + ")").get();
    private static final Option PORT = Option.builder().longOpt("port").hasArg().argName("PORT")
            .desc("REST port (default: " + DEFAULT_PORT + ")").get();
    private static final Option REGISTRY_PORT = Option.builder().longOpt("registry-port").hasArg().argName("PORT")
            .desc("Schema Registry port (default: " + DEFAULT_REGISTRY_PORT + ")").get();
    private static final Option PLUGIN_PATH = Option.builder().longOpt("plugin-path").hasArg().argName("DIRS")
            .desc("more plugins for the worker: comma-separated plugin folders or their parents, as plugin.path "
                    + "(default: $CONNECT_PLUGIN_PATH; the bundled plugins are always there)").get();
    private static final Option LINES_PER_SECOND = Option.builder().longOpt("lines-per-second").hasArg().argName("N")
            .desc("how fast the sample input grows (default: " + DEFAULT_LINES_PER_SECOND + ")").get();

    DevCommand() {
        super("dev", SUMMARY, DIR, PORT, REGISTRY_PORT, PLUGIN_PATH, LINES_PER_SECOND);
    }

    @Override
    Usage usage() {
        return new Usage("ferry dev [-hV] [--dir DIR] [--port PORT] [--registry-port PORT] [--plugin-path DIRS] "
                + "[--lines-per-second N]")
                .description(SUMMARY,
                        "Connectors from --plugin-path (or CONNECT_PLUGIN_PATH) can be created next to the sample",
                        "pipeline: curl -X PUT -H 'Content-Type: application/json' --data @c.json",
                        "http://localhost:8083/connectors/NAME/config")
                .options(options());
    }

    @Override
    int run(CommandLine line, PrintStream out) throws Exception {
        if (!line.getArgList().isEmpty()) {
            throw new UsageException("ferry dev takes only options, but was given " + String.join(" ", line.getArgList())
                    + "; to choose its working directory use --dir DIR", usage());
        }
        Path dir = Path.of(line.getOptionValue(DIR, DEFAULT_DIR));
        int port = intOption(line, PORT, DEFAULT_PORT, 0, 65535);
        int registryPort = intOption(line, REGISTRY_PORT, DEFAULT_REGISTRY_PORT, 0, 65535);
        int linesPerSecond = intOption(line, LINES_PER_SECOND, DEFAULT_LINES_PER_SECOND, 1, MAX_LINES_PER_SECOND);
        String pluginPath = line.getOptionValue(PLUGIN_PATH, System.getenv("CONNECT_PLUGIN_PATH"));
        return run(dir, port, registryPort, pluginPath, linesPerSecond, out);
    }

    private int intOption(CommandLine line, Option option, int defaultValue, int min, int max) throws UsageException {
        String text = line.getOptionValue(option);
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new UsageException("--" + option.getLongOpt() + " takes a whole number from " + min + " to " + max
                + ", not '" + text + "' (default: " + defaultValue + ")", usage());
    }

    private int run(Path dir, int port, int registryPort, String pluginPath, int linesPerSecond, PrintStream out)
            throws Exception {
        Path examples = examplesDirectory();
        Files.createDirectories(dir);
        Path input = dir.resolve("input.txt");
        Path output = dir.resolve("output.txt");
        Files.deleteIfExists(output);
        Files.deleteIfExists(input);
        Files.createFile(input);

        out.println("ferry dev: starting an embedded Kafka broker...");
        try (KafkaBroker broker = KafkaBroker.builder().build().start();
             RegistryServer registry = RegistryServer.start(RegistryConfig.from(Map.of(
                     "listeners", "http://0.0.0.0:" + registryPort,
                     "host.name", "localhost",
                     "kafkastore.bootstrap.servers", broker.bootstrapServers()), Map.of()))) {
            Map<String, String> props = new java.util.LinkedHashMap<>(
                    WorkerProperties.load(examples.resolve("worker.properties"), Map.of()));
            props.put("bootstrap.servers", broker.bootstrapServers());
            props.put("offset.storage.file.filename", dir.resolve("offsets").toAbsolutePath().toString());
            props.put("listeners", "http://:" + port);
            if (pluginPath != null && !pluginPath.isBlank()) {
                props.put("plugin.path", pluginPath);
            }
            Files.deleteIfExists(dir.resolve("offsets.connectors.json"));
            Files.deleteIfExists(dir.resolve("offsets"));

            try (StandaloneWorker worker = StandaloneWorker.start(props, BundledPlugins.directories())) {
                worker.createConnectors(samplePipeline(examples, dir.toAbsolutePath(), registry.url()));
                ScheduledExecutorService background = Executors.newScheduledThreadPool(2, r -> {
                    Thread t = new Thread(r, "ferry-dev");
                    t.setDaemon(true);
                    return t;
                });
                long periodMs = Math.max(1, 1000 / Math.max(1, linesPerSecond));
                background.scheduleAtFixedRate(new InputWriter(input), 0, periodMs, TimeUnit.MILLISECONDS);
                background.scheduleWithFixedDelay(new OutputEcho(output, out), 200, 200, TimeUnit.MILLISECONDS);
                out.printf("%nferry dev is running.%n  Kafka:    %s%n  REST:     %s%n  registry: %s%n  input:    %s%n"
                                + "  output:   %s%n%sTry: curl -s %sconnectors?expand=status%n"
                                + "     curl -s %s/subjects/ferry-dev-value/versions/latest%nCtrl-C stops everything.%n%n",
                        broker.bootstrapServers(), worker.restUrl(), registry.url(), input, output,
                        props.containsKey("plugin.path") ? "  plugins:  " + props.get("plugin.path") + System.lineSeparator() : "",
                        worker.restUrl(), registry.url());
                worker.awaitShutdownSignal();
                background.shutdownNow();
            }
        }
        out.println("ferry dev: stopped.");
        return ExitCode.OK.code;
    }

    private static Path examplesDirectory() {
        String home = System.getProperty(BundledPlugins.HOME_PROPERTY, System.getenv("FERRY_HOME"));
        Path examples = home == null ? Path.of("examples", "dev") : Path.of(home, "examples", "dev");
        if (!Files.isDirectory(examples)) {
            throw new CliException(ExitCode.ENVIRONMENT, "Cannot find the sample pipeline in " + examples.toAbsolutePath()
                    + ". Run ferry dev through the ./ferry launcher of a built checkout.");
        }
        return examples;
    }

    private static List<ConnectorDefinition> samplePipeline(Path examples, Path workDir, String registryUrl)
            throws IOException {
        List<ConnectorDefinition> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(examples)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String text = Files.readString(file).replace("@DEV_DIR@", workDir.toString())
                        .replace("@REGISTRY_URL@", registryUrl);
                Path resolved = Files.createTempFile("ferry-dev-", ".json");
                Files.writeString(resolved, text);
                result.add(ConnectorFileParser.parse(resolved));
                Files.delete(resolved);
            }
        }
        return result;
    }

    /** Appends one numbered line to the sample input. */
    private static final class InputWriter implements Runnable {
        private final Path input;
        private long next = 1;

        InputWriter(Path input) {
            this.input = input;
        }

        @Override
        public void run() {
            String line = "hello #" + next++ + " from ferry dev at "
                    + LocalTime.now().format(DateTimeFormatter.ISO_LOCAL_TIME) + System.lineSeparator();
            try {
                Files.writeString(input, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            } catch (IOException e) {
                System.err.println("ferry dev: cannot append to " + input + ": " + e.getMessage());
            }
        }
    }

    /** Prints lines the sink appended since the last look. */
    private static final class OutputEcho implements Runnable {
        private final Path output;
        private final PrintStream out;
        private long position;

        OutputEcho(Path output, PrintStream out) {
            this.output = output;
            this.out = out;
        }

        @Override
        public void run() {
            if (!Files.exists(output)) {
                return;
            }
            try (RandomAccessFile file = new RandomAccessFile(output.toFile(), "r")) {
                if (file.length() < position) {
                    position = 0;
                }
                file.seek(position);
                String line;
                while ((line = file.readLine()) != null) {
                    out.println("  record -> " + new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
                }
                position = file.getFilePointer();
            } catch (IOException e) {
                System.err.println("ferry dev: cannot read " + output + ": " + e.getMessage());
            }
        }
    }
}

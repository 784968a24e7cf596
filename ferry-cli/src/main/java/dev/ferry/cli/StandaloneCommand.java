package dev.ferry.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/**
 * {@code ferry standalone worker.properties [connector files...]}: what Apache's
 * {@code connect-standalone.sh} does, with the same files. Connector files that cannot be read
 * or are invalid are reported and skipped; the worker keeps serving the others.
 */
final class StandaloneCommand extends FerryCommand {
    private static final String SUMMARY = "Run a standalone worker: one process, source offsets in a local file.";

    StandaloneCommand() {
        super("standalone", SUMMARY);
    }

    @Override
    Usage usage() {
        return new Usage("ferry standalone [-hV] WORKER_PROPERTIES [CONNECTOR_FILE...]")
                .description(SUMMARY,
                        "Takes the same worker.properties and connector files as connect-standalone.sh.",
                        "CONNECT_* environment variables override the file, as in the cp-kafka-connect image.")
                .parameter("WORKER_PROPERTIES", "worker configuration (Java properties)")
                .parameter("[CONNECTOR_FILE...]",
                        "connectors to create at start: JSON settings, a JSON create request, or properties")
                .options(options());
    }

    @Override
    int run(CommandLine line, PrintStream out) throws Exception {
        List<String> args = line.getArgList();
        if (args.isEmpty()) {
            throw new UsageException("standalone needs the worker properties file: "
                    + "ferry standalone worker.properties [connector files]", usage());
        }
        Path workerProperties = Path.of(args.get(0));
        List<Path> connectorFiles = args.subList(1, args.size()).stream().map(Path::of).toList();

        var props = WorkerProperties.load(workerProperties, System.getenv());
        List<ConnectorDefinition> connectors = new ArrayList<>();
        List<String> fileErrors = new ArrayList<>();
        for (Path file : connectorFiles) {
            try {
                connectors.add(ConnectorFileParser.parse(file));
            } catch (CliException e) {
                fileErrors.add(e.getMessage());
            }
        }
        try (StandaloneWorker worker = StandaloneWorker.start(props, BundledPlugins.directories())) {
            fileErrors.forEach(worker::reportStartupProblem);
            worker.createConnectors(connectors);
            worker.awaitShutdownSignal();
        }
        return ExitCode.OK.code;
    }
}

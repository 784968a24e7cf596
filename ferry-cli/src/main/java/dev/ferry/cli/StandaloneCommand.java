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
        super("standalone", SUMMARY, WorkerProperties.PRINT_CONFIG);
    }

    @Override
    Usage usage() {
        return new Usage("ferry standalone [-hV] [--print-config] [WORKER_PROPERTIES [CONNECTOR_FILE...]]")
                .description(SUMMARY,
                        "Takes the same worker.properties and connector files as connect-standalone.sh.",
                        "CONNECT_* environment variables override the file, as in the",
                        "cp-kafka-connect image (CONNECT_REST_PORT=18083 replaces the file's listeners);",
                        "each variable that overrides the file or is ignored is logged at start, with",
                        "the reason. Without a file the worker is configured from the CONNECT_*",
                        "variables alone (to add connector files then, give /dev/null as the file).")
                .parameter("[WORKER_PROPERTIES]", "worker configuration (Java properties)")
                .parameter("[CONNECTOR_FILE...]",
                        "connectors to create at start: JSON settings, a JSON create request, or properties")
                .options(options());
    }

    @Override
    int run(CommandLine line, PrintStream out) throws Exception {
        List<String> args = line.getArgList();
        Path workerProperties = args.isEmpty() ? null : Path.of(args.get(0));
        var props = WorkerProperties.forWorker(name(), workerProperties, line.hasOption(WorkerProperties.PRINT_CONFIG),
                System.getenv(), out, usage());
        if (props == null) {
            return ExitCode.OK.code;
        }
        List<Path> connectorFiles = args.isEmpty() ? List.of()
                : args.subList(1, args.size()).stream().map(Path::of).toList();
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
            CdsRecording.workerStarted();
            fileErrors.forEach(worker::reportStartupProblem);
            worker.createConnectors(connectors);
            worker.awaitShutdownSignal();
        }
        return ExitCode.OK.code;
    }
}

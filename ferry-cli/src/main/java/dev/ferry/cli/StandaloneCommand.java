package dev.ferry.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry standalone worker.properties [connector files...]}: what Apache's
 * {@code connect-standalone.sh} does, with the same files. Connector files that cannot be read
 * or are invalid are reported and skipped; the worker keeps serving the others.
 */
@Command(name = "standalone", mixinStandardHelpOptions = true,
        description = {"Run a standalone worker: one process, source offsets in a local file.",
                "Takes the same worker.properties and connector files as connect-standalone.sh.",
                "CONNECT_* environment variables override the file, as in the cp-kafka-connect image."})
final class StandaloneCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WORKER_PROPERTIES", description = "worker configuration (Java properties)")
    Path workerProperties;

    @Parameters(index = "1..*", paramLabel = "CONNECTOR_FILE",
            description = "connectors to create at start: JSON settings, a JSON create request, or properties")
    List<Path> connectorFiles = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
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

package dev.ferry.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/**
 * {@code ferry distributed worker.properties}: what Apache's {@code connect-distributed.sh}
 * does, with the same file. Workers started with the same {@code group.id} and internal topics
 * form one cluster; connectors are created over REST on any of them.
 */
final class DistributedCommand extends FerryCommand {
    private static final String SUMMARY = "Run one worker of a distributed Connect cluster, which keeps its "
            + "configs, offsets and statuses in Kafka topics.";

    DistributedCommand() {
        super("distributed", SUMMARY, WorkerProperties.PRINT_CONFIG);
    }

    @Override
    Usage usage() {
        return new Usage("ferry distributed [-hV] [--print-config] [WORKER_PROPERTIES]")
                .description(SUMMARY,
                        "The work is shared with every worker of the same group.id and taken over when one of them dies.",
                        "Takes the same worker.properties as connect-distributed.sh.",
                        "CONNECT_* environment variables override the file, as in the",
                        "cp-kafka-connect image (CONNECT_REST_PORT=18083 replaces the file's listeners);",
                        "each variable that overrides the file or is ignored is logged at start, with",
                        "the reason. Without a file the worker is configured from the CONNECT_*",
                        "variables alone.")
                .parameter("[WORKER_PROPERTIES]", "worker configuration (Java properties)")
                .options(options());
    }

    @Override
    int run(CommandLine line, PrintStream out) throws Exception {
        List<String> args = line.getArgList();
        if (args.size() > 1) {
            // connect-distributed.sh takes no connector files either; saying so saves a search.
            throw new UsageException("ferry distributed takes only the worker properties file, but was also given "
                    + String.join(" ", args.subList(1, args.size()))
                    + "; create connectors over REST (POST /connectors) once the worker runs", usage());
        }
        Path workerProperties = args.isEmpty() ? null : Path.of(args.get(0));
        var props = WorkerProperties.forWorker(name(), workerProperties, line.hasOption(WorkerProperties.PRINT_CONFIG),
                System.getenv(), out, usage());
        if (props == null) {
            return ExitCode.OK.code;
        }
        try (DistributedWorker worker = DistributedWorker.start(props, BundledPlugins.directories())) {
            // A worker stopped before it ever read its stores loaded too few classes to be worth an archive.
            if (worker.running()) {
                CdsRecording.workerStarted();
            }
            worker.awaitShutdownSignal();
        }
        return ExitCode.OK.code;
    }
}

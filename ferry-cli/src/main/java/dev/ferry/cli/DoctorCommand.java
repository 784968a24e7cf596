package dev.ferry.cli;

import dev.ferry.cli.doctor.Doctor;
import dev.ferry.cli.doctor.MutedLogging;
import dev.ferry.cli.doctor.Report;
import dev.ferry.runtime.config.EnvironmentConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/**
 * {@code ferry doctor [worker.properties]}: checks, before a worker starts, what it would meet (Java, plugin
 * path, Kafka and the internal topics, ACLs, the Schema Registry) and says what to fix. The configuration is read
 * exactly as the worker reads it: the file, if given, with the {@code CONNECT_*} environment on top. Exit codes:
 * 0 nothing found, 1 findings, 2 wrong command line, 3 the environment (the file cannot be read).
 *
 * <p>The checks live in {@code dev.ferry.cli.doctor}, loaded only when this command runs.
 */
final class DoctorCommand extends FerryCommand {
    private static final String SUMMARY = "Check a worker's configuration, plugins, Kafka, ACLs and registry before it starts.";
    private static final Option JSON = Option.builder().longOpt("json")
            .desc("Print the findings as JSON instead of one line per check.").get();
    private static final Option TIMEOUT = Option.builder().longOpt("timeout").hasArg().argName("SECONDS")
            .desc("How long each network check waits for an answer (default 5).").get();
    private static final int DEFAULT_TIMEOUT_SECONDS = 5;

    DoctorCommand() {
        super("doctor", SUMMARY, JSON, TIMEOUT);
    }

    @Override
    Usage usage() {
        return new Usage("ferry doctor [-hV] [--json] [--timeout SECONDS] [WORKER_PROPERTIES]")
                .description(SUMMARY,
                        "Reads the worker configuration as ferry standalone/distributed do: the",
                        "file with CONNECT_* environment variables on top, or without a file the",
                        "environment alone. Checks the Java version, plugin.path, Kafka, the",
                        "internal topics and ACLs of a distributed worker, and the converters'",
                        "Schema Registry, and says what to fix. Changes nothing.",
                        "Exit codes: 0 no findings, 1 findings, 2 usage, 3 the file cannot be read.")
                .parameter("[WORKER_PROPERTIES]", "worker configuration (Java properties)")
                .options(options());
    }

    @Override
    int run(CommandLine line, PrintStream out) throws Exception {
        List<String> args = line.getArgList();
        if (args.size() > 1) {
            throw new UsageException("doctor takes one worker properties file, but was given " + String.join(" ", args),
                    usage());
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds(line));
        Path file = args.isEmpty() ? null : Path.of(args.get(0));
        Map<String, String> environment = System.getenv();
        if (file == null && !WorkerProperties.hasWorkerVariables(environment)) {
            throw new UsageException("doctor needs the worker's configuration: its properties file (ferry doctor "
                    + "worker.properties), or the CONNECT_* environment variables the worker runs with", usage());
        }
        EnvironmentConfig.Resolution config = read(file, environment);
        Report report;
        try (MutedLogging muted = MutedLogging.start()) {
            report = Doctor.examine(config.properties(), config.notes(),
                    file == null ? "the environment" : file.toString(),
                    Doctor.Settings.of(BundledPlugins.directories(), timeout));
        }
        if (line.hasOption(JSON)) {
            report.printJson(out);
        } else {
            report.printText(out);
        }
        return report.exitCode();
    }

    private long timeoutSeconds(CommandLine line) throws UsageException {
        String value = line.getOptionValue(TIMEOUT, String.valueOf(DEFAULT_TIMEOUT_SECONDS));
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds > 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--timeout needs a whole number of seconds above 0, not '" + value + "'", usage());
    }

    /**
     * The worker's configuration, read by the worker's own code; a file that cannot be read is the environment's
     * fault (exit code 3), an invalid variable the configuration's (2).
     */
    private static EnvironmentConfig.Resolution read(Path file, Map<String, String> environment) {
        try {
            return WorkerProperties.resolve(file, environment);
        } catch (CliException e) {
            if (file != null && !Files.isReadable(file)) {
                throw new CliException(ExitCode.ENVIRONMENT, e.getMessage(), e);
            }
            throw e;
        }
    }
}

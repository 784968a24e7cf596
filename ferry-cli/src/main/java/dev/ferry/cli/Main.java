package dev.ferry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ferry} command. Each subcommand runs one worker in this JVM: the launcher script
 * {@code exec}s exactly one Java process, so signals and process tools reach the worker itself.
 */
@Command(name = "ferry", mixinStandardHelpOptions = true, versionProvider = FerryVersion.class,
        description = "Ferry: a Kafka Connect runtime that runs unmodified Kafka Connect plugins.",
        subcommands = {StandaloneCommand.class, DistributedCommand.class, DevCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
                "  ferry dev                       Kafka, a worker and a sample pipeline",
                "  ferry standalone w.properties c.json   as connect-standalone.sh",
                "  ferry distributed w.properties          as connect-distributed.sh"})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliException ce) {
                commandLine.getErr().println("ferry: " + ce.getMessage());
                return ce.exitCode.code;
            }
            commandLine.getErr().println("ferry: " + e);
            e.printStackTrace(commandLine.getErr());
            return ExitCode.RUNTIME.code;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("ferry: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return ExitCode.CONFIG.code;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

package dev.ferry.cli;

import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * One {@code ferry} command. {@link Main} picks it by its name (the first argument), parses the
 * rest with its {@link #options()}, answers {@code -h} and {@code -V} itself, and calls
 * {@link #run} with what is left.
 */
abstract class FerryCommand {
    private final String name;
    private final String summary;
    private final Options options;

    /**
     * @param summary one line for the command list in {@code ferry --help}, and the first line of
     *                the command's own usage
     * @param options the command's options besides {@link StandardOptions#HELP} and
     *                {@link StandardOptions#VERSION}, which every command takes
     */
    FerryCommand(String name, String summary, Option... options) {
        this.name = name;
        this.summary = summary;
        this.options = StandardOptions.with(options);
    }

    final String name() {
        return name;
    }

    final String summary() {
        return summary;
    }

    /** The command's options, including {@link StandardOptions#HELP} and {@link StandardOptions#VERSION}. */
    final Options options() {
        return options;
    }

    abstract Usage usage();

    /**
     * Checks the positional arguments and option values, then runs.
     *
     * @return the process exit code ({@link ExitCode})
     * @throws UsageException when the arguments are wrong, before anything starts
     */
    abstract int run(CommandLine line, PrintStream out) throws Exception;
}

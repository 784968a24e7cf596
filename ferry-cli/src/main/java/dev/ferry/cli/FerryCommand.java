package dev.ferry.cli;

import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * One {@code ferry} command. {@link Main} picks it by its name (the first argument), parses the
 * rest with its {@link #options()}, answers {@code -h} and {@code -V} itself, and calls
 * {@link #run} with what is left.
 */
interface FerryCommand {
    String name();

    /** One line for the command list in {@code ferry --help}. */
    String summary();

    Usage usage();

    /** The command's options, including {@link StandardOptions#HELP} and {@link StandardOptions#VERSION}. */
    Options options();

    /**
     * Checks the positional arguments and option values, then runs.
     *
     * @return the process exit code ({@link ExitCode})
     * @throws UsageException when the arguments are wrong, before anything starts
     */
    int run(CommandLine line, PrintStream out) throws Exception;
}

package dev.ferry.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** The {@code -h/--help} and {@code -V/--version} options every {@code ferry} command takes. */
final class StandardOptions {
    static final Option HELP = Option.builder("h").longOpt("help").desc("Show this help message and exit.").get();
    static final Option VERSION = Option.builder("V").longOpt("version").desc("Print version information and exit.").get();

    private StandardOptions() {
    }

    /** A command's own options followed by help and version, in the order the help lists them. */
    static Options with(Option... own) {
        Options options = new Options();
        for (Option option : own) {
            options.addOption(option);
        }
        return options.addOption(HELP).addOption(VERSION);
    }

    static boolean wantsHelp(CommandLine line) {
        return line.hasOption(HELP);
    }

    static boolean wantsVersion(CommandLine line) {
        return line.hasOption(VERSION);
    }
}

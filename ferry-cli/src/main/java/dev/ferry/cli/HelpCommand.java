package dev.ferry.cli;

import java.io.PrintStream;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/** {@code ferry help [COMMAND]}: the usage of {@code ferry}, or of the command named. */
final class HelpCommand extends FerryCommand {
    private static final String SUMMARY = "Display help information about the specified command.";

    private final Commands commands;

    HelpCommand(Commands commands) {
        super("help", SUMMARY);
        this.commands = commands;
    }

    @Override
    Usage usage() {
        return new Usage("ferry help [-hV] [COMMAND]")
                .description(SUMMARY)
                .parameter("[COMMAND]", "the command to describe")
                .options(options());
    }

    @Override
    int run(CommandLine line, PrintStream out) throws UsageException {
        List<String> args = line.getArgList();
        if (args.size() > 1) {
            throw new UsageException("ferry help describes one command at a time, but was given "
                    + String.join(" ", args) + ": ferry help " + args.get(0), usage());
        }
        Usage usage = args.isEmpty() ? commands.mainUsage() : commands.find(args.get(0)).usage();
        usage.print(out);
        return ExitCode.OK.code;
    }
}

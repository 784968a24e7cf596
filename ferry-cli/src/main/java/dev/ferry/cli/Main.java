package dev.ferry.cli;

import java.io.PrintStream;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * The {@code ferry} command. Each command runs one worker in this JVM: the launcher script
 * {@code exec}s exactly one Java process, so signals and process tools reach the worker itself.
 *
 * <p>{@code ferry [-hV] COMMAND [command options and arguments]}: the first argument that is not
 * an option names the command ({@link Commands}); the rest is parsed with that command's
 * options. This class is also the one place where failures become exit codes: a wrong command
 * line is {@link ExitCode#CONFIG} with the usage of the command at fault, a {@link CliException}
 * carries its own code, and anything else is {@link ExitCode#RUNTIME} with its stack trace.
 *
 * <p>The command line is read with Commons CLI rather than an annotation-driven library: its
 * classes are Java 8 class files, so the launcher's AppCDS archive holds them and a worker's
 * start does not load and verify them from the jar each time.
 */
public final class Main {
    private final PrintStream out;
    private final PrintStream err;
    private final Commands commands = Commands.all();

    private Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code, without exiting the JVM. */
    static int run(String... args) {
        return run(System.out, System.err, args);
    }

    static int run(PrintStream out, PrintStream err, String... args) {
        return new Main(out, err).execute(args);
    }

    private int execute(String[] args) {
        try {
            return dispatch(args);
        } catch (UsageException e) {
            err.println("ferry: " + e.getMessage());
            e.usage.print(err);
            return ExitCode.CONFIG.code;
        } catch (CliException e) {
            err.println("ferry: " + e.getMessage());
            return e.exitCode.code;
        } catch (Exception e) {
            err.println("ferry: " + e);
            e.printStackTrace(err);
            return ExitCode.RUNTIME.code;
        }
    }

    private int dispatch(String[] args) throws Exception {
        // Stop at the command name: the options after it belong to the command.
        CommandLine top = parse(Commands.TOP_LEVEL, args, true, "ferry", commands.mainUsage());
        if (StandardOptions.wantsHelp(top)) {
            commands.mainUsage().print(out);
            return ExitCode.OK.code;
        }
        if (StandardOptions.wantsVersion(top)) {
            FerryVersion.print(out);
            return ExitCode.OK.code;
        }
        List<String> rest = top.getArgList();
        if (rest.isEmpty()) {
            commands.mainUsage().print(out);
            return ExitCode.OK.code;
        }
        String name = rest.get(0);
        if (name.startsWith("-")) {
            // Parsing stopped at an option ferry does not know rather than at a command name.
            throw new UsageException("unknown option '" + name + "'; ferry itself takes only -h/--help and "
                    + "-V/--version, and each command's options go after its name", commands.mainUsage());
        }
        FerryCommand command = commands.find(name);
        String[] commandArgs = rest.subList(1, rest.size()).toArray(String[]::new);
        CommandLine line = parse(command.options(), commandArgs, false, "ferry " + name, command.usage());
        if (StandardOptions.wantsHelp(line)) {
            command.usage().print(out);
            return ExitCode.OK.code;
        }
        if (StandardOptions.wantsVersion(line)) {
            FerryVersion.print(out);
            return ExitCode.OK.code;
        }
        return command.run(line, out);
    }

    private static CommandLine parse(Options options, String[] args, boolean stopAtCommand, String command,
            Usage usage) throws UsageException {
        // Partial matching would let a typo such as --po quietly mean --port; require the full name.
        DefaultParser parser = DefaultParser.builder().setAllowPartialMatching(false).get();
        try {
            return parser.parse(options, args, stopAtCommand);
        } catch (ParseException e) {
            throw UsageException.from(e, command, usage);
        }
    }
}

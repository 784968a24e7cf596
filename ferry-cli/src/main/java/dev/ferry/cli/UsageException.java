package dev.ferry.cli;

import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * The command line itself is wrong (unknown command or option, missing or extra argument, bad
 * number). {@link Main} prints the message and the usage of the command at fault, and exits with
 * {@link ExitCode#CONFIG}.
 */
final class UsageException extends Exception {
    final transient Usage usage;

    UsageException(String message, Usage usage) {
        super(message);
        this.usage = usage;
    }

    /** Rewords a Commons CLI parse error so that it names the command and what to do. */
    static UsageException from(ParseException e, String command, Usage usage) {
        if (e instanceof UnrecognizedOptionException unknown) {
            return new UsageException("unknown option '" + unknown.getOption() + "' for " + command
                    + "; the options it takes are listed below", usage);
        }
        if (e instanceof MissingArgumentException missing) {
            String name = missing.getOption().getLongOpt() != null
                    ? "--" + missing.getOption().getLongOpt() : "-" + missing.getOption().getOpt();
            return new UsageException(name + " needs a value: " + command + " " + name + " "
                    + missing.getOption().getArgName(), usage);
        }
        return new UsageException(e.getMessage() + " (" + command + ")", usage);
    }
}

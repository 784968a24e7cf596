package dev.ferry.cli;

/** A failure the CLI reports as one line (no stack trace) with a specific exit code. */
final class CliException extends RuntimeException {
    final ExitCode exitCode;

    CliException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }
}

package dev.ferry.cli;

/**
 * The process exit codes of every {@code ferry} command, decided in one place so scripts can
 * tell a broken configuration from a broken environment.
 */
enum ExitCode {
    /** Finished normally. */
    OK(0),
    /** Something failed while running. */
    RUNTIME(1),
    /** The command line or a configuration file is wrong: fix the input. */
    CONFIG(2),
    /** The environment is wrong (port in use, unreadable directory, ...): fix the machine. */
    ENVIRONMENT(3);

    final int code;

    ExitCode(int code) {
        this.code = code;
    }
}

package dev.ferry.installer;

/**
 * Why an installer command failed, in words that name the problem and the fix, with the exit code it maps to:
 * {@link #USAGE} for a wrong command line or source, {@link #ENVIRONMENT} for the machine (an unwritable plugin
 * directory, an unreachable repository), {@link #FAILED} for everything else (a checksum mismatch, an archive
 * that is not a plugin).
 */
final class InstallException extends RuntimeException {
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int ENVIRONMENT = 3;

    private final int exitCode;

    private InstallException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    static InstallException usage(String message) {
        return new InstallException(message, USAGE, null);
    }

    static InstallException environment(String message, Throwable cause) {
        return new InstallException(message, ENVIRONMENT, cause);
    }

    static InstallException failed(String message) {
        return new InstallException(message, FAILED, null);
    }

    static InstallException failed(String message, Throwable cause) {
        return new InstallException(message, FAILED, cause);
    }

    int exitCode() {
        return exitCode;
    }
}

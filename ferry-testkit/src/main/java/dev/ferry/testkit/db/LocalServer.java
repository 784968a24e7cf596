package dev.ferry.testkit.db;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What every throw-away server of this package holds: its port, its user's password, the temporary directory its
 * data lives in, its log, and its process, which a shutdown hook kills if the test JVM dies before
 * {@link #close()}. Closing stops the server with its own graceful signal and deletes the directory.
 */
abstract class LocalServer implements DatabaseServer {
    private final int port;
    private final String password;
    private final Path home;
    private final Path log;
    private final Process process;
    private final String stopSignal;
    private final Thread killOnExit;

    LocalServer(String name, int port, String password, Path home, Path log, Process process, String stopSignal) {
        this.port = port;
        this.password = password;
        this.home = home;
        this.log = log;
        this.process = process;
        this.stopSignal = stopSignal;
        this.killOnExit = ServerProcesses.killOnExit(process, name + "-" + port);
    }

    @Override
    public final int port() {
        return port;
    }

    @Override
    public final String password() {
        return password;
    }

    @Override
    public final String logText() {
        return ServerProcesses.logText(log);
    }

    @Override
    public final void close() throws IOException, InterruptedException {
        try {
            ServerProcesses.stop(process, stopSignal);
        } finally {
            ServerProcesses.removeHook(killOnExit);
            ServerProcesses.deleteTree(home);
        }
    }
}

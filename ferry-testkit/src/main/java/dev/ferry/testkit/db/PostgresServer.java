package dev.ferry.testkit.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server: the machine's own server binaries, a fresh cluster made by {@code initdb} in a
 * temporary directory, listening on a free loopback port with {@code wal_level=logical} (so Debezium's
 * {@code pgoutput} replication works), and one superuser {@value #USER} that signs in with a password over TCP
 * ({@code scram-sha-256}). {@link #close()} stops the server and deletes the cluster.
 *
 * <p>PostgreSQL refuses to run as root, and CI runs as root: then {@code initdb} and {@code postgres} run through
 * {@code setpriv} as the {@code postgres} user (else {@code nobody}), which owns the cluster's directory. Binaries are
 * looked for in {@code FERRY_POSTGRES_BIN} (a directory), then {@code /usr/lib/postgresql/<newest>/bin} (Debian and
 * Ubuntu's layout), then {@code PATH}; without them the test fails saying what to install.
 */
public final class PostgresServer extends LocalServer {
    public static final String USER = "ferry";
    public static final String DATABASE = "postgres";

    private PostgresServer(int port, String password, Path home, Path log, Process process) {
        // fast shutdown (SIGINT): open sessions, such as a replication connection, are ended
        super("postgres", port, password, home, log, process, "INT");
    }

    /**
     * Makes a cluster whose superuser {@value #USER} has {@code password} and starts it; returns once it accepts
     * connections. The server's own log goes to {@code logDir/postgres.log}.
     */
    public static PostgresServer start(Path logDir, String password) throws IOException, InterruptedException {
        Path bin = binaries();
        Files.createDirectories(logDir);
        Path home = Files.createTempDirectory("ferry-pg-");
        Path log = logDir.resolve("postgres.log");
        List<String> runAs = ServerProcesses.runAsPrefix(home, List.of("postgres", "nobody"));
        Path pwfile = Files.writeString(home.resolve("pwfile"), password + "\n");
        if (!runAs.isEmpty()) {
            ServerProcesses.chownLike(pwfile, home);
        }
        Path data = home.resolve("data");
        List<String> initdb = new ArrayList<>(runAs);
        initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "--pwfile=" + pwfile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                "--locale=C", "--no-sync"));
        ServerProcesses.run(initdb, home, log, Duration.ofSeconds(60));

        int port = ServerProcesses.freePort();
        List<String> postgres = new ArrayList<>(runAs);
        postgres.addAll(List.of(bin.resolve("postgres").toString(), "-D", data.toString(), "-p", String.valueOf(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + home,
                "-c", "wal_level=logical", "-c", "max_replication_slots=4", "-c", "max_wal_senders=4",
                "-c", "max_connections=40", "-c", "shared_buffers=32MB", "-c", "TimeZone=UTC",
                // a test cluster: durability costs time and buys nothing
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        Process process = new ProcessBuilder(postgres).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        PostgresServer server = new PostgresServer(port, password, home, log, process);
        try {
            ServerProcesses.awaitReady(Duration.ofSeconds(60), "PostgreSQL on port " + port, process, log, () -> {
                server.connect().close();
                return true;
            });
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    @Override
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public void createDatabase(String name) throws SQLException {
        execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
    }

    /** The directory holding {@code initdb} and {@code postgres}, or an error that says what to install. */
    static Path binaries() throws IOException {
        String given = System.getenv("FERRY_POSTGRES_BIN");
        if (given != null && !given.isBlank()) {
            Path dir = Path.of(given);
            if (!hasServer(dir)) {
                throw new IllegalStateException("FERRY_POSTGRES_BIN=" + given
                        + " does not hold executable initdb and postgres binaries; point it at their directory");
            }
            return dir;
        }
        List<Path> debianLayout = new ArrayList<>();
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                        .sorted(ServerProcesses.newestVersionFirst()).map(v -> v.resolve("bin"))
                        .forEach(debianLayout::add);
            }
        }
        return ServerProcesses.searchPath(debianLayout).stream().filter(PostgresServer::hasServer).findFirst()
                .orElseThrow(() -> new AssertionError("No PostgreSQL server found (initdb and postgres, looked in "
                        + "/usr/lib/postgresql/*/bin and on PATH). Install one, e.g. on Debian or Ubuntu: "
                        + "apt-get install -y postgresql (the server package includes pgoutput), or set "
                        + "FERRY_POSTGRES_BIN to the directory holding initdb and postgres."));
    }

    private static boolean hasServer(Path dir) {
        return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("postgres"));
    }
}

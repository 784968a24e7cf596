package dev.ferry.dist;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for the change-data-capture tests: the machine's own server binaries, a fresh
 * cluster made by {@code initdb} in a temporary directory, listening on a free loopback port with
 * {@code wal_level=logical} (so Debezium's {@code pgoutput} replication works), and one superuser (which has
 * REPLICATION) that signs in with a password over TCP. {@link #close()} stops the server and deletes the cluster.
 *
 * <p>PostgreSQL refuses to run as root, and CI runs as root: then {@code initdb} and {@code postgres} run through
 * {@code setpriv} as the {@code postgres} user (else {@code nobody}), which owns the cluster's directory. Binaries are
 * looked for in {@code FERRY_POSTGRES_BIN} (a directory), then {@code /usr/lib/postgresql/<newest>/bin} (Debian and
 * Ubuntu's layout), then {@code PATH}; without them the test fails saying what to install.
 */
final class PostgresServer implements AutoCloseable {
    static final String USER = "ferry";
    static final String DATABASE = "postgres";

    final int port;
    private final String password;
    private final Path home;
    private final Path log;
    private final Process process;
    private final Thread killOnExit;

    private PostgresServer(int port, String password, Path home, Path log, Process process) {
        this.port = port;
        this.password = password;
        this.home = home;
        this.log = log;
        this.process = process;
        // a test JVM that dies before close() must not leave a postmaster behind
        this.killOnExit = new Thread(process::destroyForcibly, "postgres-" + port + "-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Makes a cluster whose superuser {@value #USER} has {@code password} and starts it; returns once it accepts
     * connections. The server's own log goes to {@code logDir/postgres.log}.
     */
    static PostgresServer start(Path logDir, String password) throws IOException, InterruptedException {
        Path bin = binaries();
        Files.createDirectories(logDir);
        Path home = Files.createTempDirectory("ferry-pg-");
        Path log = logDir.resolve("postgres.log");
        List<String> runAs = runAsPrefix(home);
        Path pwfile = Files.writeString(home.resolve("pwfile"), password + "\n");
        if (!runAs.isEmpty()) {
            chown(pwfile, home);
        }
        Path data = home.resolve("data");
        List<String> initdb = new ArrayList<>(runAs);
        initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "--pwfile=" + pwfile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                "--locale=C", "--no-sync"));
        run(initdb, home, log, Duration.ofSeconds(60));

        int port = WorkerProcess.freePort();
        List<String> postgres = new ArrayList<>(runAs);
        postgres.addAll(List.of(bin.resolve("postgres").toString(), "-D", data.toString(), "-p", String.valueOf(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + home,
                "-c", "wal_level=logical", "-c", "max_replication_slots=4", "-c", "max_wal_senders=4",
                "-c", "max_connections=30", "-c", "shared_buffers=32MB",
                // a test cluster: durability costs time and buys nothing
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        Process process = new ProcessBuilder(postgres).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        PostgresServer server = new PostgresServer(port, password, home, log, process);
        try {
            WorkerProcess.awaitUntil(Duration.ofSeconds(60), "PostgreSQL on port " + port, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("postgres exited with " + process.exitValue() + "; log:\n" + server.logText());
                }
                try (Connection ignored = server.connect()) {
                    return true;
                }
            });
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, password);
    }

    /** Runs each statement in its own transaction (auto-commit). */
    void execute(String... sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        }
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Fast shutdown (SIGINT: open sessions, such as a replication connection, are ended), then the cluster is deleted. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (process.isAlive()) {
                new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).inheritIO().start().waitFor();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            deleteTree(home);
        }
    }

    /** The directory holding {@code initdb} and {@code postgres}, or an error that says what to install. */
    static Path binaries() {
        List<Path> candidates = new ArrayList<>();
        String given = System.getenv("FERRY_POSTGRES_BIN");
        if (given != null && !given.isBlank()) {
            Path dir = Path.of(given);
            if (!hasServer(dir)) {
                throw new IllegalStateException("FERRY_POSTGRES_BIN=" + given
                        + " does not hold executable initdb and postgres binaries; point it at their directory");
            }
            return dir;
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                        .sorted(Comparator.comparingDouble((Path v) -> Double.parseDouble(v.getFileName().toString()))
                                .reversed())
                        .map(v -> v.resolve("bin")).forEach(candidates::add);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String element : path.split(File.pathSeparator)) {
            if (!element.isEmpty()) {
                candidates.add(Path.of(element));
            }
        }
        return candidates.stream().filter(PostgresServer::hasServer).findFirst().orElseThrow(() -> new AssertionError(
                "No PostgreSQL server found (initdb and postgres, looked in /usr/lib/postgresql/*/bin and on PATH). "
                        + "Install one, e.g. on Debian or Ubuntu: apt-get install -y postgresql (the server package "
                        + "includes pgoutput), or set FERRY_POSTGRES_BIN to the directory holding initdb and postgres."));
    }

    private static boolean hasServer(Path dir) {
        return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("postgres"));
    }

    /**
     * Empty when this JVM is not root. As root: hands {@code home} to an unprivileged user and returns the
     * {@code setpriv} prefix that runs a command as that user ({@code setpriv} execs, so the process we hold is
     * the postmaster itself and signals reach it).
     */
    private static List<String> runAsPrefix(Path home) throws IOException, InterruptedException {
        int uid = (Integer) Files.getAttribute(home, "unix:uid");
        if (uid != 0) {
            return List.of();
        }
        UserPrincipalLookupService users = home.getFileSystem().getUserPrincipalLookupService();
        String user = null;
        for (String name : List.of("postgres", "nobody")) {
            try {
                users.lookupPrincipalByName(name);
                user = name;
                break;
            } catch (UserPrincipalNotFoundException absent) {
                // next
            }
        }
        if (user == null) {
            throw new AssertionError("Running as root, PostgreSQL needs an unprivileged user to run as, and neither "
                    + "'postgres' nor 'nobody' exists; create one (useradd postgres) or run the tests as another user");
        }
        Files.setOwner(home, users.lookupPrincipalByName(user));
        int userId = (Integer) Files.getAttribute(home, "unix:uid");
        int groupId = Integer.parseInt(capture(List.of("id", "-g", user)).trim());
        Files.setAttribute(home, "unix:gid", groupId);
        return List.of("setpriv", "--reuid=" + userId, "--regid=" + groupId, "--clear-groups", "--");
    }

    private static void chown(Path file, Path like) throws IOException {
        Files.setAttribute(file, "unix:uid", Files.getAttribute(like, "unix:uid"));
        Files.setAttribute(file, "unix:gid", Files.getAttribute(like, "unix:gid"));
    }

    private static void run(List<String> command, Path dir, Path log, Duration timeout)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish within " + timeout);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + p.exitValue() + "; output:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    private static String capture(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + p.exitValue() + ": " + out);
        }
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package dev.ferry.testkit.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away MariaDB server: the machine's own {@code mariadbd}, a fresh data directory made by
 * {@code mariadb-install-db} in a temporary directory, listening on a free loopback port, with one user
 * {@value #USER} that has every privilege and signs in with a password over TCP, and an empty database
 * {@value #DATABASE}. The server's time zone is UTC. {@link #close()} stops it and deletes the data.
 *
 * <p>As root (CI) the server runs through {@code setpriv} as the {@code mysql} user (else {@code nobody}).
 * Binaries are looked for in {@code FERRY_MARIADB_BIN} (a directory holding both), then {@code /usr/sbin} and
 * {@code /usr/bin} (Debian's layout), then {@code PATH}; without them the test fails saying what to install.
 */
public final class MariaDbServer extends LocalServer {
    public static final String USER = "ferry";
    public static final String DATABASE = "test";

    private MariaDbServer(int port, String password, Path home, Path log, Process process) {
        super("mariadb", port, password, home, log, process, "TERM");
    }

    /**
     * Makes a data directory, starts the server and creates user {@value #USER} with {@code password} and database
     * {@value #DATABASE}; returns once the user can connect over TCP. The server's log goes to
     * {@code logDir/mariadb.log}.
     */
    public static MariaDbServer start(Path logDir, String password) throws IOException, InterruptedException {
        Path[] bin = binaries();
        Files.createDirectories(logDir);
        Path home = Files.createTempDirectory("ferry-mariadb-");
        Path log = logDir.resolve("mariadb.log");
        List<String> runAs = ServerProcesses.runAsPrefix(home, List.of("mysql", "nobody"));
        Path data = home.resolve("data");
        Path socket = home.resolve("mariadb.sock");
        List<String> install = new ArrayList<>(runAs);
        install.addAll(List.of(bin[0].toString(), "--no-defaults", "--datadir=" + data, "--skip-test-db",
                "--auth-root-authentication-method=socket", "--skip-name-resolve"));
        ServerProcesses.run(install, home, log, Duration.ofSeconds(120));

        int port = ServerProcesses.freePort();
        List<String> server = new ArrayList<>(runAs);
        server.addAll(List.of(bin[1].toString(), "--no-defaults", "--datadir=" + data, "--port=" + port,
                "--bind-address=127.0.0.1", "--socket=" + socket, "--pid-file=" + home.resolve("mariadb.pid"),
                "--skip-name-resolve", "--default-time-zone=+00:00", "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci", "--max-connections=60",
                // a test server: durability costs time and buys nothing
                "--innodb-buffer-pool-size=64M", "--innodb-flush-log-at-trx-commit=0", "--sync-binlog=0",
                "--innodb-doublewrite=0", "--skip-log-bin"));
        Process process = new ProcessBuilder(server).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        MariaDbServer started = new MariaDbServer(port, password, home, log, process);
        try {
            ServerProcesses.awaitReady(Duration.ofSeconds(60), "MariaDB on port " + port, process, log,
                    () -> Files.exists(socket));
            // mariadb-install-db made a socket-authenticated account for root and for the OS user that ran it;
            // this JVM's OS user (root, or the user who also ran the install) signs in through the socket
            ServerProcesses.run(List.of(bin[2].toString(), "--no-defaults", "--socket=" + socket,
                    "-u", System.getProperty("user.name"), "-e",
                    "CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + password.replace("'", "''") + "';"
                            + "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%' WITH GRANT OPTION;"
                            + "CREATE DATABASE IF NOT EXISTS " + DATABASE + ";"), home, log, Duration.ofSeconds(30));
            ServerProcesses.awaitReady(Duration.ofSeconds(30), "MariaDB user " + USER, process, log, () -> {
                started.connect().close();
                return true;
            });
        } catch (RuntimeException | Error e) {
            started.close();
            throw e;
        }
        return started;
    }

    @Override
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port() + "/" + database;
    }

    /** The same server under the MySQL URL scheme (for MySQL Connector/J or a dialect chosen by URL). */
    public String mysqlUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public void createDatabase(String name) throws SQLException {
        execute("CREATE DATABASE `" + name.replace("`", "``") + "`");
    }

    /** {@code mariadb-install-db}, {@code mariadbd} and the {@code mariadb} client, or an error that says what to install. */
    static Path[] binaries() {
        String given = System.getenv("FERRY_MARIADB_BIN");
        List<Path> dirs = given != null && !given.isBlank() ? List.of(Path.of(given))
                : ServerProcesses.searchPath(List.of(Path.of("/usr/sbin"), Path.of("/usr/bin")));
        Path install = find(dirs, "mariadb-install-db");
        Path server = find(dirs, "mariadbd");
        Path client = find(dirs, "mariadb");
        if (install == null || server == null || client == null) {
            throw new AssertionError("No MariaDB server found (mariadb-install-db, mariadbd and mariadb, looked in "
                    + dirs + "). Install one, e.g. on Debian or Ubuntu: apt-get install -y mariadb-server, or set "
                    + "FERRY_MARIADB_BIN to a directory holding all three.");
        }
        return new Path[] {install, server, client};
    }

    private static Path find(List<Path> dirs, String name) {
        return dirs.stream().map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst().orElse(null);
    }
}

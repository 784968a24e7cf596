package dev.ferry.jdbc.source;

import dev.ferry.testkit.db.DatabaseServer;
import dev.ferry.testkit.db.MariaDbServer;
import dev.ferry.testkit.db.PostgresServer;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL and a real MariaDB for one test class, each test getting a database of its own ({@link #fresh}),
 * and the SQL that differs between the two.
 */
final class Databases implements AutoCloseable {

    static final String PASSWORD = "source-Secret-77";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    final PostgresServer postgres;
    final MariaDbServer mariadb;

    private Databases(PostgresServer postgres, MariaDbServer mariadb) {
        this.postgres = postgres;
        this.mariadb = mariadb;
    }

    static Databases start(Path logs) throws Exception {
        PostgresServer postgres = PostgresServer.start(logs.resolve("pg"), PASSWORD);
        try {
            return new Databases(postgres, MariaDbServer.start(logs.resolve("maria"), PASSWORD));
        } catch (Exception | Error e) {
            postgres.close();
            throw e;
        }
    }

    /** One database server and a database of its own for one test. */
    record Db(DatabaseServer server, String database) {

        boolean postgres() {
            return server instanceof PostgresServer;
        }

        String url() {
            return server.jdbcUrl(database);
        }

        void execute(String... sql) throws SQLException {
            try (var c = java.sql.DriverManager.getConnection(url(), server.user(), server.password());
                 var s = c.createStatement()) {
                for (String statement : sql) {
                    s.execute(statement);
                }
            }
        }

        /** The qualified name the source gives a table of this database (Confluent's partition name). */
        String qualified(String table) {
            return (postgres() ? "public." : database + ".") + table;
        }

        /** An auto-increment primary key column definition. */
        String serial() {
            return postgres() ? "SERIAL PRIMARY KEY" : "INT AUTO_INCREMENT PRIMARY KEY";
        }

        /** A timestamp column type with microseconds. */
        String timestamp() {
            return postgres() ? "TIMESTAMP(6)" : "DATETIME(6)";
        }

        /** The base config of a source reading this database. */
        Map<String, String> config(String... keyValues) {
            Map<String, String> config = new HashMap<>();
            config.put("name", "src-" + database);
            config.put("connection.url", url());
            config.put("connection.user", server.user());
            config.put("connection.password", server.password());
            config.put("topic.prefix", "t-");
            config.put("poll.interval.ms", "50");
            config.put("connection.backoff.ms", "100");
            for (int i = 0; i < keyValues.length; i += 2) {
                config.put(keyValues[i], keyValues[i + 1]);
            }
            return config;
        }

        @Override
        public String toString() {
            return postgres() ? "PostgreSQL" : "MariaDB";
        }
    }

    Db fresh(boolean postgres) throws SQLException {
        DatabaseServer server = postgres ? this.postgres : mariadb;
        String name = "src" + COUNTER.incrementAndGet();
        server.createDatabase(name);
        return new Db(server, name);
    }

    @Override
    public void close() throws Exception {
        try {
            postgres.close();
        } finally {
            mariadb.close();
        }
    }
}

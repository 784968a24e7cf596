package dev.ferry.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Measures one JDBC transfer, connector or ceiling, the same way for both, as {@link TransferWatch} does for the
 * file connectors: the window opens at the first sample that sees activity and closes at the first that sees all
 * rows, so connector start, the first query's planning and the sink's group join are outside it. CPU of the
 * measured JVM, of PostgreSQL and of the broker is read at both ends ({@link JdbcCpu}).
 *
 * <p>A source is sampled by its topic's end offset (rows already there when the window opens are not counted). A
 * sink cannot be counted cheaply while it writes (a {@code count(*)} scans the table), so it is sampled by the
 * size of the table's file ({@code pg_relation_size}, a {@code stat}): the window opens when the first rows reach
 * the table's pages (nothing is committed before that, so all rows count), and only once the size has stood still
 * for two samples is the table counted; the window closes at the start of the count that finds all rows.
 */
final class JdbcWatch {
    /** Sampling period, as {@link TransferWatch}'s. */
    private static final long SAMPLE_MILLIS = 10;

    /** From creating the connector or starting the ceiling to the first row: JVM or task start, query, join. */
    private static final Duration FIRST_ROW_TIMEOUT = Duration.ofSeconds(120);

    /** A transfer that shows no activity for this long has stopped. */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    /** One look at the transfer. */
    record Sample(long rows, long activity, long atNanos) {
    }

    /** Takes a sample. */
    interface Progress {
        Sample sample() throws Exception;
    }

    /** Throws with an explanation when the process doing the transfer has failed. */
    interface Health {
        void check() throws Exception;
    }

    private final JdbcCpu cpu;

    JdbcWatch(JdbcCpu cpu) {
        this.cpu = cpu;
    }

    JdbcRun watch(String what, long target, Progress progress, long startedNanos, long measuredPid, Health health)
            throws Exception {
        Sample sample = progress.sample();
        while (sample.activity() == 0) {
            health.check();
            if (System.nanoTime() - startedNanos > FIRST_ROW_TIMEOUT.toNanos()) {
                throw new IllegalStateException(what + ": no row arrived within " + FIRST_ROW_TIMEOUT);
            }
            WorkerProcess.sleep(SAMPLE_MILLIS);
            sample = progress.sample();
        }
        JdbcCpu.Snapshot startCpu = cpu.snapshot(measuredPid);
        Sample first = sample;
        long lastActivity = sample.activity();
        long lastChange = System.nanoTime();
        while (sample.rows() < target) {
            WorkerProcess.sleep(SAMPLE_MILLIS);
            sample = progress.sample();
            if (sample.activity() != lastActivity) {
                lastActivity = sample.activity();
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > STALL_TIMEOUT.toNanos()) {
                health.check();
                throw new IllegalStateException(what + ": stuck at " + sample.rows() + " of " + target + " rows for "
                        + STALL_TIMEOUT);
            }
        }
        JdbcCpu.Snapshot endCpu = cpu.snapshot(measuredPid);
        if (sample.rows() != target) {
            throw new IllegalStateException(what + ": " + sample.rows() + " rows arrived, " + target + " expected");
        }
        return new JdbcRun(what, sample.rows() - first.rows(), (sample.atNanos() - first.atNanos()) / 1e9,
                (first.atNanos() - startedNanos) / 1e9, JdbcCpu.between(startCpu, endCpu),
                peakRssKib(measuredPid));
    }

    private static long peakRssKib(long pid) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc", Long.toString(pid),
                    "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
        } catch (java.io.IOException e) {
            // exited: no figure
        }
        return -1;
    }

    /**
     * A sink's table, sampled as the class comment says; the table may not exist yet (the connector creates it with
     * its first batch). Holds its own connection; close it after the transfer.
     */
    static final class TableProgress implements Progress, AutoCloseable {
        private final Connection connection;
        private final PreparedStatement size;
        private final String table;
        private long lastSize = -1;
        private int stableSamples;
        private long rows;

        TableProgress(Connection connection, String table) throws SQLException {
            this.connection = connection;
            this.table = table;
            this.size = connection.prepareStatement("SELECT coalesce(pg_relation_size(to_regclass(?)), 0)");
            size.setString(1, table);
        }

        @Override
        public Sample sample() throws SQLException {
            long at = System.nanoTime();
            long bytes;
            try (ResultSet result = size.executeQuery()) {
                result.next();
                bytes = result.getLong(1);
            }
            stableSamples = bytes > 0 && bytes == lastSize ? stableSamples + 1 : 0;
            lastSize = bytes;
            if (stableSamples >= 2) {
                at = System.nanoTime();
                try (Statement count = connection.createStatement();
                     ResultSet result = count.executeQuery("SELECT count(*) FROM " + table)) {
                    result.next();
                    rows = result.getLong(1);
                }
            }
            return new Sample(rows, bytes, at);
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}

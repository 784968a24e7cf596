package dev.ferry.jdbc.source;

import dev.ferry.jdbc.connection.ConnectionProvider;
import dev.ferry.jdbc.dialect.TableId;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Watches the database for tables that appear or go away: every {@code table.poll.interval.ms} it lists the tables
 * again on its own thread and, when the selection changed, asks the runtime to reassign them
 * ({@link ConnectorContext#requestTaskReconfiguration()}); the runtime then calls {@code taskConfigs} again.
 *
 * <p>Threads: {@link #start} lists once on the caller's thread (the connector's start, so a database that cannot be
 * reached fails the connector there), then the monitor thread owns the connection. {@link #tables()} may be called
 * from any thread. A listing that fails is logged and tried again next interval; the last good one stays.
 */
final class TableMonitor {

    private static final Logger log = LoggerFactory.getLogger(TableMonitor.class);

    private final TableLister lister;
    private final ConnectionProvider connections;
    private final ConnectorContext context;
    private final long intervalMs;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile List<TableId> tables;
    private Thread thread;

    TableMonitor(TableLister lister, ConnectionProvider connections, ConnectorContext context, long intervalMs) {
        this.lister = lister;
        this.connections = connections;
        this.context = context;
        this.intervalMs = intervalMs;
    }

    void start(String connectorName) throws SQLException {
        tables = lister.selected(connections.connection());
        log.info("JDBC source {} reads {} table(s): {}", connectorName, tables.size(), tables);
        thread = new Thread(this::run, "jdbc-source-table-monitor-" + connectorName);
        thread.setDaemon(true);
        thread.start();
    }

    List<TableId> tables() {
        return tables;
    }

    TableLister lister() {
        return lister;
    }

    private void run() {
        try {
            while (!stopped.await(intervalMs, TimeUnit.MILLISECONDS)) {
                checkOnce();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.close();
        }
    }

    /** Lists the tables once; true (and a reconfiguration requested) when the selection changed. */
    boolean checkOnce() {
        List<TableId> now;
        try {
            now = lister.selected(connections.connection());
        } catch (SQLException | RuntimeException e) {
            log.warn("Listing the database's tables failed; keeping the last listing and trying again in {} ms: {}",
                    intervalMs, connections.settings().scrub(String.valueOf(e.getMessage())));
            return false;
        }
        if (now.equals(tables)) {
            return false;
        }
        log.info("The tables to read changed from {} to {}; reassigning them to the tasks", tables, now);
        tables = now;
        context.requestTaskReconfiguration();
        return true;
    }

    void stop() {
        stopped.countDown();
        if (thread != null) {
            try {
                thread.join(10_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            connections.close();
        }
    }
}

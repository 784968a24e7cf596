package dev.ferry.jdbc.sink;

import dev.ferry.jdbc.connection.ConnectionProvider;
import dev.ferry.jdbc.sink.types.ColumnWriters;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records into database tables ({@link SinkWriter}), one transaction per {@link #put}. Because a put
 * returns only after its transaction committed, the offsets the runtime commits afterwards cover committed rows
 * only; records redelivered after a crash are written again, which {@code insert.mode=upsert} makes harmless.
 *
 * <p>A put that fails for a passing reason (lost connection, deadlock) asks the runtime to redeliver the same
 * records after {@code retry.backoff.ms}, at most {@code max.retries} times in a row; then the task fails. Records
 * the database refuses go to the errant record reporter, or fail the task naming them. All methods run on the
 * task's thread.
 */
public class JdbcSinkTask extends SinkTask {
    private static final Logger log = LoggerFactory.getLogger(JdbcSinkTask.class);

    private JdbcSinkConfig config;
    private ConnectionProvider connections;
    private SinkWriter writer;
    private int retriesLeft;

    @Override
    public String version() {
        return JdbcSinkConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new JdbcSinkConfig(props);
        connections = new ConnectionProvider(config.connection, config.dialect);
        ErrantRecordReporter reporter = reporter();
        writer = new SinkWriter(config, ColumnWriters.of(config.dialect, config.zones), new Rejections(reporter));
        retriesLeft = config.maxRetries;
        log.info("JDBC sink task started: {} with {}, insert.mode={}, pk.mode={}, errant records {}",
                config.connection.safeUrl(), config.dialect.name(), config.insertMode, config.pkMode,
                reporter == null ? "fail the task" : "go to the errant record reporter");
    }

    private ErrantRecordReporter reporter() {
        try {
            return context == null ? null : context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError oldRuntime) {
            return null; // a Connect runtime older than 2.6
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        Connection connection;
        try {
            connection = connections.connection();
        } catch (ConnectException unreachable) {
            // connection.attempts ran out; a database that refuses connections for now (restarting, failing over)
            // is passing trouble like a lost connection, a refused sign-in is not (its SQLState is not transient)
            if (!SqlErrors.isTransient(unreachable)) {
                throw unreachable;
            }
            throw retryOrFail(records, unreachable.getMessage(), unreachable, true);
        }
        try {
            writer.write(connection, records);
            retriesLeft = config.maxRetries;
        } catch (SQLException e) {
            connections.close(); // the next attempt starts on a fresh connection
            throw retryOrFail(records, config.connection.scrub(SqlErrors.describe(e)),
                    config.connection.scrub(e), SqlErrors.isRetriable(e));
        }
    }

    /** A RetriableException after asking for the back-off while retries are left, else the task's failure. */
    private ConnectException retryOrFail(Collection<SinkRecord> records, String reason, Throwable cause,
                                         boolean passing) {
        if (passing && retriesLeft > 0) {
            retriesLeft--;
            log.warn("Writing {} records to {} failed ({}); retrying in {} ms, {} retries left", records.size(),
                    config.connection.safeUrl(), reason, config.retryBackoffMs, retriesLeft);
            context.timeout(config.retryBackoffMs);
            return new RetriableException("Writing " + records.size() + " records failed: " + reason, cause);
        }
        return new ConnectException("Writing " + records.size() + " records to " + config.connection.safeUrl()
                + " failed" + (passing ? " " + (config.maxRetries + 1) + " times in a row (max.retries="
                + config.maxRetries + ")" : "") + ": " + reason, cause);
    }

    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        // every put committed its transaction before returning: nothing is buffered
    }

    @Override
    public void stop() {
        if (connections != null) {
            connections.close();
        }
    }
}

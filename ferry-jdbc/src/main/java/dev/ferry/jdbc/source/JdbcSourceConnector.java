package dev.ferry.jdbc.source;

import dev.ferry.jdbc.PluginVersion;
import dev.ferry.jdbc.connection.ConnectionConfig;
import dev.ferry.jdbc.connection.ConnectionProvider;
import dev.ferry.jdbc.connection.Credentials;
import dev.ferry.jdbc.dialect.Dialect;
import dev.ferry.jdbc.dialect.TableId;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JDBC source connector, configured as Confluent's {@code io.confluent.connect.jdbc.JdbcSourceConnector}: it
 * reads whole tables or a custom query from PostgreSQL, MySQL, MariaDB or any database with a JDBC driver, in the
 * modes bulk, incrementing, timestamp and timestamp+incrementing, and writes one record per row to
 * {@code topic.prefix + table}. Offsets have Confluent's shapes ({@link SourcePartitions}, {@link IncrementalOffset}),
 * so a connector moved from Confluent's keeps its position.
 *
 * <p>The connector lists the tables when it starts and every {@code table.poll.interval.ms} after
 * ({@link TableMonitor}); it splits them over at most {@code tasks.max} tasks, never more tasks than tables, and one
 * task for a custom query. Subclasses pin the dialect ({@link PostgreSqlSourceConnector}, ...).
 */
public class JdbcSourceConnector extends SourceConnector {

    static final String VERSION = PluginVersion.VERSION;
    private static final Logger log = LoggerFactory.getLogger(JdbcSourceConnector.class);

    private Map<String, String> props;
    private JdbcSourceConfig config;
    private Dialect dialect;
    private TableMonitor monitor;

    @Override
    public String version() {
        return VERSION;
    }

    /** The dialect this connector class always uses, or null to choose from the config. */
    protected String pinnedDialect() {
        return null;
    }

    private Map<String, String> withPinnedDialect(Map<String, String> given) {
        String pinned = pinnedDialect();
        if (pinned == null) {
            return given;
        }
        Map<String, String> props = new HashMap<>(given);
        props.put(ConnectionConfig.DIALECT_NAME_CONFIG, pinned);
        return props;
    }

    @Override
    public void start(Map<String, String> given) {
        props = withPinnedDialect(given);
        config = new JdbcSourceConfig(props);
        Map<String, List<String>> problems = SourceConfigChecks.problems(config);
        if (!problems.isEmpty()) {
            var first = problems.entrySet().iterator().next();
            throw new ConfigException(first.getKey(), props.get(first.getKey()), first.getValue().get(0));
        }
        dialect = config.dialect();
        if (config.query().isPresent()) {
            return;
        }
        ConnectionProvider connections = new ConnectionProvider(config.connectionSettings(), dialect);
        TableLister lister = TableLister.of(config, dialect);
        monitor = new TableMonitor(lister, connections, context, config.tablePollIntervalMs());
        String name = props.getOrDefault("name", "jdbc-source");
        try {
            monitor.start(name);
        } catch (SQLException e) {
            connections.close();
            monitor = null;
            SQLException clean = Credentials.scrub(e, config.connectionSettings().password());
            throw new ConnectException("Listing the tables of " + config.connectionSettings().safeUrl()
                    + " failed: " + clean.getMessage(), clean);
        } catch (RuntimeException e) {
            connections.close();
            monitor = null;
            throw e;
        }
        try {
            warnAboutMissingTables(lister, monitor.tables());
            refuseSharedTopics(monitor.tables());
        } catch (RuntimeException e) {
            monitor.stop();
            monitor = null;
            throw e;
        }
    }

    private static void warnAboutMissingTables(TableLister lister, List<TableId> tables) {
        List<String> missing = lister.filter().unmatchedWhitelist(tables);
        if (!missing.isEmpty()) {
            log.warn("table.whitelist names {} but the database has no such table (among {}); they are read once "
                    + "they exist", missing, lister.describe());
        }
    }

    /** Two tables of one name would write to one topic with different schemas: refused, as Confluent does. */
    private static void refuseSharedTopics(List<TableId> tables) {
        Map<String, List<String>> byTopic = new HashMap<>();
        for (TableId table : tables) {
            byTopic.computeIfAbsent(table.table(), t -> new ArrayList<>()).add(table.qualifiedName());
        }
        List<List<String>> clashes = byTopic.values().stream().filter(l -> l.size() > 1).toList();
        if (!clashes.isEmpty()) {
            throw new ConnectException("Tables with the same name in different schemas or databases would write to "
                    + "the same topic (topic.prefix + table name): " + clashes + ". Narrow the tables with "
                    + "schema.pattern, catalog.pattern or the table lists so each name is read once, or run one "
                    + "connector per schema with its own topic.prefix.");
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JdbcSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        if (config.query().isPresent()) {
            Map<String, String> task = new HashMap<>(props);
            task.put(JdbcSourceConfig.TABLES_CONFIG, "");
            return List.of(task);
        }
        List<TableId> tables = monitor.tables();
        refuseSharedTopics(tables);
        List<List<TableId>> groups = TaskTables.split(tables, maxTasks);
        if (groups.isEmpty()) {
            // one task that fails saying which tables are missing, as Confluent's does; a table created later is
            // picked up by the monitor and reassigned
            Map<String, String> task = new HashMap<>(props);
            task.put(JdbcSourceConfig.TABLES_CONFIG, "");
            task.put(JdbcSourceConfig.TABLES_FETCHED_CONFIG, "true");
            return List.of(task);
        }
        List<Map<String, String>> configs = new ArrayList<>(groups.size());
        for (List<TableId> group : groups) {
            Map<String, String> task = new HashMap<>(props);
            task.put(JdbcSourceConfig.TABLES_CONFIG, TaskTables.encode(dialect, group));
            task.put(JdbcSourceConfig.TABLES_FETCHED_CONFIG, "true");
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        if (monitor != null) {
            monitor.stop();
            monitor = null;
        }
    }

    @Override
    public ConfigDef config() {
        return JdbcSourceConfig.CONNECTOR_DEFINITION;
    }

    /** Each key's own checks, then the rules across keys ({@link SourceConfigChecks}) on the keys they concern. */
    @Override
    public Config validate(Map<String, String> given) {
        Map<String, String> props = withPinnedDialect(given);
        Config result = super.validate(props);
        boolean keyErrors = result.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty());
        if (keyErrors) {
            return result;
        }
        Map<String, List<String>> problems = SourceConfigChecks.problems(new JdbcSourceConfig(props));
        for (ConfigValue value : result.configValues()) {
            problems.getOrDefault(value.name(), List.of()).forEach(value::addErrorMessage);
        }
        return result;
    }
}

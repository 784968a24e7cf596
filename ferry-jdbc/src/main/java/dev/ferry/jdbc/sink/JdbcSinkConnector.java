package dev.ferry.jdbc.sink;

import dev.ferry.jdbc.PluginVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Writes Kafka records into tables of a JDBC database (PostgreSQL, MySQL, MariaDB, or any database with ANSI SQL),
 * configured like Confluent's {@code io.confluent.connect.jdbc.JdbcSinkConnector}: the same keys, defaults and
 * meanings, so existing connector JSON runs unchanged. Every task gets the same configuration; Kafka spreads the
 * topics' partitions over them. The work is done by {@link JdbcSinkTask}.
 */
public class JdbcSinkConnector extends SinkConnector {
    static final String VERSION = PluginVersion.VERSION;

    private Map<String, String> props;

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = pinned(props);
        new JdbcSinkConfig(this.props); // refuse a config that cannot work now, not in every task
    }

    /** The config with what a subclass pins ({@code dialect.name}) put over the user's. */
    Map<String, String> pinned(Map<String, String> props) {
        return props;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JdbcSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            configs.add(new HashMap<>(props));
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return JdbcSinkConfig.configDef();
    }

    /** Each key's own checks, then the combinations that cannot work, reported on the keys involved. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(pinned(connectorConfigs));
        Map<String, ConfigValue> values = new HashMap<>();
        for (ConfigValue value : config.configValues()) {
            values.put(value.name(), value);
        }
        ConfigValue insertMode = values.get(WritesConfig.INSERT_MODE_CONFIG);
        ConfigValue pkMode = values.get(DataMappingConfig.PK_MODE_CONFIG);
        ConfigValue pkFields = values.get(DataMappingConfig.PK_FIELDS_CONFIG);
        ConfigValue deleteEnabled = values.get(WritesConfig.DELETE_ENABLED_CONFIG);
        if (insertMode.errorMessages().isEmpty() && pkMode.errorMessages().isEmpty()
                && pkFields.errorMessages().isEmpty() && deleteEnabled.errorMessages().isEmpty()) {
            @SuppressWarnings("unchecked")
            List<String> fields = (List<String>) pkFields.value();
            String conflict = JdbcSinkConfig.conflict(InsertMode.parse((String) insertMode.value()),
                    PkMode.parse((String) pkMode.value()), fields.stream().map(String::strip)
                            .filter(f -> !f.isEmpty()).toList(), (Boolean) deleteEnabled.value());
            if (conflict != null) {
                for (ConfigValue involved : List.of(pkMode, conflict.startsWith("delete") ? deleteEnabled
                        : conflict.startsWith("insert") ? insertMode : pkFields)) {
                    involved.addErrorMessage(conflict);
                }
            }
        }
        return config;
    }
}

package dev.ferry.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.sink.SinkConnector;
import org.junit.jupiter.api.Test;

/** The sink's configuration surface, which must match Confluent's so its connector JSON runs unchanged. */
class JdbcSinkConnectorTest {

    private static Map<String, String> minimal(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("connection.url", "jdbc:postgresql://db:5432/shop");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    @Test
    void configListsEveryKeyWithConfluentsTypesAndDefaults() {
        Map<String, ConfigDef.ConfigKey> keys = new JdbcSinkConnector().config().configKeys();
        Map<String, Object> defaults = new HashMap<>();
        keys.forEach((name, key) -> defaults.put(name, key.defaultValue));

        assertThat(defaults).containsEntry("insert.mode", "insert").containsEntry("pk.mode", "none")
                .containsEntry("pk.fields", List.of()).containsEntry("fields.whitelist", List.of())
                .containsEntry("batch.size", 3000).containsEntry("delete.enabled", false)
                .containsEntry("auto.create", false).containsEntry("auto.evolve", false)
                .containsEntry("table.name.format", "${topic}").containsEntry("max.retries", 10)
                .containsEntry("retry.backoff.ms", 3000).containsEntry("table.types", List.of("TABLE"))
                .containsEntry("db.timezone", "UTC").containsEntry("date.timezone", "DB_TIMEZONE")
                .containsEntry("quote.sql.identifiers", "always").containsEntry("dialect.name", "")
                .containsEntry("replace.null.with.default", true).containsEntry("connection.attempts", 3)
                .containsEntry("connection.backoff.ms", 10_000L);
        assertThat(keys.get("connection.password").type).isEqualTo(ConfigDef.Type.PASSWORD);
        assertThat(keys.get("pk.fields").type).isEqualTo(ConfigDef.Type.LIST);
        assertThat(keys.get("batch.size").type).isEqualTo(ConfigDef.Type.INT);
    }

    @Test
    void modesAreAcceptedInEitherCaseAndUnknownOnesRefused() {
        JdbcSinkConfig config = new JdbcSinkConfig(minimal("insert.mode", "UPSERT", "pk.mode", "Record_Key"));
        assertThat(config.insertMode).isEqualTo(InsertMode.UPSERT);
        assertThat(config.pkMode).isEqualTo(PkMode.RECORD_KEY);
        assertThatThrownBy(() -> new JdbcSinkConfig(minimal("insert.mode", "merge")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("insert.mode");
    }

    @Test
    void combinationsThatCannotWorkAreRefusedWithTheFix() {
        assertThatThrownBy(() -> new JdbcSinkConfig(minimal("delete.enabled", "true", "pk.mode", "record_value")))
                .hasMessageContaining("delete.enabled=true needs pk.mode=record_key");
        assertThatThrownBy(() -> new JdbcSinkConfig(minimal("insert.mode", "upsert")))
                .hasMessageContaining("pk.mode is none");
        assertThatThrownBy(() -> new JdbcSinkConfig(minimal("pk.mode", "kafka", "pk.fields", "t,p")))
                .hasMessageContaining("pk.mode=kafka takes three pk.fields");
    }

    @Test
    void validateReportsAConflictOnTheKeysInvolved() {
        Map<String, ConfigValue> values = new HashMap<>();
        new JdbcSinkConnector().validate(minimal("delete.enabled", "true")).configValues()
                .forEach(v -> values.put(v.name(), v));

        assertThat(values.get("delete.enabled").errorMessages()).singleElement().asString()
                .contains("pk.mode=record_key");
        assertThat(values.get("pk.mode").errorMessages()).hasSize(1);
        assertThat(values.get("insert.mode").errorMessages()).isEmpty();
    }

    @Test
    void databaseNamedConnectorsPinTheDialectForEveryTask() {
        JdbcSinkConnector connector = new MariaDbSinkConnector();
        connector.start(minimal("dialect.name", "GenericDatabaseDialect", "connection.url",
                "jdbc:mariadb://db:3306/shop"));

        List<Map<String, String>> tasks = connector.taskConfigs(2);

        assertThat(tasks).hasSize(2).allSatisfy(t -> assertThat(t).containsEntry("dialect.name",
                "MySqlDatabaseDialect"));
        assertThat(new PostgreSqlSinkConnector().taskClass()).isEqualTo(JdbcSinkTask.class);
    }

    @Test
    void theFourSinkConnectorsAreFoundByServiceLoader() {
        List<String> found = ServiceLoader.load(SinkConnector.class).stream().map(p -> p.type().getName())
                .filter(n -> n.startsWith("dev.ferry.jdbc.sink.")).toList();

        assertThat(found).containsExactlyInAnyOrder("dev.ferry.jdbc.sink.JdbcSinkConnector",
                "dev.ferry.jdbc.sink.PostgreSqlSinkConnector", "dev.ferry.jdbc.sink.MySqlSinkConnector",
                "dev.ferry.jdbc.sink.MariaDbSinkConnector");
    }
}

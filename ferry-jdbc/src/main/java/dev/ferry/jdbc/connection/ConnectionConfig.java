package dev.ferry.jdbc.connection;

import dev.ferry.jdbc.dialect.Dialect;
import dev.ferry.jdbc.dialect.Dialects;
import dev.ferry.jdbc.dialect.QuoteMode;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;

/**
 * The configuration both JDBC connectors share, with Confluent's names and defaults: where the database is and how
 * to sign in ({@code connection.*}), which dialect speaks to it, whether identifiers are quoted, and the zone
 * date-times without a zone are read and written in ({@code db.timezone}). Each connector's own definition adds
 * this fragment to its {@link ConfigDef}.
 */
public final class ConnectionConfig {

    public static final String GROUP = "Database";

    public static final String CONNECTION_URL_CONFIG = "connection.url";
    private static final String CONNECTION_URL_DOC = "The JDBC URL of the database, e.g. "
            + "jdbc:postgresql://db:5432/shop or jdbc:mariadb://db:3306/shop. The dialect is chosen from it "
            + "unless dialect.name is set.";
    public static final String CONNECTION_USER_CONFIG = "connection.user";
    private static final String CONNECTION_USER_DOC = "The database user to sign in as.";
    public static final String CONNECTION_PASSWORD_CONFIG = "connection.password";
    private static final String CONNECTION_PASSWORD_DOC = "The user's password. Write a reference such as "
            + "${env:DB_PASSWORD} or ${file:/secrets/db.properties:password} to keep it out of the connector's "
            + "stored config; the value never appears in logs, status traces or REST answers.";
    public static final String CONNECTION_ATTEMPTS_CONFIG = "connection.attempts";
    private static final String CONNECTION_ATTEMPTS_DOC = "How many times to try to connect before the task fails.";
    public static final int CONNECTION_ATTEMPTS_DEFAULT = 3;
    public static final String CONNECTION_BACKOFF_CONFIG = "connection.backoff.ms";
    private static final String CONNECTION_BACKOFF_DOC = "Milliseconds to wait between connection attempts.";
    public static final long CONNECTION_BACKOFF_DEFAULT = 10_000L;
    public static final String DIALECT_NAME_CONFIG = "dialect.name";
    private static final String DIALECT_NAME_DOC = "The database dialect, when the URL does not tell: "
            + "PostgreSqlDatabaseDialect, MySqlDatabaseDialect (MySQL and MariaDB) or GenericDatabaseDialect (ANSI "
            + "SQL). Empty: chosen from connection.url.";
    public static final String QUOTE_SQL_IDENTIFIERS_CONFIG = "quote.sql.identifiers";
    private static final String QUOTE_SQL_IDENTIFIERS_DOC = "Whether table and column names in the SQL the "
            + "connector writes are quoted: 'always' keeps their case and allows spaces and quotes in them; 'never' "
            + "leaves them to the database's case folding.";
    public static final String QUOTE_SQL_IDENTIFIERS_DEFAULT = "always";
    public static final String DB_TIMEZONE_CONFIG = "db.timezone";
    private static final String DB_TIMEZONE_DOC = "The time zone of date-time columns that hold no zone "
            + "(PostgreSQL timestamp, MySQL datetime): their values are read and written as local times in this zone. "
            + "A Java zone id, e.g. UTC or Europe/Berlin.";
    public static final String DB_TIMEZONE_DEFAULT = "UTC";

    private ConnectionConfig() {
    }

    /** Adds the shared keys to {@code def}, in group {@value #GROUP} from position {@code order} on. */
    public static ConfigDef addTo(ConfigDef def) {
        int order = 0;
        return def
                .define(CONNECTION_URL_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new NonBlank(),
                        Importance.HIGH, CONNECTION_URL_DOC, GROUP, ++order, Width.LONG, "JDBC URL")
                .define(CONNECTION_USER_CONFIG, Type.STRING, null, Importance.HIGH, CONNECTION_USER_DOC, GROUP,
                        ++order, Width.LONG, "JDBC User")
                .define(CONNECTION_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.HIGH, CONNECTION_PASSWORD_DOC,
                        GROUP, ++order, Width.SHORT, "JDBC Password")
                .define(CONNECTION_ATTEMPTS_CONFIG, Type.INT, CONNECTION_ATTEMPTS_DEFAULT, ConfigDef.Range.atLeast(1),
                        Importance.LOW, CONNECTION_ATTEMPTS_DOC, GROUP, ++order, Width.SHORT,
                        "JDBC connection attempts")
                .define(CONNECTION_BACKOFF_CONFIG, Type.LONG, CONNECTION_BACKOFF_DEFAULT, ConfigDef.Range.atLeast(0),
                        Importance.LOW, CONNECTION_BACKOFF_DOC, GROUP, ++order, Width.SHORT,
                        "JDBC connection backoff in milliseconds")
                .define(DIALECT_NAME_CONFIG, Type.STRING, "", new DialectName(), Importance.LOW, DIALECT_NAME_DOC,
                        GROUP, ++order, Width.LONG, "Database Dialect")
                .define(QUOTE_SQL_IDENTIFIERS_CONFIG, Type.STRING, QUOTE_SQL_IDENTIFIERS_DEFAULT,
                        ConfigDef.CaseInsensitiveValidString.in("always", "never"), Importance.MEDIUM,
                        QUOTE_SQL_IDENTIFIERS_DOC, GROUP, ++order, Width.MEDIUM, "Quote Identifiers")
                .define(DB_TIMEZONE_CONFIG, Type.STRING, DB_TIMEZONE_DEFAULT, new ZoneName(), Importance.MEDIUM,
                        DB_TIMEZONE_DOC, GROUP, ++order, Width.MEDIUM, "DB time zone");
    }

    /** Where and how to connect, read from a parsed config that has this fragment. */
    public static ConnectionSettings settings(AbstractConfig config) {
        Password password = config.getPassword(CONNECTION_PASSWORD_CONFIG);
        return new ConnectionSettings(config.getString(CONNECTION_URL_CONFIG).strip(),
                config.getString(CONNECTION_USER_CONFIG), password == null ? null : password.value(),
                config.getInt(CONNECTION_ATTEMPTS_CONFIG), config.getLong(CONNECTION_BACKOFF_CONFIG));
    }

    public static Dialect dialect(AbstractConfig config) {
        return Dialects.choose(config.getString(DIALECT_NAME_CONFIG), config.getString(CONNECTION_URL_CONFIG));
    }

    public static QuoteMode quoteMode(AbstractConfig config) {
        return QuoteMode.parse(config.getString(QUOTE_SQL_IDENTIFIERS_CONFIG));
    }

    public static TimeZone timeZone(AbstractConfig config) {
        return TimeZone.getTimeZone(ZoneId.of(config.getString(DB_TIMEZONE_CONFIG)));
    }

    private static final class NonBlank implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || value.toString().isBlank()) {
                throw new ConfigException(name, value, "set it to the database's JDBC URL, e.g. "
                        + "jdbc:postgresql://host:5432/db");
            }
        }

        @Override
        public String toString() {
            return "non-empty JDBC URL";
        }
    }

    private static final class DialectName implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String given = value == null ? "" : value.toString();
            if (given.isBlank()) {
                return;
            }
            try {
                Dialects.named(given);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            List<String> names = new ArrayList<>(Dialects.names());
            names.add(0, "\"\"");
            return String.join(", ", names);
        }
    }

    private static final class ZoneName implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                ZoneId.of(String.valueOf(value));
            } catch (RuntimeException e) {
                throw new ConfigException(name, value, "not a time zone id; use one such as UTC, "
                        + "Europe/Berlin or America/New_York (" + e.getMessage() + ")");
            }
        }

        @Override
        public String toString() {
            return "Any valid JDK time zone";
        }
    }
}

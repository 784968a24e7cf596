package dev.ferry.jdbc.connection;

import dev.ferry.jdbc.dialect.Dialects;
import org.apache.kafka.connect.errors.ConnectException;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds the JDBC driver for a URL among the drivers in the plugin's own directory (the ones Ferry ships and any jar
 * a user dropped next to them), then the ones the worker's class path registered with {@link DriverManager}.
 *
 * <p>Drivers are found through {@link ServiceLoader} on this plugin's class loader rather than through
 * {@code DriverManager}, which registers drivers once per JVM from whichever context loader first touched it and
 * then hands a connection only to callers whose loader sees the driver class: with plugins isolated from one
 * another that loses drivers depending on which plugin started first.
 */
final class Drivers {

    /** Where to get a driver Ferry does not ship, by JDBC sub-protocol. */
    private static final Map<String, String> KNOWN_JARS = Map.ofEntries(
            Map.entry("mysql", "MySQL Connector/J (Maven: com.mysql:mysql-connector-j)"),
            Map.entry("sqlserver", "Microsoft's driver (Maven: com.microsoft.sqlserver:mssql-jdbc)"),
            Map.entry("oracle", "Oracle's driver (Maven: com.oracle.database.jdbc:ojdbc11)"),
            Map.entry("db2", "IBM's driver (Maven: com.ibm.db2:jcc)"),
            Map.entry("sqlite", "SQLite's driver (Maven: org.xerial:sqlite-jdbc)"),
            Map.entry("h2", "H2 (Maven: com.h2database:h2)"),
            Map.entry("derby", "Derby (Maven: org.apache.derby:derbyclient)"),
            Map.entry("hsqldb", "HSQLDB (Maven: org.hsqldb:hsqldb)"),
            Map.entry("sap", "SAP HANA's driver (Maven: com.sap.cloud.db.jdbc:ngdbc)"),
            Map.entry("snowflake", "Snowflake's driver (Maven: net.snowflake:snowflake-jdbc)"),
            Map.entry("redshift", "Amazon Redshift's driver (Maven: com.amazon.redshift:redshift-jdbc42)"),
            Map.entry("clickhouse", "ClickHouse's driver (Maven: com.clickhouse:clickhouse-jdbc)"),
            Map.entry("vertica", "Vertica's driver (Maven: com.vertica.jdbc:vertica-jdbc)"));

    private static volatile List<Driver> pluginDrivers;

    private Drivers() {
    }

    /** The driver that accepts {@code url}, or a {@link ConnectException} that says which jar to add and where. */
    static Driver forUrl(String url) {
        Optional<Driver> driver = find(url);
        return driver.orElseThrow(() -> new ConnectException(missingDriverMessage(url)));
    }

    static Optional<Driver> find(String url) {
        for (Driver driver : pluginDrivers()) {
            try {
                if (driver.acceptsURL(url)) {
                    return Optional.of(driver);
                }
            } catch (SQLException ignored) {
                // a driver that cannot tell does not take the URL
            }
        }
        try {
            return Optional.of(DriverManager.getDriver(url));
        } catch (SQLException none) {
            return Optional.empty();
        }
    }

    /**
     * {@code jdbc:mysql:} URLs reach MySQL and MariaDB servers through the bundled MariaDB driver when MySQL
     * Connector/J is not installed (the MariaDB driver speaks to both, but takes only its own scheme).
     */
    static String effectiveUrl(String url) {
        if ("mysql".equals(Dialects.subprotocol(url)) && find(url).isEmpty()) {
            String mariadb = "jdbc:mariadb:" + url.substring("jdbc:mysql:".length());
            if (find(mariadb).isPresent()) {
                return mariadb;
            }
        }
        return url;
    }

    private static List<Driver> pluginDrivers() {
        List<Driver> drivers = pluginDrivers;
        if (drivers == null) {
            List<Driver> found = new ArrayList<>();
            ServiceLoader.load(Driver.class, Drivers.class.getClassLoader()).stream().forEach(provider -> {
                try {
                    found.add(provider.get());
                } catch (java.util.ServiceConfigurationError | LinkageError broken) {
                    // a driver jar that cannot load (missing dependency) is skipped; the URL's message tells
                }
            });
            pluginDrivers = drivers = List.copyOf(found);
        }
        return drivers;
    }

    static String missingDriverMessage(String url) {
        String subprotocol = Dialects.subprotocol(url);
        String safe = Credentials.withoutCredentials(url);
        if (subprotocol.isEmpty()) {
            return "connection.url '" + safe + "' is not a JDBC URL; it should look like "
                    + "jdbc:postgresql://host:5432/database or jdbc:mariadb://host:3306/database";
        }
        String jar = KNOWN_JARS.getOrDefault(subprotocol, "the database vendor's JDBC driver jar");
        return "No JDBC driver accepts connection.url '" + safe + "'. Ferry's JDBC plugin ships the PostgreSQL "
                + "(jdbc:postgresql:) and MariaDB (jdbc:mariadb:, also used for jdbc:mysql:) drivers. For jdbc:"
                + subprotocol + ": put " + jar + " into " + pluginDirectory() + " (next to the ferry-jdbc jar) on "
                + "every worker and restart the workers.";
    }

    /** The directory this plugin's jar is in, where extra driver jars go. */
    static String pluginDirectory() {
        try {
            Path jar = Path.of(Drivers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return (jar.toString().endsWith(".jar") ? jar.getParent() : jar).toString();
        } catch (URISyntaxException | RuntimeException e) {
            return "the ferry-jdbc plugin directory (plugins/ferry-jdbc of the Ferry installation)";
        }
    }
}

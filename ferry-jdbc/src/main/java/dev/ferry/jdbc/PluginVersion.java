package dev.ferry.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The JDBC plugin's version, which both connectors and their tasks report: as Maven recorded it in the jar
 * ({@code pom.properties}), "unknown" outside a jar.
 */
public final class PluginVersion {

    public static final String VERSION = read();

    private PluginVersion() {
    }

    private static String read() {
        try (InputStream in = PluginVersion.class.getResourceAsStream(
                "/META-INF/maven/dev.ferry/ferry-jdbc/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}

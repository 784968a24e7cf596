package dev.ferry.jdbc.sink;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The plugin's version as Maven recorded it in the jar ({@code pom.properties}); "unknown" outside a jar. */
final class SinkVersion {

    static final String VERSION = read();

    private SinkVersion() {
    }

    private static String read() {
        try (InputStream in = SinkVersion.class.getResourceAsStream(
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

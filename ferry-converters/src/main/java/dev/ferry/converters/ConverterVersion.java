package dev.ferry.converters;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The converters' version as Maven recorded it in the jar ({@code pom.properties}); "unknown" outside a jar. */
final class ConverterVersion {

    static final String VERSION = read();

    private ConverterVersion() {
    }

    private static String read() {
        try (InputStream in = ConverterVersion.class.getResourceAsStream(
                "/META-INF/maven/dev.ferry/ferry-converters/pom.properties")) {
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

package dev.ferry.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * What {@code ferry --version} prints: Ferry's version (from {@code ferry-version.properties}, which
 * the build fills in; the jar manifest carries none) and the Kafka version whose Connect API it implements.
 */
final class FerryVersion {
    private FerryVersion() {
    }

    static void print(PrintStream out) {
        out.println("ferry " + version());
        out.println("Kafka Connect API " + AppInfoParser.getVersion() + " (Apache Kafka commit "
                + AppInfoParser.getCommitId() + ")");
    }

    /** Ferry's version, such as {@code 0.1.0-SNAPSHOT}. */
    static String version() {
        try (InputStream in = FerryVersion.class.getResourceAsStream("ferry-version.properties")) {
            Properties props = new Properties();
            if (in != null) {
                props.load(in);
            }
            String version = props.getProperty("version", "");
            // An IDE that copies resources without Maven's filtering leaves the placeholder in place.
            return version.isBlank() || version.startsWith("${") ? "(version unknown: built without Maven)" : version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

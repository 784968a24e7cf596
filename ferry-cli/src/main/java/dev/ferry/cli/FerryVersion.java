package dev.ferry.cli;

import java.io.PrintStream;
import org.apache.kafka.common.utils.AppInfoParser;

/** What {@code ferry --version} prints: Ferry's version and the Kafka Connect API it implements. */
final class FerryVersion {
    private FerryVersion() {
    }

    static void print(PrintStream out) {
        String ferry = Main.class.getPackage().getImplementationVersion();
        out.println("ferry " + (ferry == null ? "development build" : ferry));
        out.println("Kafka Connect API " + AppInfoParser.getVersion());
    }
}

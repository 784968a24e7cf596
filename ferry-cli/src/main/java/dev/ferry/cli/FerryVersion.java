package dev.ferry.cli;

import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine;

/** What {@code ferry --version} prints: Ferry's version and the Kafka Connect API it implements. */
final class FerryVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String ferry = Main.class.getPackage().getImplementationVersion();
        return new String[] {"ferry " + (ferry == null ? "development build" : ferry),
                "Kafka Connect API " + AppInfoParser.getVersion()};
    }
}

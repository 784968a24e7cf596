package dev.ferry.testkit;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * Formats a fresh log directory for a single-node KRaft cluster, as {@code kafka-storage.sh format}
 * does: it writes {@code meta.properties} (cluster and node id) and the bootstrap metadata (the
 * production feature levels of this Kafka release). The quorum is static (kraft.version 0), so no
 * initial voter snapshot is needed.
 */
final class StorageFormatter {

    private StorageFormatter() {
    }

    static void format(Path logDir, int nodeId, String clusterId) {
        try {
            new Formatter()
                    // The formatter narrates on System.out; tests should not see that.
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setControllerListenerName(ServerProperties.CONTROLLER_LISTENER)
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka log directory " + logDir
                    + " for node " + nodeId + " of cluster " + clusterId + ": " + e.getMessage(), e);
        }
    }
}

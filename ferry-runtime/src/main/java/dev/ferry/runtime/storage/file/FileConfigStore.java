package dev.ferry.runtime.storage.file;

import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.storage.ClusterConfigState;
import dev.ferry.runtime.storage.ConfigUpdateListener;
import dev.ferry.runtime.storage.ConnectorConfigFile;
import dev.ferry.runtime.storage.ConnectorConfigFile.StoredConnector;
import dev.ferry.runtime.storage.MemoryConfigStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The config store of a standalone worker: a {@link MemoryConfigStore} whose connectors (config,
 * target state, task configs) are also kept in a {@link ConnectorConfigFile} beside the offsets
 * file, so connectors created or changed over REST survive a restart. The file is read at
 * {@link #start} and rewritten, atomically and in the format standalone workers have always
 * written, before each change to a connector takes effect; a change that cannot be written fails
 * and leaves the store as it was. Session keys, restart requests and cluster log levels are
 * announced to the listener but never written: they mean nothing after a restart.
 *
 * <p>Thread contract: as {@link MemoryConfigStore}; the file is written under the store's lock,
 * so writes reach it in the order they were made.
 */
public final class FileConfigStore extends MemoryConfigStore {
    private static final Logger log = LoggerFactory.getLogger(FileConfigStore.class);

    private final ConnectorConfigFile file;

    public FileConfigStore(ConnectorConfigFile file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The store kept in {@code <offsetsFile>.connectors.json}. */
    public static FileConfigStore besideOffsets(Path offsetsFile) {
        return new FileConfigStore(ConnectorConfigFile.besideOffsets(offsetsFile));
    }

    /** Where the connectors are kept. */
    public Path path() {
        return file.path();
    }

    /**
     * Reads the stored connectors (none when there is no file yet), then starts announcing changes.
     *
     * @throws org.apache.kafka.connect.errors.ConnectException if the file cannot be read or parsed;
     *         its message names the file and says to fix or remove it
     */
    @Override
    public void start(ConfigUpdateListener listener) {
        Map<String, StoredConnector> stored = file.load();
        if (!stored.isEmpty()) {
            log.info("Restoring {} connector(s) stored in {}: {}", stored.size(), file.path(), stored.keySet());
            restore(stateOf(stored));
        }
        super.start(listener);
    }

    @Override
    protected void persist(ClusterConfigState next) {
        Map<String, StoredConnector> stored = new TreeMap<>();
        for (String connector : next.connectorConfigs().keySet()) {
            List<Map<String, String>> tasks = next.taskConfigs().get(connector);
            stored.put(connector, new StoredConnector(next.connectorConfig(connector), next.targetState(connector),
                    tasks == null ? List.of() : tasks));
        }
        file.save(stored);
    }

    private static ClusterConfigState stateOf(Map<String, StoredConnector> stored) {
        Map<String, Map<String, String>> configs = new HashMap<>();
        Map<String, TargetState> targetStates = new HashMap<>();
        Map<String, List<Map<String, String>>> taskConfigs = new HashMap<>();
        stored.forEach((name, connector) -> {
            configs.put(name, connector.config() == null ? Map.of() : connector.config());
            if (connector.targetState() != null) {
                targetStates.put(name, connector.targetState());
            }
            taskConfigs.put(name, connector.taskConfigs() == null ? List.of() : List.copyOf(connector.taskConfigs()));
        });
        return new ClusterConfigState(1, null, configs, targetStates, taskConfigs, Set.of());
    }
}

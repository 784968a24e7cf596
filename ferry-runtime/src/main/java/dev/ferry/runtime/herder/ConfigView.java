package dev.ferry.runtime.herder;

import dev.ferry.runtime.herder.shared.ConnectorPlugins;
import dev.ferry.runtime.model.ConnectorInfo;
import dev.ferry.runtime.model.InvalidRequestException;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.storage.ClusterConfigState;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.TaskInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.connect.errors.NotFoundException;

/**
 * The config store as the herder last acted on it ({@link ClusterConfigState}), and the checks
 * commands make against it. The herder answers reads from this snapshot, not from the store, so
 * what it says always matches what it runs.
 *
 * <p>Thread contract: {@link #update} is called by the herder thread only; the snapshot is
 * volatile and immutable, so any thread may read it.
 */
final class ConfigView {
    private final ConnectorPlugins plugins;
    private volatile ClusterConfigState snapshot = ClusterConfigState.EMPTY;

    ConfigView(ConnectorPlugins plugins) {
        this.plugins = plugins;
    }

    ClusterConfigState snapshot() {
        return snapshot;
    }

    void update(ClusterConfigState next) {
        snapshot = next;
    }

    ConnectorPlugins plugins() {
        return plugins;
    }

    /** The connector's raw config, or null once it is gone. */
    Map<String, String> configOrNull(String connector) {
        ClusterConfigState state = snapshot;
        return state.contains(connector) ? state.connectorConfig(connector) : null;
    }

    Map<String, String> requireConfig(String connector) {
        Map<String, String> config = configOrNull(connector);
        if (config == null) {
            throw new NotFoundException("Connector " + connector + " not found");
        }
        return config;
    }

    /** The config of a connector whose offsets may be changed: STOPPED, with no tasks. */
    Map<String, String> requireStopped(String connector) {
        Map<String, String> config = requireConfig(connector);
        ClusterConfigState state = snapshot;
        if (state.targetState(connector) != TargetState.STOPPED || state.taskCount(connector) > 0) {
            throw new InvalidRequestException("Connectors must be in the STOPPED state before their offsets can be "
                    + "modified. This can be done for the specified connector by issuing a 'PUT' request to the "
                    + "'/connectors/" + connector + "/stop' endpoint");
        }
        return config;
    }

    ConnectorInfo info(String connector) {
        return info(connector, requireConfig(connector));
    }

    ConnectorInfo info(String connector, Map<String, String> config) {
        return new ConnectorInfo(connector, config, snapshot.tasks(connector), plugins.typeOf(config));
    }

    /** The connector's committed task configs, task 0 first. */
    CompletionStage<List<TaskInfo>> taskInfos(String connector) {
        ClusterConfigState state = snapshot;
        if (!state.contains(connector)) {
            return CompletableFuture.failedFuture(new NotFoundException("Connector " + connector + " not found"));
        }
        List<TaskInfo> result = new ArrayList<>();
        for (ConnectorTaskId task : state.tasks(connector)) {
            result.add(new TaskInfo(task, state.taskConfig(task)));
        }
        return CompletableFuture.completedFuture(result);
    }

    boolean isSink(Map<String, String> config) {
        return plugins.isSink(config);
    }

    String versionOf(String connector) {
        return plugins.versionOf(configOrNull(connector));
    }
}

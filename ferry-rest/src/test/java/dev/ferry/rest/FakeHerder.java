package dev.ferry.rest;

import dev.ferry.runtime.cluster.requests.RequestSigner;
import dev.ferry.runtime.herder.Herder;
import dev.ferry.runtime.model.ConnectorInfo;
import dev.ferry.runtime.model.ConnectorOffsets;
import dev.ferry.runtime.model.ConnectorStatusReport;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.ConnectorType;
import dev.ferry.runtime.model.Created;
import dev.ferry.runtime.model.InstanceStatus;
import dev.ferry.runtime.model.InternalRequestSignature;
import dev.ferry.runtime.model.InvalidRequestException;
import dev.ferry.runtime.model.OffsetsChange;
import dev.ferry.runtime.model.PluginDescriptor;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.SessionKey;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.model.TaskInfo;
import dev.ferry.runtime.model.ValidationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.errors.AlreadyExistsException;
import org.apache.kafka.connect.errors.NotFoundException;

/**
 * An in-memory herder for the REST tests: it keeps connectors, statuses and offsets in maps and
 * answers with the domain types and exceptions the real herders use. Tests set the canned
 * answers (plugins, validation results, health) they need, and can make every asynchronous call
 * hang to exercise the REST timeouts.
 *
 * <p>To play a worker of a distributed cluster, writes can be made to fail as a follower's do
 * ({@link #writeFailures} in turn, then {@link #everyWriteFails}), task configurations can be
 * taken and checked against a session key, and cluster log levels accepted.
 */
final class FakeHerder implements Herder {
    static final String WORKER = "127.0.0.1:8083";

    final Map<String, Map<String, String>> configs = new TreeMap<>();
    final Map<String, TargetState> targetStates = new TreeMap<>();
    final Map<String, ConnectorStatusReport> statuses = new TreeMap<>();
    final Map<String, List<TaskInfo>> tasks = new TreeMap<>();
    final Map<String, ConnectorOffsets> offsets = new TreeMap<>();
    final Map<String, Set<String>> activeTopics = new TreeMap<>();
    final List<PluginDescriptor> plugins = new ArrayList<>();
    final Map<String, List<ConfigDef.ConfigKey>> pluginConfigs = new TreeMap<>();
    final List<RestartRequest> restarts = new ArrayList<>();
    ValidationResult validation;
    Map<String, String> lastValidated;
    WorkerHealth health = new WorkerHealth("healthy", "Worker has completed startup and is ready to handle requests.");
    boolean offsetsAcknowledged = true;
    /** When set, every asynchronous call returns a stage that never completes. */
    volatile boolean hang;
    /** Failures for the next writes, one taken per write, before {@link #everyWriteFails} applies. */
    final Queue<RuntimeException> writeFailures = new ConcurrentLinkedQueue<>();
    /** When set, every write fails with it (after {@link #writeFailures}), as a follower's herder does. */
    volatile RuntimeException everyWriteFails;
    /** How many writes were asked of this herder, served or not. */
    final AtomicInteger writeCalls = new AtomicInteger();
    /** When set, task configurations are taken (signature checked against it when it has a key) instead of refused as standalone. */
    volatile boolean acceptsTaskConfigs;
    volatile SessionKey sessionKey;
    volatile List<Map<String, String>> receivedTaskConfigs;
    volatile InternalRequestSignature receivedSignature;
    /** Connectors a (leader's) fencing request reached, when {@link #acceptsTaskConfigs} is set. */
    final List<String> fencedConnectors = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** What {@link #setClusterLoggerLevel} answers; false is a herder without a cluster. */
    volatile boolean storesClusterLoggerLevels;
    volatile String clusterLoggerLevel;

    @Override
    public ServerInfo serverInfo() {
        return new ServerInfo("4.3.1", "26b251a451ce941d", "qSdzqKvnQvS0WYG7c0V0Cg");
    }

    @Override
    public CompletionStage<WorkerHealth> health() {
        return answer(() -> health);
    }

    @Override
    public List<String> connectors() {
        return new ArrayList<>(configs.keySet());
    }

    @Override
    public CompletionStage<ConnectorInfo> connectorInfo(String connector) {
        return answer(() -> info(connector));
    }

    @Override
    public CompletionStage<Map<String, String>> connectorConfig(String connector) {
        return answer(() -> {
            requireConnector(connector);
            return configs.get(connector);
        });
    }

    @Override
    public CompletionStage<Created<ConnectorInfo>> putConnectorConfig(String connector, Map<String, String> config,
                                                                      boolean allowReplace, TargetState initialState) {
        return write(() -> {
            boolean exists = configs.containsKey(connector);
            if (exists && !allowReplace) {
                throw new AlreadyExistsException("Connector " + connector + " already exists");
            }
            if (!config.containsKey("connector.class")) {
                throw new InvalidRequestException("Connector config " + config + " contains no connector type");
            }
            configs.put(connector, new LinkedHashMap<>(config));
            if (!exists) {
                targetStates.put(connector, initialState);
                tasks.put(connector, List.of());
            }
            return new Created<>(!exists, info(connector));
        });
    }

    @Override
    public CompletionStage<ConnectorInfo> patchConnectorConfig(String connector, Map<String, String> patch) {
        return write(() -> {
            requireConnector(connector);
            Map<String, String> merged = new LinkedHashMap<>(configs.get(connector));
            patch.forEach((key, value) -> {
                if (value == null) {
                    merged.remove(key);
                } else {
                    merged.put(key, value);
                }
            });
            configs.put(connector, merged);
            return info(connector);
        });
    }

    @Override
    public CompletionStage<Void> deleteConnector(String connector) {
        return write(() -> {
            requireConnector(connector);
            configs.remove(connector);
            statuses.remove(connector);
            return null;
        });
    }

    @Override
    public ConnectorStatusReport connectorStatus(String connector) {
        ConnectorStatusReport status = statuses.get(connector);
        if (status == null) {
            throw new NotFoundException("No status found for connector " + connector);
        }
        return status;
    }

    @Override
    public InstanceStatus taskStatus(ConnectorTaskId task) {
        ConnectorStatusReport status = statuses.get(task.connector());
        if (status != null) {
            for (ConnectorStatusReport.TaskStatusReport report : status.tasks()) {
                if (report.id() == task.task()) {
                    return report.status();
                }
            }
        }
        throw new NotFoundException("No status found for task " + task);
    }

    @Override
    public CompletionStage<List<TaskInfo>> taskConfigs(String connector) {
        return answer(() -> {
            requireConnector(connector);
            return tasks.getOrDefault(connector, List.of());
        });
    }

    @Override
    public CompletionStage<ConnectorStatusReport> restartConnector(RestartRequest request) {
        return write(() -> {
            if (!configs.containsKey(request.connector())) {
                throw new NotFoundException("Unknown connector: " + request.connector());
            }
            restarts.add(request);
            if (request.connectorOnly()) {
                return null;
            }
            ConnectorStatusReport current = connectorStatus(request.connector());
            InstanceStatus restarting = new InstanceStatus(State.RESTARTING, current.connector().workerId(), null,
                    current.connector().version(), 0);
            List<ConnectorStatusReport.TaskStatusReport> plannedTasks = current.tasks().stream()
                    .map(task -> request.includeTasks()
                            && (!request.onlyFailed() || task.status().state() == State.FAILED)
                            ? new ConnectorStatusReport.TaskStatusReport(task.id(), new InstanceStatus(State.RESTARTING,
                                    task.status().workerId(), null, task.status().version(), 0))
                            : task)
                    .toList();
            boolean restartConnector = !request.onlyFailed() || current.connector().state() == State.FAILED;
            return new ConnectorStatusReport(current.name(), restartConnector ? restarting : current.connector(),
                    plannedTasks, current.type());
        });
    }

    @Override
    public CompletionStage<Void> restartTask(ConnectorTaskId task) {
        return write(() -> {
            taskStatus(task);
            return null;
        });
    }

    @Override
    public CompletionStage<Void> pauseConnector(String connector) {
        return setTarget(connector, TargetState.PAUSED);
    }

    @Override
    public CompletionStage<Void> resumeConnector(String connector) {
        return setTarget(connector, TargetState.STARTED);
    }

    @Override
    public CompletionStage<Void> stopConnector(String connector) {
        return setTarget(connector, TargetState.STOPPED);
    }

    @Override
    public CompletionStage<ConnectorOffsets> connectorOffsets(String connector) {
        return answer(() -> {
            requireConnector(connector);
            return offsets.getOrDefault(connector, new ConnectorOffsets(List.of()));
        });
    }

    @Override
    public CompletionStage<OffsetsChange> alterConnectorOffsets(String connector, ConnectorOffsets change) {
        return write(() -> {
            requireStopped(connector);
            offsets.put(connector, change);
            return new OffsetsChange(offsetsAcknowledged);
        });
    }

    @Override
    public CompletionStage<OffsetsChange> resetConnectorOffsets(String connector) {
        return write(() -> {
            requireStopped(connector);
            offsets.remove(connector);
            return new OffsetsChange(offsetsAcknowledged);
        });
    }

    @Override
    public Set<String> connectorActiveTopics(String connector) {
        requireConnector(connector);
        return activeTopics.getOrDefault(connector, Set.of());
    }

    @Override
    public void resetConnectorActiveTopics(String connector) {
        requireConnector(connector);
        activeTopics.remove(connector);
    }

    @Override
    public CompletionStage<ValidationResult> validateConnectorConfig(Map<String, String> config) {
        return answer(() -> {
            lastValidated = config;
            return validation;
        });
    }

    @Override
    public List<PluginDescriptor> plugins(boolean connectorsOnly) {
        return plugins.stream().filter(plugin -> !connectorsOnly || plugin.type().isConnector()).toList();
    }

    @Override
    public List<ConfigDef.ConfigKey> pluginConfig(String plugin, String versionSpec) {
        List<ConfigDef.ConfigKey> keys = pluginConfigs.get(plugin);
        if (keys == null) {
            throw new NotFoundException("Unknown plugin " + plugin + ".");
        }
        return keys;
    }

    @Override
    public CompletionStage<Void> putTaskConfigs(String connector, List<Map<String, String>> taskConfigs,
                                                InternalRequestSignature signature) {
        if (!acceptsTaskConfigs) {
            return Herder.super.putTaskConfigs(connector, taskConfigs, signature);
        }
        return write(() -> {
            if (sessionKey != null) {
                RequestSigner.verify(signature, sessionKey, List.of("HmacSHA256"));
            }
            receivedTaskConfigs = taskConfigs;
            receivedSignature = signature;
            return null;
        });
    }

    @Override
    public CompletionStage<Void> fenceZombies(String connector, InternalRequestSignature signature) {
        if (!acceptsTaskConfigs) {
            return Herder.super.fenceZombies(connector, signature);
        }
        return write(() -> {
            if (sessionKey != null) {
                RequestSigner.verify(signature, sessionKey, List.of("HmacSHA256"));
            }
            if (connector.equals(Fixtures.SINK)) {
                throw new InvalidRequestException("Connector " + connector + " is not a source connector");
            }
            fencedConnectors.add(connector);
            receivedSignature = signature;
            return null;
        });
    }

    @Override
    public CompletionStage<Boolean> setClusterLoggerLevel(String namespace, String level) {
        if (!storesClusterLoggerLevels) {
            return Herder.super.setClusterLoggerLevel(namespace, level);
        }
        clusterLoggerLevel = namespace + "=" + level;
        return CompletableFuture.completedFuture(true);
    }

    private ConnectorInfo info(String connector) {
        requireConnector(connector);
        List<ConnectorTaskId> ids = tasks.getOrDefault(connector, List.of()).stream().map(TaskInfo::id).toList();
        ConnectorType type = configs.get(connector).getOrDefault("connector.class", "").contains("Sink")
                ? ConnectorType.SINK : ConnectorType.SOURCE;
        return new ConnectorInfo(connector, configs.get(connector), ids, type);
    }

    private CompletionStage<Void> setTarget(String connector, TargetState state) {
        return write(() -> {
            requireConnector(connector);
            targetStates.put(connector, state);
            return null;
        });
    }

    private void requireConnector(String connector) {
        if (!configs.containsKey(connector)) {
            throw new NotFoundException("Connector " + connector + " not found");
        }
    }

    private void requireStopped(String connector) {
        requireConnector(connector);
        if (targetStates.get(connector) != TargetState.STOPPED) {
            throw new InvalidRequestException("Connectors must be in the STOPPED state before their offsets can be "
                    + "modified. This can be done for the specified connector by issuing a 'PUT' request to the "
                    + "'/connectors/" + connector + "/stop' endpoint");
        }
    }

    private <T> CompletionStage<T> write(java.util.function.Supplier<T> work) {
        writeCalls.incrementAndGet();
        RuntimeException failure = writeFailures.poll();
        if (failure == null) {
            failure = everyWriteFails;
        }
        return failure != null ? CompletableFuture.failedFuture(failure) : answer(work);
    }

    private <T> CompletionStage<T> answer(java.util.function.Supplier<T> work) {
        if (hang) {
            return new CompletableFuture<>();
        }
        try {
            return CompletableFuture.completedFuture(work.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}

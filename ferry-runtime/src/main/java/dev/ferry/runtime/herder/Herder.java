package dev.ferry.runtime.herder;

import dev.ferry.runtime.model.ConfigValidationException;
import dev.ferry.runtime.model.ConflictException;
import dev.ferry.runtime.model.ConnectorInfo;
import dev.ferry.runtime.model.ConnectorOffsets;
import dev.ferry.runtime.model.ConnectorStatusReport;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.Created;
import dev.ferry.runtime.model.FeatureDisabledException;
import dev.ferry.runtime.model.InstanceStatus;
import dev.ferry.runtime.model.InternalRequestSignature;
import dev.ferry.runtime.model.InvalidRequestException;
import dev.ferry.runtime.model.NotLeaderException;
import dev.ferry.runtime.model.OffsetsChange;
import dev.ferry.runtime.model.PluginDescriptor;
import dev.ferry.runtime.model.RestartEvent;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.model.TaskInfo;
import dev.ferry.runtime.model.ValidationResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The control plane of a worker: everything the REST API (and the CLI) can ask of it. Standalone
 * and distributed mode implement this one interface, so the REST layer does not know which mode
 * it serves.
 *
 * <p>It speaks domain types only; the REST module maps them to Apache's JSON. Failures are
 * reported through the returned stage (or thrown by the synchronous methods) as:
 * {@link org.apache.kafka.connect.errors.NotFoundException} (404),
 * {@link org.apache.kafka.connect.errors.AlreadyExistsException} (409),
 * {@link ConflictException} (409), {@link InvalidRequestException} and
 * {@link ConfigValidationException} (400), {@link FeatureDisabledException} (403); anything else
 * is a server error (500).
 *
 * <p>Thread contract: every method may be called from any thread. Methods that change state
 * hand the change to the herder's own thread and return a stage that completes once the change
 * has been stored; the read-only methods answer from the herder's current snapshot.
 */
public interface Herder {

    /** Version, commit and the Kafka cluster id, for {@code GET /}. */
    ServerInfo serverInfo();

    /** Whether the worker finished starting and its herder thread is responsive. */
    CompletionStage<WorkerHealth> health();

    /** The names of all connectors, sorted. */
    List<String> connectors();

    /** The connector's raw configuration and its current task ids. */
    CompletionStage<ConnectorInfo> connectorInfo(String connector);

    /** The connector's raw (unresolved) configuration. */
    CompletionStage<Map<String, String>> connectorConfig(String connector);

    /**
     * Creates or replaces a connector.
     *
     * @param allowReplace  false for {@code POST /connectors}, which refuses an existing name
     * @param initialState  the target state for a new connector, or null when none was asked for
     *                      (STARTED, with no target-state record in distributed mode); ignored when replacing
     */
    CompletionStage<Created<ConnectorInfo>> putConnectorConfig(String connector, Map<String, String> config,
                                                               boolean allowReplace, TargetState initialState);

    /** Merges {@code patch} into the existing config; a null value removes the key. */
    CompletionStage<ConnectorInfo> patchConnectorConfig(String connector, Map<String, String> patch);

    /** Stops and forgets a connector, its tasks and its status. */
    CompletionStage<Void> deleteConnector(String connector);

    /** The status of the connector and its tasks. */
    ConnectorStatusReport connectorStatus(String connector);

    /** The status of one task. */
    InstanceStatus taskStatus(ConnectorTaskId task);

    /**
     * A value that stays equal ({@code equals}) only while {@link #connectors()}, {@link #connectorStatus} and
     * {@link #connectorInfo} answer the same: it changes once a status, config or readiness change is visible to
     * them. A caller that took an equal value before reading may reuse what it built from those answers, as the REST
     * layer does with its serialized {@code GET /connectors?expand=...}. By default a new value each time: no reuse.
     */
    default Object readStamp() {
        return new Object();
    }

    /** The task configurations the connector generated. */
    CompletionStage<List<TaskInfo>> taskConfigs(String connector);

    /**
     * Restarts a connector. The plain form (neither flag) restarts the connector instance and
     * completes with null; the other forms complete with the planned states, instances to be
     * restarted shown as RESTARTING.
     */
    CompletionStage<ConnectorStatusReport> restartConnector(RestartRequest request);

    /** Restarts one task. */
    CompletionStage<Void> restartTask(ConnectorTaskId task);

    /** Pauses the connector and its tasks. */
    CompletionStage<Void> pauseConnector(String connector);

    /** Resumes a paused or stopped connector. */
    CompletionStage<Void> resumeConnector(String connector);

    /** Stops the connector and shuts down its tasks, keeping its config and offsets. */
    CompletionStage<Void> stopConnector(String connector);

    /** The connector's current offsets. */
    CompletionStage<ConnectorOffsets> connectorOffsets(String connector);

    /** Alters offsets of a STOPPED connector; entries with a null offset are removed. */
    CompletionStage<OffsetsChange> alterConnectorOffsets(String connector, ConnectorOffsets offsets);

    /** Removes all offsets of a STOPPED connector. */
    CompletionStage<OffsetsChange> resetConnectorOffsets(String connector);

    /** The topics the connector has used since it was created or its topics were last reset. */
    Set<String> connectorActiveTopics(String connector);

    /** Forgets the topics the connector has used. */
    void resetConnectorActiveTopics(String connector);

    /** Validates a connector configuration without storing it. */
    CompletionStage<ValidationResult> validateConnectorConfig(Map<String, String> config);

    /**
     * The plugins this worker can load. With {@code connectorsOnly}, sources and sinks; otherwise
     * also converters, header converters, transformations and predicates.
     */
    List<PluginDescriptor> plugins(boolean connectorsOnly);

    /**
     * Every plugin this worker can load, of every type (connectors, converters, header converters,
     * transformations, predicates, config providers, REST extensions, client config override
     * policies) with version and location, for Ferry's {@code GET /plugins}.
     */
    default List<PluginDescriptor> allPlugins() {
        return plugins(false);
    }

    /**
     * The configuration definitions of a plugin (its own first, then the framework's for
     * connectors), for {@code GET /connector-plugins/{plugin}/config}.
     *
     * @param versionSpec an exact version, a Maven version range, or null for the latest
     */
    List<org.apache.kafka.common.config.ConfigDef.ConfigKey> pluginConfig(String plugin, String versionSpec);

    /**
     * Stores task configurations that the worker running the connector generated (the internal
     * {@code POST /connectors/{c}/tasks}); only the leader of a distributed cluster takes them.
     *
     * @param signature the request's signature, or null when the request was not signed
     */
    default CompletionStage<Void> putTaskConfigs(String connector, List<Map<String, String>> taskConfigs,
                                                 InternalRequestSignature signature) {
        return java.util.concurrent.CompletableFuture.failedFuture(new UnsupportedOperationException(
                "Kafka Connect in standalone mode does not support externally setting task configurations."));
    }

    /**
     * Fences the transactional producers of the connector's previous generation of source tasks
     * (the internal {@code PUT /connectors/{c}/fence}, KIP-618); only the leader of a distributed
     * cluster with exactly-once source support does it.
     *
     * @param signature the request's signature, or null when the request was not signed
     */
    default CompletionStage<Void> fenceZombies(String connector, InternalRequestSignature signature) {
        // Apache's standalone herder throws UnsupportedOperationException here, which its REST layer answers with 500
        return java.util.concurrent.CompletableFuture.failedFuture(new UnsupportedOperationException(
                "Kafka Connect in standalone mode does not support exactly-once source connectors."));
    }

    /**
     * Sets a log level on every worker of the cluster ({@code PUT /admin/loggers/{ns}?scope=cluster}).
     *
     * @return true when the change was stored for the whole cluster; false when this herder has no
     *         cluster, and the caller should apply the level to this worker alone
     */
    default CompletionStage<Boolean> setClusterLoggerLevel(String namespace, String level) {
        return java.util.concurrent.CompletableFuture.completedFuture(false);
    }

    /**
     * This worker's recent automatic-restart decisions about the connector and its tasks, oldest
     * first ({@code GET /connectors/{c}/restarts}); empty when it has no restart policy or never failed here.
     */
    default List<RestartEvent> restartHistory(String connector) {
        return List.of();
    }

    /**
     * The workers of this worker's cluster and its leader, for Ferry's {@code GET /workers}. A
     * standalone worker has no cluster: no leader, no other workers. In a distributed cluster only
     * the leader knows every member (their subscriptions reach it alone), so a follower fails with
     * {@link NotLeaderException} and the REST layer asks the leader, as for writes.
     */
    default CompletionStage<ClusterMembers> clusterMembers() {
        return java.util.concurrent.CompletableFuture.completedFuture(new ClusterMembers(null, -1, List.of()));
    }

    /**
     * The members of a distributed cluster as its leader last assigned work to them.
     *
     * @param leaderUrl  the leader's advertised REST URL; null for a standalone worker
     * @param generation the group generation of that assignment; -1 for a standalone worker
     * @param workerUrls every member's advertised REST URL, the leader's included; empty for a standalone worker
     */
    record ClusterMembers(String leaderUrl, int generation, List<String> workerUrls) {
    }

    /** Worker version facts for {@code GET /}. */
    record ServerInfo(String version, String commit, String kafkaClusterId) {
    }

    /**
     * The worker's health, for {@code GET /health}.
     *
     * @param status  {@code healthy}, {@code starting} or {@code unhealthy}
     * @param message what a human should know
     */
    record WorkerHealth(String status, String message) {
    }
}

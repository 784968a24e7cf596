package dev.ferry.runtime.herder;

import dev.ferry.runtime.config.ConnectorConfigValidator;
import dev.ferry.runtime.model.ConfigValidationException;
import dev.ferry.runtime.model.ConnectorInfo;
import dev.ferry.runtime.model.Created;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.model.ValidationResult;
import dev.ferry.runtime.storage.ConfigStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.kafka.connect.errors.AlreadyExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands that change a connector's definition: create or replace (after validation), patch,
 * delete, pause or resume, stop. Each is a decision on the herder thread that writes the config
 * store and reads the write back, so this worker has acted on it (stopped, restarted, rejoined)
 * before the answer goes; what the other workers do follows from what they read. A standalone
 * create answers only once its tasks exist ({@link CreateAnswers}).
 *
 * <p>Thread contract: any thread; the decisions queue on the herder thread.
 */
final class ConnectorCommands {
    private static final Logger log = LoggerFactory.getLogger(ConnectorCommands.class);

    private final ConfigStore configStore;
    private final ConfigView view;
    private final RequestQueue queue;
    private final ConfigChanges changes;
    private final CreateAnswers answers;
    private final StatusReads statuses;
    private final PeerCommands peers;
    private final ModeRules mode;
    private final Function<Map<String, String>, CompletionStage<ValidationResult>> validate;

    ConnectorCommands(ConfigStore configStore, ConfigView view, RequestQueue queue, ConfigChanges changes,
                      CreateAnswers answers, StatusReads statuses, PeerCommands peers, ModeRules mode,
                      Function<Map<String, String>, CompletionStage<ValidationResult>> validate) {
        this.configStore = configStore;
        this.view = view;
        this.queue = queue;
        this.changes = changes;
        this.answers = answers;
        this.statuses = statuses;
        this.peers = peers;
        this.mode = mode;
        this.validate = validate;
    }

    CompletionStage<Created<ConnectorInfo>> putConnectorConfig(String connector, Map<String, String> connectorConfig,
                                                                      boolean allowReplace, TargetState initialState) {
        Map<String, String> withName = new LinkedHashMap<>(connectorConfig);
        withName.put("name", connector);
        // Leadership is checked first, so a follower forwards at once instead of validating twice.
        return queue.submit(() -> {
            peers.requireLeader();
            return null;
        }).thenCompose(ignored -> validate.apply(withName)).thenCompose(result -> queue.submitStage(() -> {
            if (result.errorCount() > 0) {
                throw new ConfigValidationException(ConnectorConfigValidator.invalidConfigMessage(result), result);
            }
            peers.requireLeader();
            Map<String, String> previous = view.configOrNull(connector);
            boolean exists = previous != null;
            if (exists && !allowReplace) {
                throw new AlreadyExistsException("Connector " + connector + " already exists");
            }
            configStore.putConnectorConfig(connector, withName, exists ? null : initialState);
            changes.readBack();
            log.info("{} connector {}", exists ? "Reconfigured" : "Created", connector);
            CompletableFuture<Created<ConnectorInfo>> answer = new CompletableFuture<>();
            // An unchanged config restarts nothing, so there are no new task configs to wait for.
            boolean restarts = !withName.equals(previous);
            if (mode.answersCreateWithTasks() && restarts && view.snapshot().targetState(connector) == TargetState.STARTED) {
                answers.await(connector, answer, () -> new Created<>(!exists, view.info(connector)));
            } else {
                answer.complete(new Created<>(!exists, view.info(connector, withName)));
            }
            return answer;
        }));
    }

    CompletionStage<ConnectorInfo> patchConnectorConfig(String connector, Map<String, String> patch) {
        return queue.submit(() -> {
            peers.requireLeader();
            Map<String, String> merged = new LinkedHashMap<>(view.requireConfig(connector));
            patch.forEach((k, v) -> {
                if (v == null) {
                    merged.remove(k);
                } else {
                    merged.put(k, v);
                }
            });
            return merged;
        }).thenCompose(merged -> putConnectorConfig(connector, merged, true, null)).thenApply(Created::value);
    }

    CompletionStage<Void> deleteConnector(String connector) {
        return queue.submit(() -> {
            peers.requireLeader();
            view.requireConfig(connector);
            configStore.removeConnectorConfig(connector);
            changes.readBack();
            // In a cluster its statuses go after the rebalance that follows, as in Apache (LeaderDuties).
            statuses.forgetActiveTopics(connector);
            log.info("Deleted connector {}", connector);
            return null;
        });
    }

    /** Any worker may write a pause or resume, as in Apache: the owners act on it when they read it. */
    CompletionStage<Void> putTargetState(String connector, TargetState target) {
        return queue.submit(() -> {
            view.requireConfig(connector);
            configStore.putTargetState(connector, target);
            changes.readBack();
            return null;
        });
    }

    CompletionStage<Void> stopConnector(String connector) {
        return queue.submit(() -> {
            peers.requireLeader();
            view.requireConfig(connector);
            // Apache's order: the empty task set first, so no task runs once STOPPED is read.
            configStore.putTaskConfigs(connector, List.of());
            configStore.putTargetState(connector, TargetState.STOPPED);
            changes.readBack();
            return null;
        });
    }
}

package dev.ferry.runtime.herder.eos;

import dev.ferry.runtime.config.ClientConfigs;
import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.plugins.Plugins;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FenceProducersOptions;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.health.ConnectorType;

/**
 * Fences out the transactional producers of a source connector's tasks through the Kafka admin
 * API ({@code Admin.fenceProducers}, KIP-618): each id's epoch is bumped, so a task of an earlier
 * generation that is still alive somewhere (a worker that lost the group but not its process) can
 * no longer commit a transaction, and whatever it had open is aborted.
 */
@FunctionalInterface
public interface ProducerFencing {

    /** How long one fencing call may take, as Apache's (the REST request timeout). */
    Duration TIMEOUT = Duration.ofSeconds(90);

    /**
     * Fences the given transactional ids.
     *
     * @param connectorConfig the connector's config, for implementations that use its admin overrides
     * @return completes when every id is fenced, or exceptionally with the admin client's error
     */
    CompletionStage<Void> fence(String connector, Map<String, String> connectorConfig, List<String> transactionalIds);

    /** The task transactional ids {@code <group.id>-<connector>-<i>} for i in 0..count-1, as Apache names them. */
    static List<String> taskTransactionalIds(String groupId, String connector, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(groupId + "-" + connector + "-" + i);
        }
        return ids;
    }

    /**
     * Fencing as Apache's worker does it: with an admin client of the connector's own, made for the
     * round from the worker's settings and the connector's allowed {@code admin.override.*} ones
     * (client id {@code connector-worker-adminclient-<c>}), so the principal that may use the
     * tasks' transactional ids fences them; closed after the round.
     */
    static ProducerFencing withConnectorAdmin(ClientConfigs clients, Plugins plugins, ConfigResolver resolver) {
        return (connector, connectorConfig, ids) -> {
            Admin admin;
            try {
                Map<String, String> resolved = resolver.resolve(connectorConfig);
                Class<? extends Connector> connectorClass = plugins.connectorClass(resolved.get("connector.class"),
                        resolved.get("connector.plugin.version"));
                admin = Admin.create(clients.connectorAdmin(connector, resolved, connectorClass, ConnectorType.SOURCE));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            // closed off the admin client's own thread, which completes the round
            return fence(admin, ids).whenCompleteAsync((ignored, error) -> admin.close(Duration.ofSeconds(5)));
        };
    }

    /** Fencing with an admin client the caller keeps (a test's, say). */
    static ProducerFencing withAdmin(Supplier<Admin> admin) {
        return (connector, connectorConfig, ids) -> {
            try {
                return fence(admin.get(), ids);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }

    private static CompletableFuture<Void> fence(Admin admin, List<String> ids) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        admin.fenceProducers(ids, new FenceProducersOptions().timeoutMs((int) TIMEOUT.toMillis()))
                .all().whenComplete((ignored, error) -> {
                    if (error != null) {
                        done.completeExceptionally(error);
                    } else {
                        done.complete(null);
                    }
                });
        return done;
    }
}

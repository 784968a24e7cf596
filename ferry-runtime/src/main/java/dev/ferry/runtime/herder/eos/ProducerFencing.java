package dev.ferry.runtime.herder.eos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FenceProducersOptions;

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
     * Fencing with the worker's own admin client. Apache uses an admin client per connector with
     * the connector's {@code admin.override.*} settings; a cluster whose connectors use other
     * principals than the worker must grant the worker's principal Write on the tasks'
     * transactional ids.
     */
    static ProducerFencing withAdmin(Supplier<Admin> admin) {
        return (connector, connectorConfig, ids) -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            try {
                admin.get().fenceProducers(ids, new FenceProducersOptions().timeoutMs((int) TIMEOUT.toMillis()))
                        .all().whenComplete((ignored, error) -> {
                            if (error != null) {
                                done.completeExceptionally(error);
                            } else {
                                done.complete(null);
                            }
                        });
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
            return done;
        };
    }
}

package dev.ferry.runtime.herder.eos;

import dev.ferry.runtime.cluster.Membership;
import dev.ferry.runtime.cluster.requests.InterWorkerClient;
import dev.ferry.runtime.config.ClientConfigs;
import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.herder.TaskFencing;
import dev.ferry.runtime.herder.shared.ConnectorPlugins;
import dev.ferry.runtime.model.ConnectorType;
import dev.ferry.runtime.model.SessionKey;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.storage.ConfigStore;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Builds the {@link TaskFencing} of a distributed worker: {@link TaskFencing#NONE} unless
 * {@code exactly.once.source.support=enabled}, else a {@link SourceTaskFencing} whose rounds run
 * on the leader ({@link ZombieFencer} with an admin client per connector, as Apache's) and whose
 * followers ask the leader through signed {@code PUT /connectors/<c>/fence} requests. The
 * membership is passed as a supplier because the herder creates it.
 */
public final class ExactlyOnceSourceSupport {

    private ExactlyOnceSourceSupport() {
    }

    /**
     * @param configStore the herder's config store (the same instance)
     * @param membership  the herder's membership, once it exists
     * @param resolver    resolves {@code ${...}} references in connector configs (for the fencing admin client)
     */
    public static TaskFencing fencing(DistributedConfig config, ConfigStore configStore, Supplier<Membership> membership,
                                      Plugins plugins, ConfigResolver resolver) {
        if (!config.exactlyOnceSourceEnabled()) {
            return TaskFencing.NONE;
        }
        Duration syncTimeout = Duration.ofMillis(config.getInt(DistributedConfig.WORKER_SYNC_TIMEOUT_MS_CONFIG));
        ExecutorService fencingThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "zombie-fencing");
            t.setDaemon(true);
            return t;
        });
        ClientConfigs clients = new ClientConfigs(config, ClientConfigs.createPolicy(config, plugins), null);
        ZombieFencer fencer = new ZombieFencer(configStore,
                ProducerFencing.withConnectorAdmin(clients, plugins, resolver), config.groupId(), syncTimeout,
                fencingThread);
        InterWorkerClient client = new InterWorkerClient(
                Duration.ofMillis(config.getInt(DistributedConfig.REBALANCE_TIMEOUT_MS_CONFIG)));
        String algorithm = config.getString(DistributedConfig.INTER_WORKER_SIGNATURE_ALGORITHM_CONFIG);
        ConnectorPlugins connectorPlugins = new ConnectorPlugins(plugins);
        return new SourceTaskFencing(configStore, fencer,
                connector -> {
                    Membership member = membership.get();
                    String leader = member == null ? null : member.leaderUrl();
                    if (leader == null) {
                        throw new ConnectException("No leader is known while the group rebalances");
                    }
                    SessionKey key = member.protocolVersion() >= 2 ? configStore.snapshot().sessionKey() : null;
                    client.putFence(leader, connector, key, algorithm);
                },
                () -> membership.get() != null && membership.get().isLeader(),
                connectorConfig -> connectorPlugins.typeOf(connectorConfig) == ConnectorType.SOURCE,
                syncTimeout);
    }
}

package dev.ferry.runtime.herder;

import dev.ferry.runtime.cluster.requests.InterWorkerClient;
import dev.ferry.runtime.model.SessionKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries task configurations that a follower's connector generated to the leader, the only
 * worker that writes the config topic. Sending happens on a thread of its own, so a slow or
 * dead leader never stalls the herder; failures are retried with the back-off the leader's own
 * writes take ({@link TaskConfigRetries}: 250 ms doubling to 60 s, as Apache's), asking each time
 * who the leader is now. A newer set of configs for a connector
 * replaces one still waiting, so only the latest is ever sent.
 */
final class TaskConfigForwarder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TaskConfigForwarder.class);
    private static final long FIRST_BACKOFF_MS = TaskConfigRetries.FIRST_BACKOFF_MS;
    private static final long MAX_BACKOFF_MS = TaskConfigRetries.MAX_BACKOFF_MS;

    private final InterWorkerClient client;
    private final Supplier<String> leaderUrl;
    private final Supplier<SessionKey> sessionKey;
    private final String signatureAlgorithm;
    private final Map<String, List<Map<String, String>>> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "task-config-forwarder");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param leaderUrl  the leader's REST URL now, or null while unknown
     * @param sessionKey the key to sign with, or null when the cluster does not sign requests
     */
    TaskConfigForwarder(InterWorkerClient client, Supplier<String> leaderUrl, Supplier<SessionKey> sessionKey,
                        String signatureAlgorithm) {
        this.client = client;
        this.leaderUrl = leaderUrl;
        this.sessionKey = sessionKey;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    void forward(String connector, List<Map<String, String>> taskConfigs) {
        boolean alreadyWaiting = pending.put(connector, taskConfigs) != null;
        if (!alreadyWaiting) {
            sender.execute(() -> send(connector, FIRST_BACKOFF_MS));
        }
    }

    private void send(String connector, long backoffMs) {
        List<Map<String, String>> configs = pending.get(connector);
        if (configs == null) {
            return;
        }
        String leader = leaderUrl.get();
        try {
            if (leader == null) {
                throw new IllegalStateException("no leader is known while the group rebalances");
            }
            client.postTaskConfigs(leader, connector, configs, sessionKey.get(), signatureAlgorithm);
            pending.remove(connector, configs);
            log.info("Sent {} task configuration(s) of connector {} to the leader at {}", configs.size(), connector, leader);
            if (pending.containsKey(connector)) {
                sender.execute(() -> send(connector, FIRST_BACKOFF_MS));
            }
        } catch (RuntimeException e) {
            log.warn("Could not send the task configurations of connector {} to the leader ({}); retrying in {} ms: {}",
                    connector, leader, backoffMs, e.getMessage());
            long next = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
            sender.schedule(() -> send(connector, next), backoffMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Forgets a connector's waiting configs, e.g. when it stops running here. */
    void cancel(String connector) {
        pending.remove(connector);
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}

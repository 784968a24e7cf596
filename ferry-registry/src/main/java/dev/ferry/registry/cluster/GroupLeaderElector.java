package dev.ferry.registry.cluster;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.ApiVersions;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.GroupRebalanceConfig;
import org.apache.kafka.clients.Metadata;
import org.apache.kafka.clients.MetadataRecoveryStrategy;
import org.apache.kafka.clients.NetworkClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.internals.ConsumerNetworkClient;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.internals.ClusterResourceListeners;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.network.Selector;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elects the one instance that writes, through Kafka's group coordinator, as Confluent's registry does with
 * {@code schema.registry.group.id}.
 *
 * <h2>Design</h2>
 * Every instance joins the group with protocol type {@code sr} and its identity (URL, eligibility); the broker
 * picks one member to compute the assignment, which names the leader ({@link LeaderChoice}). A thread of this
 * class polls the coordinator; kafka-clients' heartbeat thread keeps the membership alive between polls. When an
 * instance stops heart-beating (killed, partitioned) the broker drops it after {@code session.timeout.ms}
 * ({@code kafkagroup.session.timeout.ms}) and the others rebalance and elect again.
 *
 * <p>An instance that becomes leader first reads the schemas topic to its end ({@code onElected}, which writes and
 * waits for a NOOP marker) and only then reports {@link #isLeader()}: ids it allocates afterwards are above every
 * id any earlier leader wrote, so ids never collide across a failover. A revoked leader stops writing at the
 * start of the rebalance.
 *
 * <p>Thread contract: {@link #isLeader}, {@link #leaderUrl} and {@link #awaitLeader} may be called from any
 * thread; {@link #start} and {@link #close} by the owner.
 */
public final class GroupLeaderElector implements Leadership, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupLeaderElector.class);
    /** The longest one poll of the coordinator blocks, so close() is noticed promptly. */
    private static final long POLL_MS = 200;
    /** The longest close() waits for the LeaveGroup request. */
    private static final long LEAVE_TIMEOUT_MS = 5_000;

    /** What the elector needs. {@code onElected} runs on the elector's thread before this instance reports leading. */
    public record Settings(String groupId, Map<String, Object> clientConfig, String host, int port, boolean eligible,
                           int sessionTimeoutMs, int heartbeatIntervalMs, int rebalanceTimeoutMs, Runnable onElected) {
    }

    private final Settings settings;
    private final Object changes = new Object();
    private final Metrics metrics;
    private final ConsumerNetworkClient client;
    private final RegistryCoordinator coordinator;
    private final Thread thread;
    private volatile boolean closing;
    // Guarded by changes.
    private boolean leader;
    private String leaderUrl;

    public GroupLeaderElector(Settings settings) {
        this.settings = settings;
        Map<String, Object> config = new HashMap<>(settings.clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "sr-" + settings.host() + ":" + settings.port());
        ConsumerConfig clientConfig = new ConsumerConfig(config);
        String clientId = clientConfig.getString(CommonClientConfigs.CLIENT_ID_CONFIG);
        LogContext logContext = new LogContext("[Schema registry clientId=" + clientId + ", groupId="
                + settings.groupId() + "] ");
        Time time = Time.SYSTEM;
        this.metrics = new Metrics(time);
        this.client = networkClient(clientConfig, clientId, metrics, time, logContext);
        GroupRebalanceConfig rebalance = new GroupRebalanceConfig(settings.sessionTimeoutMs(),
                settings.rebalanceTimeoutMs(), settings.heartbeatIntervalMs(), settings.groupId(), Optional.empty(),
                null, clientConfig.getLong(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG),
                clientConfig.getLong(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG));
        MemberIdentity identity = new MemberIdentity(settings.host(), settings.port(), settings.eligible(), "http", false);
        this.coordinator = new RegistryCoordinator(rebalance, logContext, client, metrics, time, identity,
                this::assigned, this::revoked);
        this.thread = new Thread(this::run, "schema-registry-leader-elector | " + settings.groupId());
        this.thread.setDaemon(true);
    }

    private static ConsumerNetworkClient networkClient(ConsumerConfig config, String clientId, Metrics metrics,
                                                       Time time, LogContext logContext) {
        long retryBackoffMs = config.getLong(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG);
        long retryBackoffMaxMs = config.getLong(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG);
        Metadata metadata = new Metadata(retryBackoffMs, retryBackoffMaxMs,
                config.getLong(CommonClientConfigs.METADATA_MAX_AGE_CONFIG), logContext, new ClusterResourceListeners());
        List<InetSocketAddress> addresses = ClientUtils.parseAndValidateAddresses(
                config.getList(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG),
                config.getString(CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG));
        metadata.bootstrap(addresses);
        int requestTimeoutMs = config.getInt(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG);
        NetworkClient network = new NetworkClient(
                new Selector(config.getLong(CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG), metrics, time,
                        "schema-registry", ClientUtils.createChannelBuilder(config, time, logContext), logContext),
                metadata, clientId, 100,
                config.getLong(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG),
                config.getLong(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG),
                config.getInt(CommonClientConfigs.SEND_BUFFER_CONFIG),
                config.getInt(CommonClientConfigs.RECEIVE_BUFFER_CONFIG),
                requestTimeoutMs,
                config.getLong(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG),
                config.getLong(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG),
                time, true, new ApiVersions(), logContext,
                MetadataRecoveryStrategy.forName(config.getString(CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG)));
        return new ConsumerNetworkClient(logContext, network, metadata, time, retryBackoffMs, requestTimeoutMs,
                Integer.MAX_VALUE);
    }

    /** Starts joining the group; {@link #awaitLeader} tells when a leader is known. */
    public void start() {
        thread.start();
    }

    private void run() {
        while (!closing) {
            try {
                coordinator.poll(POLL_MS);
            } catch (WakeupException e) {
                // close() woke us up
            } catch (RuntimeException e) {
                if (!closing) {
                    log.warn("Schema registry group membership failed: {}; retrying. Check kafkastore.bootstrap.servers "
                            + "and that schema.registry.group.id ('{}') is not a consumer group's id.", e.toString(),
                            settings.groupId());
                    sleepQuietly(1_000);
                }
            }
        }
    }

    private void assigned(GroupProtocol.Assignment assignment) {
        boolean me = assignment.leaderId() != null && assignment.leaderId().equals(coordinator.joinedMemberId());
        String url = assignment.leader() == null ? null : assignment.leader().url();
        if (me) {
            try {
                settings.onElected().run();
            } catch (RuntimeException e) {
                log.error("Elected leader but could not read the schemas topic to its end; not taking writes until the "
                        + "next rebalance: {}", e.getMessage());
                coordinator.requestRejoin("the new leader could not catch up with the schemas topic");
                return;
            }
        }
        synchronized (changes) {
            leader = me;
            leaderUrl = url;
            changes.notifyAll();
        }
        log.info(me ? "This instance is the schema registry leader ({})" : "The schema registry leader is {}",
                url == null ? "unknown: no eligible instance" : url);
    }

    private void revoked() {
        synchronized (changes) {
            leader = false;
            leaderUrl = null;
            changes.notifyAll();
        }
    }

    @Override
    public boolean isLeader() {
        synchronized (changes) {
            return leader;
        }
    }

    @Override
    public String leaderUrl() {
        synchronized (changes) {
            return leaderUrl;
        }
    }

    @Override
    public boolean awaitLeader(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (changes) {
            while (leaderUrl == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(changes, left);
            }
            return true;
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Leaves the group (the others elect at once) and stops the threads. */
    @Override
    public void close() {
        closing = true;
        client.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        revoked();
        try {
            coordinator.leave(LEAVE_TIMEOUT_MS);
        } catch (RuntimeException e) {
            log.warn("Could not leave the schema registry group cleanly; the others notice after the session timeout", e);
        }
        Utils.closeQuietly(metrics, "schema registry group metrics");
        Utils.closeQuietly(client, "schema registry group network client");
    }
}

package dev.ferry.runtime.cluster.group;

import dev.ferry.runtime.cluster.ClusterWork;
import dev.ferry.runtime.cluster.GroupListener;
import dev.ferry.runtime.cluster.Membership;
import dev.ferry.runtime.cluster.WorkerAssignment;
import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.config.WorkerConfig;
import dev.ferry.runtime.model.Sentences;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.ApiVersions;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.GroupRebalanceConfig;
import org.apache.kafka.clients.Metadata;
import org.apache.kafka.clients.MetadataRecoveryStrategy;
import org.apache.kafka.clients.NetworkClient;
import org.apache.kafka.clients.consumer.internals.ConsumerNetworkClient;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.internals.ClusterResourceListeners;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.MetricsReporter;
import org.apache.kafka.common.network.ChannelBuilder;
import org.apache.kafka.common.network.Selector;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;

/**
 * This worker's membership in its Connect cluster: it joins the Kafka consumer group named by
 * {@code group.id} with protocol type {@code connect}, takes part in rebalances (as leader it
 * assigns connectors and tasks), and tells the herder through a {@link GroupListener} what to stop
 * and what to run. Subscriptions and assignments are Apache Kafka Connect's bytes, so Apache and
 * Ferry workers can share one group; see {@link CooperativeAssignor} for how work is placed and
 * where Ferry deliberately differs (a departed worker's work moves at once).
 *
 * <h2>Threads</h2>
 * One thread, the herder's, owns the member: it calls {@link #poll}, {@link #requestRejoin} and
 * {@link #close}, and receives the listener calls inside {@code poll}. {@link #wakeup} and the
 * read-only accessors may be called from any thread. A heartbeat thread of kafka-clients keeps
 * the membership alive while the herder is busy, up to {@code rebalance.timeout.ms} between polls
 * (after that the member leaves the group, as Apache's does).
 *
 * <h2>Clients</h2>
 * The member has its own network client, built from the worker's unprefixed settings (bootstrap
 * servers, security, timeouts), client id {@code connect-<host:port of the REST URL>} unless
 * {@code client.id} is set, and metrics in the {@code connect-coordinator-metrics} group under
 * JMX domain {@code kafka.connect}, as Apache's.
 */
public final class WorkerGroupMember implements Membership {
    private static final String JMX_PREFIX = "kafka.connect";
    private static final String METRIC_GROUP_PREFIX = "connect";
    /** The longest {@link #close} waits for the LeaveGroup request to go out. */
    private static final long CLOSE_TIMEOUT_MS = 5_000;
    /** In-flight requests per broker connection; the member sends few at a time. */
    private static final int MAX_IN_FLIGHT_REQUESTS = 100;

    private final Logger log;
    private final String clientId;
    private final Time time;
    private final long retryBackoffMaxMs;
    private final Metrics metrics;
    private final ConsumerNetworkClient client;
    private final ScheduledExecutorService alarms;
    private final WorkerCoordinator coordinator;
    private final String groupId;
    /** How long the worker may be outside its group before {@link #problem()} says so: its session timeout. */
    private final long outsideGraceMs;
    /** Since when (the member's clock) the worker has been outside its group, or -1; written on the poll thread. */
    private volatile long outsideSinceMs = -1;
    /** When the poll thread last came out of {@link #poll} (the member's clock). */
    private volatile long lastPollEndMs;
    private volatile boolean everSettled;
    private boolean closed;

    /**
     * Creates the member; it joins on the first {@link #poll}.
     *
     * @param config         the distributed worker settings
     * @param restUrl        this worker's advertised REST URL, e.g. {@code http://10.0.0.5:8083/}
     * @param configuredWork the herder's current view of the config topic: asked for the config
     *                       offset each time the member joins, and, on the leader, for the work to
     *                       assign; called on the poll thread
     * @param listener       receives revocations and assignments, on the poll thread
     * @param time           the clock (tests may pass a mock)
     */
    public WorkerGroupMember(DistributedConfig config, String restUrl, Supplier<ClusterWork> configuredWork,
                             GroupListener listener, Time time) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(restUrl, "restUrl");
        Objects.requireNonNull(configuredWork, "configuredWork");
        Objects.requireNonNull(listener, "listener");
        this.time = Objects.requireNonNull(time, "time");
        String configuredClientId = config.getString(CommonClientConfigs.CLIENT_ID_CONFIG);
        this.clientId = configuredClientId.isEmpty() ? "connect-" + workerId(restUrl) : configuredClientId;
        LogContext logContext = new LogContext("[Worker clientId=" + clientId + ", groupId=" + config.groupId() + "] ");
        this.log = logContext.logger(WorkerGroupMember.class);
        this.retryBackoffMaxMs = config.getLong(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG);
        this.groupId = config.groupId();
        this.outsideGraceMs = config.getInt(CommonClientConfigs.SESSION_TIMEOUT_MS_CONFIG);
        Metrics createdMetrics = null;
        ConsumerNetworkClient createdClient = null;
        ScheduledExecutorService createdAlarms = null;
        try {
            createdMetrics = metrics(config, clientId, time);
            createdClient = networkClient(config, clientId, createdMetrics, time, logContext);
            createdAlarms = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "connect-group-poll-deadline | " + clientId);
                thread.setDaemon(true);
                return thread;
            });
            this.coordinator = new WorkerCoordinator(
                    new GroupRebalanceConfig(config, GroupRebalanceConfig.ProtocolType.CONNECT), logContext,
                    createdClient, createdMetrics, METRIC_GROUP_PREFIX, time, restUrl, configuredWork, listener,
                    Subprotocol.ofSetting(config.connectProtocol()), createdAlarms);
        } catch (RuntimeException | Error e) {
            if (createdAlarms != null) {
                createdAlarms.shutdownNow();
            }
            Utils.closeQuietly(createdClient, "Connect group network client");
            Utils.closeQuietly(createdMetrics, "Connect group metrics");
            throw new KafkaException("Cannot create the Connect group member for group '" + config.groupId()
                    + "': " + e.getMessage(), e);
        }
        this.metrics = createdMetrics;
        this.client = createdClient;
        this.alarms = createdAlarms;
        AppInfoParser.registerAppInfo(JMX_PREFIX, clientId, metrics, time.milliseconds());
    }

    /** The worker id Apache derives from the REST URL: {@code host:port}. */
    static String workerId(String restUrl) {
        URI uri = URI.create(restUrl);
        if (uri.getHost() == null) {
            return restUrl;
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    private static Metrics metrics(DistributedConfig config, String clientId, Time time) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("client-id", clientId);
        MetricConfig metricConfig = new MetricConfig()
                .samples(config.getInt(CommonClientConfigs.METRICS_NUM_SAMPLES_CONFIG))
                .timeWindow(config.getLong(CommonClientConfigs.METRICS_SAMPLE_WINDOW_MS_CONFIG), TimeUnit.MILLISECONDS)
                .tags(tags);
        List<MetricsReporter> reporters = CommonClientConfigs.metricsReporters(clientId, config);
        Map<String, Object> labels = new LinkedHashMap<>(config.originalsWithPrefix(CommonClientConfigs.METRICS_CONTEXT_PREFIX));
        labels.put(WorkerConfig.CONNECT_GROUP_ID, config.groupId());
        return new Metrics(metricConfig, reporters, time, new KafkaMetricsContext(JMX_PREFIX, labels));
    }

    private static ConsumerNetworkClient networkClient(DistributedConfig config, String clientId, Metrics metrics,
                                                       Time time, LogContext logContext) {
        long retryBackoffMs = config.getLong(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG);
        long retryBackoffMaxMs = config.getLong(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG);
        Metadata metadata = new Metadata(retryBackoffMs, retryBackoffMaxMs,
                config.getLong(CommonClientConfigs.METADATA_MAX_AGE_CONFIG), logContext, new ClusterResourceListeners());
        List<InetSocketAddress> addresses = ClientUtils.parseAndValidateAddresses(
                config.getList(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG),
                config.getString(CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG));
        metadata.bootstrap(addresses);
        ChannelBuilder channelBuilder = ClientUtils.createChannelBuilder(config, time, logContext);
        int requestTimeoutMs = config.getInt(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG);
        NetworkClient network = new NetworkClient(
                new Selector(config.getLong(CommonClientConfigs.CONNECTIONS_MAX_IDLE_MS_CONFIG), metrics, time,
                        METRIC_GROUP_PREFIX, channelBuilder, logContext),
                metadata,
                clientId,
                MAX_IN_FLIGHT_REQUESTS,
                config.getLong(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG),
                config.getLong(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG),
                config.getInt(CommonClientConfigs.SEND_BUFFER_CONFIG),
                config.getInt(CommonClientConfigs.RECEIVE_BUFFER_CONFIG),
                requestTimeoutMs,
                config.getLong(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG),
                config.getLong(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG),
                time,
                true,
                new ApiVersions(),
                logContext,
                MetadataRecoveryStrategy.forName(config.getString(CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG)));
        return new ConsumerNetworkClient(logContext, network, metadata, time, retryBackoffMs, requestTimeoutMs,
                Integer.MAX_VALUE);
    }

    /**
     * Keeps the membership going for up to {@code timeoutMs}: finds the coordinator, joins or
     * rejoins when needed (calling the listener), and sends heartbeats. Returns at the timeout,
     * after {@link #wakeup}, or right after an assignment was handed to the listener, so the
     * herder can act on it. Broker trouble is logged and retried, never thrown; exceptions from
     * the listener do propagate.
     *
     * @throws InterruptException if the calling thread is interrupted
     */
    @Override
    public void poll(long timeoutMs) {
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("poll timeout must be 0 or more, was " + timeoutMs);
        }
        ensureOpen();
        long deadline = time.milliseconds() + Math.min(timeoutMs, Long.MAX_VALUE / 2);
        try {
            coordinator.poll(timeoutMs);
        } catch (WakeupException woken) {
            // wakeup() or the poll deadline cut a blocking call short; the coordinator resumes next time
        } catch (InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            log.error("Connect group membership failed: {} Retrying; if this persists, check the worker's group.id "
                    + "(it must not be the name of a consumer group), its ACLs on the group, and its security settings.",
                    Sentences.end(e), e);
            long pause = Math.min(retryBackoffMaxMs, Math.max(0, deadline - time.milliseconds()));
            time.sleep(pause);
        } finally {
            notePlaceInGroup();
        }
    }

    /** On the poll thread, after each poll: whether the worker is a settled member, and since when it is not. */
    private void notePlaceInGroup() {
        lastPollEndMs = time.milliseconds();
        if (coordinator.settledMember()) {
            everSettled = true;
            outsideSinceMs = -1;
        } else if (everSettled && outsideSinceMs < 0) {
            outsideSinceMs = time.milliseconds();
        }
    }

    /**
     * Why the worker is outside its group, once it has been for longer than its session timeout
     * after it first joined (a broker restart or a rebalance the group survives stays shorter), or
     * its herder thread has not polled the group for that long (then nothing else is noted either);
     * empty otherwise. Start-up before the first join is the herder's "starting", not this.
     */
    @Override
    public Optional<String> problem() {
        long now = time.milliseconds();
        long sincePollMs = now - lastPollEndMs;
        if (everSettled && sincePollMs >= outsideGraceMs) {
            // The herder thread has not polled: it notes nothing, and takes no part in the group's decisions.
            return Optional.of("This worker has not taken part in its Connect group '" + groupId + "' for "
                    + sincePollMs / 1000 + " s: its herder thread is busy (often waiting for Kafka to take a write to "
                    + "the config topic). It carries on by itself; check that the brokers run and that this worker can "
                    + "reach them.");
        }
        long since = outsideSinceMs;
        if (since < 0) {
            return Optional.empty();
        }
        long outsideMs = now - since;
        if (outsideMs < outsideGraceMs) {
            return Optional.empty();
        }
        String why = coordinator.current() == null
                ? "it holds no assignment, so it runs no connectors or tasks"
                : "it cannot reach the group coordinator or its rebalance has not completed";
        return Optional.of("This worker has been outside its Connect group '" + groupId + "' for " + outsideMs / 1000
                + " s: " + why + ". It keeps trying to rejoin; check that the brokers run and that this worker can "
                + "reach them, and the logs of the group's other workers.");
    }

    /** Makes a blocked or future {@link #poll} return promptly. Thread-safe. */
    @Override
    public void wakeup() {
        client.wakeup();
    }

    /**
     * Asks for a rebalance on the next {@link #poll}, e.g. once the herder caught up with the
     * config topic after a failed assignment.
     */
    @Override
    public void requestRejoin(String reason) {
        coordinator.requestRejoinByWorker(reason);
    }

    /** This member's id in the group, or the empty string before it first joined. */
    public String memberId() {
        return coordinator.joinedMemberId();
    }

    /** The generation of the last assignment handed to the listener, or -1 before the first. */
    @Override
    public int generation() {
        return coordinator.joinedGeneration();
    }

    /** Whether this worker was the leader of the last rebalance it took part in. */
    @Override
    public boolean isLeader() {
        WorkerAssignment current = coordinator.current();
        return current != null && coordinator.joinedMemberId().equals(current.leaderId());
    }

    /**
     * The advertised REST URLs of the group's members as of the last rebalance, known only to the
     * leader (the members' subscriptions reach the leader alone); empty on a follower.
     */
    @Override
    public List<String> memberUrls() {
        return isLeader() ? coordinator.memberUrls() : List.of();
    }

    /** The leader's advertised REST URL, or null while unknown. */
    @Override
    public String leaderUrl() {
        WorkerAssignment current = coordinator.current();
        return current == null ? null : current.leaderUrl();
    }

    /** The Connect protocol version in use: 0 (eager), 1 (compatible) or 2 (sessioned). */
    @Override
    public short protocolVersion() {
        return coordinator.protocolVersion();
    }

    /**
     * Whether a rebalance is needed or under way: true from the moment a rejoin becomes necessary
     * until the listener has received the resulting assignment.
     */
    @Override
    public boolean rebalancing() {
        return coordinator.rebalancing();
    }

    /** Always: the group is shared with the cluster's other workers. */
    @Override
    public boolean distributed() {
        return true;
    }

    /** This member's client id, e.g. {@code connect-10.0.0.5:8083}. */
    public String clientId() {
        return clientId;
    }

    /**
     * Leaves the group at once, so the other workers rebalance without waiting for this one's
     * session to expire, and releases the member's threads and connections. Waits at most a few
     * seconds for an unreachable broker. Call on the poll thread; the herder stops its own work.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        alarms.shutdownNow();
        try {
            coordinator.leave(CLOSE_TIMEOUT_MS);
        } catch (RuntimeException e) {
            log.warn("Could not leave the Connect group cleanly; the others will notice after session.timeout.ms", e);
        }
        Utils.closeQuietly(metrics, "Connect group metrics");
        Utils.closeQuietly(client, "Connect group network client");
        AppInfoParser.unregisterAppInfo(JMX_PREFIX, clientId, metrics);
        log.info("Left the Connect group");
    }

    /** The coordinator, for tests in this package that freeze or inspect it. */
    WorkerCoordinator coordinator() {
        return coordinator;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("This Connect group member is closed; create a new one to rejoin");
        }
    }
}

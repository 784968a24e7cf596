package dev.ferry.cli.doctor;

import dev.ferry.runtime.model.Sentences;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Whether the worker's {@code bootstrap.servers} answer within the doctor's timeout, with the worker's security
 * settings, and which Kafka version the cluster runs (its finalized {@code metadata.version}).
 */
final class BrokerCheck {
    static final String CHECK = "kafka";

    private BrokerCheck() {
    }

    /** The number of brokers, or -1 when the cluster could not be reached (the later Kafka checks are skipped). */
    static int run(Admin admin, String bootstrapServers, Duration timeout, Report report) {
        Collection<Node> nodes;
        String clusterId;
        try {
            var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            clusterId = cluster.clusterId().get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            nodes = cluster.nodes().get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            report.error(CHECK, unreachable(bootstrapServers, timeout, e.getCause()));
            return -1;
        } catch (TimeoutException e) {
            report.error(CHECK, unreachable(bootstrapServers, timeout, e));
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.error(CHECK, "Interrupted while contacting Kafka at " + bootstrapServers);
            return -1;
        }
        report.ok(CHECK, "reachable at " + bootstrapServers + ": cluster " + clusterId + ", " + nodes.size()
                + " broker(s), " + version(admin, timeout));
        return nodes.size();
    }

    private static String unreachable(String bootstrapServers, Duration timeout, Throwable cause) {
        if (cause instanceof AuthenticationException) {
            return "Kafka at bootstrap.servers=" + bootstrapServers + " refused the worker's credentials: "
                    + Sentences.end(cause.getMessage()) + " Check security.protocol and the sasl.*/ssl.* settings of the worker.";
        }
        if (cause instanceof UnsupportedVersionException) {
            return "Kafka at bootstrap.servers=" + bootstrapServers + " is too old for Ferry's Kafka 4 clients ("
                    + cause.getMessage() + "). Upgrade the brokers to Kafka 2.1 or newer (3.x or 4.x recommended).";
        }
        String why = cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException
                ? "no answer within " + timeout.toSeconds() + " s" : String.valueOf(cause.getMessage());
        return "Cannot reach Kafka at bootstrap.servers=" + bootstrapServers + " (" + why + "). Check that the "
                + "brokers run and are reachable from this machine, that bootstrap.servers names their advertised "
                + "listeners, and that security.protocol matches the listener.";
    }

    /** The cluster's version as far as the broker tells it; never a finding, as every supported broker answers. */
    private static String version(Admin admin, Duration timeout) {
        FeatureMetadata features;
        try {
            features = admin.describeFeatures().featureMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause() instanceof UnsupportedVersionException
                    ? "Kafka older than 2.7 (no feature versions)" : "version unknown (" + e.getCause().getMessage() + ")";
        } catch (TimeoutException e) {
            return "version unknown (no answer to DescribeFeatures)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "version unknown";
        }
        FinalizedVersionRange level = features.finalizedFeatures().get(MetadataVersion.FEATURE_NAME);
        if (level == null) {
            return "no finalized metadata.version (ZooKeeper mode or Kafka before 3.3)";
        }
        try {
            return "metadata.version " + MetadataVersion.fromFeatureLevel(level.maxVersionLevel()).version();
        } catch (IllegalArgumentException e) {
            return "metadata.version level " + level.maxVersionLevel() + " (newer than Ferry's Kafka clients know)";
        }
    }
}

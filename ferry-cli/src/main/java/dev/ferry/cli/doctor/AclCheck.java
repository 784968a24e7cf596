package dev.ferry.cli.doctor;

import dev.ferry.runtime.config.DistributedConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ClassicGroupDescription;
import org.apache.kafka.clients.admin.DescribeClassicGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What the worker's principal may do, as the broker itself says: describe calls made with the worker's credentials
 * and {@code includeAuthorizedOperations} return the operations the authorizer allows that principal. A
 * distributed worker must read and describe its group (join, sync, heartbeat, commit) and read, write and describe
 * each internal topic. Without an authorizer every operation is allowed.
 */
final class AclCheck {
    static final String CHECK = "acls";
    private static final Set<AclOperation> GROUP_NEEDS = EnumSet.of(AclOperation.READ, AclOperation.DESCRIBE);
    private static final Set<AclOperation> TOPIC_NEEDS = EnumSet.of(AclOperation.READ, AclOperation.WRITE,
            AclOperation.DESCRIBE);

    private AclCheck() {
    }

    static void run(Admin admin, DistributedConfig config, Duration timeout, Report report) {
        int before = report.findings().size();
        boolean groupExists = group(admin, config.groupId(), timeout, report);
        topics(admin, List.of(config.configTopic(), config.offsetsTopic(), config.statusTopic()), timeout, report);
        if (report.findings().size() == before) {
            report.ok(CHECK, "the worker's principal may " + (groupExists ? "read and describe group '"
                    + config.groupId() + "'" : "describe group '" + config.groupId() + "' (it has no members yet, "
                    + "so the broker does not say whether it may read it)") + ", and read, write and describe the "
                    + "internal topics that exist");
        }
    }

    /** Reports what the principal may not do with the group; false when the group does not exist (yet). */
    private static boolean group(Admin admin, String groupId, Duration timeout, Report report) {
        String grant = "kafka-acls.sh --add --allow-principal User:<worker> --operation Read --operation Describe "
                + "--group " + groupId;
        ClassicGroupDescription group;
        try {
            group = admin.describeClassicGroups(List.of(groupId),
                            new DescribeClassicGroupsOptions().includeAuthorizedOperations(true))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(groupId);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return false; // authorized to describe it (checked first), but there is nothing to describe yet
            }
            if (e.getCause() instanceof GroupAuthorizationException) {
                report.error(CHECK, "The worker's principal may not describe group '" + groupId + "' (group.id), so it "
                        + "cannot join the cluster. Grant it READ and DESCRIBE on the group (" + grant + ").");
            } else {
                report.error(CHECK, "Could not describe group '" + groupId + "': " + e.getCause().getMessage());
            }
            return true;
        } catch (TimeoutException e) {
            report.error(CHECK, "Kafka did not describe group '" + groupId + "' within " + timeout.toSeconds() + " s");
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
        Set<AclOperation> missing = missing(GROUP_NEEDS, group == null ? null : group.authorizedOperations());
        if (!missing.isEmpty()) {
            report.error(CHECK, "The worker's principal may not " + words(missing) + " group '" + groupId + "' "
                    + "(group.id), so it cannot join the cluster. Grant it READ and DESCRIBE on the group (" + grant
                    + ").");
        }
        return true;
    }

    private static void topics(Admin admin, List<String> topics, Duration timeout, Report report) {
        Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(topics,
                new DescribeTopicsOptions().includeAuthorizedOperations(true)).topicNameValues();
        Map<String, Set<AclOperation>> lacking = new LinkedHashMap<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> entry : futures.entrySet()) {
            try {
                TopicDescription topic = entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                Set<AclOperation> missing = missing(TOPIC_NEEDS, topic.authorizedOperations());
                if (!missing.isEmpty()) {
                    lacking.put(entry.getKey(), missing);
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicAuthorizationException) {
                    lacking.put(entry.getKey(), TOPIC_NEEDS);
                } else if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    // absent topics are the topic checks' business: whether the worker may create them
                    report.error(CHECK, "Could not describe topic '" + entry.getKey() + "': " + e.getCause().getMessage());
                }
            } catch (TimeoutException e) {
                report.error(CHECK, "Kafka did not describe topic '" + entry.getKey() + "' within " + timeout.toSeconds()
                        + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        lacking.forEach((topic, missing) -> report.error(CHECK, "The worker's principal may not " + words(missing)
                + " internal topic '" + topic + "'. Grant it READ, WRITE and DESCRIBE on the topic (kafka-acls.sh --add "
                + "--allow-principal User:<worker> --operation Read --operation Write --operation Describe --topic "
                + topic + ")."));
    }

    /** The needed operations not among those allowed; none when the broker did not say (null or unknown). */
    private static Set<AclOperation> missing(Set<AclOperation> needed, Set<AclOperation> allowed) {
        if (allowed == null || allowed.contains(AclOperation.ALL)) {
            return Set.of();
        }
        Set<AclOperation> missing = EnumSet.copyOf(needed);
        missing.removeAll(allowed);
        return missing;
    }

    private static String words(Set<AclOperation> operations) {
        List<String> names = new ArrayList<>();
        operations.forEach(op -> names.add(op.name().toLowerCase(Locale.ROOT)));
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}

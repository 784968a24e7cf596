package dev.ferry.runtime.task.source;

import dev.ferry.runtime.config.TopicCreationGroup;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a source task writes to, before the first record goes to each, as its
 * connector's topic creation groups say: the first group whose patterns match the topic. Topics seen once are remembered, so the broker is
 * asked at most once per topic per task.
 *
 * <p>Thread contract: used by the task thread; owns and closes the admin client.
 */
final class TopicCreator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TopicCreator.class);
    /** How long to wait for the broker to describe or create a topic. */
    private static final long ADMIN_TIMEOUT_MS = 30_000;

    private final Admin admin;
    private final List<TopicCreationGroup> groups;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    TopicCreator(Admin admin, List<TopicCreationGroup> groups) {
        this.admin = admin;
        this.groups = groups;
    }

    /** Makes sure {@code topic} exists, creating it if needed. */
    void ensureExists(String topic) {
        if (known.contains(topic)) {
            return;
        }
        try {
            if (!exists(topic)) {
                NewTopic newTopic = groupFor(topic).newTopic(topic);
                admin.createTopics(List.of(newTopic)).all().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                log.info("Created topic {} for a source task", newTopic);
            }
            known.add(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                known.add(topic);
                return;
            }
            throw new ConnectException("Task could not create topic '" + topic + "': " + e.getCause().getMessage()
                    + ". Make sure the task may create topics, or create the topic, then restart the task.",
                    e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ConnectException("Timed out after " + ADMIN_TIMEOUT_MS + " ms creating topic '" + topic
                    + "'; check that the brokers are reachable, then restart the task", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while creating topic '" + topic + "'", e);
        }
    }

    private TopicCreationGroup groupFor(String topic) {
        return groups.stream().filter(group -> group.matches(topic)).findFirst()
                .orElse(groups.get(groups.size() - 1));
    }

    @Override
    public void close() {
        admin.close();
    }

    private boolean exists(String topic) throws InterruptedException, java.util.concurrent.TimeoutException,
            ExecutionException {
        try {
            admin.describeTopics(List.of(topic)).allTopicNames().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }
}

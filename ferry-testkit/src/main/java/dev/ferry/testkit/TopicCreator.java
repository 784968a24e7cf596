package dev.ferry.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates a topic and waits until the broker can serve every partition of it.
 *
 * <p>The controller acknowledges a new topic before the broker has applied the metadata, and a
 * client that asks in between is told the topic does not exist. Tests should not have to retry
 * that, so creation returns only once a describe, answered by the broker, shows a leader for each
 * partition.
 */
final class TopicCreator {

    /** How long creation and the wait for leaders may take together before the test fails. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Pause between describes while waiting for partition leaders. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private TopicCreator() {
    }

    static void create(Admin admin, String name, int partitions, Map<String, String> configs) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                throw new IllegalStateException("Topic '" + name + "' already exists on this broker. "
                        + "A broker may be shared by several test classes, so give each test its own "
                        + "topic name (or use @WithKafka(dedicated = true)).", e.getCause());
            }
            throw new IllegalStateException("Could not create topic '" + name + "' with " + partitions
                    + " partition(s) and configs " + configs + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Creating topic '" + name + "' took longer than " + TIMEOUT
                    + "; is the broker still running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic '" + name + "'", e);
        }
        awaitLeaders(admin, name, partitions, deadline);
    }

    private static void awaitLeaders(Admin admin, String name, int partitions, long deadline) {
        String lastState = "not described yet";
        while (System.nanoTime() < deadline) {
            try {
                TopicDescription description = admin.describeTopics(List.of(name))
                        .allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(name);
                long withLeader = description.partitions().stream().filter(p -> p.leader() != null).count();
                if (description.partitions().size() == partitions && withLeader == partitions) {
                    return;
                }
                lastState = withLeader + " of " + partitions + " partitions have a leader";
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("Could not describe new topic '" + name + "': "
                            + e.getCause().getMessage(), e.getCause());
                }
                lastState = "the broker does not know the topic yet";
            } catch (TimeoutException e) {
                lastState = "describe timed out";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for topic '" + name + "'", e);
            }
            sleep(POLL_INTERVAL);
        }
        throw new IllegalStateException("Topic '" + name + "' was created but not ready within " + TIMEOUT
                + " (" + lastState + ")");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a new topic", e);
        }
    }
}

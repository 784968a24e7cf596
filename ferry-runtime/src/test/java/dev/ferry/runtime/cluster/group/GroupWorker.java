package dev.ferry.runtime.cluster.group;

import dev.ferry.runtime.cluster.ClusterWork;
import dev.ferry.runtime.cluster.GroupListener;
import dev.ferry.runtime.cluster.WorkerAssignment;
import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.model.ConnectorTaskId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Time;

/**
 * A stand-in for the distributed herder in group tests: one thread polls a real
 * {@link WorkerGroupMember} in a loop and records what the listener is told to run and to stop.
 * On a failed assignment it does what the herder does: catch up with the config topic (its view
 * becomes the topic's latest state) and rejoin.
 */
final class GroupWorker implements GroupListener, AutoCloseable {
    private final String name;
    private final WorkerGroupMember member;
    private final Thread pollThread;
    private final List<Collection<?>> revocations = new CopyOnWriteArrayList<>();
    private final List<WorkerAssignment> assignments = new CopyOnWriteArrayList<>();
    private volatile WorkerAssignment current;
    private volatile boolean running = true;
    private volatile boolean polling = true;
    private volatile Throwable failure;
    private final AtomicReference<ClusterWork> view;
    private final Supplier<ClusterWork> configTopic;

    /**
     * @param view        what this worker has read of the config topic
     * @param configTopic the config topic's latest state, read when catching up
     */
    GroupWorker(String name, String bootstrapServers, String groupId, Map<String, String> overrides,
                AtomicReference<ClusterWork> view, Supplier<ClusterWork> configTopic) {
        this.name = name;
        this.view = view;
        this.configTopic = configTopic;
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", groupId);
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("config.storage.topic", groupId + "-configs");
        props.put("offset.storage.topic", groupId + "-offsets");
        props.put("status.storage.topic", groupId + "-status");
        props.put("session.timeout.ms", "6000");
        props.put("heartbeat.interval.ms", "500");
        props.putAll(overrides);
        this.member = new WorkerGroupMember(new DistributedConfig(props), url(), view::get, this, Time.SYSTEM);
        this.pollThread = new Thread(this::pollLoop, "group-test-" + name);
        pollThread.start();
    }

    private void pollLoop() {
        try {
            while (running) {
                if (polling) {
                    member.poll(200);
                } else {
                    Thread.sleep(20);
                }
            }
        } catch (Throwable e) {
            failure = e;
        }
    }

    String url() {
        return "http://" + name + ".test:8083/";
    }

    WorkerGroupMember member() {
        return member;
    }

    @Override
    public void onRevoked(String leaderId, Collection<String> connectors, Collection<ConnectorTaskId> tasks) {
        revocations.add(List.copyOf(connectors));
        revocations.add(List.copyOf(tasks));
    }

    @Override
    public void onAssigned(WorkerAssignment assignment, int generation) {
        current = assignment;
        assignments.add(assignment);
        if (assignment.failed()) {
            view.set(configTopic.get());
            member.requestRejoin("caught up with the config topic after a failed assignment");
        }
    }

    /** What the member was last told to run, or null. */
    WorkerAssignment current() {
        return current;
    }

    List<WorkerAssignment> assignments() {
        return assignments;
    }

    boolean revokedAnything() {
        return revocations() > 0;
    }

    /** How many revocations gave up some work so far. */
    long revocations() {
        return revocations.stream().filter(c -> !c.isEmpty()).count();
    }

    List<String> connectors() {
        WorkerAssignment held = current;
        return held == null ? List.of() : new ArrayList<>(held.connectors());
    }

    List<ConnectorTaskId> tasks() {
        WorkerAssignment held = current;
        return held == null ? List.of() : new ArrayList<>(held.tasks());
    }

    /** Stops calling poll, as a herder stuck in a long operation would. */
    void stopPolling() {
        polling = false;
    }

    void resumePolling() {
        polling = true;
    }

    Throwable failure() {
        return failure;
    }

    /** Stops the poll loop and leaves the group. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        member.wakeup();
        pollThread.join(10_000);
        member.close();
    }

    @Override
    public String toString() {
        return name + " " + current;
    }
}

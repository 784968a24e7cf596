package dev.ferry.runtime.cluster.group;

import dev.ferry.runtime.cluster.ClusterWork;
import dev.ferry.runtime.cluster.GroupListener;
import dev.ferry.runtime.cluster.WorkerAssignment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.model.ConnectorTaskId;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A member whose broker is down: polling neither throws nor hangs past its timeout or a wakeup,
 * and closing does not hang. The limits asserted are generous liveness bounds, not speed.
 */
class WorkerGroupMemberUnreachableBrokerTest {
    private static final Duration LIVENESS = Duration.ofSeconds(20);

    private WorkerGroupMember member;
    private volatile boolean listenerCalled;

    @BeforeEach
    void createMember() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DistributedConfig config = new DistributedConfig(Map.of(
                "bootstrap.servers", "127.0.0.1:" + closedPort,
                "group.id", "unreachable",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.storage.StringConverter",
                "config.storage.topic", "configs",
                "offset.storage.topic", "offsets",
                "status.storage.topic", "status",
                "heartbeat.interval.ms", "200"));
        member = new WorkerGroupMember(config, "http://127.0.0.1:18083/", () -> ClusterWork.EMPTY, new GroupListener() {
            @Override
            public void onRevoked(String leaderId, Collection<String> connectors, Collection<ConnectorTaskId> tasks) {
                listenerCalled = true;
            }

            @Override
            public void onAssigned(WorkerAssignment assignment, int generation) {
                listenerCalled = true;
            }
        }, Time.SYSTEM);
    }

    @AfterEach
    void close() {
        assertTimeoutPreemptively(LIVENESS, () -> member.close());
    }

    @Test
    void poll_returnsAtItsTimeout_withoutThrowing() {
        assertTimeoutPreemptively(LIVENESS, () -> {
            member.poll(300);
            member.poll(0);
            member.poll(300);
        });

        assertThat(listenerCalled).isFalse();
        assertThat(member.generation()).isEqualTo(-1);
        assertThat(member.memberId()).isEmpty();
        assertThat(member.leaderUrl()).isNull();
        assertThat(member.isLeader()).isFalse();
        assertThat(member.rebalancing()).isTrue();
        assertThat(member.clientId()).isEqualTo("connect-127.0.0.1:18083");
    }

    @Test
    void wakeup_endsALongPoll() {
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(member::wakeup);

        assertTimeoutPreemptively(LIVENESS, () -> member.poll(Duration.ofMinutes(10).toMillis()));
    }

    @Test
    void workerId_isHostAndPortOfTheRestUrl() {
        assertThat(WorkerGroupMember.workerId("http://10.0.0.5:8083/")).isEqualTo("10.0.0.5:8083");
        assertThat(WorkerGroupMember.workerId("https://connect.example.com/")).isEqualTo("connect.example.com:443");
        assertThat(WorkerGroupMember.workerId("http://worker/")).isEqualTo("worker:80");
    }
}

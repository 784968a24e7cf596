package dev.ferry.runtime.herder.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.herder.Herder;
import dev.ferry.runtime.model.TaskInfo;
import dev.ferry.testkit.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two connectors of a two-worker cluster, one on the leader and one on the follower, ask for new
 * task configs while the broker is down: the leader's write of its own connector's configs times
 * out, and so does its write of the configs the follower sends it. Once the broker is back, both
 * connectors' tasks run with the new configs, with nothing but the runtime's own retries: the
 * leader writes its connector's configs again after a back-off (as Apache's herder does), the
 * follower sends its connector's again. Before, the leader never wrote them again, and its
 * connector kept its old tasks until something else reconfigured it.
 *
 * <p>The workers' session timeout is longer than the outage, so they keep their assignment and
 * no restart of the connectors reconfigures them on the way; config-topic writes time out after
 * 2 s instead of 30 s, so that a short outage makes them fail. Uses a broker of its own.
 */
class TaskConfigsAfterBrokerOutageTest extends OwnBrokerClusterTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);
    /** Long enough for each worker's first write attempts to time out, shorter than the session timeout. */
    private static final long OUTAGE_MS = 6_000;

    @Test
    void taskConfigsNotStoredDuringAnOutage_areStoredAfterIt_forTheLeadersAndTheFollowersConnector() throws Exception {
        broker = KafkaBroker.builder().build().start();
        fixture = ClusterHerderFixture.start(broker, scratch, new ClusterHerderFixture.Tuning(
                Map.of("session.timeout.ms", "30000", "heartbeat.interval.ms", "1000"), WRITE_TIMEOUT));
        List<String> connectors = List.of(uniqueName("reconfigured"), uniqueName("reconfigured"));
        for (String connector : connectors) {
            Files.writeString(markerFile(connector), "before");
            createRunning(connector, scripted().markedBy(markerFile(connector), 2), 2);
        }
        String leader = fixture.send(Herder::clusterMembers).leaderUrl();
        Set<Boolean> onLeader = connectors.stream()
                .map(c -> leader.contains("/" + status(c).connector().workerId() + "/")).collect(Collectors.toSet());
        assertThat(onLeader).as("one connector runs on the leader %s, the other on the follower", leader)
                .containsExactlyInAnyOrder(true, false);

        broker.stop();
        for (String connector : connectors) {
            Files.writeString(markerFile(connector), "after");
        }
        Thread.sleep(OUTAGE_MS);
        broker.restart();

        for (String connector : connectors) {
            Eventually.holds(PATIENCE, () -> {
                assertThat(taskConfigs(connector)).extracting(TaskInfo::config)
                        .allSatisfy(config -> assertThat(config).containsEntry("marker", "after")).hasSize(2);
                for (int task = 0; task < 2; task++) {
                    assertThat(scripted().lastTaskLine(connector, task)).startsWith("start marker=after");
                }
            });
            awaitStates(connector, running(2));
        }
    }

    private Path markerFile(String connector) {
        return scratch.resolve(connector + ".marker");
    }
}

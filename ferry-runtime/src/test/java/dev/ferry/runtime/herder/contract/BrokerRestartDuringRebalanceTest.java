package dev.ferry.runtime.herder.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.herder.Herder;
import dev.ferry.testkit.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker of a two-worker cluster stops right after a rebalance (a new connector's), and stays
 * down past the workers' session timeout (6 s here), so both have left their group and are in a
 * rebalance, trying to rejoin, when it comes back. Meanwhile each worker's health says it is
 * outside its group (what {@code /health/ready} answers with 503); once the broker is back, the
 * cluster settles: every connector and task runs again, each exactly once (no task left running on
 * two workers), and both workers are healthy. Uses a broker of its own, since it stops it.
 *
 * <p>The new connector is left to reach RUNNING with its tasks before the broker stops: a leader
 * whose write of task configs times out in the outage does not write them again once the broker is
 * back (the connector stays without tasks until a follower's forwarder retries, up to 32 s later);
 * that is reported to the herder's owners, not pinned here.
 */
class BrokerRestartDuringRebalanceTest implements HerderContract {
    private static final Duration OUTAGE_PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path scratch;
    private KafkaBroker broker;
    private HerderFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    public HerderFixture fixture() {
        return fixture;
    }

    @Override
    public void useFixture(HerderFixture restarted) {
        fixture = restarted;
    }

    @Test
    void brokerRestartedDuringARebalance_readinessSaysOutsideTheGroup_thenEveryTaskRunsOnceAgain() throws Exception {
        broker = KafkaBroker.builder().build().start();
        fixture = ClusterHerderFixture.start(broker, scratch);
        String before = uniqueName("before-outage");
        createRunning(before, scripted().config(2, "b"), 2);
        assertThat(healthOfEachWorker()).extracting(Herder.WorkerHealth::status).containsOnly("healthy");

        String during = uniqueName("rebalancing");
        createRunning(during, scripted().config(2, "r"), 2);
        broker.stop();

        Eventually.holds(OUTAGE_PATIENCE, () -> assertThat(healthOfEachWorker()).allSatisfy(health -> {
            assertThat(health.status()).isEqualTo("unhealthy");
            assertThat(health.message()).containsPattern("^This worker has (been outside|not taken part in) its Connect "
                    + "group 'herder-contract-").contains("check that the brokers run").doesNotContain("..");
        }));
        broker.restart();

        awaitStates(before, running(2));
        awaitStates(during, running(2));
        Eventually.holds(OUTAGE_PATIENCE, () -> assertThat(healthOfEachWorker()).extracting(Herder.WorkerHealth::status)
                .containsOnly("healthy"));
        for (String connector : List.of(before, during)) {
            for (int task = 0; task < 2; task++) {
                List<String> log = scripted().taskLog(connector, task);
                long starts = log.stream().filter(line -> line.startsWith("start")).count();
                long stops = log.stream().filter(line -> line.equals("stop")).count();
                assertThat(starts - stops).as("running instances of %s task %d (log %s)", connector, task, log)
                        .isEqualTo(1);
            }
        }
    }

    private List<Herder.WorkerHealth> healthOfEachWorker() {
        return fixture.readEach(h -> h.health().toCompletableFuture().join()).stream().toList();
    }
}

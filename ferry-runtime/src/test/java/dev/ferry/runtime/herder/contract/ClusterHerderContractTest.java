package dev.ferry.runtime.herder.contract;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The herder contract against a distributed cluster of two workers on the test-kit broker, started
 * once for the class; requests go to the follower and are forwarded to the leader as through REST.
 */
@WithKafka
class ClusterHerderContractTest implements ConnectorConfigContract, ConnectorLifecycleContract, RestartContract,
        OffsetsContract, WorkerModeContract, PersistenceContract {
    @TempDir
    static Path scratch;
    private static HerderFixture fixture;

    @BeforeAll
    static void startCluster(KafkaBroker broker) throws Exception {
        fixture = ClusterHerderFixture.start(broker, scratch);
    }

    @AfterAll
    static void stopCluster() {
        if (fixture != null) {
            fixture.close();
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
}

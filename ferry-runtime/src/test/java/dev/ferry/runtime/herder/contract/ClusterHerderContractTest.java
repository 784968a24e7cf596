package dev.ferry.runtime.herder.contract;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
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

    /*
     * Bug found by this suite, not fixed here: a distributed worker answers GET offsets from its
     * offsets store's snapshot without reading the offsets topic to its end (KafkaOffsetStore#snapshot
     * through ConnectorOffsetsEditor#readSource), and an alter completes when the broker acknowledged
     * the write, before the store has read it back. So offsets read right after an alter or a reset
     * are often the old ones, on both workers, the leader that wrote them included (failed in 5 of 7
     * runs, with the old DistributedHerder and with WorkerHerder alike). Apache reads the topic to its
     * end before answering. The reset works out which partitions to remove from the same snapshot, so
     * a reset right after an alter can miss the altered partitions: it answered success and both
     * partitions stayed, on both workers, for the 30 s the test waited (seen in 1 of 8 runs, with the
     * old DistributedHerder). Remove these overrides when the offsets API reads to the end.
     */

    @Test
    @Disabled("Ferry bug: offsets read right after an alter or reset are stale in distributed mode (see above)")
    @Override
    public void offsetsAlteredOrReset_areReadBackAtOnce_onEveryWorker() {
        OffsetsContract.super.offsetsAlteredOrReset_areReadBackAtOnce_onEveryWorker();
    }

    @Test
    @Disabled("Ferry bug: a reset right after an alter can leave the altered offsets in distributed mode (see above)")
    @Override
    public void reset_rightAfterAnAlter_removesTheAlteredPartitionsToo() {
        OffsetsContract.super.reset_rightAfterAnAlter_removesTheAlteredPartitionsToo();
    }
}

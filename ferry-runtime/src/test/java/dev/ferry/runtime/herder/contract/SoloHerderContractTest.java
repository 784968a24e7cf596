package dev.ferry.runtime.herder.contract;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The herder contract against a standalone worker's control plane: no broker, one herder, its
 * connectors and offsets in temporary files.
 */
class SoloHerderContractTest implements ConnectorConfigContract, ConnectorLifecycleContract, RestartContract,
        OffsetsContract, WorkerModeContract, PersistenceContract {
    @TempDir
    static Path scratch;
    private static HerderFixture fixture;

    @BeforeAll
    static void startHerder() throws Exception {
        fixture = SoloHerderFixture.start(scratch);
    }

    @AfterAll
    static void stopHerder() {
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

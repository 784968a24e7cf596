package dev.ferry.runtime.herder.contract;

import dev.ferry.testkit.KafkaBroker;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster test that stops and restarts its broker, so it starts one of its own (never the
 * shared test-kit broker other classes use) and a herder fixture on it in each test; both are
 * closed after the test, the fixture first.
 */
abstract class OwnBrokerClusterTest implements HerderContract {
    @TempDir
    Path scratch;
    KafkaBroker broker;
    HerderFixture fixture;

    @AfterEach
    void closeClusterAndBroker() {
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
}

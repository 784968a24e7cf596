package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The console's overview in a real browser, served by either worker of a two-worker cluster. */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleOverviewIT {
    private ConsoleCluster cluster;
    private Browser browser;

    @BeforeAll
    void start(KafkaBroker broker) {
        cluster = ConsoleCluster.shared(broker);
        browser = Browser.start();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theOverview_servedByTheSecondWorker_listsAConnectorMadeOnTheFirst() {
        cluster.createFileSink("overview-sink", "overview-lines", "overview-sink.txt");
        cluster.awaitStatus("overview-sink", "RUNNING", "RUNNING", 1);

        browser.open(cluster.consoleUrl(1, ""));
        browser.heading("Overview");
        browser.link("overview-sink");
        browser.awaitText("RUNNING");
        browser.screenshot("overview");

        assertThat(browser.severeLogs()).isEmpty();
    }
}

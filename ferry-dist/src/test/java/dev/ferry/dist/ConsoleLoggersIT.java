package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The loggers page in a real browser: a level changed on the serving worker only, and one for the whole cluster. */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleLoggersIT {
    private static final String WORKER_LOGGER = "dev.ferry.consoleit.worker";
    private static final String CLUSTER_LOGGER = "dev.ferry.consoleit.cluster";

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
    void aLevelSetForThisWorker_changesOnlyTheServingWorker() {
        browser.open(cluster.consoleUrl(1, "#/loggers"));
        browser.heading("Loggers");
        browser.awaitText("root");

        browser.type("Logger", WORKER_LOGGER);
        new Select(browser.field("Level")).selectByVisibleText("DEBUG");
        browser.find(By.xpath("//button[normalize-space(.)='Set level']")).click();
        browser.testId("logger-success");

        assertThat(cluster.worker(1).json("/admin/loggers/" + WORKER_LOGGER).path("level").asText()).isEqualTo("DEBUG");
        assertThat(cluster.worker(0).get("/admin/loggers/" + WORKER_LOGGER).statusCode()).isEqualTo(404);
        browser.await(Browser.WAIT, "the new level in the table", () -> browser
                .find(By.cssSelector("tr[data-logger='" + WORKER_LOGGER + "']")).getText().contains("DEBUG"));
        browser.screenshot("loggers");
    }

    @Test
    void aLevelSetForTheCluster_reachesEveryWorker() {
        browser.open(cluster.consoleUrl(0, "#/loggers"));
        browser.heading("Loggers");

        browser.type("Logger", CLUSTER_LOGGER);
        new Select(browser.field("Level")).selectByVisibleText("TRACE");
        browser.find(By.xpath("//label[contains(normalize-space(.), 'Every worker of the cluster')]/input")).click();
        browser.find(By.xpath("//button[normalize-space(.)='Set level']")).click();
        assertThat(browser.testId("logger-success").getText()).contains("every worker");

        for (WorkerProcess worker : cluster.workers()) {
            worker.await(Duration.ofSeconds(30), CLUSTER_LOGGER + " at TRACE on " + worker.workerId(), () ->
                    worker.get("/admin/loggers/" + CLUSTER_LOGGER).statusCode() == 200
                            && worker.json("/admin/loggers/" + CLUSTER_LOGGER).path("level").asText().equals("TRACE"));
        }
        assertThat(browser.severeLogs()).isEmpty();
    }
}

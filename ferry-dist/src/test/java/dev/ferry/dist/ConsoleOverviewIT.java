package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's overview in a real browser against the two-worker cluster: both workers with the
 * leader marked, whichever worker serves the page; a failing task's trace at the top, restarted from
 * there once its cause is fixed; connectors found by name, class, topic and config value; live
 * updates without reload; a phone-sized layout. And the console costs a worker nothing until it is
 * opened: no class of it is loaded before the first request for {@code /ui/}.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleOverviewIT {
    private KafkaBroker broker;
    private ConsoleCluster cluster;
    private Browser browser;

    @BeforeAll
    void start(KafkaBroker broker) {
        this.broker = broker;
        cluster = ConsoleCluster.shared(broker);
        browser = Browser.start();
        cluster.createFileSink("overview-orders-sink", "overview-orders", "overview-orders.txt");
        cluster.createFileSource("overview-audit-source", "overview-audit.txt", "overview-audit");
        cluster.createFailingSink("overview-broken-sink", "overview-broken");
        cluster.awaitStatus("overview-orders-sink", "RUNNING", "RUNNING", 1);
        cluster.awaitStatus("overview-audit-source", "RUNNING", "RUNNING", 1);
        cluster.awaitStatus("overview-broken-sink", "RUNNING", "FAILED", 1);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (cluster != null) {
            for (String name : List.of("overview-orders-sink", "overview-audit-source", "overview-broken-sink",
                    "overview-late-sink")) {
                cluster.delete(name);
            }
        }
    }

    @Test
    @Order(1)
    void bothWorkers_areListedWithTheLeaderMarked_whicheverWorkerServesTheConsole() {
        JsonNode workers = cluster.json("/workers");
        String leader = workers.path("leader").asText();
        assertThat(workers.path("mode").asText()).isEqualTo("distributed");
        assertThat(workers.path("workers")).hasSize(2);

        for (int i = 0; i < 2; i++) {
            browser.open(cluster.consoleUrl(i, ""));
            browser.heading("Overview");
            browser.await(Browser.WAIT, "both workers listed", () ->
                    browser.testId("worker-table").findElements(By.cssSelector("tbody tr")).size() == 2);
            for (WorkerProcess worker : cluster.workers()) {
                String expected = leader.contains(worker.workerId()) ? "leader" : "follower";
                String version = workers.path("workers").get(0).path("version").asText();
                browser.await(Browser.WAIT, worker.workerId() + " listed as " + expected + " with version " + version, () -> {
                    String row = browser.find(By.cssSelector("[data-testid='worker-table'] tr[data-worker='"
                            + worker.workerId() + "']")).getText();
                    return row.contains(expected) && row.contains(version);
                });
            }
        }
        browser.screenshot("overview");
        assertThat(browser.severeLogs()).isEmpty();
    }

    /**
     * The first load of the console in a fresh browser: the files' compressed size (kept under a budget, so
     * a heavy library cannot slip in unnoticed) and the time until the connectors are shown, written to
     * {@code target/ui-first-load.txt} for the benchmarks' report.
     */
    @Test
    @Order(2)
    void theFirstLoad_isSmallAndCompressed() throws Exception {
        try (Browser fresh = Browser.start()) {
            fresh.open(cluster.consoleUrl(0, ""));
            fresh.testId("connector-table");
            Number shownMs = (Number) fresh.script("return performance.now()");
            @SuppressWarnings("unchecked")
            Map<String, Object> load = (Map<String, Object>) fresh.script(
                    "const files = performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))"
                    + ".filter(e => new URL(e.name).pathname.startsWith('/ui/'));"
                    + "return {files: files.length, encoded: files.reduce((n, e) => n + e.encodedBodySize, 0),"
                    + " decoded: files.reduce((n, e) => n + e.decodedBodySize, 0)};");
            long encoded = ((Number) load.get("encoded")).longValue();
            long decoded = ((Number) load.get("decoded")).longValue();
            String report = String.format("/ui/ first load: %s files, %d bytes compressed (%d uncompressed), "
                    + "connectors shown %.0f ms after navigation%n", load.get("files"), encoded, decoded, shownMs.doubleValue());
            Files.writeString(Path.of("target", "ui-first-load.txt"), report);
            System.out.print(report);
            assertThat(encoded).as("bytes of the console's files on the wire").isLessThan(64 * 1024);
            assertThat(encoded).as("compressed").isLessThan(decoded / 2);
        }
    }

    @Test
    @Order(3)
    void aFailingTasksTrace_isAtTheTopOfTheOverview_andRestartingItOnceFixedMakesItRun() throws Exception {
        browser.open(cluster.consoleUrl(1, ""));
        WebElement failure = browser.find(By.cssSelector("[data-testid='failure'][data-connector='overview-broken-sink']"));
        assertThat(failure.getText()).contains("Task 0 of overview-broken-sink");
        assertThat(failure.findElement(By.cssSelector("[data-testid='trace-summary']")).getText())
                .contains("Exception");
        // The failures come before the connectors table, and failing connectors lead the table.
        Number failuresTop = (Number) browser.script("return document.querySelector('[data-testid=failures]').getBoundingClientRect().top");
        Number tableTop = (Number) browser.script("return document.querySelector('[data-testid=connector-table]').getBoundingClientRect().top");
        assertThat(failuresTop.doubleValue()).isLessThan(tableTop.doubleValue());
        assertThat(shown().get(0)).isEqualTo("overview-broken-sink");

        failure.findElement(By.tagName("summary")).click();
        String trace = failure.findElement(By.cssSelector("[data-testid='trace'] pre")).getText();
        assertThat(trace).contains("at ").contains(cluster.missingDirOf("overview-broken-sink").toString());
        browser.screenshot("overview-failure");

        Files.createDirectories(cluster.missingDirOf("overview-broken-sink"));
        browser.click("Restart task 0 of overview-broken-sink");
        browser.testId("notice-success");
        cluster.awaitStatus("overview-broken-sink", "RUNNING", "RUNNING", 1);
        browser.await(Browser.WAIT, "the failure gone from the page",
                () -> browser.all(By.cssSelector("[data-testid='failure'][data-connector='overview-broken-sink']")).isEmpty());
    }

    @Test
    @Order(4)
    void connectors_areFoundByNameClassTopicAndConfigValue() {
        browser.open(cluster.consoleUrl(0, ""));
        browser.testId("connector-table");
        browser.await(Browser.WAIT, "three connectors", () -> shown().size() == 3);

        search("orders-sink");
        assertThat(shown()).containsExactly("overview-orders-sink");
        search("FileStreamSource");
        assertThat(shown()).containsExactly("overview-audit-source");
        search("overview-broken");
        assertThat(shown()).containsExactly("overview-broken-sink");
        search("overview-orders.txt");
        assertThat(shown()).as("a config value (the sink's file)").containsExactly("overview-orders-sink");
        search("");
        new Select(browser.testId("overview-type")).selectByVisibleText("Sources");
        browser.await(Browser.WAIT, "sources only", () -> shown().equals(List.of("overview-audit-source")));
        assertThat(browser.url()).contains("type=source");
        new Select(browser.testId("overview-type")).selectByVisibleText("Sources and sinks");
        browser.await(Browser.WAIT, "all three again", () -> shown().size() == 3);
    }

    @Test
    @Order(5)
    void aConnectorCreatedElsewhere_appearsWithoutReload_andPausedOnesComeBeforeRunningOnes() {
        browser.open(cluster.consoleUrl(1, ""));
        browser.await(Browser.WAIT, "three connectors", () -> shown().size() == 3);
        browser.script("window.__sameDocument = true");

        cluster.createFileSink("overview-late-sink", "overview-late", "overview-late.txt");
        assertThat(cluster.worker(0).put("/connectors/overview-orders-sink/pause", "").statusCode()).isEqualTo(202);

        browser.await(Browser.WAIT, "the new connector listed", () -> shown().contains("overview-late-sink"));
        browser.await(Browser.WAIT, "the paused connector first", () -> shown().get(0).equals("overview-orders-sink"));
        assertThat(browser.script("return window.__sameDocument === true")).as("no reload").isEqualTo(true);
        assertThat(cluster.worker(0).put("/connectors/overview-orders-sink/resume", "").statusCode()).isEqualTo(202);
    }

    @Test
    @Order(6)
    void onAPhoneSizedScreen_theOverviewFitsTheWidth() {
        browser.open(cluster.consoleUrl(0, ""));
        browser.await(Browser.WAIT, "connectors", () -> shown().size() >= 3);
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            Number overflow = (Number) browser.script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow.intValue()).as("horizontal overflow of the page at 390 px").isLessThanOrEqualTo(0);
        } finally {
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(Browser.WIDTH, Browser.HEIGHT));
        }
        browser.screenshotAt("overview-phone", 390);
    }

    @Test
    @Order(7)
    void aWorkerLoadsNoConsoleClass_untilTheConsoleIsFirstRequested() throws Exception {
        Path dir = Files.createTempDirectory("ferry-console-cost-");
        try (WorkerProcess worker = WorkerProcess.startDistributed(dir, broker.bootstrapServers(), "console-cost-it",
                Map.of(), List.of("-Xlog:class+load=info"))) {
            worker.await(Duration.ofSeconds(60), "worker healthy",
                    () -> worker.get("/health").statusCode() == 200);
            assertThat(worker.get("/connectors").statusCode()).isEqualTo(200);
            assertThat(worker.logText()).contains("dev.ferry.rest.RestServer").doesNotContain("dev.ferry.rest.console.");

            assertThat(worker.get("/ui/").statusCode()).isEqualTo(200);
            worker.await(Duration.ofSeconds(5), "console classes loaded",
                    () -> worker.logText().contains("dev.ferry.rest.console.ConsoleResource"));
        }
    }

    private void search(String text) {
        WebElement search = browser.field("Search connectors");
        search.clear();
        search.sendKeys(text);
    }

    private List<String> shown() {
        return browser.all(By.cssSelector("[data-testid='connector-table'] tbody tr")).stream()
                .map(row -> row.getAttribute("data-connector"))
                .filter(name -> name.startsWith("overview-")) // other console tests share the cluster
                .toList();
    }
}

package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * A connector's page in a real browser against the two-worker cluster, served by the worker that is
 * not necessarily the leader: secrets masked and {@code ${env:...}} references shown as stored;
 * pause, resume and stop; offsets edited while STOPPED (and the precondition explained before);
 * a failed task's full trace and its restart; delete behind a confirmation that names the connector;
 * a connector that has no status yet (still starting) shown as such, not as missing.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleConnectorIT {
    private static final String SOURCE = "page-lines-source";
    private static final String BROKEN = "page-broken-sink";
    private static final String SLOW = "page-slow-jdbc-source";
    private static final String PLAIN_SECRET = "hunter2-plain-secret";
    private static final String REFERENCE = "${env:FERRY_IT_MARIADB_PASSWORD}";

    private ConsoleCluster cluster;
    private Browser browser;
    private Path lines;

    @BeforeAll
    void start(KafkaBroker broker) throws Exception {
        cluster = ConsoleCluster.shared(broker);
        browser = Browser.start();
        lines = cluster.dir.resolve("page-lines.txt");
        Files.writeString(lines, "alpha\nbeta\ngamma\n");
        cluster.create(SOURCE, Map.of("connector.class", "FileStreamSource", "tasks.max", "1",
                "topic", "page-lines", "file", lines.toString(),
                "audit.password", PLAIN_SECRET, "db.password", REFERENCE));
        cluster.createFailingSink(BROKEN, "page-broken");
        cluster.awaitStatus(SOURCE, "RUNNING", "RUNNING", 1);
        cluster.awaitStatus(BROKEN, "RUNNING", "FAILED", 1);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (cluster != null) {
            cluster.delete(SOURCE);
            cluster.delete(BROKEN);
        }
    }

    @Test
    @Order(1)
    void theConfig_masksSecrets_andShowsReferencesAsStored() {
        browser.open(cluster.consoleUrl(1, "#/connectors/" + SOURCE));
        browser.heading(SOURCE);
        WebElement config = browser.testId("config");
        browser.await(Browser.WAIT, "the config table", () -> config.getText().contains("db.password"));

        assertThat(valueOf(config, "db.password")).contains(REFERENCE).contains("reference");
        assertThat(valueOf(config, "audit.password")).doesNotContain(PLAIN_SECRET).contains("••••");
        assertThat(valueOf(config, "file")).isEqualTo(lines.toString());
        browser.awaitText("RUNNING");
        assertThat(browser.text()).doesNotContain(PLAIN_SECRET).doesNotContain("ferry-maria-it-Secret-9");
        browser.screenshot("connector");

        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            Number overflow = (Number) browser.script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow.intValue()).as("horizontal overflow of the page at 390 px").isLessThanOrEqualTo(0);
        } finally {
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(Browser.WIDTH, Browser.HEIGHT));
        }
        browser.screenshotAt("connector-phone", 390);
    }

    @Test
    @Order(2)
    void pauseResumeAndStop_changeTheConnectorsState() {
        browser.open(cluster.consoleUrl(1, "#/connectors/" + SOURCE));
        awaitPageState("RUNNING");

        browser.click("Pause");
        cluster.awaitStatus(SOURCE, "PAUSED", "PAUSED", 1);
        awaitPageState("PAUSED");
        browser.click("Resume");
        cluster.awaitStatus(SOURCE, "RUNNING", "RUNNING", 1);
        awaitPageState("RUNNING");
        assertThat(browser.testId("offsets-precondition").getText()).contains("only while the connector is STOPPED");

        browser.click("Stop");
        cluster.awaitStatus(SOURCE, "STOPPED", "STOPPED", 0);
        awaitPageState("STOPPED");
    }

    @Test
    @Order(3)
    void offsetsOfAStoppedConnector_areEditedInThePage() {
        browser.open(cluster.consoleUrl(1, "#/connectors/" + SOURCE));
        awaitPageState("STOPPED");
        browser.await(Browser.WAIT, "the offsets read (position 17)",
                () -> browser.text().contains("\"position\": 17"));
        WebElement editor = browser.testId("offsets-editor");
        assertThat(editor.getAttribute("value")).contains("\"position\": 17");

        editor.clear();
        editor.sendKeys("{\"offsets\":[{\"partition\":{\"filename\":\"" + lines + "\"},\"offset\":{\"position\":6}}]}");
        browser.click("Save offsets");
        browser.awaitText("The offsets for this connector have been altered successfully");

        JsonNode offsets = cluster.json("/connectors/" + SOURCE + "/offsets");
        assertThat(offsets.path("offsets").get(0).path("offset").path("position").asLong()).isEqualTo(6);
        browser.screenshot("connector-offsets-stopped");

        browser.click("Resume");
        cluster.awaitStatus(SOURCE, "RUNNING", "RUNNING", 1);
    }

    @Test
    @Order(4)
    void aFailedTasksFullTrace_isShownAndCopyable_andTheTaskIsRestartedFromThePage() throws Exception {
        browser.open(cluster.consoleUrl(0, "#/connectors/" + BROKEN));
        browser.heading(BROKEN);
        browser.find(By.xpath("//summary[normalize-space(.)='Full trace of task 0']")).click();
        String trace = browser.find(By.cssSelector("[data-testid='task-trace-0'] pre")).getText();
        assertThat(trace).startsWith("org.apache.kafka.connect.errors.ConnectException").contains(" at ")
                .contains("Caused by");
        assertThat(browser.button("Copy trace of task 0").isEnabled()).isTrue();
        browser.screenshot("connector-failed-task");

        Files.createDirectories(cluster.missingDirOf(BROKEN));
        browser.click("Restart task 0");
        cluster.awaitStatus(BROKEN, "RUNNING", "RUNNING", 1);
        awaitTaskState("RUNNING");
    }

    @Test
    @Order(5)
    void delete_asksForAConfirmationNamingTheConnector_andCancelKeepsIt() {
        browser.open(cluster.consoleUrl(1, "#/connectors/" + BROKEN));
        browser.heading(BROKEN);
        awaitPageState("RUNNING");

        browser.click("Delete connector " + BROKEN);
        WebElement dialog = browser.testId("confirm-dialog");
        assertThat(dialog.getText()).contains("Delete connector " + BROKEN + "?");
        browser.screenshot("connector-delete-confirm");
        browser.press(Keys.ESCAPE);
        assertThat(cluster.worker(0).get("/connectors/" + BROKEN).statusCode()).isEqualTo(200);

        browser.click("Delete connector " + BROKEN);
        browser.click("Delete " + BROKEN);
        browser.heading("Overview");
        cluster.worker(0).await(Duration.ofSeconds(30), "connector deleted",
                () -> cluster.worker(0).get("/connectors/" + BROKEN).statusCode() == 404);
    }

    @Test
    @Order(6)
    void aConnectorWithoutAStatusYet_isShownAsStarting_notAsMissing() {
        // A JDBC source lists its tables in start(): against a closed port, with two attempts 10 s apart, it
        // has no status for 10 s (a worker writes the first when start() returns or throws), then it is FAILED.
        cluster.create(SLOW, Map.of("connector.class", "io.confluent.connect.jdbc.JdbcSourceConnector",
                "connection.url", "jdbc:postgresql://127.0.0.1:1/none", "connection.attempts", "2",
                "connection.backoff.ms", "10000", "mode", "bulk", "topic.prefix", "page-slow-"));
        try {
            browser.open(cluster.consoleUrl(1, "#/connectors/" + SLOW));
            browser.heading(SLOW);
            browser.awaitText(SLOW + " has no status yet");
            assertThat(browser.all(By.cssSelector("[data-testid='not-found']"))).isEmpty();
            awaitPageState("FAILED");
            assertThat(browser.all(By.cssSelector("[data-testid='no-status-yet']"))).isEmpty();
        } finally {
            cluster.delete(SLOW);
        }
    }

    private void awaitPageState(String state) {
        browser.await(Browser.WAIT, "connector state " + state,
                () -> browser.testId("connector-state").getText().equals(state));
    }

    private void awaitTaskState(String state) {
        browser.await(Browser.WAIT, "task 0 " + state,
                () -> browser.find(By.cssSelector("[data-testid='tasks'] tr[data-task='0']")).getText().contains(state));
    }

    private static String valueOf(WebElement config, String key) {
        return config.findElement(By.cssSelector("tr[data-key='" + key + "'] td")).getText();
    }
}

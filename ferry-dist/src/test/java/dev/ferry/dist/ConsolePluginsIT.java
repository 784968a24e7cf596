package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The plugins page in a real browser: every type, config providers included, with versions and locations. */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsolePluginsIT {
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
    void everyTypeOfPlugin_isListedWithVersionAndLocation_andCanBeFiltered() {
        browser.open(cluster.consoleUrl(1, "#/plugins"));
        browser.heading("Plugins");

        WebElement sinks = browser.testId("plugins-sink");
        assertThat(row(sinks, "org.apache.kafka.connect.file.FileStreamSinkConnector"))
                .contains("4.3.1").contains("apache-connect-file");
        assertThat(browser.testId("plugins-source").getText()).contains("org.apache.kafka.connect.file.FileStreamSourceConnector");
        assertThat(row(browser.testId("plugins-configprovider"), "org.apache.kafka.common.config.provider.EnvVarConfigProvider"))
                .contains("classpath");
        assertThat(browser.testId("plugins-transformation").getText()).contains("org.apache.kafka.connect.transforms.InsertField$Value");
        assertThat(browser.testId("plugins-predicate").getText()).contains("org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
        assertThat(browser.testId("plugins-converter").getText()).contains("org.apache.kafka.connect.json.JsonConverter");
        assertThat(browser.testId("plugins-header_converter").isDisplayed()).isTrue();
        browser.screenshot("plugins");

        browser.type("Filter plugins", "FileStream");
        browser.await(Browser.WAIT, "only the file plugins", () ->
                browser.all(By.cssSelector("[data-testid='plugins-transformation']")).isEmpty());
        assertThat(browser.testId("plugins-sink").getText()).contains("FileStreamSinkConnector");
        assertThat(browser.url()).contains("q=FileStream");
        assertThat(browser.severeLogs()).isEmpty();
    }

    private static String row(WebElement section, String className) {
        for (WebElement row : section.findElements(By.cssSelector("tbody tr"))) {
            if (row.getText().startsWith(className)) {
                return row.getText();
            }
        }
        throw new AssertionError(className + " is not listed in: " + section.getText());
    }
}

package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * A keyboard-only walk through the console: from the overview, Tab to "New connector", choose
 * the FileStreamSink plugin in its list by typing, fill in the required settings, press Enter to
 * create it, see it run (a record produced to its topic arrives in its file), then Tab to Delete,
 * confirm in the dialog, and the connector is gone. No mouse click and no script: only Tab,
 * typing and Enter on whatever has the focus, as a keyboard user works.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleKeyboardIT {
    private static final String NAME = "keyboard-sink";
    private static final String TOPIC = "keyboard-lines";
    /** Enough Tab presses to cross the header and the form's plugin groups without looping forever. */
    private static final int MAX_TABS = 120;

    private KafkaBroker broker;
    private ConsoleCluster cluster;
    private Browser browser;

    @BeforeAll
    void start(KafkaBroker broker) {
        this.broker = broker;
        cluster = ConsoleCluster.shared(broker);
        browser = Browser.start();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (cluster != null) {
            cluster.delete(NAME);
        }
    }

    @Test
    void aConnectorIsCreatedRunAndDeletedWithTheKeyboardAlone() throws Exception {
        Path output = cluster.dir.resolve("keyboard-sink.txt");
        broker.createTopic(TOPIC, 1);
        browser.open(cluster.consoleUrl(1, ""));
        browser.heading("Overview");

        tabTo("the New connector link", e -> e.getTagName().equals("a") && e.getText().trim().equals("New connector"));
        browser.press(Keys.ENTER);
        browser.heading("New connector");

        WebElement plugin = tabTo("the plugin list", e -> "form-plugin".equals(e.getAttribute("id")));
        browser.press("FileStreamSink");
        browser.await(Browser.WAIT, "FileStreamSink chosen by typing",
                () -> plugin.getAttribute("value").equals("org.apache.kafka.connect.file.FileStreamSinkConnector"));
        tabTo("the name field", e -> "form-name".equals(e.getAttribute("id")));
        browser.press(NAME);
        // The plugin's settings arrive from the worker; wait for them before tabbing on.
        browser.await(Browser.WAIT, "the topics field", () -> !browser.all(org.openqa.selenium.By.id("cfg-topics")).isEmpty());
        tabTo("the topics field", e -> "cfg-topics".equals(e.getAttribute("id")));
        browser.press(TOPIC);
        tabTo("the file field", e -> "cfg-file".equals(e.getAttribute("id")));
        browser.press(output.toString());
        browser.screenshot("keyboard-create");
        browser.press(Keys.ENTER); // Enter in a text field submits the form

        browser.await(Browser.WAIT, "the connector page", () -> browser.url().endsWith("#/connectors/" + NAME));
        cluster.awaitStatus(NAME, "RUNNING", "RUNNING", 1);
        browser.awaitText("RUNNING");
        Map<String, Object> producer = new HashMap<>(broker.producerConfig());
        try (KafkaProducer<String, String> p = new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>(TOPIC, "typed without a mouse")).get();
        }
        cluster.worker(0).await(Duration.ofSeconds(30), "the record in " + output,
                () -> Files.exists(output) && Files.readString(output).contains("typed without a mouse"));

        tabTo("the Delete button", e -> ("Delete connector " + NAME).equals(e.getAttribute("aria-label")));
        browser.press(Keys.ENTER);
        WebElement cancel = browser.focused();
        assertThat(cancel.getText()).as("the dialog opens on Cancel, the safe choice").isEqualTo("Cancel");
        tabTo("the confirming button", e -> e.getText().trim().equals("Delete " + NAME));
        browser.screenshot("keyboard-delete-confirm");
        browser.press(Keys.ENTER);

        cluster.worker(0).await(Duration.ofSeconds(30), NAME + " deleted",
                () -> cluster.worker(0).get("/connectors/" + NAME).statusCode() == 404);
        browser.await(Browser.WAIT, "back on the overview", () -> browser.url().endsWith("#/"));
    }

    private WebElement tabTo(String what, java.util.function.Predicate<WebElement> test) {
        return browser.tabTo(what, test, MAX_TABS);
    }
}

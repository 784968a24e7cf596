package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * The console's connector form (form.js) in Chromium against a two-worker cluster: the seed's
 * examples are created from the form (a file source whose records get the seed's InsertField
 * transformation, a FileStreamSink with a dead letter queue, the seed's MySQL source with its
 * {@code ${env:...}} password, imported from its JSON file), a bad value is reported on its field
 * as it is typed, the JSON view follows the form and the form the JSON view, and editing sends
 * back untouched values exactly as stored: the {@code ${env:...}} reference and a masked plain
 * password survive a save that changed another key. Each step checks what the worker stored over
 * REST, not only what the page shows.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleFormIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUNNING = Duration.ofSeconds(60);

    private KafkaBroker broker;
    private Path dir;
    private ConsoleCluster cluster;
    private Browser browser;

    @BeforeAll
    void startClusterAndBrowser(KafkaBroker broker) {
        this.broker = broker;
        cluster = ConsoleCluster.shared(broker);
        dir = cluster.dir;
        browser = Browser.start();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void theSeedsInsertFieldTransformationAndAPredicateAreAddedFromTheInstalledPluginsAndTheRecordsCarryTheField() throws Exception {
        Path input = dir.resolve("insert-field-input.txt");
        Files.writeString(input, "hello\nworld\n");
        broker.createTopic("form-insert-field", 1);
        openNewForm(1);
        choosePlugin("org.apache.kafka.connect.file.FileStreamSourceConnector");
        typeName("form-insert-field");
        typeField("file", input.toString());
        typeField("topic", "form-insert-field");
        chooseField("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        // The converter's own settings come from the worker once it is chosen.
        chooseField("value.converter.schemas.enable", "false");
        // The seed's InsertField$Value needs a struct or map: HoistField makes one of each line first.
        addAlias("transforms", "wrap", "org.apache.kafka.connect.transforms.HoistField$Value");
        typeField("transforms.wrap.field", "line");
        addAlias("transforms", "insertTopic", "org.apache.kafka.connect.transforms.InsertField$Value");
        typeField("transforms.insertTopic.topic.field", "topic");
        // As the dev example does: skip tombstones, with a predicate chosen from the installed ones.
        addAlias("predicates", "isTombstone", "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone");
        chooseField("transforms.insertTopic.predicate", "isTombstone");
        chooseField("transforms.insertTopic.negate", "true");
        awaitJsonView("\"transforms.insertTopic.topic.field\": \"topic\"");
        browser.screenshot("form-create-insert-field");
        submit("form-insert-field");

        Map<String, String> expected = new TreeMap<>();
        expected.put("name", "form-insert-field");
        expected.put("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector");
        expected.put("file", input.toString());
        expected.put("topic", "form-insert-field");
        expected.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        expected.put("value.converter.schemas.enable", "false");
        expected.put("transforms", "wrap,insertTopic");
        expected.put("transforms.wrap.type", "org.apache.kafka.connect.transforms.HoistField$Value");
        expected.put("transforms.wrap.field", "line");
        expected.put("transforms.insertTopic.type", "org.apache.kafka.connect.transforms.InsertField$Value");
        expected.put("transforms.insertTopic.topic.field", "topic");
        expected.put("transforms.insertTopic.predicate", "isTombstone");
        expected.put("transforms.insertTopic.negate", "true");
        expected.put("predicates", "isTombstone");
        expected.put("predicates.isTombstone.type", "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone");
        assertThat(storedConfig("form-insert-field")).isEqualTo(expected);
        cluster.worker(0).awaitState("form-insert-field", "RUNNING", 1, RUNNING);
        cluster.worker(0).await(RUNNING, "two records on form-insert-field",
                () -> TopicRecords.read(broker, "form-insert-field").size() >= 2);
        List<JsonNode> values = new java.util.ArrayList<>();
        for (TopicRecords.Raw record : TopicRecords.read(broker, "form-insert-field")) {
            values.add(JSON.readTree(record.valueText()));
        }
        assertThat(values).containsExactly(
                JSON.readTree("{\"line\":\"hello\",\"topic\":\"form-insert-field\"}"),
                JSON.readTree("{\"line\":\"world\",\"topic\":\"form-insert-field\"}"));
    }

    @Test
    @Order(2)
    void aBadValueIsReportedOnItsFieldAsItIsTypedAndBlocksCreating() {
        // A link to the form may choose the plugin (#/new?plugin=...), e.g. from the plugins page.
        browser.open(cluster.consoleUrl(0, "#/new?plugin=org.apache.kafka.connect.file.FileStreamSinkConnector"));
        browser.heading("New connector");
        awaitField("tasks.max");
        assertThat(present("form-plugin").getAttribute("value")).isEqualTo("org.apache.kafka.connect.file.FileStreamSinkConnector");
        typeName("form-bad-value");
        typeField("tasks.max", "zero");
        WebElement error = present("error-tasks.max");
        browser.await(Browser.WAIT, "an error under tasks.max", () -> !error.getText().isBlank());
        assertThat(error.getText()).contains("tasks.max").contains("zero");
        assertThat(browser.testId("field-tasks.max").getAttribute("aria-invalid")).isEqualTo("true");
        // Nothing else is red: "topics" (or topics.regex) is needed, but the user has not reached it yet.
        assertThat(present("error-topics").getText()).isEmpty();
        assertThat(present("error-file").getText()).isEmpty();
        browser.screenshot("form-field-error");
        browser.screenshotAt("form-field-error-phone", 390);
        assertThat((Boolean) browser.script("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("no sideways scrolling at 1280 px").isTrue();

        browser.testId("form-submit").click();
        browser.await(Browser.WAIT, "the error summary", () -> browser.testId("form-summary").getText().contains("tasks.max"));
        // Now that Create was pressed, the unset settings it needs are pointed out too.
        assertThat(present("error-topics").getText()).contains("topics");
        assertThat(browser.focused().getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(cluster.worker(0).get("/connectors/form-bad-value").statusCode()).isEqualTo(404);

        typeField("tasks.max", "1");
        browser.await(Browser.WAIT, "the tasks.max error cleared", () -> present("error-tasks.max").getText().isEmpty());
    }

    @Test
    @Order(3)
    void aFileStreamSinkWithADeadLetterQueueIsCreatedFromTheErrorHandlingGroup() {
        Path output = dir.resolve("dlq-sink-output.txt");
        broker.createTopic("form-dlq-in", 1);
        openNewForm(1);
        choosePlugin("org.apache.kafka.connect.file.FileStreamSinkConnector");
        typeName("form-dlq-sink");
        typeField("topics", "form-dlq-in");
        typeField("file", output.toString());
        openGroup("group-error-handling");
        chooseField("errors.tolerance", "all");
        typeField("errors.deadletterqueue.topic.name", "form-dlq");
        typeField("errors.deadletterqueue.topic.replication.factor", "1");
        chooseField("errors.deadletterqueue.context.headers.enable", "true");
        chooseField("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        browser.screenshot("form-create-dlq-sink");
        submit("form-dlq-sink");

        Map<String, String> stored = storedConfig("form-dlq-sink");
        assertThat(stored).containsEntry("errors.tolerance", "all")
                .containsEntry("errors.deadletterqueue.topic.name", "form-dlq")
                .containsEntry("errors.deadletterqueue.topic.replication.factor", "1")
                .containsEntry("errors.deadletterqueue.context.headers.enable", "true")
                .containsEntry("topics", "form-dlq-in")
                .containsEntry("file", output.toString())
                .containsEntry("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        cluster.worker(0).awaitState("form-dlq-sink", "RUNNING", 1, RUNNING);
    }

    @Test
    @Order(4)
    void theSeedsMySqlSourceIsImportedFromItsFileAndAnEditKeepsItsEnvReference() throws Exception {
        String seed = Files.readString(WorkerProcess.distDir().resolve("examples/jdbc/mysql-source.json"));
        int closedPort = WorkerProcess.freePort();
        Path file = dir.resolve("mysql-source.json");
        Files.writeString(file, seed.replace("jdbc:mysql://localhost:3306/", "jdbc:mysql://127.0.0.1:" + closedPort + "/"));
        openNewForm(0);
        openGroup("form-json-panel");
        browser.testId("form-import").sendKeys(file.toString());
        browser.await(Browser.WAIT, "the imported plugin chosen",
                () -> new Select(browser.testId("form-plugin")).getFirstSelectedOption().getAttribute("value")
                        .endsWith("MySqlSourceConnector"));
        assertThat(browser.testId("form-name").getAttribute("value")).isEqualTo("mysql-source-connector");
        assertThat(field("connection.password").getAttribute("value")).isEqualTo("${env:MYSQL_PASSWORD}");
        assertThat(browser.testId("badge-connection.password").getText()).contains("reference");
        awaitJsonView("\"connection.password\": \"${env:MYSQL_PASSWORD}\"");
        awaitJsonView("\"tasks.max\": \"2\"");
        browser.screenshot("form-import-mysql-source");
        submit("mysql-source-connector");
        Map<String, String> created = storedConfig("mysql-source-connector");
        assertThat(created).containsEntry("connection.password", "${env:MYSQL_PASSWORD}").containsEntry("tasks.max", "2");

        browser.go("#/connectors/mysql-source-connector/edit"); // in the page that created it, as a user would
        browser.heading("Edit connector mysql-source-connector");
        awaitField("poll.interval.ms");
        typeField("poll.interval.ms", "2500");
        browser.screenshot("form-edit-env-reference");
        save("mysql-source-connector");

        Map<String, String> expected = new TreeMap<>(created);
        expected.put("poll.interval.ms", "2500");
        assertThat(storedConfig("mysql-source-connector")).isEqualTo(expected);
    }

    @Test
    @Order(5)
    void aStoredPlainPasswordIsNeverShownAndSurvivesAnEditOfAnotherKey() throws Exception {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "MySqlSourceConnector");
        config.put("connection.url", "jdbc:mysql://127.0.0.1:" + WorkerProcess.freePort() + "/db");
        config.put("connection.user", "connect");
        config.put("connection.password", "plain-Secret-4711");
        config.put("table.whitelist", "users");
        config.put("mode", "incrementing");
        config.put("incrementing.column.name", "id");
        config.put("topic.prefix", "masked-");
        assertThat(cluster.worker(1).put("/connectors/form-masked/config", JSON.writeValueAsString(config)).statusCode())
                .isEqualTo(201);

        browser.open(cluster.consoleUrl(0, "#/connectors/form-masked/edit"));
        browser.heading("Edit connector form-masked");
        WebElement password = awaitField("connection.password");
        assertThat(password.getAttribute("type")).isEqualTo("password");
        assertThat(password.getAttribute("value")).isEmpty();
        awaitJsonView("\"connection.password\": \"[hidden]\"");
        assertThat(browser.driver().getPageSource()).doesNotContain("plain-Secret-4711");
        assertThat((String) browser.script("return [...document.querySelectorAll('input,textarea')].map(e => e.value).join('\\n')"))
                .doesNotContain("plain-Secret-4711");

        typeField("topic.prefix", "masked2-");
        save("form-masked");
        Map<String, String> stored = storedConfig("form-masked");
        assertThat(stored).containsEntry("connection.password", "plain-Secret-4711").containsEntry("topic.prefix", "masked2-");
    }

    @Test
    @Order(6)
    void theJsonViewFollowsTheFormAndTheFormFollowsTheJsonViewAndIsWhatExportGives() throws Exception {
        openNewForm(1);
        choosePlugin("org.apache.kafka.connect.file.FileStreamSinkConnector");
        typeName("form-json-sync");
        typeField("topics", "a,b");
        openGroup("form-json-panel");
        awaitJsonView("\"topics\": \"a,b\"");

        WebElement json = browser.testId("form-json");
        String text = json.getAttribute("value").replace("\"topics\": \"a,b\"", "\"topics\": \"c\", \"tasks.max\": 3");
        browser.script("arguments[0].focus(); arguments[0].value = arguments[1];"
                + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}))", json, text);
        browser.await(Browser.WAIT, "topics taken from the JSON view", () -> "c".equals(field("topics").getAttribute("value")));
        assertThat(field("tasks.max").getAttribute("value")).isEqualTo("3");

        // Export: the file offered for download is the connector as POST /connectors takes it.
        browser.script("window.exported = null;"
                + " const create = URL.createObjectURL.bind(URL);"
                + " URL.createObjectURL = blob => { blob.text().then(t => { window.exported = t; }); return create(blob); };"
                + " HTMLAnchorElement.prototype.click = function () { window.exportedAs = this.download; };");
        click(present("form-export"));
        browser.await(Browser.WAIT, "the exported file", () -> browser.script("return window.exported") != null);
        assertThat(browser.script("return window.exportedAs")).isEqualTo("form-json-sync.json");
        JsonNode exported = JSON.readTree((String) browser.script("return window.exported"));
        assertThat(exported.path("name").asText()).isEqualTo("form-json-sync");
        assertThat(exported.path("config").path("topics").asText()).isEqualTo("c");
        assertThat(exported.path("config").path("tasks.max").asText()).isEqualTo("3");
        assertThat(exported.path("config").path("connector.class").asText())
                .isEqualTo("org.apache.kafka.connect.file.FileStreamSinkConnector");

        // Focused, as when a user types: a validation answer still in flight rewrites the view only while it is not.
        browser.script("arguments[0].focus(); arguments[0].value = '{\"name\": '; "
                + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}))", json);
        browser.await(Browser.WAIT, "the JSON error", () -> present("form-json-error").getText().contains("Not valid JSON"));
        assertThat(field("topics").getAttribute("value")).isEqualTo("c");
        browser.screenshot("form-json-view");
        // The form's modules logged no error (other pages' messages are theirs to check).
        assertThat(browser.severeLogs()).noneMatch(message -> message.matches("(?s).*/form(-model)?\\.(js|css).*"));
    }

    // ---- steps a user takes ------------------------------------------------------------------------

    private void openNewForm(int worker) {
        browser.open(cluster.consoleUrl(worker, "#/new"));
        browser.heading("New connector");
    }

    private void choosePlugin(String cls) {
        new Select(browser.testId("form-plugin")).selectByValue(cls);
        awaitField("tasks.max");
    }

    private void typeName(String name) {
        WebElement input = browser.testId("form-name");
        input.clear();
        input.sendKeys(name);
    }

    private WebElement field(String key) {
        return awaitField(key);
    }

    /** The element with {@code data-testid}, shown or not (an empty error line is hidden). */
    private WebElement present(String testId) {
        WebElement[] found = new WebElement[1];
        browser.await(Browser.WAIT, "element " + testId, () -> {
            List<WebElement> all = browser.all(By.cssSelector("[data-testid='" + testId + "']"));
            found[0] = all.isEmpty() ? null : all.get(0);
            return found[0] != null;
        });
        return found[0];
    }

    private WebElement awaitField(String key) {
        WebElement[] found = new WebElement[1];
        browser.await(Browser.WAIT, "field " + key, () -> {
            List<WebElement> all = browser.all(By.cssSelector("[data-testid='field-" + key + "']"));
            if (all.isEmpty()) {
                return false;
            }
            found[0] = all.get(0);
            return true;
        });
        WebElement group = found[0].findElement(By.xpath("ancestor::details[1]"));
        if (group.getAttribute("open") == null) {
            click(group.findElement(By.tagName("summary")));
        }
        return found[0];
    }

    private void openGroup(String testId) {
        WebElement group = browser.testId(testId);
        if (group.getAttribute("open") == null) {
            click(group.findElement(By.tagName("summary")));
        }
    }

    private void click(WebElement element) {
        browser.script("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private void typeField(String key, String value) {
        WebElement input = awaitField(key);
        input.clear();
        input.sendKeys(value);
    }

    /** Picks {@code value} from the field's choices, or types it where the worker recommends none. */
    private void chooseField(String key, String value) {
        WebElement input = awaitField(key);
        if (input.getTagName().equals("select")) {
            new Select(input).selectByValue(value);
        } else {
            input.clear();
            input.sendKeys(value);
        }
    }

    private void addAlias(String listKey, String alias, String type) {
        openGroup("section-" + listKey);
        WebElement aliasInput = browser.testId("add-" + listKey + "-alias");
        aliasInput.clear();
        aliasInput.sendKeys(alias);
        new Select(browser.testId("add-" + listKey + "-type")).selectByValue(type);
        browser.testId("add-" + listKey).click();
        awaitField(listKey + "." + alias + ".type");
    }

    private void awaitJsonView(String fragment) {
        browser.await(Browser.WAIT, "JSON view with " + fragment,
                () -> present("form-json").getAttribute("value").contains(fragment));
    }

    private void submit(String name) {
        browser.testId("form-submit").click();
        awaitConnectorPage(name);
    }

    private void save(String name) {
        browser.testId("form-submit").click();
        awaitConnectorPage(name);
    }

    private void awaitConnectorPage(String name) {
        browser.await(Browser.WAIT, "the connector page of " + name,
                () -> browser.url().endsWith("#/connectors/" + name));
    }

    private Map<String, String> storedConfig(String name) {
        JsonNode config = cluster.worker(0).json("/connectors/" + name + "/config");
        Map<String, String> out = new TreeMap<>();
        config.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}

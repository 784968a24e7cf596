package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console under Apache's basic authentication extension (connect-basic-auth-extension from
 * Maven Central on {@code plugin.path}, as in {@code RestExtensionBasicAuthIT}) on a two-worker
 * cluster of its own: the page loads without credentials, the API asks for them through the
 * sign-in dialog, wrong ones are refused, right ones work on the follower too (the workers list
 * is the leader's answer, forwarded, with every worker's version fetched with the same credentials).
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleAuthIT {
    private static final String EXTENSION =
            "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension";

    private ConsoleCluster cluster;
    private Browser browser;

    @BeforeAll
    void start(KafkaBroker broker) throws Exception {
        Path dir = Files.createTempDirectory("ferry-console-auth-");
        Path credentials = dir.resolve("credentials.properties");
        Files.writeString(credentials, "operator=console-secret\n");
        Path jaas = dir.resolve("connect-jaas.conf");
        Files.writeString(jaas, "KafkaConnect {\n"
                + "  org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule required\n"
                + "  file=\"" + credentials + "\";\n"
                + "};\n");
        String pluginPath = System.getProperty("rest.extension.plugin.path");
        if (pluginPath == null) {
            throw new IllegalStateException("System property rest.extension.plugin.path is not set; run this test "
                    + "through Maven (ferry-dist's failsafe configuration copies Apache's basic auth extension there)");
        }
        cluster = ConsoleCluster.start(broker, "console-auth-it",
                Map.of("plugin.path", pluginPath, "rest.extension.classes", EXTENSION),
                List.of("-Djava.security.auth.login.config=" + jaas));
        browser = Browser.start();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theConsoleLoads_asksForCredentials_refusesWrongOnes_andWorksWithRightOnes() {
        assertThat(cluster.worker(1).get("/connectors").statusCode()).isEqualTo(401);
        browser.open(cluster.consoleUrl(1, ""));

        WebElement dialog = browser.testId("sign-in");
        browser.type("User name", "operator").type("Password", "wrong");
        browser.click("Sign in");
        browser.await(Browser.WAIT, "the refusal", () -> browser.testId("sign-in-reason").getText().contains("refused"));
        browser.screenshot("sign-in");

        browser.type("User name", "operator").type("Password", "console-secret");
        browser.click("Sign in");
        browser.heading("Overview");
        browser.await(Browser.WAIT, "both workers with their versions", () -> {
            List<WebElement> rows = browser.all(By.cssSelector("[data-testid='worker-table'] tbody tr"));
            return rows.size() == 2 && rows.stream().noneMatch(row -> row.getText().contains("unknown"));
        });
        assertThat(dialog.isDisplayed()).isFalse();

        browser.go("#/plugins");
        browser.heading("Plugins");
        browser.awaitText("FileStreamSinkConnector");
    }
}

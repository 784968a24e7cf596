package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /admin/loggers} over a private logback context. */
class AdminLoggersApiTest {
    private final LoggerContext logback = new LoggerContext();
    private TestServer server;

    @BeforeEach
    void start() {
        logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        logback.getLogger("org.apache.kafka.connect.runtime");
        logback.getLogger("org.apache.kafka.clients").setLevel(Level.ERROR);
        server = new TestServer(Fixtures.herder(), TestServer.localConfig(), new LogLevels(logback, Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void put_setsTheNamespaceAndItsChildren_andListsOnlyChangedLoggers() {
        HttpResponse<String> response = server.send("PUT", "/admin/loggers/org.apache.kafka", "{\"level\":\"error\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Golden.canonical(response.body()))
                .isEqualTo("[\"org.apache.kafka\",\"org.apache.kafka.connect\",\"org.apache.kafka.connect.runtime\"]");
        assertThat(logback.getLogger("org.apache.kafka.connect.runtime").getEffectiveLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void put_onANewNamespace_createsItsLogger() {
        server.send("PUT", "/admin/loggers/com.example", "{\"level\":\"DEBUG\"}");

        HttpResponse<String> response = server.get("/admin/loggers/com.example");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"level\":\"DEBUG\"");
    }

    @Test
    void put_root_changesEveryLogger() {
        HttpResponse<String> response = server.send("PUT", "/admin/loggers/root", "{\"level\":\"WARN\"}");

        assertThat(response.body()).contains("\"root\"", "\"org.apache.kafka.clients\"");
        assertThat(server.get("/admin/loggers/root").body()).contains("\"level\":\"WARN\"");
    }

    @Test
    void clusterScope_storedForTheCluster_answers204WithoutBody_andLeavesLocalLevelsToTheHerder() {
        server.herder.storesClusterLoggerLevels = true;

        HttpResponse<String> response = server.send("PUT", "/admin/loggers/org?scope=Cluster", "{\"level\":\"TRACE\"}");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(server.herder.clusterLoggerLevel).isEqualTo("org=TRACE");
        assertThat(logback.getLogger("org").getLevel()).isNull();
    }

    @Test
    void clusterScope_withoutACluster_appliesToThisWorker_andAnswers204AsApachesStandaloneWorker() {
        HttpResponse<String> response = server.send("PUT", "/admin/loggers/org?scope=cluster", "{\"level\":\"TRACE\"}");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(logback.getLogger("org").getLevel()).isEqualTo(Level.TRACE);
    }

    @Test
    void invalidLevel_answers400ListingValidLevels() {
        HttpResponse<String> response = server.send("PUT", "/admin/loggers/org", "{\"level\":\"NOPE\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid log level 'NOPE'.").contains("DEBUG");
    }

    @Test
    void fatal_isAppliedAsLogbacksError() {
        server.send("PUT", "/admin/loggers/org.apache.kafka.connect", "{\"level\":\"FATAL\"}");

        assertThat(logback.getLogger("org.apache.kafka.connect").getLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void missingLevel_answers400WithApachesMessage() {
        HttpResponse<String> response = server.send("PUT", "/admin/loggers/org", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Desired 'level' parameter was not specified in request.");
    }

    @Test
    void unknownLogger_answers404() {
        HttpResponse<String> response = server.get("/admin/loggers/never.created");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Logger never.created not found.");
        assertThat(logback.exists("never.created")).isNull();
    }

    @Test
    void list_leavesOutLoggersThatAreOff() {
        logback.getLogger("quiet").setLevel(Level.OFF);

        assertThat(server.get("/admin/loggers").body()).doesNotContain("quiet").contains("\"root\"");
    }
}

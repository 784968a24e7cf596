package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules of {@code /connector-plugins} that sit in the REST layer. */
class ConnectorPluginsApiTest {
    private TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer(Fixtures.herder(), TestServer.localConfig(), null);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void validate_withMismatchedConnectorClass_answers400WithApachesMessage() {
        HttpResponse<String> response = server.send("PUT", "/connector-plugins/FileStreamSink/config/validate",
                "{\"connector.class\":\"FileStreamSource\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Included connector type FileStreamSource does not match request type FileStreamSink");
    }

    @Test
    void validate_acceptsAliasAgainstFullClassName() {
        HttpResponse<String> response = server.send("PUT", "/connector-plugins/FileStreamSourceConnector/config/validate",
                "{\"connector.class\":\"org.apache.kafka.connect.file.FileStreamSourceConnector\"}");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void validate_withoutConnectorClass_answers400ExplainingTheFix() {
        HttpResponse<String> response = server.send("PUT", "/connector-plugins/FileStreamSource/config/validate",
                "{\"tasks.max\":\"1\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("contains no connector type")
                .contains("\\\"connector.class\\\":\\\"FileStreamSource\\\"");
    }

    @Test
    void validate_answers200EvenWithErrors() {
        HttpResponse<String> response = server.send("PUT", "/connector-plugins/FileStreamSource/config/validate",
                "{\"connector.class\":\"FileStreamSource\",\"tasks.max\":0}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(server.herder.lastValidated).containsEntry("tasks.max", "0");
    }

    @Test
    void pluginConfigOfUnknownPlugin_answers404() {
        HttpResponse<String> response = server.get("/connector-plugins/Nope/config");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Unknown plugin Nope.");
    }

    @Test
    void connectorsOnlyFalse_listsEveryPluginType() {
        assertThat(server.get("/connector-plugins?connectorsOnly=false").body())
                .contains("\"converter\"", "\"header_converter\"", "\"transformation\"", "\"predicate\"");
        assertThat(server.get("/connector-plugins").body()).doesNotContain("\"converter\"");
    }
}

package dev.ferry.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ferry.registry.RegistryConfig;
import dev.ferry.registry.RegistryServer;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry findings, against a real {@code ferry registry} server, a dead port and a server that is no registry. */
@WithKafka
class RegistryCheckTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static Report check(Map<String, String> props) {
        Report report = new Report();
        RegistryCheck.run(props, TIMEOUT, report);
        return report;
    }

    @Test
    void realRegistry_answersAsARegistry(KafkaBroker broker) {
        try (RegistryServer registry = RegistryServer.start(RegistryConfig.from(Map.of(
                "listeners", "http://127.0.0.1:0",
                "host.name", "127.0.0.1",
                "kafkastore.bootstrap.servers", broker.bootstrapServers(),
                "kafkastore.topic", "_schemas_doctor",
                "schema.registry.group.id", "registry-doctor",
                "kafkastore.topic.replication.factor", "1"), Map.of()))) {

            Report report = check(Map.of("value.converter", "io.confluent.connect.avro.AvroConverter",
                    "value.converter.schema.registry.url", registry.url()));

            assertThat(report.findings()).isEmpty();
            assertThat(report.lines()).singleElement().satisfies(f -> assertThat(f.message())
                    .isEqualTo(registry.url() + " answers as a Schema Registry (compatibility BACKWARD)"));
        }
    }

    @Test
    void registryConverterWithoutUrl_isAnError() {
        Report report = check(Map.of("key.converter", "io.confluent.connect.protobuf.ProtobufConverter"));

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).isEqualTo("key.converter=io.confluent.connect.protobuf.ProtobufConverter needs a "
                    + "Schema Registry, but key.converter.schema.registry.url is not set. Set it to the registry's URL "
                    + "(e.g. http://schema-registry:8081).");
        });
    }

    @Test
    void nothingListeningAtTheUrl_isAnError() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }

        Report report = check(Map.of("value.converter", "AvroConverter",
                "value.converter.schema.registry.url", "http://127.0.0.1:" + deadPort));

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("registry");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("Cannot connect to the Schema Registry at http://127.0.0.1:" + deadPort)
                    .contains("Start the registry (ferry registry), or correct value.converter.schema.registry.url");
        });
    }

    @Test
    void otherServiceAtTheUrl_isNotARegistry() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            byte[] page = "<html>Not Found</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        other.start();
        try {
            String url = "http://127.0.0.1:" + other.getAddress().getPort();

            Report report = check(Map.of("key.converter", "dev.ferry.converters.avro.AvroConverter",
                    "key.converter.schema.registry.url", url));

            assertThat(report.findings()).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.message()).isEqualTo(url + " (key.converter.schema.registry.url) answers, but not as a "
                        + "Schema Registry: GET /config gave HTTP 404 without a compatibilityLevel. Check the host, port "
                        + "and path in key.converter.schema.registry.url (another service may be listening there).");
            });
        } finally {
            other.stop(0);
        }
    }

    @Test
    void convertersWithoutRegistry_skipTheCheck() {
        Report report = check(Map.of("key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.json.JsonConverter"));

        assertThat(report.findings()).isEmpty();
        assertThat(report.lines()).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.SKIPPED));
    }
}

package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad requests get Confluent's status and error code, and a message that says what was wrong. */
@WithKafka
class BadInputTest {
    private static RegistryServer registry;
    private static Http http;

    @BeforeAll
    static void start(KafkaBroker broker) {
        Map<String, String> properties = Registries.properties(broker, "bad-input");
        properties.put("size.limit.filter.max.request.body.size", "4096");
        registry = RegistryServer.start(RegistryConfig.from(properties, Map.of()));
        http = new Http(registry.url());
        assertThat(http.post("/subjects/known-value/versions", Http.schemaBody(
                "{\"type\":\"record\",\"name\":\"Known\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}")).status())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    static Stream<Arguments> badRequests() {
        String malformed = "{\n  \"type\": \"record\",\n  \"name\": \"Broken\",\n  \"fields\": [\n    {\"name\": \"a\" \"type\": \"int\"}\n  ]\n}";
        String incompatible = "{\"type\":\"record\",\"name\":\"Known\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},"
                + "{\"name\":\"mandatory\",\"type\":\"string\"}]}";
        return Stream.of(
                Arguments.of("malformed schema text", "POST", "/subjects/x-value/versions", Http.schemaBody(malformed),
                        422, 42201, "line"),
                Arguments.of("unknown Avro type", "POST", "/subjects/x-value/versions",
                        Http.schemaBody("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"Nope\"}]}"),
                        422, 42201, "Nope"),
                Arguments.of("unknown schema type", "POST", "/subjects/x-value/versions",
                        Http.schemaBody("\"int\"", "XML"), 422, 42201, "XML"),
                Arguments.of("missing reference", "POST", "/subjects/x-value/versions",
                        "{\"schema\":\"\\\"int\\\"\",\"references\":[{\"name\":\"a.B\",\"subject\":\"absent\",\"version\":1}]}",
                        422, 42201, "absent"),
                Arguments.of("incompatible schema", "POST", "/subjects/known-value/versions", Http.schemaBody(incompatible),
                        409, 409, "mandatory"),
                Arguments.of("unknown subject", "GET", "/subjects/nobody-value/versions", null, 404, 40401, "nobody-value"),
                Arguments.of("unknown version", "GET", "/subjects/known-value/versions/9", null, 404, 40402, "9"),
                Arguments.of("unknown schema id", "GET", "/schemas/ids/4242", null, 404, 40403, "4242"),
                Arguments.of("version that is a word", "GET", "/subjects/known-value/versions/first", null, 422, 42202, "first"),
                Arguments.of("version zero", "GET", "/subjects/known-value/versions/0", null, 422, 42202, "0"),
                Arguments.of("version too large", "GET", "/subjects/known-value/versions/99999999999", null, 422, 42202, "99999999999"),
                Arguments.of("unknown compatibility level", "PUT", "/config/known-value", "{\"compatibility\":\"SIDEWAYS\"}",
                        422, 42203, "SIDEWAYS"),
                Arguments.of("unknown mode", "PUT", "/mode/known-value", "{\"mode\":\"WRITEONLY\"}", 422, 42204, "WRITEONLY"),
                Arguments.of("subject without its own config", "GET", "/config/known-value", null, 404, 40408, "defaultToGlobal"),
                Arguments.of("subject without its own mode", "GET", "/mode/known-value", null, 404, 40409, "defaultToGlobal"),
                Arguments.of("body that is not JSON", "POST", "/subjects/x-value/versions", "{schema:", 400, 400, "JSON"),
                Arguments.of("body over the size limit", "POST", "/subjects/x-value/versions",
                        Http.schemaBody("\"" + "x".repeat(5000) + "\""), 422, 42209, "4096"),
                Arguments.of("subject with a control character", "POST", "/subjects/a%01b/versions",
                        Http.schemaBody("\"int\""), 422, 42208, "control character"),
                Arguments.of("unknown route", "GET", "/nothing/here", null, 404, 404, "/nothing/here"),
                Arguments.of("explicit id outside IMPORT mode", "POST", "/subjects/x-value/versions",
                        "{\"schema\":\"\\\"int\\\"\",\"id\":77,\"version\":1}", 422, 42205, "IMPORT"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void aBadRequestIsAnsweredWithConfluentsErrorCodeAndAMessageNamingTheProblem(String what, String method, String path,
                                                                                 String body, int status, int errorCode,
                                                                                 String mentioned) {
        Http.Response response = http.send(method, path, body, null);
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.errorCode()).as(response.toString()).isEqualTo(errorCode);
        assertThat(response.message()).as(response.toString()).contains(mentioned);
    }
}

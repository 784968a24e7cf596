package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Protobuf and JSON Schema registrations, {@code format=serialized}, and subjects in a schema context. */
@WithKafka
class FormatsAndContextsTest {
    static final String PAYMENT = "syntax = \"proto3\";\npackage shop;\n\nmessage Payment {\n  string id = 1;\n  double amount = 2;\n}\n";

    private static RegistryServer registry;
    private static Http http;

    @BeforeAll
    static void start(KafkaBroker broker) {
        registry = Registries.start(broker, "formats");
        http = new Http(registry.url());
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aProtobufSchemaIsRegisteredReturnedWithItsTypeAndServedAsASerializedDescriptor() {
        Http.Response registered = http.post("/subjects/payment-value/versions", Http.schemaBody(PAYMENT, "PROTOBUF"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        int id = registered.json().get("id").asInt();
        JsonNode byId = http.get("/schemas/ids/" + id).json();
        assertThat(byId.get("schemaType").asText()).isEqualTo("PROTOBUF");
        assertThat(byId.get("schema").asText()).contains("message Payment");
        String serialized = http.get("/schemas/ids/" + id + "?format=serialized").json().get("schema").asText();
        assertThat(Base64.getDecoder().decode(serialized)).isNotEmpty();
        // The serialized form registers as the same schema.
        assertThat(http.post("/subjects/payment-value/versions", Http.schemaBody(serialized, "PROTOBUF"))
                .json().get("id").asInt()).isEqualTo(id);
    }

    @Test
    void aJsonSchemaIsRegisteredAndLookedUp() {
        String schema = "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}";
        Http.Response registered = http.post("/subjects/person-value/versions", Http.schemaBody(schema, "JSON"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        Http.Response found = http.post("/subjects/person-value", Http.schemaBody(schema, "JSON"));
        assertThat(found.json().get("id")).isEqualTo(registered.json().get("id"));
        assertThat(found.json().get("schemaType").asText()).isEqualTo("JSON");
    }

    @Test
    void subjectsInAContextHaveIdsOfTheirOwnAndAreListedUnderThePrefix() {
        String schema = "{\"type\":\"record\",\"name\":\"Ctx\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
        int inDefault = http.post("/subjects/ctx-value/versions", Http.schemaBody(schema)).json().get("id").asInt();
        Http.Response inStaging = http.post("/subjects/:.staging:ctx-value/versions", Http.schemaBody(schema));
        assertThat(inStaging.status()).as(inStaging.toString()).isEqualTo(200);
        assertThat(inStaging.json().get("id").asInt()).isEqualTo(1);
        assertThat(http.get("/contexts").json().toString()).isEqualTo("[\".\",\".staging\"]");
        assertThat(http.get("/subjects").json().toString()).contains("\":.staging:ctx-value\"", "\"ctx-value\"");
        assertThat(http.get("/subjects?subjectPrefix=:*:ctx").json().toString())
                .isEqualTo("[\":.staging:ctx-value\",\"ctx-value\"]");
        assertThat(http.get("/schemas/ids/1?subject=:.staging:&fetchMaxId=true").json().get("maxId").asInt()).isEqualTo(1);
        assertThat(http.get("/subjects?subjectPrefix=:.staging:").json().toString()).isEqualTo("[\":.staging:ctx-value\"]");
        assertThat(http.get("/schemas/ids/1?subject=:.staging:").json().get("schema").asText()).contains("Ctx");
        assertThat(http.get("/schemas/ids/" + inDefault).status()).isEqualTo(200);
    }
}

package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Compatibility levels and modes, global and per subject, and what they allow. */
@WithKafka
class ConfigAndModeTest {
    private static RegistryServer registry;
    private static Http http;

    @BeforeAll
    static void start(KafkaBroker broker) {
        Map<String, String> properties = Registries.properties(broker, "config-mode");
        properties.put("schema.compatibility.level", "full");
        registry = RegistryServer.start(RegistryConfig.from(properties, Map.of()));
        http = new Http(registry.url());
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void theGlobalLevelComesFromTheServerConfigUntilItIsSetAndReturnsToItWhenDeleted() {
        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        assertThat(http.put("/config", "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}").body())
                .isEqualTo("{\"compatibility\":\"BACKWARD_TRANSITIVE\"}");
        assertThat(http.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("BACKWARD_TRANSITIVE");
        assertThat(http.delete("/config").json().get("compatibilityLevel").asText()).isEqualTo("BACKWARD_TRANSITIVE");
        assertThat(http.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("FULL");
    }

    @Test
    void aSubjectLevelOverridesTheGlobalOneAndDefaultToGlobalFallsBack() {
        assertThat(http.get("/config/cfg-value?defaultToGlobal=true").json().get("compatibilityLevel").asText())
                .isEqualTo("FULL");
        assertThat(http.put("/config/cfg-value", "{\"compatibility\":\"none\"}").json().get("compatibility").asText())
                .isEqualTo("NONE");
        assertThat(http.get("/config/cfg-value").json().get("compatibilityLevel").asText()).isEqualTo("NONE");
        // NONE lets an incompatible change through.
        http.post("/subjects/cfg-value/versions", Http.schemaBody("\"string\""));
        assertThat(http.post("/subjects/cfg-value/versions", Http.schemaBody("\"int\"")).status()).isEqualTo(200);
        assertThat(http.delete("/config/cfg-value").json().get("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(http.get("/config/cfg-value").errorCode()).isEqualTo(40408);
        assertThat(http.delete("/config/cfg-value").errorCode()).isEqualTo(40401);
    }

    @Test
    void normalizeInASubjectsConfigNormalisesEveryRegistration() {
        Http.Response set = http.put("/config/normcfg-value", "{\"normalize\":true}");
        assertThat(set.body()).isEqualTo("{\"normalize\":true}");
        http.put("/config/normcfg-value", "{\"compatibility\":\"NONE\"}");
        assertThat(http.get("/config/normcfg-value").body())
                .isEqualTo("{\"normalize\":true,\"compatibilityLevel\":\"NONE\"}");
        int first = http.post("/subjects/normcfg-value/versions", Http.schemaBody(
                "{\"type\":\"record\",\"name\":\"N\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}],\"p1\":\"1\",\"p2\":\"2\"}"))
                .json().get("id").asInt();
        int second = http.post("/subjects/normcfg-value/versions", Http.schemaBody(
                "{\"type\":\"record\",\"name\":\"N\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}],\"p2\":\"2\",\"p1\":\"1\"}"))
                .json().get("id").asInt();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aReadOnlySubjectRefusesRegistrationsAndDeletesButServesReads() {
        assertThat(http.post("/subjects/ro-value/versions", Http.schemaBody("\"string\"")).status()).isEqualTo(200);
        assertThat(http.put("/mode/ro-value", "{\"mode\":\"READONLY\"}").body()).isEqualTo("{\"mode\":\"READONLY\"}");
        assertThat(http.get("/mode/ro-value").json().get("mode").asText()).isEqualTo("READONLY");
        Http.Response refused = http.post("/subjects/ro-value/versions", Http.schemaBody("\"string\""));
        assertThat(refused.errorCode()).as(refused.toString()).isEqualTo(42205);
        assertThat(http.delete("/subjects/ro-value").errorCode()).isEqualTo(42205);
        assertThat(http.get("/subjects/ro-value/versions/1").status()).isEqualTo(200);
        assertThat(http.delete("/mode/ro-value").json().get("mode").asText()).isEqualTo("READONLY");
        assertThat(http.get("/mode").json().get("mode").asText()).isEqualTo("READWRITE");
    }

    @Test
    void importModeTakesSchemasWithTheirOwnIdsAndVersionsAndTheNextIdFollowsThem() {
        assertThat(http.put("/mode/imported-value", "{\"mode\":\"IMPORT\"}").status()).isEqualTo(200);
        Http.Response imported = http.post("/subjects/imported-value/versions",
                "{\"schema\":\"\\\"bytes\\\"\",\"id\":500,\"version\":3}");
        assertThat(imported.json().get("id").asInt()).as(imported.toString()).isEqualTo(500);
        assertThat(http.get("/subjects/imported-value/versions").body()).isEqualTo("[3]");
        assertThat(http.post("/subjects/imported-value/versions", Http.schemaBody("\"long\"")).errorCode())
                .isEqualTo(42205);
        Http.Response clash = http.post("/subjects/imported-value/versions",
                "{\"schema\":\"\\\"double\\\"\",\"id\":500,\"version\":4}");
        assertThat(clash.errorCode()).as(clash.toString()).isEqualTo(42207);
        assertThat(http.put("/mode/imported-value", "{\"mode\":\"READWRITE\"}").status()).isEqualTo(200);
        int next = http.post("/subjects/after-import-value/versions", Http.schemaBody("{\"type\":\"map\",\"values\":\"int\"}"))
                .json().get("id").asInt();
        assertThat(next).isGreaterThan(500);
    }

    @Test
    void switchingANonEmptySubjectToImportNeedsForce() {
        http.post("/subjects/full-value/versions", Http.schemaBody("\"string\""));
        assertThat(http.put("/mode/full-value", "{\"mode\":\"IMPORT\"}").errorCode()).isEqualTo(42205);
        assertThat(http.put("/mode/full-value?force=true", "{\"mode\":\"IMPORT\"}").status()).isEqualTo(200);
        http.put("/mode/full-value", "{\"mode\":\"READWRITE\"}");
    }
}

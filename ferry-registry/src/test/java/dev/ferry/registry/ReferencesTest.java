package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Schema references: registration resolves them, referencedby lists the referrers, deletes of referenced versions are refused. */
@WithKafka
class ReferencesTest {
    private static RegistryServer registry;
    private static Http http;

    @BeforeAll
    static void start(KafkaBroker broker) {
        registry = Registries.start(broker, "references");
        http = new Http(registry.url());
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aSchemaReferencingAnotherIsRegisteredListedAndProtectsItsTarget() {
        int addressId = http.post("/subjects/address/versions", Http.schemaBody(
                "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"shop\",\"fields\":[{\"name\":\"city\",\"type\":\"string\"}]}"))
                .json().get("id").asInt();
        String customer = "{\"type\":\"record\",\"name\":\"Customer\",\"namespace\":\"shop\",\"fields\":["
                + "{\"name\":\"home\",\"type\":\"shop.Address\"}]}";
        String body = Http.MAPPER.createObjectNode().put("schema", customer).set("references",
                Http.MAPPER.createArrayNode().add(Http.MAPPER.createObjectNode().put("name", "shop.Address")
                        .put("subject", "address").put("version", 1))).toString();
        Http.Response registered = http.post("/subjects/customer-value/versions", body);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        int customerId = registered.json().get("id").asInt();
        assertThat(customerId).isNotEqualTo(addressId);
        assertThat(http.post("/subjects/customer-value/versions", body).json().get("id").asInt()).isEqualTo(customerId);

        assertThat(http.get("/subjects/customer-value/versions/1").json().get("references").toString())
                .isEqualTo("[{\"name\":\"shop.Address\",\"subject\":\"address\",\"version\":1}]");
        assertThat(http.get("/schemas/ids/" + customerId).json().get("references")).hasSize(1);
        assertThat(http.get("/subjects/address/versions/1/referencedby").body()).isEqualTo("[" + customerId + "]");

        Http.Response refused = http.delete("/subjects/address/versions/1");
        assertThat(refused.errorCode()).as(refused.toString()).isEqualTo(42206);
        assertThat(http.delete("/subjects/address").errorCode()).isEqualTo(42206);

        assertThat(http.delete("/subjects/customer-value").status()).isEqualTo(200);
        assertThat(http.get("/subjects/address/versions/1/referencedby").body()).isEqualTo("[]");
        // Still referenced by the soft-deleted customer, so a permanent delete of it comes first.
        assertThat(http.delete("/subjects/address").status()).isEqualTo(200);
        assertThat(http.delete("/subjects/address?permanent=true").errorCode()).isEqualTo(42206);
        assertThat(http.delete("/subjects/customer-value?permanent=true").status()).isEqualTo(200);
        assertThat(http.delete("/subjects/address?permanent=true").status()).isEqualTo(200);
    }
}

package dev.ferry.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Confluent's REST API over real HTTP on a registry stored in a real broker. */
@WithKafka
class RegistryApiTest {
    static final String ORDER_V1 = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\"}]}";
    static final String ORDER_V2 = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\",\"fields\":["
            + "{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"amount\",\"type\":\"double\",\"default\":0.0}]}";

    private static RegistryServer registry;
    private static Http http;

    @BeforeAll
    static void start(KafkaBroker broker) {
        registry = Registries.start(broker, "api");
        http = new Http(registry.url());
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private static int register(String subject, String schema) {
        Http.Response response = http.post("/subjects/" + subject + "/versions", Http.schemaBody(schema));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("id").asInt();
    }

    @Test
    void theRootAnswersAnEmptyObjectForGetAndPost() {
        assertThat(http.get("/").body()).isEqualTo("{}");
        assertThat(http.post("/", "{}").body()).isEqualTo("{}");
    }

    @Test
    void registeringReturnsAnIdAndTheSameSchemaAgainReturnsTheSameId() {
        int id = register("reg-value", ORDER_V1);
        assertThat(register("reg-value", ORDER_V1)).isEqualTo(id);
        // Whitespace does not make another schema.
        assertThat(register("reg-value", ORDER_V1.replace(",", ", "))).isEqualTo(id);
        assertThat(http.get("/subjects/reg-value/versions").json().toString()).isEqualTo("[1]");
    }

    @Test
    void theSameSchemaUnderTwoSubjectsSharesOneId() {
        int first = register("share-a-value", "{\"type\":\"record\",\"name\":\"Shared\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");
        int second = register("share-b-value", "{\"type\":\"record\",\"name\":\"Shared\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");
        assertThat(second).isEqualTo(first);
        assertThat(http.get("/schemas/ids/" + first + "/subjects").json().toString())
                .isEqualTo("[\"share-a-value\",\"share-b-value\"]");
        JsonNode versions = http.get("/schemas/ids/" + first + "/versions").json();
        assertThat(versions.toString()).isEqualTo("[{\"subject\":\"share-a-value\",\"version\":1},"
                + "{\"subject\":\"share-b-value\",\"version\":1}]");
    }

    @Test
    void versionsAreFetchedByNumberLatestAndMinusOneWithConfluentsFields() {
        int id1 = register("fetch-value", ORDER_V1);
        int id2 = register("fetch-value", ORDER_V2);
        JsonNode v1 = http.get("/subjects/fetch-value/versions/1").json();
        assertThat(v1.get("subject").asText()).isEqualTo("fetch-value");
        assertThat(v1.get("version").asInt()).isEqualTo(1);
        assertThat(v1.get("id").asInt()).isEqualTo(id1);
        assertThat(v1.has("schemaType")).as("AVRO is left out, as Confluent does").isFalse();
        assertThat(Http.MAPPER.valueToTree(v1.get("schema").asText()).isTextual()).isTrue();
        assertThat(http.get("/subjects/fetch-value/versions/latest").json().get("id").asInt()).isEqualTo(id2);
        assertThat(http.get("/subjects/fetch-value/versions/-1").json().get("version").asInt()).isEqualTo(2);
        Http.Response raw = http.get("/subjects/fetch-value/versions/2/schema");
        assertThat(raw.json().get("fields")).hasSize(2);
    }

    @Test
    void aSchemaIsFetchedByIdWithItsRawSchemaAndTheDefaultContentType() {
        int id = register("byid-value", "{\"type\":\"enum\",\"name\":\"Colour\",\"symbols\":[\"RED\",\"GREEN\"]}");
        Http.Response response = http.get("/schemas/ids/" + id);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/vnd.schemaregistry.v1+json");
        assertThat(Http.MAPPER.valueToTree(response.json().fieldNames()).toString()).isNotNull();
        assertThat(response.json().has("schema")).isTrue();
        assertThat(http.get("/schemas/ids/" + id + "/schema").json().get("symbols")).hasSize(2);
        assertThat(http.get("/schemas/ids/" + id + "?subject=byid-value").status()).isEqualTo(200);
        assertThat(http.send("GET", "/schemas/ids/" + id, null, "application/json").contentType())
                .startsWith("application/json");
    }

    @Test
    void lookingASchemaUpUnderASubjectReturnsItsVersionAndId() {
        int id = register("lookup-value", ORDER_V1);
        Http.Response found = http.post("/subjects/lookup-value", Http.schemaBody(ORDER_V1));
        assertThat(found.json().get("id").asInt()).isEqualTo(id);
        assertThat(found.json().get("version").asInt()).isEqualTo(1);
        Http.Response missing = http.post("/subjects/lookup-value", Http.schemaBody("\"string\""));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo(40403);
    }

    @Test
    void subjectsAreListedAndDeletedSubjectsOnlyWhenAsked() {
        register("list-a-value", "\"string\"");
        register("list-b-value", "\"long\"");
        assertThat(http.delete("/subjects/list-b-value").json().toString()).isEqualTo("[1]");
        assertThat(http.get("/subjects").json().toString()).contains("\"list-a-value\"").doesNotContain("list-b-value");
        assertThat(http.get("/subjects?deleted=true").json().toString()).contains("\"list-b-value\"");
        assertThat(http.get("/subjects?deletedOnly=true").json().toString()).contains("\"list-b-value\"")
                .doesNotContain("list-a-value");
        assertThat(http.get("/subjects?subjectPrefix=list-").json().toString()).isEqualTo("[\"list-a-value\"]");
    }

    @Test
    void aPermanentDeleteNeedsASoftDeleteFirstAndThenRemovesTheVersion() {
        register("perm-value", "\"float\"");
        Http.Response tooEarly = http.delete("/subjects/perm-value/versions/1?permanent=true");
        assertThat(tooEarly.status()).isEqualTo(404);
        assertThat(tooEarly.errorCode()).isEqualTo(40407);
        assertThat(http.delete("/subjects/perm-value/versions/1").body()).isEqualTo("1");
        Http.Response again = http.delete("/subjects/perm-value/versions/1");
        assertThat(again.errorCode()).isEqualTo(40406);
        assertThat(http.get("/subjects/perm-value/versions/1").errorCode()).isEqualTo(40401);
        assertThat(http.get("/subjects/perm-value/versions/1?deleted=true").status()).isEqualTo(200);
        assertThat(http.delete("/subjects/perm-value/versions/1?permanent=true").body()).isEqualTo("1");
        assertThat(http.get("/subjects/perm-value/versions/1?deleted=true").errorCode()).isEqualTo(40401);
    }

    @Test
    void aSubjectIsSoftDeletedThenPermanentlyDeletedAndItsSchemaReusesItsIdWhenRegisteredAgain() {
        int id = register("whole-value", "{\"type\":\"fixed\",\"name\":\"Hash\",\"size\":16}");
        assertThat(http.delete("/subjects/whole-value?permanent=true").errorCode()).isEqualTo(40405);
        assertThat(http.delete("/subjects/whole-value").json().toString()).isEqualTo("[1]");
        assertThat(http.delete("/subjects/whole-value").errorCode()).isEqualTo(40404);
        // A soft-deleted schema keeps its id: registering it again gets the same one, as a new version.
        assertThat(register("whole-value", "{\"type\":\"fixed\",\"name\":\"Hash\",\"size\":16}")).isEqualTo(id);
        assertThat(http.get("/subjects/whole-value/versions").json().toString()).isEqualTo("[2]");
    }

    @Test
    void schemasListAndTypesAndContextsAnswerLikeConfluents() {
        register("schemas-list-value", "\"boolean\"");
        JsonNode all = http.get("/schemas?subjectPrefix=schemas-list").json();
        assertThat(all).hasSize(1);
        assertThat(all.get(0).get("subject").asText()).isEqualTo("schemas-list-value");
        assertThat(http.get("/schemas/types").json().toString()).contains("\"AVRO\"");
        assertThat(http.get("/contexts").json().get(0).asText()).isEqualTo(".");
        JsonNode metadata = http.get("/v1/metadata/id").json();
        assertThat(metadata.at("/scope/clusters/kafka-cluster").asText()).isNotEmpty();
    }

    @Test
    void compatibilityIsTestedAgainstALatestVersionOrAllWithVerboseMessages() {
        register("compat-value", ORDER_V1);
        String breaking = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"customer\",\"type\":\"string\"}]}";
        JsonNode ok = http.post("/compatibility/subjects/compat-value/versions/latest", Http.schemaBody(ORDER_V2)).json();
        assertThat(ok.get("is_compatible").asBoolean()).isTrue();
        assertThat(ok.has("messages")).isFalse();
        JsonNode bad = http.post("/compatibility/subjects/compat-value/versions?verbose=true",
                Http.schemaBody(breaking)).json();
        assertThat(bad.get("is_compatible").asBoolean()).isFalse();
        assertThat(bad.get("messages").toString()).contains("customer");
        assertThat(http.post("/compatibility/subjects/compat-value/versions/7", Http.schemaBody(ORDER_V2)).errorCode())
                .isEqualTo(40402);
        assertThat(http.post("/compatibility/subjects/no-such-value/versions/latest", Http.schemaBody(ORDER_V2)).json()
                .get("is_compatible").asBoolean()).isTrue();
        JsonNode unparsable = http.post("/compatibility/subjects/compat-value/versions/latest?verbose=true",
                Http.schemaBody("{\"type\":\"record\"")).json();
        assertThat(unparsable.get("is_compatible").asBoolean()).isFalse();
        assertThat(unparsable.get("messages").get(0).asText()).startsWith("Invalid schema");
    }

    @Test
    void anIncompatibleSchemaIsRefusedWith409NamingTheField() {
        register("incompat-value", ORDER_V1);
        String breaking = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"customer\",\"type\":\"string\"}]}";
        Http.Response refused = http.post("/subjects/incompat-value/versions", Http.schemaBody(breaking));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo(409);
        assertThat(refused.message()).contains("customer");
    }

    @Test
    void aLargeSchemaByIdIsGzippedOnlyForAClientThatAcceptsGzip() throws Exception {
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            fields.append(i == 0 ? "" : ",").append("{\"name\":\"field").append(i).append("\",\"type\":\"string\"}");
        }
        int id = register("gzip-value", "{\"type\":\"record\",\"name\":\"Wide\",\"fields\":[" + fields + "]}");
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create(registry.url() + "/schemas/ids/" + id);
        HttpResponse<byte[]> plain = client.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> gzipped = client.send(HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip")
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.headers().firstValue("Content-Length")).contains(Integer.toString(plain.body().length));
        assertThat(Http.MAPPER.readTree(plain.body()).get("schema").asText()).contains("field59");
        assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(gzipped.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
    }

    @Test
    void anIncompatibleSchemaIsAnsweredWithConfluentsExactMessageOnRegistrationAndVerboseTest() {
        register("exact-value", ORDER_V1);
        register("exact-value", ORDER_V2);
        String breaking = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"amount\",\"type\":\"double\",\"default\":0.0},"
                + "{\"name\":\"customer\",\"type\":\"string\"}]}";
        String details = "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'customer' at path "
                + "'/fields/2' in the new schema has no default value and is missing in the old schema', "
                + "additionalInfo:'customer'}, {oldSchemaVersion: 2}, {oldSchema: '" + ORDER_V2 + "'}, "
                + "{validateFields: 'false', compatibility: 'BACKWARD'}";

        Http.Response refused = http.post("/subjects/exact-value/versions", Http.schemaBody(breaking));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo(409);
        assertThat(refused.message()).isEqualTo("Schema being registered is incompatible with an earlier schema for "
                + "subject \"exact-value\", details: [" + details + "]");

        JsonNode verbose = http.post("/compatibility/subjects/exact-value/versions/latest?verbose=true",
                Http.schemaBody(breaking)).json();
        assertThat(verbose.get("is_compatible").asBoolean()).isFalse();
        List<String> messages = new ArrayList<>();
        verbose.get("messages").forEach(message -> messages.add(message.asText()));
        assertThat(messages).hasSize(4);
        assertThat(String.join(", ", messages)).isEqualTo(details);
    }

    @Test
    void anEarlierVersionOfAnotherSchemaTypeIsIncompatibleWithConfluentsMessage() {
        register("typed-value", ORDER_V1);
        Http.Response refused = http.post("/subjects/typed-value/versions",
                Http.schemaBody("{\"type\":\"object\"}", "JSON"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.message()).endsWith("details: [Incompatible because of different schema type, "
                + "{validateFields: 'false', compatibility: 'BACKWARD'}]");
    }

    @Test
    void aNewAvroSchemaWithADefaultOfTheWrongTypeOrAnInvalidNameIsRefusedForRegistrationAndCompatibilityTests() {
        String badDefault = "{\"type\":\"record\",\"name\":\"Defaulted\",\"fields\":[{\"name\":\"n\","
                + "\"type\":\"int\",\"default\":\"seven\"}]}";
        Http.Response refused = http.post("/subjects/defaults-value/versions", Http.schemaBody(badDefault));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo(42201);
        Http.Response tested = http.post("/compatibility/subjects/defaults-value/versions/latest",
                Http.schemaBody(badDefault));
        assertThat(tested.errorCode()).as(tested.toString()).isEqualTo(42201);
        Http.Response badName = http.post("/subjects/defaults-value/versions",
                Http.schemaBody("{\"type\":\"record\",\"name\":\"Not-A-Name\",\"fields\":[]}"));
        assertThat(badName.errorCode()).as(badName.toString()).isEqualTo(42201);
        assertThat(badName.message()).contains("Not-A-Name");
    }

    @Test
    void aSubjectWithAnEncodedSlashInItsNameIsRegisteredFetchedLookedUpAndDeleted() {
        int id = register("team%2Forders-value", ORDER_V1);
        assertThat(http.get("/subjects").json().toString()).contains("\"team/orders-value\"");
        JsonNode version = http.get("/subjects/team%2Forders-value/versions/1").json();
        assertThat(version.get("subject").asText()).isEqualTo("team/orders-value");
        assertThat(version.get("id").asInt()).isEqualTo(id);
        assertThat(http.post("/subjects/team%2Forders-value", Http.schemaBody(ORDER_V1)).json().get("version").asInt())
                .isEqualTo(1);
        assertThat(http.get("/schemas/ids/" + id + "/subjects").json().toString()).contains("team/orders-value");
        assertThat(http.delete("/subjects/team%2Forders-value").body()).isEqualTo("[1]");
        assertThat(http.delete("/subjects/team%2Forders-value?permanent=true").body()).isEqualTo("[1]");
        assertThat(http.get("/subjects/team%2Forders-value/versions").errorCode()).isEqualTo(40401);
    }

    @Test
    void aContextIsDeletedOnlyOnceItHoldsNoSubjects() {
        register(":.doomed:inside-value", ORDER_V1);
        Http.Response refused = http.delete("/contexts/.doomed");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo(42211);
        assertThat(refused.message()).contains("'.doomed' is not empty");
        http.delete("/subjects/:.doomed:inside-value");
        // A soft-deleted subject still keeps its context.
        assertThat(http.delete("/contexts/:.doomed:").errorCode()).isEqualTo(42211);
        http.delete("/subjects/:.doomed:inside-value?permanent=true");
        assertThat(http.delete("/contexts/.doomed").status()).isEqualTo(204);
        assertThat(http.get("/contexts").json().toString()).doesNotContain(".doomed");
    }

    @Test
    void normalizeRegistersTheNormalisedFormSoEquivalentTextsShareAnId() {
        Http.Response first = http.post("/subjects/norm-value/versions?normalize=true", Http.schemaBody(
                "{\"type\":\"record\",\"name\":\"N\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}],\"p1\":\"1\",\"p2\":\"2\"}"));
        Http.Response second = http.post("/subjects/norm-value/versions?normalize=true", Http.schemaBody(
                "{\"type\":\"record\",\"name\":\"N\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}],\"p2\":\"2\",\"p1\":\"1\"}"));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(second.json().get("id")).isEqualTo(first.json().get("id"));
        // Without normalize the custom properties' order makes another schema.
        Http.Response plain = http.post("/subjects/plain-value/versions", Http.schemaBody(
                "{\"type\":\"record\",\"name\":\"N\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}],\"p2\":\"2\",\"p1\":\"1\"}"));
        assertThat(plain.json().get("id")).isNotEqualTo(first.json().get("id"));
    }
}

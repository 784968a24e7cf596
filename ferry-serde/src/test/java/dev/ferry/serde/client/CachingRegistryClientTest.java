package dev.ferry.serde.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaProviders;
import dev.ferry.schema.SchemaReference;
import dev.ferry.schema.SchemaType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the client caches and for how long, counted in requests that reach a scripted registry. (The same
 * caching against the real registry is covered by {@code RegistryClientAgainstRegistryTest}.)
 */
class CachingRegistryClientTest {

    private static final String RECORD = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"com.acme\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}";
    private static final String OTHER = "{\"type\":\"record\",\"name\":\"Refund\",\"namespace\":\"com.acme\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}";

    private final ScriptedHttpServer server = ScriptedHttpServer.http();
    private final AtomicLong nanos = new AtomicLong();

    @AfterEach
    void stop() {
        server.close();
    }

    private SchemaRegistryClient client(Map<String, Object> extra) {
        Map<String, Object> configs = new java.util.HashMap<>(extra);
        configs.put("schema.registry.url", server.url("http"));
        ClientSettings settings = ClientSettings.from(configs);
        return new CachingRegistryClient(new RegistryHttp(settings, new ObjectMapper()),
                settings.maxSchemasPerSubject(), settings.latestCacheTtlSeconds(), nanos::get);
    }

    private static ParsedSchema avro(String text) {
        return SchemaProviders.of(SchemaType.AVRO).parse(text, List.of(), Map.of());
    }

    @Test
    void aSchemaIsFetchedByIdOnce() {
        server.always(r -> new ScriptedHttpServer.Answer(200, "{\"schema\":" + quote(RECORD) + "}"));
        try (SchemaRegistryClient client = client(Map.of())) {
            ParsedSchema first = client.schemaById(3);
            ParsedSchema second = client.schemaById(3);
            assertThat(second).isSameAs(first);
            assertThat(first.name()).isEqualTo("com.acme.Order");
        }
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aRegisteredSchemaIsRegisteredOnceAndItsIdNeedsNoFetch() {
        server.always(r -> new ScriptedHttpServer.Answer(200, "{\"id\":11}"));
        try (SchemaRegistryClient client = client(Map.of())) {
            assertThat(client.register("orders-value", avro(RECORD), false)).isEqualTo(11);
            assertThat(client.register("orders-value", avro(RECORD), false)).isEqualTo(11);
            assertThat(client.schemaById(11).name()).isEqualTo("com.acme.Order");
        }
        assertThat(server.requests()).hasSize(1);
        assertThat(server.requests().get(0).method()).isEqualTo("POST");
        assertThat(server.requests().get(0).uri()).isEqualTo("/subjects/orders-value/versions?normalize=false");
        assertThat(server.requests().get(0).header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(server.requests().get(0).body()).isEqualTo("{\"schema\":" + quote(avro(RECORD).canonical()) + "}");
    }

    @Test
    void aLookupIsAskedOncePerSubjectAndSchema() {
        server.always(r -> new ScriptedHttpServer.Answer(200,
                "{\"subject\":\"orders-value\",\"version\":4,\"id\":12,\"schema\":" + quote(RECORD) + "}"));
        try (SchemaRegistryClient client = client(Map.of())) {
            RegisteredSchema found = client.lookup("orders-value", avro(RECORD), true);
            assertThat(found.version()).isEqualTo(4);
            assertThat(client.idOf("orders-value", avro(RECORD), true)).isEqualTo(12);
            client.idOf("other-value", avro(RECORD), true);
        }
        assertThat(server.requests()).extracting(ScriptedHttpServer.Request::uri)
                .containsExactly("/subjects/orders-value?normalize=true", "/subjects/other-value?normalize=true");
    }

    @Test
    void perSubjectCachesForgetTheLeastRecentlyUsedSchemaPastTheirBound() {
        server.always(r -> new ScriptedHttpServer.Answer(200, "{\"id\":" + (r.body().contains("Refund") ? 2 : 1) + "}"));
        try (SchemaRegistryClient client = client(Map.of("max.schemas.per.subject", 1))) {
            client.register("s", avro(RECORD), false);
            client.register("s", avro(OTHER), false);
            client.register("s", avro(RECORD), false);
        }
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void theLatestVersionIsKeptForTheConfiguredTtl() {
        server.always(r -> new ScriptedHttpServer.Answer(200,
                "{\"subject\":\"orders-value\",\"version\":1,\"id\":5,\"schema\":" + quote(RECORD) + "}"));
        try (SchemaRegistryClient client = client(Map.of("latest.cache.ttl.sec", 30))) {
            client.latest("orders-value");
            nanos.addAndGet(29_000_000_000L);
            client.latest("orders-value");
            assertThat(server.requests()).hasSize(1);
            nanos.addAndGet(2_000_000_000L);
            client.latest("orders-value");
            assertThat(server.requests()).hasSize(2);
            // A version is immutable: asked once, whatever the clock.
            client.version("orders-value", 1);
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void aTtlOfZeroAsksForTheLatestVersionEveryTime() {
        server.always(r -> new ScriptedHttpServer.Answer(200,
                "{\"subject\":\"s\",\"version\":1,\"id\":5,\"schema\":" + quote(RECORD) + "}"));
        try (SchemaRegistryClient client = client(Map.of("latest.cache.ttl.sec", 0))) {
            client.latest("s");
            client.latest("s");
        }
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void referencesAreFetchedFromTheirSubjectsAndResolved() {
        String address = "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"com.acme\","
                + "\"fields\":[{\"name\":\"city\",\"type\":\"string\"}]}";
        String customer = "{\"type\":\"record\",\"name\":\"Customer\",\"namespace\":\"com.acme\","
                + "\"fields\":[{\"name\":\"home\",\"type\":\"com.acme.Address\"}]}";
        server.always(r -> r.uri().equals("/schemas/ids/21")
                ? new ScriptedHttpServer.Answer(200, "{\"schema\":" + quote(customer) + ",\"references\":"
                        + "[{\"name\":\"com.acme.Address\",\"subject\":\"address\",\"version\":2}]}")
                : new ScriptedHttpServer.Answer(200, "{\"subject\":\"address\",\"version\":2,\"id\":20,\"schema\":"
                        + quote(address) + "}"));
        try (SchemaRegistryClient client = client(Map.of())) {
            ParsedSchema schema = client.schemaById(21);
            assertThat(schema.references()).containsExactly(new SchemaReference("com.acme.Address", "address", 2));
            assertThat(schema.resolvedReferences()).containsKey("com.acme.Address");
            assertThat(schema.canonical()).contains("Customer");
            client.schemaById(20);
        }
        assertThat(server.requests()).extracting(ScriptedHttpServer.Request::uri)
                .containsExactly("/schemas/ids/21", "/subjects/address/versions/2");
    }

    private static String quote(String text) {
        try {
            return new ObjectMapper().writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

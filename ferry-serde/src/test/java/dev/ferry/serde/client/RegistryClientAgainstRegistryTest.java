package dev.ferry.serde.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaProviders;
import dev.ferry.schema.SchemaReference;
import dev.ferry.schema.SchemaType;
import dev.ferry.serde.testing.TestRegistry;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against the real ferry-registry server: API calls, error mapping, references and caching. */
@WithKafka
class RegistryClientAgainstRegistryTest {

    private static final String ORDER_V1 = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"com.acme\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}";
    private static final String ORDER_V2 = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"com.acme\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}]}";
    private static final String ORDER_BROKEN = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"com.acme\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"qty\",\"type\":\"int\"}]}";

    private static TestRegistry registry;

    @BeforeAll
    static void start(KafkaBroker broker) {
        registry = TestRegistry.start(broker);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private static ParsedSchema avro(String text) {
        return SchemaProviders.of(SchemaType.AVRO).parse(text, List.of(), Map.of());
    }

    private static SchemaRegistryClient client() {
        return SchemaRegistryClients.create(registry.serdeConfig());
    }

    @Test
    void registersLooksUpAndFetchesSchemas() {
        try (SchemaRegistryClient client = client()) {
            int id = client.register("orders-value", avro(ORDER_V1), false);
            int id2 = client.register("orders-value", avro(ORDER_V2), false);
            assertThat(id2).isNotEqualTo(id);
            try (SchemaRegistryClient fresh = client()) {
                assertThat(fresh.register("orders-value", avro(ORDER_V1), false)).isEqualTo(id);
                RegisteredSchema found = fresh.lookup("orders-value", avro(ORDER_V1), false);
                assertThat(found).extracting(RegisteredSchema::subject, RegisteredSchema::version, RegisteredSchema::id)
                        .containsExactly("orders-value", 1, id);
                assertThat(fresh.schemaById(id2).canonical()).isEqualTo(avro(ORDER_V2).canonical());
                RegisteredSchema latest = fresh.latest("orders-value");
                assertThat(latest.version()).isEqualTo(2);
                assertThat(latest.id()).isEqualTo(id2);
                assertThat(fresh.version("orders-value", 1).id()).isEqualTo(id);
            }
        }
    }

    @Test
    void aSchemaNotRegisteredUnderTheSubjectIsNotFound() {
        try (SchemaRegistryClient client = client()) {
            assertThatThrownBy(() -> client.idOf("nobody-value", avro(ORDER_V1), false))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.errorCode()).isEqualTo(40401);
                        assertThat(e.url()).endsWith("/subjects/nobody-value?normalize=false");
                    });
            assertThatThrownBy(() -> client.schemaById(987_654))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
            assertThatThrownBy(() -> client.version("nobody-value", 3))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
        }
    }

    @Test
    void anIncompatibleSchemaIsRefusedWith409NamingTheField() {
        try (SchemaRegistryClient client = client()) {
            client.register("compat-value", avro(ORDER_V1), false);
            assertThatThrownBy(() -> client.register("compat-value", avro(ORDER_BROKEN), false))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(409);
                        assertThat(e).isNotInstanceOf(RegistryUnreachableException.class);
                    })
                    .hasMessageContaining("qty");
        }
    }

    @Test
    void referencedSchemasAreResolvedThroughTheRegistry() {
        String address = "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"com.acme\","
                + "\"fields\":[{\"name\":\"city\",\"type\":\"string\"}]}";
        String customer = "{\"type\":\"record\",\"name\":\"Customer\",\"namespace\":\"com.acme\","
                + "\"fields\":[{\"name\":\"home\",\"type\":\"com.acme.Address\"}]}";
        int customerId;
        try (SchemaRegistryClient client = client()) {
            ParsedSchema addressSchema = avro(address);
            client.register("address-value", addressSchema, false);
            int version = client.lookup("address-value", addressSchema, false).version();
            ParsedSchema customerSchema = SchemaProviders.of(SchemaType.AVRO).parse(customer,
                    List.of(new SchemaReference("com.acme.Address", "address-value", version)),
                    Map.of("com.acme.Address", address));
            customerId = client.register("customer-value", customerSchema, false);
        }
        try (SchemaRegistryClient fresh = client()) {
            ParsedSchema read = fresh.schemaById(customerId);
            assertThat(read.references()).extracting(SchemaReference::subject).containsExactly("address-value");
            assertThat(read.raw().toString()).contains("\"city\"");
        }
    }

    @Test
    void theRegistryIsAskedOncePerNewSchemaNotPerCall() {
        try (SchemaRegistryClient client = client()) {
            int before = registry.requests();
            int id = client.register("cache-value", avro(ORDER_V1), false);
            for (int i = 0; i < 100; i++) {
                assertThat(client.register("cache-value", avro(ORDER_V1), false)).isEqualTo(id);
                client.schemaById(id);
                client.idOf("cache-value", avro(ORDER_V1), false);
            }
            assertThat(registry.requests() - before).isEqualTo(2); // one register, one lookup
        }
    }
}

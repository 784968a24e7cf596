package dev.ferry.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaProviders;
import dev.ferry.schema.SchemaType;
import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.client.SchemaRegistryClients;
import dev.ferry.serde.client.SchemaRegistryException;
import dev.ferry.serde.testing.TestRegistry;
import dev.ferry.serde.wire.WireFormat;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which registered schema {@link SchemaWriter} picks under each serde setting, against the real registry. */
@WithKafka
class SchemaWriterAndReaderTest {

    private static final String V1 = "{\"type\":\"record\",\"name\":\"Sku\",\"namespace\":\"com.acme\","
            + "\"fields\":[{\"name\":\"code\",\"type\":\"string\"}]}";
    private static final String V2 = "{\"type\":\"record\",\"name\":\"Sku\",\"namespace\":\"com.acme\","
            + "\"fields\":[{\"name\":\"code\",\"type\":\"string\"},{\"name\":\"size\",\"type\":\"int\",\"default\":0}]}";
    private static final String OTHER = "{\"type\":\"record\",\"name\":\"Sku\",\"namespace\":\"com.acme\","
            + "\"fields\":[{\"name\":\"code\",\"type\":\"long\"}]}";

    private static TestRegistry registry;
    private final List<SchemaRegistryClient> clients = new ArrayList<>();

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

    @AfterEach
    void closeClients() {
        clients.forEach(SchemaRegistryClient::close);
    }

    private static ParsedSchema avro(String text) {
        return SchemaProviders.of(SchemaType.AVRO).parse(text, List.of(), Map.of());
    }

    private SchemaRegistryClient client() {
        SchemaRegistryClient client = SchemaRegistryClients.create(registry.serdeConfig());
        clients.add(client);
        return client;
    }

    private SchemaWriter writer(Object... settings) {
        return new SchemaWriter(client(), SerdeConfig.from(registry.serdeConfig(settings), false));
    }

    @Test
    void autoRegistrationRegistersUnderTheStrategysSubjectAndFrames() {
        SchemaWriter writer = writer("value.subject.name.strategy", "RecordNameStrategy");
        WriterSchema chosen = writer.resolve("w-auto", avro(V1));
        assertThat(chosen.subject()).isEqualTo("com.acme.Sku");
        byte[] framed = writer.frame("w-auto", avro(V1), new byte[] {6, 'a', 'b', 'c'}, null);
        assertThat(WireFormat.schemaId(framed)).isEqualTo(chosen.id());
        Framed read = new SchemaReader(client()).read(framed);
        assertThat(read.schemaId()).isEqualTo(chosen.id());
        assertThat(read.schema().canonical()).isEqualTo(avro(V1).canonical());
        assertThat(read.messageIndexes()).isEmpty();
        assertThat(read.payload()).containsExactly(6, 'a', 'b', 'c');
        assertThat(new SchemaReader(client()).read(null)).isNull();
    }

    @Test
    void withoutAutoRegistrationTheSchemaIsLookedUpAndMustExist() {
        int id = writer().resolve("w-lookup", avro(V1)).id();
        SchemaWriter lookup = writer("auto.register.schemas", "false", "normalize.schemas", "true");
        int before = registry.requestLog().size();
        assertThat(lookup.resolve("w-lookup", avro(V1)).id()).isEqualTo(id);
        assertThat(registry.requestLog().subList(before, registry.requestLog().size()))
                .containsExactly("POST /subjects/w-lookup-value?normalize=true");
        assertThatThrownBy(() -> lookup.resolve("w-lookup", avro(V2)))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void aPinnedIdIsUsedWhenItCanReadTheRecordsSchema() {
        int v1 = writer().resolve("w-pinned", avro(V1)).id();
        int v2 = writer().resolve("w-pinned", avro(V2)).id();
        SchemaWriter pinned = writer("auto.register.schemas", false, "use.schema.id", v2);
        WriterSchema chosen = pinned.resolve("w-pinned", avro(V1));
        assertThat(chosen.id()).isEqualTo(v2);
        assertThat(chosen.schema().canonical()).isEqualTo(avro(V2).canonical());
        assertThatThrownBy(() -> pinned.resolve("w-pinned", avro(OTHER)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Schema id " + v2 + " (use.schema.id)")
                .hasMessageContaining("id.compatibility.strict=false");
        SchemaWriter lenient = writer("auto.register.schemas", false, "use.schema.id", v1, "id.compatibility.strict", false);
        assertThat(lenient.resolve("w-pinned", avro(OTHER)).id()).isEqualTo(v1);
    }

    @Test
    void theLatestVersionServesValuesWithoutASchemaOfTheirOwn() {
        int v2 = writer().resolve("w-latest", avro(V2)).id();
        SchemaWriter latest = writer("auto.register.schemas", false, "use.latest.version", true);
        assertThat(latest.resolve("w-latest", null).id()).isEqualTo(v2);
        SchemaWriter byRecord = writer("auto.register.schemas", false, "use.latest.version", true,
                "value.subject.name.strategy", "RecordNameStrategy");
        assertThatThrownBy(() -> byRecord.resolve("w-latest", null))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("TopicNameStrategy");
        assertThatThrownBy(() -> writer().resolve("w-latest", null))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("auto.register.schemas=true");
    }

    @Test
    void manyThreadsWritingTheSameSchemaRegisterItOnce() throws Exception {
        SchemaWriter writer = writer();
        ParsedSchema schema = avro(V1);
        int before = registry.requests();
        Set<Integer> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        ids.add(WireFormat.schemaId(writer.frame("w-threads", schema, new byte[] {2}, null)));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ids).hasSize(1);
        // Threads racing on the first record may each ask; after that nobody does.
        assertThat(registry.requests() - before).isBetween(1, 8);
    }
}

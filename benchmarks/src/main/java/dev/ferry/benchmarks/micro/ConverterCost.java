package dev.ferry.benchmarks.micro;

import dev.ferry.converters.avro.AvroConverter;
import dev.ferry.converters.json.JsonSchemaConverter;
import dev.ferry.converters.protobuf.ProtobufConverter;
import dev.ferry.registry.RegistryConfig;
import dev.ferry.registry.RegistryServer;
import dev.ferry.testkit.KafkaBroker;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.Converter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a converter costs per record in each direction, for Ferry's Avro, Protobuf and JSON Schema converters and
 * for Apache's JsonConverter with {@code schemas.enable=true} (the usual schema-carrying choice without a registry),
 * on the same record: a database row as a JDBC source would give it (ten columns: integers, text, a flag, a
 * decimal, a timestamp, an optional column and an array).
 *
 * <p>The registry converters talk to a real registry (in this JVM, over HTTP, on an embedded broker) only for the
 * first record: the schema's id is cached, so what is measured is the steady state a task lives in, which the
 * issue's target is about (Avro at or below JsonConverter's cost both ways). Run with
 * {@code ./benchmarks/run micro ConverterCost}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConverterCost {
    private static final String TOPIC = "orders";

    static final Schema ROW = SchemaBuilder.struct().name("dev.ferry.bench.Order")
            .field("id", Schema.INT64_SCHEMA)
            .field("customer_id", Schema.INT32_SCHEMA)
            .field("customer", Schema.STRING_SCHEMA)
            .field("email", Schema.STRING_SCHEMA)
            .field("quantity", Schema.INT16_SCHEMA)
            .field("paid", Schema.BOOLEAN_SCHEMA)
            .field("amount", Decimal.builder(2).build())
            .field("created_at", Timestamp.SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .build();

    /** Which converter: Apache's JsonConverter with schemas, or one of Ferry's registry converters. */
    @Param({"json-with-schemas", "avro", "protobuf", "json-schema"})
    public String format;

    private KafkaBroker broker;
    private RegistryServer registry;
    private Converter converter;
    private Struct row;
    private byte[] bytes;

    @Setup(Level.Trial)
    public void start() {
        Map<String, Object> config = new HashMap<>();
        if (format.equals("json-with-schemas")) {
            converter = new JsonConverter();
            config.put("schemas.enable", "true");
        } else {
            broker = KafkaBroker.builder().build().start();
            registry = RegistryServer.start(RegistryConfig.from(Map.of("listeners", "http://127.0.0.1:0",
                    "kafkastore.bootstrap.servers", broker.bootstrapServers()), Map.of()));
            config.put("schema.registry.url", registry.url());
            converter = switch (format) {
                case "avro" -> new AvroConverter();
                case "protobuf" -> new ProtobufConverter();
                case "json-schema" -> new JsonSchemaConverter();
                default -> throw new IllegalArgumentException("unknown format " + format);
            };
        }
        converter.configure(config, false);
        row = new Struct(ROW).put("id", 1_000_042L).put("customer_id", 4711).put("customer", "Ada Lovelace")
                .put("email", "ada@example.com").put("quantity", (short) 3).put("paid", true)
                .put("amount", new BigDecimal("129.95")).put("created_at", new java.util.Date(1_765_000_000_000L))
                .put("note", "leave at the door").put("tags", List.of("new", "priority"));
        bytes = converter.fromConnectData(TOPIC, ROW, row);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        converter.close();
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** Connect data to bytes: the source side, once per record. */
    @Benchmark
    public byte[] fromConnectData() {
        return converter.fromConnectData(TOPIC, ROW, row);
    }

    /** Bytes to Connect data: the sink side, once per record. */
    @Benchmark
    public SchemaAndValue toConnectData() {
        return converter.toConnectData(TOPIC, bytes);
    }
}

package dev.ferry.benchmarks;

import dev.ferry.converters.avro.AvroConverter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Calendar;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;

/**
 * The ceilings the JDBC connectors are measured against, each the least a hand-written program must do for the
 * same transfer, run as a child JVM of its own ({@link JdbcCeilingProcess}) so its CPU is read from {@code /proc}
 * exactly as a worker's is:
 *
 * <ul>
 *   <li>{@code source}: one streaming query (auto-commit off, the given fetch size, as PostgreSQL needs to use a
 *   cursor); a fetch's worth of rows read into the structs the connector builds, then each converted by the same
 *   converter (Ferry's AvroConverter) and sent by a plain producer configured as the framework configures a source
 *   task's ({@link RawClients}), null keys like the connector's: the shape of a task's poll and the framework's send
 *   loop, with nothing else;</li>
 *   <li>{@code sink}: a plain consumer in a fresh group reads the topic, the same converter turns each value back
 *   into a struct, whose fields are bound to one prepared {@code INSERT}; every {@code batch.size} rows one
 *   {@code executeBatch} and one commit.</li>
 * </ul>
 *
 * <p>Arguments are {@code key=value} pairs; the database password comes from {@value #PASSWORD_ENV}. The transfer is
 * made once per topic ({@code topics}, source) or table ({@code tables}, sink) named, each time on a new connection
 * and with new clients, so the first pass is a fresh JVM's and the second a warm one's, as a worker's two
 * connectors. After each pass the process prints {@code done}, keeps its connection open and waits for a line on
 * stdin (the next pass) or its end (exit), so the parent reads all CPU figures while everything is still alive.
 */
public final class JdbcCeiling {
    static final String PASSWORD_ENV = "FERRY_BENCHMARK_DB_PASSWORD";

    private JdbcCeiling() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        String password = System.getenv(PASSWORD_ENV);
        BufferedReader parent = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        boolean source = switch (a.get("side")) {
            case "source" -> true;
            case "sink" -> false;
            default -> throw new IllegalArgumentException("side must be source or sink: " + a);
        };
        String[] targets = a.get(source ? "topics" : "tables").split(",");
        for (int pass = 0; pass < targets.length; pass++) {
            boolean more = source ? source(a, password, targets[pass], parent) : sink(a, password, targets[pass],
                    a.get("group") + "-" + pass, parent);
            if (!more) {
                break;
            }
        }
        System.exit(0);
    }

    /**
     * Says the pass is done and waits, its connection still open, until the parent has measured it and asks for the
     * next pass (a line) or lets the process go (end of input). True when asked for more.
     */
    private static boolean awaitParent(long rows, BufferedReader parent) throws IOException {
        System.out.println("done " + rows);
        System.out.flush();
        return parent.readLine() != null;
    }

    private static boolean source(Map<String, String> a, String password, String topic, BufferedReader parent)
            throws Exception {
        AvroConverter converter = converter(a.get("registry"));
        AtomicReference<Exception> failure = new AtomicReference<>();
        Calendar utc = JdbcTable.utc();
        long rows = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(a.get("bootstrap")));
             Connection connection = DriverManager.getConnection(a.get("url"), a.get("user"), password)) {
            producer.partitionsFor(topic);
            connection.setAutoCommit(false);
            int fetch = Integer.parseInt(a.get("fetch"));
            try (PreparedStatement query = connection.prepareStatement(a.get("sql"))) {
                query.setFetchSize(fetch);
                if (a.containsKey("after")) {
                    query.setLong(1, Long.parseLong(a.get("after")));
                }
                Struct[] batch = new Struct[fetch];
                try (ResultSet row = query.executeQuery()) {
                    boolean more = true;
                    while (more) {
                        // a fetch's worth of rows first, then their sends, as the task's poll and the framework's
                        // send loop do
                        int n = 0;
                        while (n < fetch && (more = row.next())) {
                            batch[n++] = JdbcTable.struct(row, utc);
                        }
                        for (int i = 0; i < n; i++) {
                            byte[] bytes = converter.fromConnectData(topic, JdbcTable.SCHEMA, batch[i]);
                            producer.send(new ProducerRecord<>(topic, null, bytes), (metadata, e) -> {
                                if (e != null) {
                                    failure.compareAndSet(null, e);
                                }
                            });
                            rows++;
                        }
                    }
                }
            }
            connection.commit();
            producer.flush();
            if (failure.get() != null) {
                throw new IllegalStateException("the producer failed: " + failure.get(), failure.get());
            }
            return awaitParent(rows, parent);
        }
    }

    private static boolean sink(Map<String, String> a, String password, String table, String group,
            BufferedReader parent) throws Exception {
        String topic = a.get("topic");
        long target = Long.parseLong(a.get("rows"));
        int batchSize = Integer.parseInt(a.get("batch"));
        AvroConverter converter = converter(a.get("registry"));
        Calendar utc = JdbcTable.utc();
        long committed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(a.get("bootstrap"),
                group));
             Connection connection = DriverManager.getConnection(a.get("url"), a.get("user"), password)) {
            JdbcTable.createSinkTable(connection, table);
            connection.setAutoCommit(false);
            consumer.subscribe(List.of(topic));
            long lastProgress = System.nanoTime();
            int pending = 0;
            try (PreparedStatement insert = connection.prepareStatement(JdbcTable.insert(table))) {
                while (committed < target) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                    if (records.isEmpty() && System.nanoTime() - lastProgress > Duration.ofSeconds(60).toNanos()) {
                        throw new IllegalStateException("no record for 60 s after " + committed + " rows");
                    }
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        SchemaAndValue value = converter.toConnectData(topic, record.value());
                        JdbcTable.bind(insert, (Struct) value.value(), utc);
                        insert.addBatch();
                        pending++;
                        if (pending == batchSize || committed + pending == target) {
                            insert.executeBatch();
                            connection.commit();
                            committed += pending;
                            pending = 0;
                            lastProgress = System.nanoTime();
                        }
                    }
                }
            }
            return awaitParent(committed, parent);
        }
    }

    private static AvroConverter converter(String registryUrl) {
        AvroConverter converter = new AvroConverter();
        converter.configure(Map.of("schema.registry.url", registryUrl), false);
        return converter;
    }

    /** A source task's producer settings, as {@link RawClients#produce} sets them. */
    private static Map<String, Object> producerConfig(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "benchmark-jdbc-ceiling");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Long.MAX_VALUE));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE));
        return config;
    }

    /** A sink task's consumer settings, as {@link RawClients#consume} sets them. */
    private static Map<String, Object> consumerConfig(String bootstrap, String group) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "benchmark-jdbc-ceiling");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }
}

package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import dev.ferry.testkit.db.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDBC sink's upserts under redelivery: a stream of versions of 1,000 keys (records keyed by a JSON struct with
 * schema, {@code pk.mode=record_key}, {@code insert.mode=upsert}) keeps arriving while the worker is killed with
 * SIGKILL and started again. The worker commits no consumer offset before the kill ({@code offset.flush.interval.ms}
 * is long), so the records the sink wrote before it are delivered a second time (a trigger logs the row writes to
 * prove it); the table must end with exactly one row per key holding that key's last version. Then tombstones delete
 * rows ({@code delete.enabled}) and a key written after its tombstone is back. The steps share the worker and run in
 * order.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JdbcSinkCrashIT {
    private static final String PASSWORD_VARIABLE = "FERRY_IT_PG_PASSWORD";
    private static final String TOPIC = "jdbccrash-events";
    private static final int KEYS = 1000;
    private static final int RECORDS = 30_000;
    private static final String TABLE_ROWS = "SELECT id, version, label FROM \"" + TOPIC + "\" ORDER BY id";

    private PostgresServer postgres;
    private WorkerProcess worker;
    private Path connectorFile;

    @BeforeAll
    void startDatabaseAndWorker(KafkaBroker broker, @TempDir Path dir) throws Exception {
        String password = JdbcTestSupport.environment(PASSWORD_VARIABLE);
        postgres = PostgresServer.start(dir.resolve("postgres"), password);
        postgres.createDatabase("crash");
        // the table the sink would create, plus a trigger that logs every row it writes (upserts update)
        JdbcTestSupport.execute(postgres, "crash",
                "CREATE TABLE \"" + TOPIC + "\" (id bigint PRIMARY KEY, version bigint NOT NULL, label text NOT NULL)",
                "CREATE TABLE writes (version bigint NOT NULL)",
                "CREATE FUNCTION log_write() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$ BEGIN INSERT INTO writes VALUES (NEW.version); RETURN NEW; END $$",
                "CREATE TRIGGER log_writes AFTER INSERT OR UPDATE ON \"" + TOPIC + "\" FOR EACH ROW"
                        + " EXECUTE FUNCTION log_write()");
        broker.createTopic(TOPIC, 3, Map.of());
        Files.createDirectories(dir.resolve("worker"));
        connectorFile = Files.writeString(dir.resolve("sink.properties"), String.join("\n",
                "name=jdbccrash-sink",
                "connector.class=" + JdbcTestSupport.SINK,
                "tasks.max=2",
                "topics=" + TOPIC,
                "connection.url=" + postgres.jdbcUrl("crash"),
                "connection.user=" + PostgresServer.USER,
                "connection.password=${env:" + PASSWORD_VARIABLE + "}",
                "insert.mode=upsert",
                "pk.mode=record_key",
                "delete.enabled=true",
                "auto.create=true",
                "batch.size=500",
                "key.converter=" + JdbcTestSupport.JSON_CONVERTER,
                "value.converter=" + JdbcTestSupport.JSON_CONVERTER) + "\n");
        Map<String, String> workerConfig = new HashMap<>(JdbcTestSupport.envConfigProvider());
        // the killed worker's consumer leaves the group after this, not after the default 45 s
        workerConfig.put("consumer.session.timeout.ms", "6000");
        workerConfig.put("consumer.heartbeat.interval.ms", "1000");
        // no offset commit before the kill: everything written before it is delivered again
        workerConfig.put("offset.flush.interval.ms", "600000");
        worker = WorkerProcess.start(dir.resolve("worker"), broker.bootstrapServers(), workerConfig, connectorFile);
    }

    @AfterAll
    void stop() throws Exception {
        if (worker != null) {
            worker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void killDashNine_midStream_restart_tableHoldsEachKeysLastVersion_onceEach(KafkaBroker broker) throws Exception {
        AtomicInteger sent = new AtomicInteger();
        long writtenBeforeKill;
        AtomicReference<Throwable> producerError = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                for (int from = 0; from < RECORDS; from += 1000) {
                    List<byte[][]> chunk = new ArrayList<>();
                    for (int i = from; i < from + 1000; i++) {
                        chunk.add(new byte[][] {key(i % KEYS), value(i)});
                    }
                    JdbcTestSupport.produce(broker, TOPIC, chunk);
                    sent.addAndGet(chunk.size());
                    Thread.sleep(150);
                }
            } catch (Throwable e) {
                producerError.set(e);
            }
        }, "jdbccrash-producer");
        producer.start();
        try {
            worker.await(Duration.ofSeconds(60), "the sink writing rows", () ->
                    JdbcTestSupport.noFailure(worker, "jdbccrash-sink") && writes() >= 2000);
            assertThat(sent.get()).as("killed while records are still being produced").isLessThan(RECORDS);
            worker.kill9();
            writtenBeforeKill = writes();
            Thread.sleep(1000);
            worker.launch(connectorFile);
        } finally {
            producer.join();
        }
        assertThat(producerError.get()).isNull();

        Map<Long, List<String>> expected = new TreeMap<>();
        for (int i = RECORDS - KEYS; i < RECORDS; i++) {
            expected.put((long) (i % KEYS), List.of(String.valueOf(i % KEYS), String.valueOf(i), "v" + i));
        }
        List<List<String>> want = new ArrayList<>(expected.values());
        worker.await(Duration.ofSeconds(90), "every key at its last version", () ->
                JdbcTestSupport.noFailure(worker, "jdbccrash-sink")
                        && JdbcTestSupport.rowsIfAny(postgres, "crash", TABLE_ROWS).equals(want));
        assertThat(JdbcTestSupport.rows(postgres, "crash", TABLE_ROWS)).containsExactlyElementsOf(want);
        long rewritten = Long.parseLong(JdbcTestSupport.rows(postgres, "crash", "SELECT count(*) FROM (SELECT version"
                + " FROM writes GROUP BY version HAVING count(*) > 1) twice").get(0).get(0));
        System.out.printf("%d row writes for %d records; %d before the kill; %d versions written twice%n", writes(),
                RECORDS, writtenBeforeKill, rewritten);
        assertThat(rewritten).as("records written before the kill and delivered again after it").isPositive();
    }

    @Test
    @Order(2)
    void tombstones_deleteTheirRows_andAKeyWrittenAfterItsTombstoneIsBack(KafkaBroker broker) throws Exception {
        List<byte[][]> records = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            records.add(new byte[][] {key(k), null});
        }
        records.add(new byte[][] {key(0), value(99_000)});
        JdbcTestSupport.produce(broker, TOPIC, records);
        worker.await(Duration.ofSeconds(60), "rows 1..99 deleted and row 0 written again", () ->
                JdbcTestSupport.noFailure(worker, "jdbccrash-sink") && rowCount() == KEYS - 99
                        && JdbcTestSupport.rows(postgres, "crash", TABLE_ROWS).get(0).equals(
                                List.of("0", "99000", "v99000")));
        assertThat(JdbcTestSupport.rows(postgres, "crash", "SELECT min(id), max(id), count(*) FROM \"" + TOPIC
                + "\" WHERE id > 0"))
                .containsExactly(List.of("100", String.valueOf(KEYS - 1), String.valueOf(KEYS - 100)));
        assertThat(worker.stop()).isZero();
        assertThat(worker.logText()).doesNotContain(JdbcTestSupport.environment(PASSWORD_VARIABLE));
    }

    private long writes() {
        List<List<String>> rows = JdbcTestSupport.rowsIfAny(postgres, "crash", "SELECT count(*) FROM writes");
        return rows.isEmpty() ? 0 : Long.parseLong(rows.get(0).get(0));
    }

    private long rowCount() {
        List<List<String>> rows = JdbcTestSupport.rowsIfAny(postgres, "crash",
                "SELECT count(*) FROM \"" + TOPIC + "\"");
        return rows.isEmpty() ? 0 : Long.parseLong(rows.get(0).get(0));
    }

    private static byte[] key(int id) {
        return ("{\"schema\":{\"type\":\"struct\",\"optional\":false,\"name\":\"jdbccrash.Key\",\"fields\":["
                + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false}]},\"payload\":{\"id\":" + id + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int version) {
        return ("{\"schema\":{\"type\":\"struct\",\"optional\":false,\"name\":\"jdbccrash.Value\",\"fields\":["
                + "{\"field\":\"version\",\"type\":\"int64\",\"optional\":false},"
                + "{\"field\":\"label\",\"type\":\"string\",\"optional\":false}]},"
                + "\"payload\":{\"version\":" + version + ",\"label\":\"v" + version + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}

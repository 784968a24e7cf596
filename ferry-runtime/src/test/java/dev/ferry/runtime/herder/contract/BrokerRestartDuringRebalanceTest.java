package dev.ferry.runtime.herder.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.herder.Herder;
import dev.ferry.testkit.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The broker of a two-worker cluster stops right after a rebalance (a new connector's), and stays
 * down past the workers' session timeout (6 s here), so both have left their group and are in a
 * rebalance, trying to rejoin, when it comes back. Meanwhile each worker's health says it is
 * outside its group (what {@code /health/ready} answers with 503); once the broker is back, the
 * cluster settles: every connector and task runs again, each exactly once (no task left running on
 * two workers), and both workers are healthy. Uses a broker of its own, since it stops it.
 *
 * <p>A sink task has records it has not committed yet when the workers, out of touch with their
 * group, revoke their work: its last commit waits for the broker past
 * {@code task.shutdown.graceful.timeout.ms}. The worker gives up on it and only logs that, as
 * Apache does; it writes no FAILED status, which would land after the broker's return and could
 * outlast the next owner's RUNNING. The status topic must hold no FAILED record at all.
 *
 * <p>The new connector is left to reach RUNNING with its tasks before the broker stops: with the
 * default 30 s config-topic write timeout, a write that fails needs an outage over 30 s; the
 * retry of such a write is {@link TaskConfigsAfterBrokerOutageTest}'s.
 */
class BrokerRestartDuringRebalanceTest extends OwnBrokerClusterTest {
    private static final Duration OUTAGE_PATIENCE = Duration.ofSeconds(60);
    /** Short, so that the outage need not be long for a revoked task's stop to outlast it. */
    private static final long GRACEFUL_STOP_MS = 1000;

    @Test
    void brokerRestartedDuringARebalance_readinessSaysOutsideTheGroup_thenEveryTaskRunsOnceAgain() throws Exception {
        broker = KafkaBroker.builder().build().start();
        String topic = "outage-sink-input";
        broker.createTopic(topic, 1);
        // Sink offsets are committed every minute, so the records below are not committed when the outage comes.
        fixture = ClusterHerderFixture.start(broker, scratch, new ClusterHerderFixture.Tuning(Map.of(
                "offset.flush.interval.ms", "60000",
                "task.shutdown.graceful.timeout.ms", Long.toString(GRACEFUL_STOP_MS)), Duration.ofSeconds(30)));
        String sink = uniqueName("sink");
        createRunning(sink, scripted().sink(topic), 1);
        produce(topic, 10);
        Eventually.holds(OUTAGE_PATIENCE, () -> assertThat(scripted().taskLog(sink, 0)).anyMatch(l -> l.startsWith("put")));
        String before = uniqueName("before-outage");
        createRunning(before, scripted().config(2, "b"), 2);
        assertThat(healthOfEachWorker()).extracting(Herder.WorkerHealth::status).containsOnly("healthy");

        String during = uniqueName("rebalancing");
        createRunning(during, scripted().config(2, "r"), 2);
        broker.stop();

        Eventually.holds(OUTAGE_PATIENCE, () -> assertThat(healthOfEachWorker()).allSatisfy(health -> {
            assertThat(health.status()).isEqualTo("unhealthy");
            assertThat(health.message()).containsPattern("^This worker has (been outside|not taken part in) its Connect "
                    + "group 'herder-contract-").contains("check that the brokers run").doesNotContain("..");
        }));
        // Outside their group, the workers revoke their work: the source tasks stop at once, the sink task's
        // last commit waits for the broker and outlasts its stop budget.
        Eventually.holds(OUTAGE_PATIENCE, () -> {
            for (String connector : List.of(before, during)) {
                for (int task = 0; task < 2; task++) {
                    assertThat(scripted().lastTaskLine(connector, task)).as("%s task %d", connector, task)
                            .isEqualTo("stop");
                }
            }
        });
        Thread.sleep(GRACEFUL_STOP_MS + 1000);
        broker.restart();

        awaitStates(sink, running(1));
        awaitStates(before, running(2));
        awaitStates(during, running(2));
        Eventually.holds(OUTAGE_PATIENCE, () -> assertThat(healthOfEachWorker()).extracting(Herder.WorkerHealth::status)
                .containsOnly("healthy"));
        for (String connector : List.of(before, during)) {
            for (int task = 0; task < 2; task++) {
                List<String> log = scripted().taskLog(connector, task);
                long starts = log.stream().filter(line -> line.startsWith("start")).count();
                long stops = log.stream().filter(line -> line.equals("stop")).count();
                assertThat(starts - stops).as("running instances of %s task %d (log %s)", connector, task, log)
                        .isEqualTo(1);
            }
        }
        assertThat(statusRecords()).as("status records written").noneMatch(r -> r.contains("\"FAILED\""));
        awaitStates(sink, running(1));
    }

    private void produce(String topic, int records) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(broker.producerConfig(),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "record-" + i));
            }
        }
    }

    /** Every record of the workers' status topic, as {@code key=value}. */
    private List<String> statusRecords() {
        String topic = ((ClusterHerderFixture) fixture).statusTopic();
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(broker.consumerConfig(),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> records.add(r.key() + "=" + r.value()));
            }
        }
        return records;
    }

    private List<Herder.WorkerHealth> healthOfEachWorker() {
        return fixture.readEach(h -> h.health().toCompletableFuture().join()).stream().toList();
    }
}

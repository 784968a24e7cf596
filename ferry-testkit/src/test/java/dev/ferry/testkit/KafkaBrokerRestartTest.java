package dev.ferry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** A broker stopped as an outage looks to clients, then back at the same address with its data. */
class KafkaBrokerRestartTest {

    @Test
    void stoppedBroker_refusesClients_andRestartsAtTheSameAddressWithItsRecords() throws Exception {
        try (KafkaBroker broker = KafkaBroker.builder().build().start();
             Admin admin = Admin.create(broker.adminConfig())) {
            String address = broker.bootstrapServers();
            broker.createTopic("kept", 1);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker.producerConfig())) {
                producer.send(new ProducerRecord<>("kept", "before the outage".getBytes())).get();
            }

            broker.stop();
            assertThat(broker.bootstrapServers()).isEqualTo(address);
            assertThatThrownBy(() -> admin.describeCluster(new DescribeClusterOptions().timeoutMs(1000)).clusterId()
                    .get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThatThrownBy(broker::start).hasMessageContaining("restart()");

            broker.restart();
            assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS)).isEqualTo(broker.clusterId());
            var consumerConfig = broker.consumerConfig();
            consumerConfig.put("group.id", "after-restart");
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
                consumer.subscribe(List.of("kept"));
                List<String> values = new java.util.ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (values.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        values.add(new String(record.value()));
                    }
                }
                assertThat(values).containsExactly("before the outage");
            }
        }
    }

    @Test
    void onlyAStoppedBrokerRestarts() {
        try (KafkaBroker broker = KafkaBroker.builder().build()) {
            assertThatThrownBy(broker::restart).hasMessageContaining("not started yet");
            broker.start();
            assertThatThrownBy(broker::restart).hasMessageContaining("running");
        }
    }
}

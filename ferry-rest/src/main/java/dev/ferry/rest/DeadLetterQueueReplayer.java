package dev.ferry.rest;

import dev.ferry.runtime.errors.DeadLetterQueueClients;
import dev.ferry.runtime.errors.DeadLetterQueueReporter;
import dev.ferry.runtime.model.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes dead letter queue records back to the topic they failed from: to the partition named
 * in {@code __connect.errors.topic}/{@code .partition} (or to {@code topic} when the request names
 * one), with the record's key, value and own headers byte for byte and the
 * {@code __connect.errors.*} headers left out, so the connector consumes it again as it first
 * came. The broker gives the copy a new offset and timestamp. Records are sent in the order
 * given and the answer waits until every one is acknowledged.
 *
 * <p>Thread contract: one instance per request; {@link #close()} closes the producer.
 */
final class DeadLetterQueueReplayer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;

    DeadLetterQueueReplayer(DeadLetterQueueClients clients, DeadLetterQueueClients.Queue queue) {
        this.producer = new KafkaProducer<>(clients.replayer(queue), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /** Where one record went. */
    record Replayed(int dlqPartition, long dlqOffset, String topic, int partition, long offset) {
        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("dlq_partition", dlqPartition);
            json.put("dlq_offset", dlqOffset);
            json.put("topic", topic);
            json.put("partition", partition);
            json.put("offset", offset);
            return json;
        }
    }

    /**
     * Checks that every record has a destination before sending any of them.
     *
     * @param topic the topic to send to, or null for each record's original topic
     * @throws InvalidRequestException when a record has no original topic and none was given
     */
    static void checkDestinations(List<ConsumerRecord<byte[], byte[]>> records, String topic, String connector) {
        if (topic != null) {
            return;
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (header(record, DeadLetterQueueReporter.HEADER_TOPIC) == null) {
                throw new InvalidRequestException("The record at partition " + record.partition() + " offset "
                        + record.offset() + " of the dead letter queue has no " + DeadLetterQueueReporter.HEADER_TOPIC
                        + " header, so its original topic is unknown: connector " + connector + " writes those headers "
                        + "only with errors.deadletterqueue.context.headers.enable=true. Name the topic to replay to "
                        + "in the request ({\"topic\": ...}). Nothing was replayed.");
            }
        }
    }

    List<Replayed> replay(List<ConsumerRecord<byte[], byte[]>> records, String topic) throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String destination = topic != null ? topic : header(record, DeadLetterQueueReporter.HEADER_TOPIC);
            Integer partition = null;
            String originalPartition = header(record, DeadLetterQueueReporter.HEADER_PARTITION);
            if (topic == null && originalPartition != null) {
                try {
                    partition = Integer.parseInt(originalPartition.trim());
                } catch (NumberFormatException e) {
                    partition = null;
                }
            }
            RecordHeaders headers = new RecordHeaders();
            for (Header header : record.headers()) {
                if (!header.key().startsWith(DeadLetterRecordJson.ERROR_HEADER_PREFIX)) {
                    headers.add(header.key(), header.value());
                }
            }
            sent.add(producer.send(new ProducerRecord<>(destination, partition, null, record.key(), record.value(),
                    headers)));
        }
        producer.flush();
        List<Replayed> replayed = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = records.get(i);
            try {
                RecordMetadata metadata = sent.get(i).get();
                replayed.add(new Replayed(record.partition(), record.offset(), metadata.topic(), metadata.partition(),
                        metadata.offset()));
            } catch (ExecutionException e) {
                throw new RestException(500, "Could not replay the record at partition " + record.partition()
                        + " offset " + record.offset() + " of the dead letter queue: " + e.getCause()
                        + ". " + replayed.size() + " record(s) before it were replayed: " + describe(replayed)
                        + ". Check that the topic exists and the connector's producer may write to it.");
            }
        }
        return replayed;
    }

    static String describe(List<Replayed> replayed) {
        if (replayed.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        for (Replayed r : replayed) {
            parts.add(r.dlqPartition() + "/" + r.dlqOffset() + " -> " + r.topic() + "-" + r.partition() + "@"
                    + r.offset());
        }
        return String.join(", ", parts);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

package dev.ferry.rest;

import dev.ferry.runtime.errors.DeadLetterQueueClients;
import dev.ferry.runtime.model.InvalidRequestException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads records of a dead letter queue topic by partition and offset with a short-lived consumer
 * that belongs to no group and commits nothing, so browsing never moves anyone's position. One
 * consumer per request: DLQ browsing is rare, and nothing is held between requests.
 *
 * <p>Thread contract: one instance per request thread; {@link #close()} closes the consumer.
 */
final class DeadLetterQueueReader implements AutoCloseable {
    /** How long one read may take in all (the broker may be slow; a page must still answer). */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;

    DeadLetterQueueReader(DeadLetterQueueClients clients, DeadLetterQueueClients.Queue queue) {
        this.consumer = new KafkaConsumer<>(clients.reader(queue), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.topic = queue.topic();
    }

    /** A partition's first and next offsets. */
    record Bounds(int partition, long start, long end) {
    }

    /** The queue's partitions with their offsets; empty when the topic does not exist yet. */
    List<Bounds> partitions() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, READ_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
                .toList();
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, READ_TIMEOUT);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
        return partitions.stream().map(p -> new Bounds(p.partition(), starts.get(p), ends.get(p))).toList();
    }

    /** Up to {@code limit} records of {@code partition} from {@code from} (inclusive), stopping at {@code end}. */
    List<ConsumerRecord<byte[], byte[]>> page(int partition, long from, long end, int limit) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        if (from >= end || limit <= 0) {
            return records;
        }
        TopicPartition tp = new TopicPartition(topic, partition);
        consumer.assign(List.of(tp));
        consumer.seek(tp, from);
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (records.size() < limit && consumer.position(tp, READ_TIMEOUT) < end && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500)).records(tp)) {
                if (record.offset() >= end || records.size() >= limit) {
                    return records;
                }
                records.add(record);
            }
        }
        return records;
    }

    /**
     * The records at the given offsets, keyed by partition then offset.
     *
     * @throws InvalidRequestException naming the offsets that hold no record (outside the
     *                                 partition's range, compacted away, or a transaction marker)
     */
    Map<Integer, Map<Long, ConsumerRecord<byte[], byte[]>>> fetch(Map<Integer, Set<Long>> wanted) {
        Map<Integer, Bounds> bounds = new HashMap<>();
        for (Bounds b : partitions()) {
            bounds.put(b.partition(), b);
        }
        Map<Integer, Map<Long, ConsumerRecord<byte[], byte[]>>> found = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<Integer, Set<Long>> entry : wanted.entrySet()) {
            int partition = entry.getKey();
            TreeSet<Long> offsets = new TreeSet<>(entry.getValue());
            Bounds b = bounds.get(partition);
            Map<Long, ConsumerRecord<byte[], byte[]>> here = new TreeMap<>();
            if (b != null && offsets.first() >= b.start() && offsets.first() < b.end()) {
                long until = Math.min(b.end(), offsets.last() + 1);
                TopicPartition tp = new TopicPartition(topic, partition);
                consumer.assign(List.of(tp));
                consumer.seek(tp, offsets.first());
                long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
                while (consumer.position(tp, READ_TIMEOUT) < until && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500)).records(tp)) {
                        if (offsets.contains(record.offset())) {
                            here.put(record.offset(), record);
                        }
                    }
                }
            }
            for (long offset : offsets) {
                if (!here.containsKey(offset)) {
                    missing.add("partition " + partition + " offset " + offset);
                }
            }
            found.put(partition, here);
        }
        if (!missing.isEmpty()) {
            throw new InvalidRequestException("The dead letter queue " + topic + " holds no record at "
                    + String.join(", ", missing) + "; list the queue (GET .../dlq) for the offsets it holds. "
                    + "Nothing was replayed.");
        }
        return found;
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}

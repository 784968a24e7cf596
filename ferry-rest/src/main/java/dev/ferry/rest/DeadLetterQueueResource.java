package dev.ferry.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.runtime.errors.DeadLetterQueueClients;
import dev.ferry.runtime.herder.Herder;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Ferry's dead letter queue endpoints (not in Apache): {@code GET /connectors/{c}/dlq} lists a
 * page of a sink connector's DLQ records (from its {@code errors.deadletterqueue.topic.name}) with
 * the {@code __connect.errors.*} headers decoded, and {@code POST /connectors/{c}/dlq/replay}
 * writes chosen records back to their original topic. Both work on any worker of a cluster (they
 * talk to Kafka, not to the herder's state), with the connector's own client settings
 * ({@link DeadLetterQueueClients}), and hold nothing between requests: each builds its consumer
 * or producer and closes it before answering. docs/REST.md describes the JSON.
 */
final class DeadLetterQueueResource {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    /** At most this many records in one replay request. */
    static final int MAX_REPLAY = 1000;

    private final Herder herder;
    private final HerderCalls calls;
    private final JsonResponses json;
    private final JsonContentType types;
    private final ObjectMapper mapper;
    private final Supplier<DeadLetterQueueClients> clientsFactory;
    private DeadLetterQueueClients clients;

    DeadLetterQueueResource(Herder herder, HerderCalls calls, JsonResponses json, ObjectMapper mapper,
                            Supplier<DeadLetterQueueClients> clients) {
        this.herder = herder;
        this.calls = calls;
        this.json = json;
        this.types = new JsonContentType(json);
        this.mapper = mapper;
        this.clientsFactory = clients;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/connectors/{connector}/dlq", types.accepting(this::list));
        routes.post("/connectors/{connector}/dlq/replay", types.reading(this::replay));
    }

    /** Built on the first DLQ request: a worker nobody asks about its DLQs never creates it. */
    private synchronized DeadLetterQueueClients clients() {
        if (clients == null) {
            clients = clientsFactory.get();
        }
        return clients;
    }

    private DeadLetterQueueClients.Queue queue(Context ctx) {
        String connector = ctx.pathParam("connector");
        Map<String, String> config = calls.await(herder.connectorConfig(connector));
        return clients().queueOf(connector, config);
    }

    private void list(Context ctx) {
        Integer partitionParam = intParam(ctx, "partition", 0, Integer.MAX_VALUE);
        Long offsetParam = longParam(ctx, "offset");
        Integer limitParam = intParam(ctx, "limit", 1, MAX_LIMIT);
        int limit = limitParam == null ? DEFAULT_LIMIT : limitParam;
        DeadLetterQueueClients.Queue queue = queue(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connector", queue.connector());
        body.put("topic", queue.topic());
        body.put("context_headers", queue.contextHeaders());
        try (DeadLetterQueueReader reader = new DeadLetterQueueReader(clients(), queue)) {
            List<DeadLetterQueueReader.Bounds> partitions = reader.partitions();
            List<Map<String, Object>> partitionsJson = new ArrayList<>();
            for (DeadLetterQueueReader.Bounds b : partitions) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("partition", b.partition());
                p.put("start_offset", b.start());
                p.put("end_offset", b.end());
                partitionsJson.add(p);
            }
            body.put("partitions", partitionsJson);
            DeadLetterQueueReader.Bounds bounds = partitions.stream()
                    .filter(b -> partitionParam == null || b.partition() == partitionParam)
                    .findFirst().orElse(null);
            if (bounds == null) {
                if (partitionParam != null && !partitions.isEmpty()) {
                    throw RestException.badRequest("The dead letter queue " + queue.topic() + " has no partition "
                            + partitionParam + "; its partitions are 0 to " + (partitions.size() - 1) + ".");
                }
                // The topic is created when a task starts; until then the queue is simply empty.
                body.put("partition", partitionParam == null ? 0 : partitionParam);
                body.put("offset", 0L);
                body.put("limit", limit);
                body.put("records", List.of());
                body.put("previous_offset", null);
                body.put("next_offset", null);
                json.send(ctx, 200, body);
                return;
            }
            long from = offsetParam == null ? Math.max(bounds.start(), bounds.end() - limit)
                    : Math.max(bounds.start(), offsetParam);
            List<ConsumerRecord<byte[], byte[]>> records = reader.page(bounds.partition(), from, bounds.end(), limit);
            long after = records.isEmpty() ? from : records.get(records.size() - 1).offset() + 1;
            body.put("partition", bounds.partition());
            body.put("offset", from);
            body.put("limit", limit);
            body.put("records", records.stream().map(DeadLetterRecordJson::of).toList());
            body.put("previous_offset", from > bounds.start() ? Math.max(bounds.start(), from - limit) : null);
            body.put("next_offset", after < bounds.end() ? after : null);
        }
        json.send(ctx, 200, body);
    }

    private void replay(Context ctx) throws InterruptedException {
        JsonNode root;
        try {
            root = mapper.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw RestException.badRequest("The body is not valid JSON: " + e.getMessage()
                    + ". Send {\"records\": [{\"partition\": 0, \"offset\": 12}]}.");
        }
        if (root == null || !root.isObject() || !root.path("records").isArray() || root.path("records").isEmpty()) {
            throw RestException.badRequest("Name the records to replay: {\"records\": [{\"partition\": 0, "
                    + "\"offset\": 12}], optionally \"topic\": \"...\" to send them somewhere other than their "
                    + "original topic.");
        }
        JsonNode topicNode = root.get("topic");
        if (topicNode != null && !topicNode.isNull() && (!topicNode.isTextual() || topicNode.asText().isBlank())) {
            throw RestException.badRequest("\"topic\" must be a topic name, or left out to replay each record to its "
                    + "original topic.");
        }
        String topic = topicNode == null || topicNode.isNull() ? null : topicNode.asText().trim();
        List<long[]> wanted = new ArrayList<>();
        Map<Integer, Set<Long>> byPartition = new TreeMap<>();
        for (JsonNode record : root.get("records")) {
            if (!record.path("partition").canConvertToInt() || !record.path("offset").canConvertToLong()
                    || !record.path("partition").isIntegralNumber() || !record.path("offset").isIntegralNumber()) {
                throw RestException.badRequest("Each record to replay is {\"partition\": <int>, \"offset\": <long>}; "
                        + "got " + record + ".");
            }
            int partition = record.get("partition").intValue();
            long offset = record.get("offset").longValue();
            if (byPartition.computeIfAbsent(partition, p -> new LinkedHashSet<>()).add(offset)) {
                wanted.add(new long[] {partition, offset});
            }
        }
        if (wanted.size() > MAX_REPLAY) {
            throw RestException.badRequest("At most " + MAX_REPLAY + " records can be replayed in one request; got "
                    + wanted.size() + ". Send them in several requests.");
        }
        DeadLetterQueueClients.Queue queue = queue(ctx);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (DeadLetterQueueReader reader = new DeadLetterQueueReader(clients(), queue)) {
            Map<Integer, Map<Long, ConsumerRecord<byte[], byte[]>>> found = reader.fetch(byPartition);
            for (long[] w : wanted) {
                records.add(found.get((int) w[0]).get(w[1]));
            }
        }
        DeadLetterQueueReplayer.checkDestinations(records, topic, queue.connector());
        List<DeadLetterQueueReplayer.Replayed> replayed;
        try (DeadLetterQueueReplayer replayer = new DeadLetterQueueReplayer(clients(), queue)) {
            replayed = replayer.replay(records, topic);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connector", queue.connector());
        body.put("dlq_topic", queue.topic());
        body.put("replayed", replayed.stream().map(DeadLetterQueueReplayer.Replayed::json).toList());
        body.put("message", "Replayed " + replayed.size() + " record(s) of dead letter queue " + queue.topic() + ": "
                + DeadLetterQueueReplayer.describe(replayed) + " (queue partition/offset -> topic-partition@offset).");
        json.send(ctx, 200, body);
    }

    private static Integer intParam(Context ctx, String name, int min, int max) {
        Long value = longParam(ctx, name);
        if (value == null) {
            return null;
        }
        if (value < min || value > max) {
            throw RestException.badRequest("Query parameter " + name + " must be between " + min + " and " + max
                    + "; got " + value + ".");
        }
        return value.intValue();
    }

    private static Long longParam(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value < 0) {
                throw RestException.badRequest("Query parameter " + name + " must not be negative; got " + text + ".");
            }
            return value;
        } catch (NumberFormatException e) {
            throw RestException.badRequest("Query parameter " + name + " must be a whole number; got '" + text + "'.");
        }
    }
}

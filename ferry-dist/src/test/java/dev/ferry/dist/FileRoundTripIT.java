package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache's unmodified FileStreamSource and FileStreamSink, loaded as isolated plugins from the
 * distribution, move a file through Kafka byte for byte, with JsonConverter and a predicate-gated
 * InsertField SMT in the path (the predicate never matches these records, so the bytes must not
 * change, which proves the gate works).
 */
@WithKafka
class FileRoundTripIT {
    private static final int LINES = 200_000;

    @TempDir
    Path dir;

    @Test
    void fileSourceToTopicToFileSink_movesEveryLineByteIdentical(KafkaBroker broker) throws Exception {
        Path input = dir.resolve("input.txt");
        Path output = dir.resolve("output.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            text.append("line ").append(i).append(" — ünïcødé ✓ \"quoted\" {json-ish: ").append(i * 7).append("}\n");
        }
        Files.writeString(input, text, StandardCharsets.UTF_8);
        // One partition: Kafka keeps order within a partition, so the output can be byte-identical.
        broker.createTopic("roundtrip", 1, Map.of());

        Path source = Files.writeString(dir.resolve("source.properties"), String.join("\n",
                "name=file-source",
                "connector.class=FileStreamSource",
                "file=" + input,
                "topic=roundtrip",
                "value.converter=org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable=false",
                "transforms=stamp",
                "transforms.stamp.type=org.apache.kafka.connect.transforms.InsertField$Value",
                "transforms.stamp.static.field=via",
                "transforms.stamp.static.value=ferry",
                "transforms.stamp.predicate=onlyAuditTopics",
                "predicates=onlyAuditTopics",
                "predicates.onlyAuditTopics.type=org.apache.kafka.connect.transforms.predicates.TopicNameMatches",
                "predicates.onlyAuditTopics.pattern=audit-.*"));
        Path sink = Files.writeString(dir.resolve("sink.json"), """
                {"name": "file-sink", "config": {
                  "connector.class": "FileStreamSink",
                  "file": "%s",
                  "topics": "roundtrip",
                  "value.converter": "org.apache.kafka.connect.json.JsonConverter",
                  "value.converter.schemas.enable": "false"}}
                """.formatted(output));

        try (WorkerProcess worker = WorkerProcess.start(dir, broker.bootstrapServers(), Map.of(), source, sink)) {
            worker.awaitState("file-source", "RUNNING", 1, Duration.ofSeconds(30));
            worker.awaitState("file-sink", "RUNNING", 1, Duration.ofSeconds(30));
            WorkerProcess.awaitUntil(Duration.ofSeconds(120), LINES + " lines in " + output,
                    () -> Files.exists(output) && Files.size(output) >= Files.size(input));
            // The sink's consumer lag, from its consumer's own registry, is on /metrics by connector and task.
            worker.await(Duration.ofSeconds(30), "the sink's lag on /metrics", () -> worker.get("/metrics").body()
                    .lines().anyMatch(l -> l.startsWith("kafka_consumer_fetch_manager_records_lag{")
                            && l.contains("connector=\"file-sink\"") && l.contains("task=\"0\"")
                            && l.endsWith(" 0.0")));
            assertThat(worker.stop()).isZero();
        }
        assertThat(Files.mismatch(input, output)).as("first differing byte").isEqualTo(-1L);
    }
}

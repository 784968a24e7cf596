package dev.ferry.registry.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The records of {@code confluent-schemas-topic.txt}: a {@code _schemas} topic as Confluent writes it. */
final class GoldenTopic {
    record Line(String key, String value) {
        byte[] keyBytes() {
            return key.getBytes(StandardCharsets.UTF_8);
        }

        byte[] valueBytes() {
            return value.equals("null") ? null : value.getBytes(StandardCharsets.UTF_8);
        }
    }

    private GoldenTopic() {
    }

    static List<Line> lines() {
        try (InputStream in = GoldenTopic.class.getResourceAsStream("/confluent-schemas-topic.txt")) {
            List<Line> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                lines.add(new Line(line.substring(0, tab), line.substring(tab + 1)));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

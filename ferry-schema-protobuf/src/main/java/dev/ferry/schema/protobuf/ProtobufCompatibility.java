package dev.ferry.schema.protobuf;

import java.util.ArrayList;
import java.util.List;

/**
 * Confluent's Protobuf compatibility check: can a reader with one schema read data written with another? The
 * two files are compared ({@link TypeComparison}, {@link MessageComparison}, {@link FieldComparison}) and the
 * changes that break reading are reported, each with its {@code errorType} and path as Confluent reports them;
 * the others (fields added or removed, enums changed, messages added or moved, ...) pass.
 */
final class ProtobufCompatibility {

    private ProtobufCompatibility() {
    }

    static List<Difference> differences(ProtobufSchema reader, ProtobufSchema writer) {
        Differences differences = new Differences();
        TypeComparison.files(differences, writer.fileDescriptor(), reader.fileDescriptor());
        return differences.all();
    }

    static List<String> check(ProtobufSchema reader, ProtobufSchema writer) {
        List<String> messages = new ArrayList<>();
        for (Difference difference : differences(reader, writer)) {
            if (!difference.type().compatible()) {
                messages.add(difference.message("reader", "writer"));
            }
        }
        return messages;
    }
}

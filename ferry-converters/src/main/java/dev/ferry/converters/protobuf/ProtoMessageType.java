package dev.ferry.converters.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.ferry.schema.protobuf.ProtobufSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A message type and the file that declares it: what a Connect schema maps to, and what a record's schema id and
 * message indexes point at; {@code registrySchema} is the file as the registry holds it, {@code indexes} the
 * message's index path in it.
 */
record ProtoMessageType(FileDescriptor file, Descriptor message, ProtobufSchema registrySchema,
                        List<Integer> indexes) {

    ProtoMessageType(FileDescriptor file, Descriptor message) {
        this(file, message, ProtobufSchema.of(file), indexesOf(message));
    }

    /** Confluent's message indexes of a type: its position in the file, then in each enclosing message. */
    private static List<Integer> indexesOf(Descriptor message) {
        List<Integer> path = new ArrayList<>();
        Descriptor current = message;
        while (current != null) {
            path.add(current.getIndex());
            current = current.getContainingType();
        }
        Collections.reverse(path);
        return List.copyOf(path);
    }
}

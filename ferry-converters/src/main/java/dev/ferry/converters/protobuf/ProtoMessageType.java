package dev.ferry.converters.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A message type and the file that declares it: what a Connect schema maps to, and what a record's schema id and
 * message indexes point at.
 */
record ProtoMessageType(FileDescriptor file, Descriptor message) {

    /** Confluent's message indexes of this type: its position in the file, then in each enclosing message. */
    List<Integer> indexes() {
        List<Integer> path = new ArrayList<>();
        Descriptor current = message;
        while (current != null) {
            path.add(current.getIndex());
            current = current.getContainingType();
        }
        Collections.reverse(path);
        return path;
    }
}

package dev.ferry.serde.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Converts between a message type and its message indexes in a {@code .proto} file: the index of the top-level
 * message, then of each nested message down to the type, as the wire format carries them.
 */
final class MessageIndexPaths {

    private MessageIndexPaths() {
    }

    /** The indexes of the message type with this full name in {@code file}. */
    static List<Integer> indexesOf(FileDescriptor file, String fullName) {
        Descriptor descriptor = find(file, fullName);
        List<Integer> path = new ArrayList<>();
        for (Descriptor d = descriptor; d != null; d = d.getContainingType()) {
            path.add(d.getIndex());
        }
        Collections.reverse(path);
        return path;
    }

    /** The message type the indexes point at. */
    static Descriptor descriptorAt(FileDescriptor file, List<Integer> indexes) {
        List<Descriptor> level = file.getMessageTypes();
        Descriptor descriptor = null;
        for (int i = 0; i < indexes.size(); i++) {
            int index = indexes.get(i);
            if (index >= level.size()) {
                throw new SerializationException("Message indexes " + indexes + " do not fit the writer schema "
                        + file.getName() + ": level " + i + " has " + level.size() + " message types, index " + index
                        + " asked for. The record and the schema id it names do not belong together.");
            }
            descriptor = level.get(index);
            level = descriptor.getNestedTypes();
        }
        if (descriptor == null) {
            throw new SerializationException("Empty message indexes for schema " + file.getName());
        }
        return descriptor;
    }

    private static Descriptor find(FileDescriptor file, String fullName) {
        String packagePrefix = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
        String relative = fullName.startsWith(packagePrefix) ? fullName.substring(packagePrefix.length()) : fullName;
        String[] names = relative.split("\\.");
        Descriptor descriptor = file.findMessageTypeByName(names[0]);
        for (int i = 1; descriptor != null && i < names.length; i++) {
            descriptor = descriptor.findNestedTypeByName(names[i]);
        }
        if (descriptor == null) {
            throw new SerializationException("Message type " + fullName + " is not in the registry's schema "
                    + file.getName() + "; the registered schema and the application's message type differ.");
        }
        return descriptor;
    }
}

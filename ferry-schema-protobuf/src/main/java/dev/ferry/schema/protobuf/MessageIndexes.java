package dev.ferry.schema.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The message index path of Confluent's Protobuf wire format: which message of a file a record holds, as the
 * position of each enclosing message among its siblings from the top level down ({@code [1]} is the second
 * top-level message, {@code [0, 2]} the third message nested in the first). Positions count messages only, in
 * the order of the schema text, which is the order of this module's descriptors.
 */
final class MessageIndexes {

    private MessageIndexes() {
    }

    static List<Integer> of(FileDescriptor file, Descriptor message) {
        Descriptor own = find(file, message.getFullName());
        if (own == null) {
            throw new IllegalArgumentException("Message " + message.getFullName() + " is not defined in the Protobuf "
                    + "schema " + file.getName() + " (package '" + file.getPackage() + "'). Use the schema the message "
                    + "was compiled from.");
        }
        List<Integer> path = new ArrayList<>();
        for (Descriptor d = own; d != null; d = d.getContainingType()) {
            path.add(d.getIndex());
        }
        Collections.reverse(path);
        return List.copyOf(path);
    }

    static Descriptor at(FileDescriptor file, List<Integer> indexes) {
        if (indexes.isEmpty()) {
            throw new IllegalArgumentException("An empty message index path names no message; [0] is the first "
                    + "top-level message");
        }
        List<Descriptor> siblings = file.getMessageTypes();
        Descriptor message = null;
        for (int depth = 0; depth < indexes.size(); depth++) {
            int index = indexes.get(depth);
            if (index < 0 || index >= siblings.size()) {
                throw new IllegalArgumentException("Message index path " + indexes + " does not fit the Protobuf schema: "
                        + "index " + index + " at depth " + depth + " but there " + (siblings.size() == 1 ? "is " : "are ")
                        + siblings.size() + " message(s) at that level" + (message == null ? "" : " of "
                        + message.getFullName()) + ". The record was probably written with a different schema id.");
            }
            message = siblings.get(index);
            siblings = message.getNestedTypes();
        }
        return message;
    }

    private static Descriptor find(FileDescriptor file, String fullName) {
        String prefix = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
        if (!fullName.startsWith(prefix)) {
            return null;
        }
        String[] parts = fullName.substring(prefix.length()).split("\\.");
        Descriptor message = file.findMessageTypeByName(parts[0]);
        for (int i = 1; i < parts.length && message != null; i++) {
            message = message.findNestedTypeByName(parts[i]);
        }
        return message;
    }
}

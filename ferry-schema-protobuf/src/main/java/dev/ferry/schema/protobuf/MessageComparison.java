package dev.ferry.schema.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two versions of one message, field by field number wherever the field sits (top level or in a
 * oneof), so that moving a field into or out of a oneof cannot hide a change of its type or its removal.
 * Confluent's rules: a field removed from a oneof that still exists loses data; fields that were independent
 * and now share a oneof are no longer all readable; a oneof removed with all its fields, or a field leaving its
 * oneof, is fine. Nested types follow through {@link TypeComparison}.
 */
final class MessageComparison {

    private MessageComparison() {
    }

    static void compare(Differences differences, Descriptor original, Descriptor update) {
        if (!differences.startComparing(original.getFullName(), update.getFullName())) {
            return;
        }
        try {
            fields(differences, original, update);
        } finally {
            differences.doneComparing(original.getFullName(), update.getFullName());
        }
        TypeComparison.scope(differences, original.getNestedTypes(), original.getEnumTypes(), update.getNestedTypes(),
                update.getEnumTypes());
    }

    private static void fields(Differences differences, Descriptor original, Descriptor update) {
        Map<Integer, String> originalOneofs = oneofsByNumber(original);
        Map<Integer, String> updateOneofs = oneofsByNumber(update);
        Set<String> originalOneofNames = oneofNames(original);
        Set<String> updateOneofNames = oneofNames(update);

        Set<String> deletedOneofs = new HashSet<>();
        for (String name : originalOneofNames) {
            if (!updateOneofNames.contains(name) && original.getRealOneofs().stream()
                    .filter(o -> o.getName().equals(name)).findFirst().orElseThrow().getFields().stream()
                    .noneMatch(f -> update.findFieldByNumber(f.getNumber()) != null)) {
                deletedOneofs.add(name);
            }
        }

        for (OneofDescriptor oneof : update.getRealOneofs()) {
            differences.at(oneof.getName(), () -> {
                Set<String> origins = new HashSet<>();
                int fromTopLevel = 0;
                for (FieldDescriptor field : oneof.getFields()) {
                    int number = field.getNumber();
                    if (originalOneofs.containsKey(number)) {
                        origins.add("oneof:" + originalOneofs.get(number));
                    } else if (original.findFieldByNumber(number) != null) {
                        origins.add("field:" + number);
                        fromTopLevel++;
                    }
                }
                if (origins.size() > 1) {
                    differences.add(fromTopLevel > 1 ? DifferenceType.MULTIPLE_FIELDS_MOVED_TO_ONEOF
                            : DifferenceType.FIELD_MOVED_TO_EXISTING_ONEOF);
                }
            });
        }

        TreeSet<String> allOneofs = new TreeSet<>(originalOneofNames);
        allOneofs.addAll(updateOneofNames);
        for (String name : allOneofs) {
            differences.at(name, () -> {
                if (!updateOneofNames.contains(name)) {
                    differences.add(DifferenceType.ONEOF_REMOVED);
                } else if (!originalOneofNames.contains(name)) {
                    differences.add(DifferenceType.ONEOF_ADDED);
                }
            });
        }

        TreeSet<Integer> numbers = new TreeSet<>();
        original.getFields().forEach(f -> numbers.add(f.getNumber()));
        update.getFields().forEach(f -> numbers.add(f.getNumber()));
        for (int number : numbers) {
            FieldDescriptor before = original.findFieldByNumber(number);
            FieldDescriptor after = update.findFieldByNumber(number);
            String beforeOneof = originalOneofs.get(number);
            String afterOneof = updateOneofs.get(number);
            String tag = String.valueOf(number);
            if (after == null) {
                if (beforeOneof == null) {
                    differences.at(tag, () -> differences.add(before.isRequired()
                            ? DifferenceType.REQUIRED_FIELD_REMOVED : DifferenceType.FIELD_REMOVED));
                } else if (!deletedOneofs.contains(beforeOneof)) {
                    atOneof(differences, beforeOneof, tag, DifferenceType.ONEOF_FIELD_REMOVED);
                }
            } else if (before == null) {
                if (afterOneof == null) {
                    differences.at(tag, () -> differences.add(after.isRequired()
                            ? DifferenceType.REQUIRED_FIELD_ADDED : DifferenceType.FIELD_ADDED));
                } else {
                    atOneof(differences, afterOneof, tag, DifferenceType.ONEOF_FIELD_ADDED);
                }
            } else {
                if (beforeOneof != null && afterOneof == null) {
                    differences.at(tag, () -> differences.add(DifferenceType.ONEOF_FIELD_MOVED_TO_TOP_LEVEL));
                }
                if (afterOneof != null) {
                    differences.at(afterOneof, () -> differences.at(tag,
                            () -> FieldComparison.compare(differences, before, after)));
                } else {
                    differences.at(tag, () -> FieldComparison.compare(differences, before, after));
                }
            }
        }
    }

    private static void atOneof(Differences differences, String oneof, String tag, DifferenceType type) {
        differences.at(oneof, () -> differences.at(tag, () -> differences.add(type)));
    }

    /** The real (declared) oneof of each field number; proto3 {@code optional}'s synthetic oneofs do not count. */
    private static Map<Integer, String> oneofsByNumber(Descriptor message) {
        Map<Integer, String> byNumber = new HashMap<>();
        for (OneofDescriptor oneof : message.getRealOneofs()) {
            oneof.getFields().forEach(f -> byNumber.put(f.getNumber(), oneof.getName()));
        }
        return byNumber;
    }

    private static Set<String> oneofNames(Descriptor message) {
        Set<String> names = new HashSet<>();
        message.getRealOneofs().forEach(o -> names.add(o.getName()));
        return names;
    }
}

package dev.ferry.schema.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares the types two schemas declare in one scope (the file, or a message's nested types), matched by name:
 * the file's package, messages added, removed or moved, enums and their constants. Message contents go to
 * {@link MessageComparison}. "Original" is the schema the data was written with, "update" the one reading it.
 */
final class TypeComparison {

    private TypeComparison() {
    }

    static void files(Differences differences, FileDescriptor original, FileDescriptor update) {
        if (!original.getPackage().equals(update.getPackage())) {
            differences.add(DifferenceType.PACKAGE_CHANGED);
        }
        scope(differences, original.getMessageTypes(), original.getEnumTypes(), update.getMessageTypes(),
                update.getEnumTypes());
    }

    static void scope(Differences differences, List<Descriptor> originalMessages, List<EnumDescriptor> originalEnums,
                      List<Descriptor> updateMessages, List<EnumDescriptor> updateEnums) {
        Map<String, Descriptor> original = declared(originalMessages);
        Map<String, Descriptor> update = declared(updateMessages);
        TreeSet<String> names = new TreeSet<>(original.keySet());
        names.addAll(update.keySet());
        for (String name : names) {
            Descriptor before = original.get(name);
            Descriptor after = update.get(name);
            differences.at(name, () -> {
                if (after == null) {
                    differences.add(DifferenceType.MESSAGE_REMOVED);
                } else if (before == null) {
                    differences.add(DifferenceType.MESSAGE_ADDED);
                } else {
                    MessageComparison.compare(differences, before, after);
                    if (before.getIndex() != after.getIndex()) {
                        // Compatible: message indexes on the wire are read with the writer's own schema.
                        differences.add(DifferenceType.MESSAGE_MOVED);
                    }
                }
            });
        }
        Map<String, EnumDescriptor> originalEnumsByName = enums(originalEnums);
        Map<String, EnumDescriptor> updateEnumsByName = enums(updateEnums);
        TreeSet<String> enumNames = new TreeSet<>(originalEnumsByName.keySet());
        enumNames.addAll(updateEnumsByName.keySet());
        for (String name : enumNames) {
            EnumDescriptor before = originalEnumsByName.get(name);
            EnumDescriptor after = updateEnumsByName.get(name);
            differences.at(name, () -> {
                if (after == null) {
                    differences.add(DifferenceType.ENUM_REMOVED);
                } else if (before == null) {
                    differences.add(DifferenceType.ENUM_ADDED);
                } else {
                    constants(differences, before, after);
                }
            });
        }
    }

    private static void constants(Differences differences, EnumDescriptor original, EnumDescriptor update) {
        TreeSet<Integer> numbers = new TreeSet<>();
        original.getValues().forEach(v -> numbers.add(v.getNumber()));
        update.getValues().forEach(v -> numbers.add(v.getNumber()));
        for (int number : numbers) {
            EnumValueDescriptor before = original.findValueByNumber(number);
            EnumValueDescriptor after = update.findValueByNumber(number);
            differences.at(String.valueOf(number), () -> {
                if (after == null) {
                    differences.add(DifferenceType.ENUM_CONST_REMOVED);
                } else if (before == null) {
                    differences.add(DifferenceType.ENUM_CONST_ADDED);
                } else if (!before.getName().equals(after.getName())) {
                    differences.add(DifferenceType.ENUM_CONST_CHANGED);
                }
            });
        }
    }

    /** Declared messages by name; the synthetic entry messages of map fields are compared as maps instead. */
    private static Map<String, Descriptor> declared(List<Descriptor> messages) {
        Map<String, Descriptor> byName = new LinkedHashMap<>();
        for (Descriptor message : messages) {
            if (!message.getOptions().getMapEntry()) {
                byName.put(message.getName(), message);
            }
        }
        return byName;
    }

    private static Map<String, EnumDescriptor> enums(List<EnumDescriptor> enums) {
        Map<String, EnumDescriptor> byName = new LinkedHashMap<>();
        enums.forEach(e -> byName.put(e.getName(), e));
        return byName;
    }
}

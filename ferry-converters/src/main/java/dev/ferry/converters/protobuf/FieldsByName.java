package dev.ferry.converters.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * A message's fields by name and by number, built once per descriptor: protobuf-java's {@code findFieldByName}
 * builds the full name and looks it up in the file's symbol pool on every call, which shows in per-record cost.
 * Weakly keyed, so descriptors of schemas dropped from the caches can go.
 */
final class FieldsByName {

    private static final Map<Descriptor, Map<String, FieldDescriptor>> BY_MESSAGE =
            Collections.synchronizedMap(new WeakHashMap<>());

    private FieldsByName() {
    }

    private static final Map<Descriptor, FieldDescriptor[]> BY_NUMBER = Collections.synchronizedMap(new WeakHashMap<>());

    /** Field numbers up to this are looked up in an array; larger ones through protobuf-java. */
    private static final int MAX_ARRAY_NUMBER = 4096;

    /** The field of this number, or null. */
    static FieldDescriptor byNumber(Descriptor message, int number) {
        FieldDescriptor[] fields = BY_NUMBER.get(message);
        if (fields == null) {
            int max = 0;
            for (FieldDescriptor field : message.getFields()) {
                max = Math.max(max, field.getNumber());
            }
            fields = new FieldDescriptor[Math.min(max, MAX_ARRAY_NUMBER) + 1];
            for (FieldDescriptor field : message.getFields()) {
                if (field.getNumber() <= MAX_ARRAY_NUMBER) {
                    fields[field.getNumber()] = field;
                }
            }
            BY_NUMBER.put(message, fields);
        }
        return number < fields.length ? fields[number] : message.findFieldByNumber(number);
    }

    /** The field of this name, or null. */
    static FieldDescriptor find(Descriptor message, String name) {
        Map<String, FieldDescriptor> fields = BY_MESSAGE.get(message);
        if (fields == null) {
            fields = new HashMap<>();
            for (FieldDescriptor field : message.getFields()) {
                fields.put(field.getName(), field);
            }
            BY_MESSAGE.put(message, fields);
        }
        return fields.get(name);
    }
}

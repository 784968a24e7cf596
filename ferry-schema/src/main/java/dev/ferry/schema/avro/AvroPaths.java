package dev.ferry.schema.avro;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Reads the field names out of an Avro compatibility location such as {@code /fields/1/type/fields/0/type}
 * (a JSON-pointer-like path into the reader schema), giving {@code address.zip}.
 */
final class AvroPaths {

    private AvroPaths() {
    }

    /** The dotted field names along {@code path}, or null when the path names no record field. */
    static String fieldAt(Schema root, String path) {
        if (path == null || path.isEmpty() || "/".equals(path)) {
            return null;
        }
        List<String> names = new ArrayList<>();
        Schema current = root;
        String[] parts = path.substring(path.startsWith("/") ? 1 : 0).split("/");
        try {
            for (int i = 0; i < parts.length && current != null; i++) {
                String part = parts[i];
                switch (part) {
                    case "fields" -> {
                        if (i + 1 >= parts.length || current.getType() != Schema.Type.RECORD) {
                            return join(names);
                        }
                        Schema.Field field = current.getFields().get(Integer.parseInt(parts[++i]));
                        names.add(field.name());
                        current = field.schema();
                    }
                    case "type" -> {
                        // the field's schema; already stepped into
                    }
                    case "items" -> current = current.getType() == Schema.Type.ARRAY ? current.getElementType() : null;
                    case "values" -> current = current.getType() == Schema.Type.MAP ? current.getValueType() : null;
                    default -> {
                        if (current.getType() == Schema.Type.UNION && part.chars().allMatch(Character::isDigit)) {
                            current = current.getTypes().get(Integer.parseInt(part));
                        } else {
                            return join(names);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // A location Avro writes differently from what this walk expects: the path alone still says where.
            return join(names);
        }
        return join(names);
    }

    private static String join(List<String> names) {
        return names.isEmpty() ? null : String.join(".", names);
    }
}

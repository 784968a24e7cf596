package dev.ferry.schema.protobuf;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code map<K, V>} field type as Wire's parser hands it over, split into key and value type. */
record MapType(String keyType, String valueType) {

    private static final Pattern MAP = Pattern.compile("map\\s*<\\s*([^,\\s]+)\\s*,\\s*([^>\\s]+)\\s*>");

    /** The map type {@code type} spells, or null when it is no map. */
    static MapType parse(String type) {
        Matcher m = MAP.matcher(type);
        return m.matches() ? new MapType(m.group(1), m.group(2)) : null;
    }

    /**
     * The name protoc gives the synthetic entry message of a map field: the field name in upper camel case
     * with {@code Entry} appended ({@code my_map} -> {@code MyMapEntry}).
     */
    static String entryName(String fieldName) {
        StringBuilder name = new StringBuilder();
        boolean upper = true;
        for (char c : fieldName.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else if (upper) {
                name.append(Character.toUpperCase(c));
                upper = false;
            } else {
                name.append(c);
            }
        }
        return name.append("Entry").toString();
    }
}

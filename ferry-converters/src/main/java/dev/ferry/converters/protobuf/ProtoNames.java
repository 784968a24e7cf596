package dev.ferry.converters.protobuf;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The names and Connect schema parameters Confluent's Protobuf converter uses, so that Connect schemas read
 * from its topics and written to them look the same here: where an unnamed struct's message is called, how a
 * map entry message is named, how invalid characters are scrubbed.
 */
final class ProtoNames {

    static final String NAMESPACE = "io.confluent.connect.protobuf";
    static final String DEFAULT_NAME = "ConnectDefault";
    static final String ENUM = NAMESPACE + ".Enum";
    static final String UNION = NAMESPACE + ".Union";
    static final String UNION_PREFIX = UNION + ".";
    static final String TAG = NAMESPACE + ".Tag";
    static final String PROTO_TYPE = NAMESPACE + ".Type";
    /** Marks a oneof member that was a wrapper message, so writing it wraps it again. */
    static final String WRAPPER = NAMESPACE + ".Wrapper";
    static final String CONNECT_TYPE = "connect.type";
    static final String CONNECT_PRECISION = "connect.decimal.precision";
    static final String PRECISION = "precision";
    static final String SCALE = "scale";
    static final String MAP_ENTRY_SUFFIX = "Entry";
    static final String KEY = "key";
    static final String VALUE = "value";

    private ProtoNames() {
    }

    /** Replaces what a Protobuf identifier cannot hold, as Confluent's {@code scrub.invalid.names} does. */
    static String scrub(String name) {
        if (name == null || name.isEmpty() || isValid(name)) {
            return name;
        }
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8);
        StringBuilder scrubbed = new StringBuilder(encoded.length() + 1);
        char first = encoded.charAt(0);
        if ((first >= '0' && first <= '9') || first == '_') {
            scrubbed.append('x');
        }
        for (char c : encoded.toCharArray()) {
            scrubbed.append(isWordChar(c) ? c : '_');
        }
        return scrubbed.toString();
    }

    private static boolean isValid(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (!isWordChar(name.charAt(i))) {
                return false;
            }
        }
        char first = name.charAt(0);
        return !(first >= '0' && first <= '9') && first != '_';
    }

    private static boolean isWordChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** The entry message name of a map field ({@code my_map} gives {@code MyMapEntry}). */
    static String toMapEntry(String name) {
        if (!name.contains("_")) {
            return name + MAP_ENTRY_SUFFIX;
        }
        StringBuilder camel = new StringBuilder();
        for (String part : name.split("_")) {
            if (!part.isEmpty()) {
                camel.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1).toLowerCase());
            }
        }
        return camel + MAP_ENTRY_SUFFIX;
    }

    /** The Connect map name of an entry message ({@code a.MyMapEntry} gives {@code a.my_map}). */
    static String toMapField(String name) {
        int dot = name.lastIndexOf('.');
        String last = name.substring(dot + 1);
        if (!last.endsWith(MAP_ENTRY_SUFFIX)) {
            return name;
        }
        last = last.substring(0, last.length() - MAP_ENTRY_SUFFIX.length());
        StringBuilder snake = new StringBuilder();
        for (int i = 0; i < last.length(); i++) {
            char c = last.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    snake.append('_');
                }
                snake.append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return name.substring(0, dot + 1) + snake;
    }
}

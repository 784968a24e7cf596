package dev.ferry.converters.avro;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns Connect names into Avro names: splits a dotted full name into namespace and name and, with
 * {@code scrub.invalid.names}, rewrites characters Avro does not allow. The rewriting is Confluent's (URL-encode,
 * then every character outside {@code [A-Za-z0-9_]} becomes {@code _}, and a leading digit gets an {@code x}) so
 * that both converters derive the same Avro names from the same Connect names.
 */
final class AvroNames {

    private final boolean scrub;

    AvroNames(boolean scrub) {
        this.scrub = scrub;
    }

    /** One name component, scrubbed when configured. */
    String scrub(String name) {
        return scrub ? scrubbed(name) : name;
    }

    /** A dotted full name with each component scrubbed when configured. */
    String scrubFullName(String fullName) {
        if (fullName == null || !scrub) {
            return fullName;
        }
        String[] split = split(fullName);
        return split[0] == null ? split[1] : split[0] + "." + split[1];
    }

    /** {namespace or null, name} of a dotted full name, components scrubbed when configured. */
    String[] split(String fullName) {
        if (fullName == null || fullName.isEmpty()) {
            return new String[] {null, fullName};
        }
        String[] parts = fullName.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            parts[i] = scrub(parts[i]);
        }
        if (parts.length <= 1) {
            return new String[] {null, parts.length == 0 ? fullName : parts[0]};
        }
        String namespace = String.join(".", Arrays.copyOfRange(parts, 0, parts.length - 1));
        return new String[] {namespace, parts[parts.length - 1]};
    }

    /** The last component of a dotted name. */
    String simpleName(String fullName) {
        return split(fullName)[1];
    }

    static String scrubbed(String name) {
        if (name == null || name.isEmpty() || isValid(name)) {
            return name;
        }
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8);
        if (encoded.charAt(0) >= '0' && encoded.charAt(0) <= '9') {
            encoded = "x" + encoded;
        }
        StringBuilder result = new StringBuilder(encoded);
        for (int i = 0; i < result.length(); i++) {
            if (!isNameChar(result.charAt(i))) {
                result.setCharAt(i, '_');
            }
        }
        return result.toString();
    }

    private static boolean isValid(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (!isNameChar(name.charAt(i))) {
                return false;
            }
        }
        char first = name.charAt(0);
        return first < '0' || first > '9';
    }

    private static boolean isNameChar(char ch) {
        return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
    }
}

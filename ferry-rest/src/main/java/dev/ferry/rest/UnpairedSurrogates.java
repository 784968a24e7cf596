package dev.ferry.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Finds text in a request body that is not Unicode: a JSON string may escape half of a surrogate
 * pair ({@code "\ud800"}) and Jackson reads it into a Java string as is, but no UTF-8 encoder can
 * write it faithfully. Stored in a standalone worker's connectors file it made the file unreadable,
 * so the worker refused to start; sent to Kafka it would be changed to {@code ?}. Such bodies are
 * refused with a 400 naming where the broken text is, before anything is stored.
 */
final class UnpairedSurrogates {
    private UnpairedSurrogates() {
    }

    /** Throws a 400 {@link RestException} if a field name or string anywhere in {@code root} has an unpaired surrogate. */
    static void refuse(JsonNode root) {
        Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
        pending.push(Map.entry("$", root));
        while (!pending.isEmpty()) {
            Map.Entry<String, JsonNode> next = pending.pop();
            String path = next.getKey();
            JsonNode node = next.getValue();
            if (node.isTextual()) {
                check(node.textValue(), path);
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    pending.push(Map.entry(path + "[" + i + "]", node.get(i)));
                }
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String fieldPath = path + "." + printable(field.getKey());
                    check(field.getKey(), "the name of " + fieldPath);
                    pending.push(Map.entry(fieldPath, field.getValue()));
                }
            }
        }
    }

    private static void check(String text, String where) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw RestException.badRequest("The request body holds text that is not Unicode: " + where
                        + " has an unpaired surrogate (\\u" + Integer.toHexString(c) + " at position " + i
                        + "), which is no character and cannot be stored. Send valid Unicode; escape a character "
                        + "outside the Basic Multilingual Plane as a pair, e.g. \\ud83d\\ude00");
            }
        }
    }

    /** A field name as it can be shown in the message (the broken half replaced, as it cannot be printed). */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < name.length()
                    && Character.isLowSurrogate(name.charAt(i + 1))) && !(Character.isLowSurrogate(c) && i > 0
                    && Character.isHighSurrogate(name.charAt(i - 1))) ? '\ufffd' : c);
        }
        return out.toString();
    }
}

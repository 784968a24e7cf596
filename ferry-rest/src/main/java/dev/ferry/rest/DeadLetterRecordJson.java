package dev.ferry.rest;

import dev.ferry.runtime.errors.DeadLetterQueueReporter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One dead letter queue record as JSON for {@code GET /connectors/{c}/dlq}: its position, key and
 * value (as UTF-8 text when they are valid UTF-8, base64 otherwise, each cut at
 * {@link #MAX_SHOWN_BYTES}), its own headers, and the {@code __connect.errors.*} headers decoded
 * into {@code error} (null when the connector does not write them:
 * {@code errors.deadletterqueue.context.headers.enable=false}).
 */
final class DeadLetterRecordJson {
    /** Keys and values longer than this are cut in the listing (replay always sends the whole record). */
    static final int MAX_SHOWN_BYTES = 64 * 1024;
    static final String ERROR_HEADER_PREFIX = "__connect.errors.";

    private DeadLetterRecordJson() {
    }

    static Map<String, Object> of(ConsumerRecord<byte[], byte[]> record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("partition", record.partition());
        json.put("offset", record.offset());
        json.put("timestamp", record.timestamp() < 0 ? null : record.timestamp());
        putBytes(json, "key", record.key());
        putBytes(json, "value", record.value());
        List<Map<String, Object>> headers = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            if (header.key().startsWith(ERROR_HEADER_PREFIX)) {
                errors.put(header.key(),
                        header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
            } else {
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("key", header.key());
                putBytes(h, "value", header.value());
                headers.add(h);
            }
        }
        json.put("headers", headers);
        json.put("error", errors.isEmpty() ? null : error(errors));
        return json;
    }

    private static Map<String, Object> error(Map<String, String> headers) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("topic", headers.get(DeadLetterQueueReporter.HEADER_TOPIC));
        error.put("partition", number(headers.get(DeadLetterQueueReporter.HEADER_PARTITION)));
        error.put("offset", number(headers.get(DeadLetterQueueReporter.HEADER_OFFSET)));
        error.put("connector", headers.get(DeadLetterQueueReporter.HEADER_CONNECTOR_NAME));
        error.put("task", number(headers.get(DeadLetterQueueReporter.HEADER_TASK_ID)));
        error.put("stage", headers.get(DeadLetterQueueReporter.HEADER_STAGE));
        error.put("class", headers.get(DeadLetterQueueReporter.HEADER_EXECUTING_CLASS));
        error.put("exception", headers.get(DeadLetterQueueReporter.HEADER_EXCEPTION));
        error.put("message", headers.get(DeadLetterQueueReporter.HEADER_EXCEPTION_MESSAGE));
        error.put("stacktrace", headers.get(DeadLetterQueueReporter.HEADER_EXCEPTION_STACK_TRACE));
        return error;
    }

    private static Long number(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code name} (text or base64, null for a null), {@code name_encoding} and, when cut, {@code name_size}. */
    private static void putBytes(Map<String, Object> json, String name, byte[] bytes) {
        if (bytes == null) {
            json.put(name, null);
            json.put(name + "_encoding", null);
            return;
        }
        boolean cut = bytes.length > MAX_SHOWN_BYTES;
        byte[] shown = cut ? java.util.Arrays.copyOf(bytes, MAX_SHOWN_BYTES) : bytes;
        String text = utf8(shown, cut);
        if (text != null) {
            json.put(name, text);
            json.put(name + "_encoding", "utf-8");
        } else {
            json.put(name, Base64.getEncoder().encodeToString(shown));
            json.put(name + "_encoding", "base64");
        }
        if (cut) {
            json.put(name + "_size", bytes.length);
        }
    }

    /** The bytes as text if they are UTF-8 (a cut may end inside a character), else null. */
    private static String utf8(byte[] bytes, boolean cut) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, cut ? Math.max(0, bytes.length - 3) : bytes.length))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}

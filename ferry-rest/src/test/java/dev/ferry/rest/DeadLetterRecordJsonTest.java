package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterRecordJsonTest {

    private static ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>("dlq", 0, 7L, 1_700_000_000_000L, TimestampType.CREATE_TIME, -1, -1, key, value,
                headers, Optional.empty());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void errorHeadersAreDecodedAndTheRecordsOwnHeadersKept() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", utf8("t-1"));
        headers.add("__connect.errors.topic", utf8("orders"));
        headers.add("__connect.errors.partition", utf8("2"));
        headers.add("__connect.errors.offset", utf8("41"));
        headers.add("__connect.errors.task.id", utf8("1"));
        headers.add("__connect.errors.stage", utf8("VALUE_CONVERTER"));
        headers.add("__connect.errors.exception.class.name", utf8("org.apache.kafka.connect.errors.DataException"));
        headers.add("__connect.errors.exception.message", utf8("bad json"));

        Map<String, Object> json = DeadLetterRecordJson.of(record(utf8("k"), utf8("{oops"), headers));

        assertThat(json).containsEntry("offset", 7L).containsEntry("key", "k").containsEntry("value", "{oops")
                .containsEntry("value_encoding", "utf-8").containsEntry("timestamp", 1_700_000_000_000L);
        assertThat((List<?>) json.get("headers")).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) json.get("error");
        assertThat(error).containsEntry("topic", "orders").containsEntry("partition", 2L).containsEntry("offset", 41L)
                .containsEntry("task", 1L).containsEntry("stage", "VALUE_CONVERTER")
                .containsEntry("exception", "org.apache.kafka.connect.errors.DataException")
                .containsEntry("message", "bad json").containsEntry("stacktrace", null);
    }

    @Test
    void withoutErrorHeadersTheErrorIsNull() {
        Map<String, Object> json = DeadLetterRecordJson.of(record(null, utf8("x"), new RecordHeaders()));

        assertThat(json).containsEntry("error", null).containsEntry("key", null).containsEntry("key_encoding", null);
    }

    @Test
    void bytesThatAreNotUtf8AreShownAsBase64() {
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1};

        Map<String, Object> json = DeadLetterRecordJson.of(record(null, binary, new RecordHeaders()));

        assertThat(json).containsEntry("value", Base64.getEncoder().encodeToString(binary))
                .containsEntry("value_encoding", "base64");
    }

    @Test
    void longValuesAreCutAndTheirFullSizeGiven() {
        byte[] big = new byte[DeadLetterRecordJson.MAX_SHOWN_BYTES + 10];
        Arrays.fill(big, (byte) 'a');

        Map<String, Object> json = DeadLetterRecordJson.of(record(null, big, new RecordHeaders()));

        assertThat((String) json.get("value")).hasSizeLessThanOrEqualTo(DeadLetterRecordJson.MAX_SHOWN_BYTES);
        assertThat(json).containsEntry("value_encoding", "utf-8").containsEntry("value_size", big.length);
    }
}

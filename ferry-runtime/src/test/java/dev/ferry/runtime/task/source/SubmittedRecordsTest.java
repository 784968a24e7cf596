package dev.ferry.runtime.task.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SubmittedRecordsTest {
    private static final Map<String, Object> FILE_A = Map.of("file", "a.txt");
    private static final Map<String, Object> FILE_B = Map.of("file", "b.txt");

    private final SubmittedRecords records = new SubmittedRecords();

    @Test
    void onlyTheAcknowledgedPrefixOfAPartitionIsCommittable() {
        SubmittedRecords.Submitted first = records.submit(FILE_A, Map.of("line", 1));
        SubmittedRecords.Submitted second = records.submit(FILE_A, Map.of("line", 2));
        SubmittedRecords.Submitted third = records.submit(FILE_A, Map.of("line", 3));

        third.ack();
        assertThat(records.committable().offsets()).isEmpty();

        first.ack();
        SubmittedRecords.Committable afterFirst = records.committable();
        assertThat(afterFirst.offsets()).containsExactly(Map.entry(FILE_A, Map.of("line", 1)));
        assertThat(afterFirst.pending()).isEqualTo(2);

        second.ack();
        assertThat(records.committable().offsets()).containsExactly(Map.entry(FILE_A, Map.of("line", 3)));
        assertThat(records.committable().offsets()).isEmpty();
    }

    @Test
    void partitionsAreTrackedIndependently() {
        SubmittedRecords.Submitted a1 = records.submit(FILE_A, Map.of("line", 1));
        records.submit(FILE_A, Map.of("line", 2));
        SubmittedRecords.Submitted b1 = records.submit(FILE_B, Map.of("line", 7));

        b1.ack();
        a1.ack();

        assertThat(records.committable().offsets()).containsOnly(
                Map.entry(FILE_A, Map.of("line", 1)), Map.entry(FILE_B, Map.of("line", 7)));
    }

    @Test
    void aRecordThatIsSentAgainIsForgottenFirst() {
        SubmittedRecords.Submitted first = records.submit(FILE_A, Map.of("line", 1));
        SubmittedRecords.Submitted refused = records.submit(FILE_A, Map.of("line", 2));

        records.removeLast(refused);
        first.ack();

        assertThat(records.committable().offsets()).containsExactly(Map.entry(FILE_A, Map.of("line", 1)));
        assertThat(records.unackedCount()).isZero();
    }

    @Test
    void recordsWithoutSourcePartitionAreAwaitedButNeverCommitted() throws InterruptedException {
        SubmittedRecords.Submitted anonymous = records.submit(null, null);

        assertThat(records.awaitAllAcked(0, TimeUnit.MILLISECONDS)).isFalse();
        anonymous.ack();

        assertThat(records.awaitAllAcked(0, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(records.committable().offsets()).isEmpty();
    }

    @Test
    void offsetsAreCopiedWhenSubmitted_soLaterChangesByTheTaskDoNotLeakIn() {
        java.util.HashMap<String, Object> offset = new java.util.HashMap<>(Map.of("line", 1));
        SubmittedRecords.Submitted record = records.submit(FILE_A, offset);
        offset.put("line", 99);

        record.ack();

        assertThat(records.committable().offsets()).containsExactly(Map.entry(FILE_A, Map.of("line", 1)));
    }

    @Test
    void immutableOffsetsAreKeptAsTheyAre_onlyMapsTheTaskCouldChangeAreCopied() {
        Map<String, Object> singleton = java.util.Collections.singletonMap("line", 1);
        Map<String, Object> ofMap = Map.of("line", 2);
        records.submit(FILE_A, singleton).ack();
        assertThat(records.committable().offsets().get(FILE_A)).isSameAs(singleton);
        records.submit(FILE_A, ofMap).ack();
        assertThat(records.committable().offsets().get(FILE_A)).isSameAs(ofMap);
        java.util.HashMap<String, Object> mutable = new java.util.HashMap<>(Map.of("line", 3));
        records.submit(FILE_A, mutable).ack();
        assertThat(records.committable().offsets().get(FILE_A)).isEqualTo(mutable).isNotSameAs(mutable);
    }
}

package dev.ferry.converters;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A foreign message joined with the fix Ferry adds after it ends exactly once. */
class SentencesTest {
    @Test
    void aMessageEndingInAFullStop_isNotGivenASecondOne() {
        assertThat(Sentences.then("Connection refused.", "Check the host.")).isEqualTo("Connection refused. Check the host.");
    }

    @Test
    void aMessageWithoutAFullStop_getsOne_andADanglingColonGoes() {
        assertThat(Sentences.then("Connection refused", "Check the host.")).isEqualTo("Connection refused. Check the host.");
        assertThat(Sentences.end("value too long: ")).isEqualTo("value too long.");
    }

    @Test
    void aQuotedOrBracketedSentence_andAQuestion_areAlreadyEnded() {
        assertThat(Sentences.end("it said 'stop.'")).isEqualTo("it said 'stop.'");
        assertThat(Sentences.end("(see the manual.)")).isEqualTo("(see the manual.)");
        assertThat(Sentences.end("is it up?")).isEqualTo("is it up?");
    }

    @Test
    void noMessage_saysSo() {
        assertThat(Sentences.end((String) null)).isEqualTo("No reason given.");
        assertThat(Sentences.end("  ")).isEqualTo("No reason given.");
    }
}

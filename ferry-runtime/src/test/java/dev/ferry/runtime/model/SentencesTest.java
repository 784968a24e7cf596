package dev.ferry.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A foreign message and Ferry's next sentence meet with exactly one full stop. */
class SentencesTest {

    @Test
    void aMessageEndingInAFullStop_isNotGivenASecond() {
        assertThat(Sentences.then("The coordinator is loading; try again.", "Check the brokers."))
                .isEqualTo("The coordinator is loading; try again. Check the brokers.");
        assertThat(Sentences.end("Some brokers are fenced or cordoned. ")).isEqualTo("Some brokers are fenced or cordoned.");
    }

    @Test
    void aMessageWithoutAnEnd_getsAFullStop_andADanglingSeparatorGoes() {
        assertThat(Sentences.then("Invalid value x for configuration a.b: Not a number of type LONG", "Fix 'a.b'."))
                .isEqualTo("Invalid value x for configuration a.b: Not a number of type LONG. Fix 'a.b'.");
        assertThat(Sentences.end("the broker said:")).isEqualTo("the broker said.");
        assertThat(Sentences.end("was it?")).isEqualTo("was it?");
        assertThat(Sentences.end("(see the docs.)")).isEqualTo("(see the docs.)");
        assertThat(Sentences.end("no answer within 10000 ms (attempt 2)")).isEqualTo("no answer within 10000 ms (attempt 2).");
    }

    @Test
    void anExceptionWithoutAMessage_saysSo() {
        assertThat(Sentences.end((String) null)).isEqualTo("No reason given.");
        assertThat(Sentences.end(new IOException("disk full."))).isEqualTo("java.io.IOException: disk full.");
        assertThat(Sentences.end(new IOException())).isEqualTo("java.io.IOException.");
    }
}

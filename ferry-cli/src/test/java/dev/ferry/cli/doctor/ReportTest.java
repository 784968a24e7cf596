package dev.ferry.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static String text(Report report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.printText(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachCheckIsOneLine_evenWhenItsMessageQuotesSeveralLines() {
        Report report = new Report();
        report.ok("java", "Java 17");
        report.error("worker config", "2 problem(s):\n  - a: bad\n  - b: worse");

        assertThat(text(report).lines()).containsExactly(
                "[ok]    java: Java 17",
                "[error] worker config: 2 problem(s): - a: bad - b: worse",
                "1 error(s), 0 warning(s): fix the errors before starting the worker.");
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void warningsAlone_areFindings_butTheWorkerCanStart() {
        Report report = new Report();
        report.skipped("registry", "no registry converter");
        report.warning("plugins", "twice");

        assertThat(text(report)).endsWith("1 warning(s): the worker can start, but read them." + System.lineSeparator());
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.findings()).extracting(Finding::check).containsExactly("plugins");
    }
}

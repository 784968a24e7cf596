package dev.ferry.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JavaCheckTest {

    @Test
    void java11_isAnError_sayingWhichJavaToInstall() {
        Report report = new Report();

        JavaCheck.run(Runtime.Version.parse("11.0.21+9"), "/usr/lib/jvm/java-11", report);

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("java");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("Java 11.0.21+9 at /usr/lib/jvm/java-11 is too old")
                    .contains("Install a JDK or JRE 17+").contains("JAVA_HOME");
        });
    }

    @Test
    void java17AndNewer_pass() {
        Report report = new Report();

        JavaCheck.run(Runtime.Version.parse("17.0.15"), "/j17", report);
        JavaCheck.run(Runtime.Version.parse("21"), "/j21", report);

        assertThat(report.findings()).isEmpty();
        assertThat(report.lines()).extracting(Finding::message).containsExactly("Java 17.0.15 at /j17", "Java 21 at /j21");
    }
}

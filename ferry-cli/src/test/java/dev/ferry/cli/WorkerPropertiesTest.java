package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerPropertiesTest {
    @TempDir
    Path dir;

    @Test
    void environmentOverridesTheWorkerFile_withTheCpImageNaming() throws Exception {
        Path file = Files.writeString(dir.resolve("w.properties"), "bootstrap.servers=file:9092\ngroup.id=g\n");
        var props = WorkerProperties.load(file, java.util.Map.of("CONNECT_BOOTSTRAP_SERVERS", "env:9092",
                "CONNECT_OFFSET_FLUSH_INTERVAL_MS", "1000", "HOME", "/root"));
        assertThat(props).containsEntry("bootstrap.servers", "env:9092").containsEntry("group.id", "g")
                .containsEntry("offset.flush.interval.ms", "1000").doesNotContainKey("home");
    }

    @Test
    void restPortVariable_winsOverTheFilesListeners_andTheOverrideIsNoted() throws Exception {
        Path file = Files.writeString(dir.resolve("w.properties"), "listeners=http://:8083\n");

        var resolution = WorkerProperties.resolve(file, java.util.Map.of("CONNECT_REST_PORT", "18083"));

        assertThat(resolution.properties()).containsEntry("listeners", "http://:18083");
        assertThat(resolution.notes()).containsExactly("CONNECT_REST_PORT overrides listeners from " + file
                + ": listeners=http://:18083 instead of http://:8083.");
    }

    @Test
    void listenersVariable_winsOverTheFile_andTheRestPortVariableIsNotedAsIgnored() throws Exception {
        Path file = Files.writeString(dir.resolve("w.properties"), "listeners=http://:8083\n");

        var resolution = WorkerProperties.resolve(file, java.util.Map.of("CONNECT_REST_PORT", "18083",
                "CONNECT_LISTENERS", "http://127.0.0.1:18084"));

        assertThat(resolution.properties()).containsEntry("listeners", "http://127.0.0.1:18084");
        assertThat(resolution.notes()).containsExactly(
                "CONNECT_LISTENERS overrides listeners from " + file
                        + ": listeners=http://127.0.0.1:18084 instead of http://:8083.",
                "CONNECT_REST_PORT is ignored: CONNECT_LISTENERS sets listeners, which is what the worker reads.");
    }

    @Test
    void withoutAFile_theEnvironmentAloneIsTheConfiguration() {
        var resolution = WorkerProperties.resolve(null, java.util.Map.of("CONNECT_BOOTSTRAP_SERVERS", "kafka:9092",
                "CONNECT_GROUP_ID", "g", "CONNECT_REST_PORT", "8083", "HOME", "/root"));

        assertThat(resolution.properties()).containsOnly(java.util.Map.entry("bootstrap.servers", "kafka:9092"),
                java.util.Map.entry("group.id", "g"), java.util.Map.entry("listeners", "http://:8083"));
        assertThat(resolution.notes()).isEmpty();
        assertThat(WorkerProperties.hasWorkerVariables(java.util.Map.of("HOME", "/root"))).isFalse();
    }

    @Test
    void aRestPortThatIsNotANumber_isAConfigErrorSayingWhatToSet() {
        assertThatThrownBy(() -> WorkerProperties.resolve(null, java.util.Map.of("CONNECT_REST_PORT", "http")))
                .isInstanceOf(CliException.class).hasMessageContaining("CONNECT_REST_PORT")
                .hasMessageContaining("CONNECT_LISTENERS=http://:8083");
    }

    @Test
    void print_sortsAndHidesSecretValues() {
        var bytes = new java.io.ByteArrayOutputStream();
        WorkerProperties.print(java.util.Map.of("b", "2", "a", "1", "consumer.sasl.jaas.config", "j",
                "value.converter.basic.auth.user.info", "u:p"), new java.io.PrintStream(bytes, true,
                java.nio.charset.StandardCharsets.UTF_8));

        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(String.join(
                System.lineSeparator(), "a=1", "b=2", "consumer.sasl.jaas.config=[hidden]",
                "value.converter.basic.auth.user.info=[hidden]", ""));
    }

    @Test
    void missingFile_pointsAtTheExamples() {
        assertThatThrownBy(() -> WorkerProperties.load(dir.resolve("absent.properties"), java.util.Map.of()))
                .isInstanceOf(CliException.class).hasMessageContaining("does not exist").hasMessageContaining("examples/");
    }
}

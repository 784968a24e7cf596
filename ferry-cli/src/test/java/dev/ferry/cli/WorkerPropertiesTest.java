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
    void missingFile_pointsAtTheExamples() {
        assertThatThrownBy(() -> WorkerProperties.load(dir.resolve("absent.properties"), java.util.Map.of()))
                .isInstanceOf(CliException.class).hasMessageContaining("does not exist").hasMessageContaining("examples/");
    }
}

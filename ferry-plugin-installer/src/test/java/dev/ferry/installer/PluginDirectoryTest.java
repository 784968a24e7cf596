package dev.ferry.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDirectoryTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void stagingFolder_isHidden_untilCommitRenamesIt() throws IOException {
        PluginDirectory plugins = new PluginDirectory(dir);
        Path staging = plugins.stage("p");
        Files.writeString(staging.resolve("p.jar"), "v1");

        assertThat(staging.getFileName().toString()).startsWith(".");
        assertThat(plugins.entries()).isEmpty();

        plugins.commit(staging, "p");

        assertThat(names()).containsExactly("p");
        assertThat(dir.resolve("p/p.jar")).hasContent("v1");
    }

    @Test
    void commit_replacesTheInstalledFolder_leavingNoOldFiles() throws IOException {
        PluginDirectory plugins = new PluginDirectory(dir);
        Path v1 = plugins.stage("p");
        Files.writeString(v1.resolve("p-1.jar"), "v1");
        plugins.commit(v1, "p");
        Path v2 = plugins.stage("p");
        Files.writeString(v2.resolve("p-2.jar"), "v2");

        plugins.commit(v2, "p");

        assertThat(names()).containsExactly("p");
        try (Stream<Path> files = Files.list(dir.resolve("p"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("p-2.jar");
        }
    }

    @Test
    void failedCommit_restoresTheInstalledFolder() throws IOException {
        PluginDirectory plugins = new PluginDirectory(dir);
        Path v1 = plugins.stage("p");
        Files.writeString(v1.resolve("p-1.jar"), "v1");
        plugins.commit(v1, "p");
        Path vanished = dir.resolve(".ferry-staging-p-gone"); // a staging folder that no longer exists

        assertThatThrownBy(() -> plugins.commit(vanished, "p")).isInstanceOf(InstallException.class)
                .hasMessageContaining("left as it was");
        assertThat(names()).containsExactly("p");
        assertThat(dir.resolve("p/p-1.jar")).hasContent("v1");
    }

    @Test
    void remove_deletesTheFolder_andRefusesNamesOutsideTheDirectory() throws IOException {
        PluginDirectory plugins = new PluginDirectory(dir);
        Files.createDirectories(dir.resolve("p"));
        Files.writeString(dir.resolve("p/p.jar"), "x");

        plugins.remove("p");

        assertThat(names()).isEmpty();
        assertThatThrownBy(() -> plugins.remove("../etc")).isInstanceOf(InstallException.class)
                .hasMessageContaining("There is no plugin folder '../etc'");
    }

    @Test
    void record_roundTrips() throws IOException {
        PluginDirectory plugins = new PluginDirectory(dir);
        Path staging = plugins.stage("p");
        PluginDirectory.InstallRecord record = new PluginDirectory.InstallRecord("p", "g:p:1", "1", "ab",
                List.of("kafka-clients-4.3.0.jar"));
        PluginDirectory.writeRecord(staging, record);
        plugins.commit(staging, "p");

        assertThat(plugins.record("p")).contains(record);
    }
}

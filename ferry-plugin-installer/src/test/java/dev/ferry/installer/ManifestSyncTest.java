package dev.ferry.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache's connect-file stripped of its ServiceLoader manifests, installed as a plugin folder and as a single jar:
 * the inventory (Ferry's discovery) reports both as missing manifests, and after {@code sync-manifests} both are
 * complete.
 */
class ManifestSyncTest {
    @TempDir
    Path dir;

    private static void withoutServiceManifests(Path to) throws Exception {
        Path from = Path.of(FileStreamSourceConnector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.createDirectories(to.getParent());
        try (ZipFile in = new ZipFile(from.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry entry : Collections.list(in.entries())) {
                if (!entry.getName().startsWith("META-INF/services/")) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                }
            }
        }
    }

    @Test
    void missingManifests_areWritten_intoAManifestJarOrIntoTheSingleJar() throws Exception {
        Path plugins = dir.resolve("plugins");
        withoutServiceManifests(plugins.resolve("file-folder/file-connectors.jar"));
        withoutServiceManifests(plugins.resolve("file-single.jar"));

        PluginInventory before = PluginInventory.of(plugins, List.of());
        assertThat(before.missingManifests()).hasSize(2);
        assertThat(before.missingManifests().values()).allSatisfy(missing -> assertThat(missing).hasSize(2));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ManifestSync.sync(before, false, new PrintStream(out, true, StandardCharsets.UTF_8))).isEqualTo(2);

        assertThat(PluginInventory.of(plugins, List.of()).missingManifests()).isEmpty();
        assertThat(plugins.resolve("file-folder/" + ManifestSync.MANIFEST_JAR)).exists();
        try (ZipFile single = new ZipFile(plugins.resolve("file-single.jar").toFile())) {
            assertThat(single.getEntry("META-INF/services/org.apache.kafka.connect.sink.SinkConnector")).isNotNull();
            assertThat(single.getEntry("org/apache/kafka/connect/file/FileStreamSinkConnector.class"))
                    .as("the jar keeps its classes").isNotNull();
        }
        try (var listing = Files.list(plugins)) {
            assertThat(listing.map(p -> p.getFileName().toString())).as("no hidden copies are left")
                    .containsExactlyInAnyOrder("file-folder", "file-single.jar");
        }
    }

    @Test
    void dryRun_changesNothing() throws Exception {
        Path plugins = dir.resolve("plugins");
        withoutServiceManifests(plugins.resolve("file-folder/file-connectors.jar"));
        PluginInventory before = PluginInventory.of(plugins, List.of());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ManifestSync.sync(before, true, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Dry run: would add manifests for 2 plugin(s)",
                "source org.apache.kafka.connect.file.FileStreamSourceConnector");
        assertThat(PluginInventory.of(plugins, List.of()).missingManifests()).hasSize(1);
    }
}

package dev.ferry.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installs from local files (no network): layout, names, no-op, replace, dry run, Hub names. */
class InstallerTest {
    private static final String MANIFEST = "{\"name\":\"kafka-connect-thing\",\"version\":\"%s\","
            + "\"owner\":{\"username\":\"acme\",\"name\":\"Acme\"}}";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private int install(String source, String hubUrl, boolean dryRun) throws IOException {
        return new Installer(new InstallOptions(dir.resolve("plugins"), null, dryRun, hubUrl, List.of(), null),
                new PrintStream(output, true, StandardCharsets.UTF_8)).install(source);
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private Path hubZip(Path folder, String version) throws IOException {
        Files.createDirectories(folder);
        String top = "acme-kafka-connect-thing-" + version + "/";
        return ArchivesTest.zip(folder.resolve("acme-kafka-connect-thing-" + version + ".zip"),
                top + "manifest.json", MANIFEST.formatted(version),
                top + "lib/thing-" + version + ".jar", "jar " + version,
                top + "etc/thing.properties", "a=b");
    }

    private List<String> tree() throws IOException {
        Path plugins = dir.resolve("plugins");
        try (Stream<Path> walk = Files.walk(plugins)) {
            return walk.filter(Files::isRegularFile).map(p -> plugins.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void hubZip_isInstalledAsOwnerDashName_withItsManifest() throws IOException {
        Path zip = hubZip(dir.resolve("downloads"), "1.0.0");

        assertThat(install(zip.toString(), null, false)).isZero();

        assertThat(tree()).containsExactly("acme-kafka-connect-thing/etc/thing.properties",
                "acme-kafka-connect-thing/ferry-plugin.json", "acme-kafka-connect-thing/lib/thing-1.0.0.jar",
                "acme-kafka-connect-thing/manifest.json");
        assertThat(output()).contains("Installed acme-kafka-connect-thing 1.0.0");
    }

    @Test
    void sameArchiveAgain_isANoOp_andAnotherVersionReplacesTheFolder() throws IOException {
        Path hub = dir.resolve("hub");
        hubZip(hub, "1.0.0");
        hubZip(hub, "1.1.0");
        install("acme/kafka-connect-thing:1.0.0", hub.toString(), false);
        Path record = dir.resolve("plugins/acme-kafka-connect-thing/ferry-plugin.json");
        var installedAt = Files.getLastModifiedTime(record);

        assertThat(install("acme/kafka-connect-thing:1.0.0", hub.toString(), false)).isZero();
        assertThat(output()).contains("is already installed").contains("nothing changed");
        assertThat(Files.getLastModifiedTime(record)).isEqualTo(installedAt);

        assertThat(install("acme/kafka-connect-thing:1.1.0", hub.toString(), false)).isZero();
        assertThat(output()).contains("Replaced acme-kafka-connect-thing 1.1.0").contains("(was 1.0.0");
        assertThat(tree()).contains("acme-kafka-connect-thing/lib/thing-1.1.0.jar")
                .doesNotContain("acme-kafka-connect-thing/lib/thing-1.0.0.jar");
    }

    @Test
    void plainJar_getsAFolderNamedWithoutItsVersion() throws IOException {
        Path jar = Files.writeString(dir.resolve("my-connector-2.3.4.jar"), "not really a jar");

        install(jar.toString(), null, false);

        assertThat(tree()).containsExactly("my-connector/ferry-plugin.json", "my-connector/my-connector-2.3.4.jar");
    }

    @Test
    void archiveWithTheProvidedLibraries_leavesThemOut_andSaysSo() throws IOException {
        Path tgzLike = ArchivesTest.zip(dir.resolve("thing-1.0.zip"), "thing/thing-1.0.jar", "x",
                "thing/kafka-clients-4.3.0.jar", "x", "thing/connect-api-4.3.0.jar", "x",
                "thing/slf4j-api-1.7.36.jar", "x", "thing/connect-json-4.3.0.jar", "x");

        install(tgzLike.toString(), null, false);

        assertThat(tree()).containsExactly("thing/connect-json-4.3.0.jar", "thing/ferry-plugin.json",
                "thing/thing-1.0.jar");
        assertThat(output()).contains("Left out").contains("kafka-clients-4.3.0.jar")
                .contains("the worker provides them");
    }

    @Test
    void dryRun_printsWhatWouldBeInstalled_andChangesNothing() throws IOException {
        Path zip = hubZip(dir.resolve("downloads"), "1.0.0");

        assertThat(install(zip.toString(), null, true)).isZero();

        assertThat(output()).contains("Dry run: would install").contains("acme-kafka-connect-thing");
        assertThat(dir.resolve("plugins")).doesNotExist();
    }

    @Test
    void archiveWithoutJarsOrClasses_isNotAPlugin_andLeavesNoStagingBehind() throws IOException {
        Path zip = ArchivesTest.zip(dir.resolve("docs-1.0.zip"), "docs/README.md", "hello");

        assertThatThrownBy(() -> install(zip.toString(), null, false)).isInstanceOf(InstallException.class)
                .hasMessageContaining("not a Connect plugin");
        assertThat(dir.resolve("plugins")).as("the plugin directory this install created").doesNotExist();
    }

    @Test
    void hubName_withoutAHubSource_saysNoHubIsReachable_andSuggestsMaven() {
        assertThatThrownBy(() -> install("acme/kafka-connect-thing:1.0.0", null, false))
                .isInstanceOf(InstallException.class)
                .hasMessageContaining("does not contact Confluent Hub")
                .hasMessageContaining("ferry plugin install group:artifact:version")
                .hasMessageContaining("--hub-url");
    }

    @Test
    void hubNameOfAComponentFerryBundles_isNotAnError() {
        assertThatThrownBy(() -> install("confluentinc/kafka-connect-avro-converter:7.9.0", null, false))
                .isInstanceOf(Installer.AlreadyBundled.class)
                .hasMessageContaining("already part of Ferry").hasMessageContaining("AvroConverter");
    }

    @Test
    void hubNameOfDebezium_mapsToItsMavenPluginArchive() {
        KnownHubNames.OnMaven mapping = (KnownHubNames.OnMaven) KnownHubNames
                .lookup("debezium", "debezium-connector-postgresql").orElseThrow();

        assertThat(mapping.forVersion("3.6.1")).isEqualTo("io.debezium:debezium-connector-postgres:3.6.1.Final:tar.gz:plugin");
        assertThat(mapping.forVersion("3.6.1.Final")).isEqualTo("io.debezium:debezium-connector-postgres:3.6.1.Final:tar.gz:plugin");
    }

    @Test
    void unknownSource_namesTheAcceptedForms() {
        assertThatThrownBy(() -> install("no-such-thing", null, false)).isInstanceOf(InstallException.class)
                .hasMessageContaining("neither an existing file or folder, a URL, a Maven coordinate");
    }

    @Test
    void missingJarOrArchive_isReportedAsAMissingFile_notAsAHubName() {
        assertThatThrownBy(() -> install("downloads/no-such-connector-1.0.jar", null, false))
                .isInstanceOf(InstallException.class).hasMessageContaining("There is no file")
                .hasMessageNotContaining("Hub");
    }
}

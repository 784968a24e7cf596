package dev.ferry.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import dev.ferry.runtime.plugins.Plugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plugin.path} findings, each planted in plugin folders built by the test and found by real discovery. */
class PluginPathCheckTest {
    @TempDir
    Path dir;

    private Report check(Map<String, String> props) {
        Report report = new Report();
        Plugins plugins = PluginPathCheck.run(props, List.of(), report);
        if (plugins != null) {
            plugins.close();
        }
        return report;
    }

    @Test
    void missingElement_isAnError_namingIt_andTheOtherElementsAreStillChecked() throws Exception {
        Path present = Files.createDirectories(dir.resolve("present"));
        PluginJars.converter(present.resolve("one/one.jar"), "demo.one", "OneConverter", false);
        Path missing = dir.resolve("not-there");

        Report report = check(Map.of("plugin.path", missing + "," + present));

        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.check()).isEqualTo("plugin.path");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("'" + missing + "' does not exist").contains("Create it");
        });
        // discovery went on without the missing element: the other element's plugin was seen
        assertThat(report.findings()).anySatisfy(f -> assertThat(f.message()).contains("demo.one.OneConverter"));
    }

    @Test
    void sameConverterInTwoPluginFolders_isADuplicate() {
        Path plugins = dir.resolve("plugins");
        PluginJars.converter(plugins.resolve("first/demo.jar"), "demo.twice", "TwiceConverter", true);
        PluginJars.converter(plugins.resolve("second/demo.jar"), "demo.twice", "TwiceConverter", true);

        Report report = check(Map.of("plugin.path", plugins.toString()));

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("plugins");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("demo.twice.TwiceConverter (converter) is installed in 2 plugin locations")
                    .contains(plugins.resolve("first").toString()).contains(plugins.resolve("second").toString())
                    .contains("delete all but one");
        });
    }

    @Test
    void pluginWithoutManifest_isAWarning_andAnErrorWhenTheWorkerOnlyReadsManifests() {
        Path plugins = dir.resolve("plugins");
        PluginJars.converter(plugins.resolve("listed/demo.jar"), "demo.listed", "ListedConverter", true);
        PluginJars.converter(plugins.resolve("unlisted/demo.jar"), "demo.unlisted", "UnlistedConverter", false);

        Report hybrid = check(Map.of("plugin.path", plugins.toString()));
        Report serviceLoad = check(Map.of("plugin.path", plugins.toString(), "plugin.discovery", "service_load"));

        assertThat(hybrid.findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("manifests");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains(plugins.resolve("unlisted").toString())
                    .contains("demo.unlisted.UnlistedConverter").doesNotContain("ListedConverter,")
                    .contains("ferry plugin sync-manifests");
        });
        assertThat(serviceLoad.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("plugin.discovery=service_load the worker does not see them");
        });
    }

    @Test
    void healthyPluginPath_hasNoFindings() {
        Path plugins = dir.resolve("plugins");
        PluginJars.converter(plugins.resolve("good/demo.jar"), "demo.good", "GoodConverter", true);

        Report report = check(Map.of("plugin.path", plugins.toString()));

        assertThat(report.findings()).isEmpty();
        assertThat(report.lines()).extracting(Finding::check).containsExactly("plugin.path", "plugins", "manifests");
    }

    /**
     * Unreadable folders, as a worker running without the rights meets them. Root reads everything, so as root the
     * doctor runs in a process without the capabilities that let root ignore file permissions.
     */
    @Test
    void unreadableElementAndPluginFolder_areErrors_forAWorkerUserWithoutRights() throws Exception {
        Path plugins = dir.resolve("plugins");
        PluginJars.converter(plugins.resolve("fine/demo.jar"), "demo.fine", "FineConverter", true);
        Path lockedPlugin = Files.createDirectories(plugins.resolve("locked"));
        PluginJars.converter(lockedPlugin.resolve("demo.jar"), "demo.locked", "LockedConverter", true);
        Path lockedElement = Files.createDirectories(dir.resolve("locked-element"));
        Path worker = dir.resolve("worker.properties");
        Files.writeString(worker, "bootstrap.servers=127.0.0.1:1\noffset.storage.file.filename=" + dir.resolve("o")
                + "\nkey.converter=org.apache.kafka.connect.storage.StringConverter\n"
                + "value.converter=org.apache.kafka.connect.storage.StringConverter\n"
                + "plugin.path=" + plugins + "," + lockedElement + "\n");
        Files.setPosixFilePermissions(lockedPlugin, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(lockedElement, PosixFilePermissions.fromString("---------"));
        try {
            List<String> command = new ArrayList<>();
            if (Files.isReadable(lockedPlugin)) {
                // root: drop the capabilities that bypass file permissions
                assumeThat(new File("/usr/bin/setpriv")).as("setpriv (util-linux) to run without root's rights")
                        .exists();
                command.addAll(List.of("/usr/bin/setpriv", "--bounding-set", "-dac_override,-dac_read_search"));
            }
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "dev.ferry.cli.Main", "doctor", "--timeout", "1",
                    worker.toString()));
            Process doctor = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(doctor.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(doctor.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(doctor.exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains("[error] plugin.path: plugin.path element '" + lockedElement
                    + "' is not readable");
            assertThat(output).contains("[error] plugin.path: Plugin folder '" + lockedPlugin + "' is not readable")
                    .contains("chmod -R a+rX '" + lockedPlugin + "'");
        } finally {
            Files.setPosixFilePermissions(lockedPlugin, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(lockedElement, PosixFilePermissions.fromString("rwx------"));
        }
    }
}

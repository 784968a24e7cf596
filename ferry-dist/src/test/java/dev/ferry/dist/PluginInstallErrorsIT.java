package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way an install can fail gives a clear error, the documented exit code, and leaves the plugin directory (which
 * already holds a plugin) exactly as it was: a wrong {@code --sha512}, a coordinate Maven Central does not have, a
 * repository that cannot be reached (a mirror on a closed loopback port, with a local repository of the test's own so
 * nothing is found in {@code ~/.m2}), and a plugin directory the user may not write to.
 */
class PluginInstallErrorsIT {
    @TempDir
    Path dir;
    Path plugins;
    Path jar;

    /** A plugin directory with one plugin already installed, and a second plugin jar to install. */
    @BeforeEach
    void installedPlugin() throws Exception {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        Path connectFile = WorkerProcess.distDir().resolve("plugins/apache-connect-file/connect-file-4.3.1.jar");
        PluginCli.Result first = PluginCli.ferry(Map.of(), "install", connectFile.toString(), "--plugin-dir",
                plugins.toString());
        assertThat(first.exitCode()).as("%s", first).isZero();
        jar = Files.copy(connectFile, dir.resolve("other-connector-2.0.jar"));
    }

    @Test
    void wrongChecksum_isRefused_andTheDirectoryIsUnchanged() throws Exception {
        Map<String, String> before = PluginCli.snapshot(plugins);

        PluginCli.Result result = PluginCli.ferry(Map.of(), "install", jar.toString(), "--plugin-dir",
                plugins.toString(), "--sha512", "0".repeat(128));

        assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
        assertThat(result.err()).contains("Checksum mismatch", "expected SHA-512 " + "0".repeat(128),
                "nothing was installed");
        assertThat(PluginCli.snapshot(plugins)).isEqualTo(before);
    }

    @Test
    void unknownCoordinate_isReportedAsNotFound_andTheDirectoryIsUnchanged() throws Exception {
        Map<String, String> before = PluginCli.snapshot(plugins);

        PluginCli.Result result = PluginCli.ferry(Map.of(), "install", "dev.ferry.it:no-such-plugin:1.0.0",
                "--plugin-dir", plugins.toString(), "--maven-settings", settings(null).toString());

        assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
        assertThat(result.err()).contains("dev.ferry.it:no-such-plugin:1.0.0 was not found in Maven repositories central",
                "Check the group, artifact, version");
        assertThat(PluginCli.snapshot(plugins)).isEqualTo(before);
    }

    @Test
    void unreachableRepository_isAnEnvironmentError_andTheDirectoryIsUnchanged() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> before = PluginCli.snapshot(plugins);

        PluginCli.Result result = PluginCli.ferry(Map.of(), "install", "org.apache.kafka:connect-file:4.3.1",
                "--plugin-dir", plugins.toString(), "--maven-settings",
                settings("http://127.0.0.1:" + closedPort + "/maven2/").toString());

        assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
        assertThat(result.err()).contains("Could not reach Maven repositories", "127.0.0.1:" + closedPort,
                "Connection refused", "Nothing was installed", "--repository URL");
        assertThat(PluginCli.snapshot(plugins)).isEqualTo(before);
    }

    @Test
    void readOnlyPluginDirectory_isAnEnvironmentError_andTheDirectoryIsUnchanged() throws Exception {
        Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("r-xr-xr-x"));
        Map<String, String> before = PluginCli.snapshot(plugins);
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // root writes anywhere: run the installer without root's permission-override capabilities, so the
            // directory's mode counts as for any user (the image runs as uid 1000)
            command.addAll(List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search"));
        }
        command.addAll(List.of(WorkerProcess.distDir().resolve("bin/ferry").toString(), "plugin", "install",
                jar.toString(), "--plugin-dir", plugins.toString()));

        PluginCli.Result result = PluginCli.run(command, Map.of());

        assertThat(result.exitCode()).as("%s", result).isEqualTo(3);
        assertThat(result.err()).contains("Plugin directory " + plugins + " is not writable by user",
                "nothing was installed", "--plugin-dir DIR");
        assertThat(PluginCli.snapshot(plugins)).isEqualTo(before);
        Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Maven settings with a local repository of this test's own and, when given, a mirror of everything. */
    private Path settings(String mirrorUrl) throws Exception {
        String mirror = mirrorUrl == null ? "" : "<mirrors><mirror><id>it-mirror</id><mirrorOf>*</mirrorOf><url>"
                + mirrorUrl + "</url></mirror></mirrors>";
        return Files.writeString(dir.resolve("settings.xml"), "<settings><localRepository>"
                + dir.resolve("m2-repository") + "</localRepository>" + mirror + "</settings>");
    }
}

package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources other than Maven, through the distribution's own scripts: a Confluent Hub component zip built here
 * (manifest.json + lib/, as Confluent's kafka-connect-maven-plugin lays it out) installed from its file and, through
 * {@code bin/confluent-hub install --no-prompt owner/name:version}, from a Hub archive folder; Hub names of what
 * Ferry bundles; and {@code sync-manifests} making a plugin without ServiceLoader manifests visible to
 * {@code plugin.discovery=service_load}. The plugin jar is Apache's connect-file from the distribution.
 */
class PluginInstallSourcesIT {
    @TempDir
    Path dir;

    private static Path connectFileJar() {
        return WorkerProcess.distDir().resolve("plugins/apache-connect-file/connect-file-4.3.1.jar");
    }

    /** A Hub component zip of acme/file-connectors with connect-file as its connector jar. */
    private Path hubZip(Path folder, String version) throws IOException {
        Files.createDirectories(folder);
        Path zip = folder.resolve("acme-file-connectors-" + version + ".zip");
        String top = "acme-file-connectors-" + version + "/";
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry(top + "manifest.json"));
            out.write(("{\"name\":\"file-connectors\",\"version\":\"" + version + "\",\"title\":\"File connectors\","
                    + "\"owner\":{\"username\":\"acme\",\"type\":\"organization\",\"name\":\"Acme\"},"
                    + "\"component_types\":[\"source\",\"sink\"]}").getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry(top + "lib/connect-file-4.3.1.jar"));
            Files.copy(connectFileJar(), out);
            out.putNextEntry(new ZipEntry(top + "doc/README.md"));
            out.write("Acme's file connectors".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry(top + "etc/quickstart.properties"));
            out.write("connector.class=FileStreamSource".getBytes(StandardCharsets.UTF_8));
        }
        return zip;
    }

    @Test
    void hubZipFile_installsAsOwnerDashName_withManifestAndLib_andIsListed() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path zip = hubZip(dir.resolve("downloads"), "1.0.0");

        PluginCli.Result install = PluginCli.ferry(Map.of(), "install", zip.toString(), "--plugin-dir",
                plugins.toString(), "--sha512", sha512(zip));

        assertThat(install.exitCode()).as("%s", install).isZero();
        Path folder = plugins.resolve("acme-file-connectors");
        assertThat(folder.resolve("manifest.json")).content().contains("\"username\":\"acme\"");
        assertThat(folder.resolve("lib/connect-file-4.3.1.jar")).exists();
        assertThat(folder.resolve("etc/quickstart.properties")).exists();
        assertThat(install.out()).contains("SHA-512 matches").contains("Installed acme-file-connectors 1.0.0");

        PluginCli.Result list = PluginCli.ferry(Map.of(), "list", "--plugin-dir", plugins.toString());
        assertThat(list.out()).as("%s", list).contains("acme-file-connectors  1.0.0 from", "(Confluent Hub component)")
                .containsPattern("source +org\\.apache\\.kafka\\.connect\\.file\\.FileStreamSourceConnector +4\\.3\\.1")
                .containsPattern("sink +org\\.apache\\.kafka\\.connect\\.file\\.FileStreamSinkConnector");

        PluginCli.Result remove = PluginCli.ferry(Map.of(), "remove", "acme-file-connectors", "--plugin-dir",
                plugins.toString());
        assertThat(remove.exitCode()).as("%s", remove).isZero();
        assertThat(folder).doesNotExist();
    }

    /** A Hub zip from an HTTP server that also publishes {@code <url>.sha512}, as release pages and Maven do. */
    @Test
    void hubZipFromAUrl_isCheckedAgainstThePublishedSha512() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path zip = hubZip(dir.resolve("site"), "1.0.0");
        Map<String, byte[]> site = new java.util.HashMap<>();
        site.put("/good/acme-file-connectors-1.0.0.zip", Files.readAllBytes(zip));
        site.put("/good/acme-file-connectors-1.0.0.zip.sha512", (sha512(zip) + "  acme-file-connectors-1.0.0.zip\n")
                .getBytes(StandardCharsets.UTF_8));
        site.put("/bad/acme-file-connectors-1.0.0.zip", Files.readAllBytes(zip));
        site.put("/bad/acme-file-connectors-1.0.0.zip.sha512", "0".repeat(128).getBytes(StandardCharsets.UTF_8));
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = site.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();

            PluginCli.Result bad = PluginCli.ferry(Map.of(), "install", base + "/bad/acme-file-connectors-1.0.0.zip",
                    "--plugin-dir", plugins.toString());
            assertThat(bad.exitCode()).as("%s", bad).isEqualTo(1);
            assertThat(bad.err()).contains("Checksum mismatch", ".sha512 says");
            try (var listing = Files.list(plugins)) {
                assertThat(listing).isEmpty();
            }

            PluginCli.Result good = PluginCli.ferry(Map.of(), "install", base + "/good/acme-file-connectors-1.0.0.zip",
                    "--plugin-dir", plugins.toString());
            assertThat(good.exitCode()).as("%s", good).isZero();
            assertThat(plugins.resolve("acme-file-connectors/lib/connect-file-4.3.1.jar")).exists();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void confluentHubAlias_installsAHubNameFromTheArchiveFolder_andReplacesIt_withTheNextVersion() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("components"));
        Path hub = dir.resolve("hub");
        hubZip(hub, "1.0.0");
        hubZip(hub, "1.1.0");
        Map<String, String> env = Map.of("FERRY_HUB_URL", hub.toString());

        PluginCli.Result first = PluginCli.confluentHub(env, "install", "--no-prompt", "acme/file-connectors:1.0.0",
                "--component-dir", plugins.toString());
        assertThat(first.exitCode()).as("%s", first).isZero();
        assertThat(plugins.resolve("acme-file-connectors/manifest.json")).content().contains("1.0.0");

        PluginCli.Result next = PluginCli.confluentHub(Map.of("FERRY_HUB_URL", hub.toUri().toString(),
                "FERRY_PLUGIN_DIR", plugins.toString()), "install", "--no-prompt", "acme/file-connectors:1.1.0");
        assertThat(next.exitCode()).as("%s", next).isZero();
        assertThat(next.out()).contains("Replaced acme-file-connectors 1.1.0", "(was 1.0.0");
        assertThat(plugins.resolve("acme-file-connectors/manifest.json")).content().contains("1.1.0");
        try (var listing = Files.list(plugins)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("acme-file-connectors");
        }
    }

    @Test
    void confluentHubAlias_saysWhatFerryBundles_andThatNoHubIsReachable() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("components"));

        PluginCli.Result jdbc = PluginCli.confluentHub(Map.of(), "install", "--no-prompt",
                "confluentinc/kafka-connect-jdbc:10.7.4", "--component-dir", plugins.toString());
        assertThat(jdbc.exitCode()).as("a cp Dockerfile's RUN line keeps working: %s", jdbc).isZero();
        assertThat(jdbc.out()).contains("already part of Ferry", "io.confluent.connect.jdbc.JdbcSourceConnector");

        PluginCli.Result s3 = PluginCli.confluentHub(Map.of(), "install", "--no-prompt",
                "confluentinc/kafka-connect-s3:10.5.0", "--component-dir", plugins.toString());
        assertThat(s3.exitCode()).as("%s", s3).isEqualTo(2);
        assertThat(s3.err()).contains("does not contact Confluent Hub", "ferry plugin install group:artifact:version",
                "--hub-url");

        PluginCli.Result unsupported = PluginCli.confluentHub(Map.of(), "list");
        assertThat(unsupported.exitCode()).isEqualTo(2);
        assertThat(unsupported.err()).contains("only 'install' is");
        try (var listing = Files.list(plugins)) {
            assertThat(listing).isEmpty();
        }
    }

    /** Apache's connect-file without its ServiceLoader manifests, as many third-party plugins are built. */
    @Test
    void syncManifests_writesTheMissingManifests_soServiceLoadDiscoveryFindsThePlugin() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path bare = Files.createDirectories(dir.resolve("bare")).resolve("file-connectors-1.0.jar");
        withoutServiceManifests(connectFileJar(), bare);
        assertThat(PluginCli.ferry(Map.of(), "install", bare.toString(), "--plugin-dir", plugins.toString())
                .exitCode()).isZero();

        PluginCli.Result before = PluginCli.ferry(Map.of(), "list", "--plugin-dir", plugins.toString());
        assertThat(before.out()).as("%s", before).contains("(no manifest)", "ServiceLoader manifests: missing for 2 of 2",
                "ferry plugin sync-manifests");

        PluginCli.Result sync = PluginCli.ferry(Map.of(), "sync-manifests", "--plugin-dir", plugins.toString());
        assertThat(sync.exitCode()).as("%s", sync).isZero();
        assertThat(sync.out()).contains("Adding manifests for 2 plugin(s)",
                "org.apache.kafka.connect.file.FileStreamSourceConnector");

        PluginCli.Result after = PluginCli.ferry(Map.of(), "list", "--plugin-dir", plugins.toString());
        assertThat(after.out()).as("%s", after).contains("ServiceLoader manifests: complete").doesNotContain("(no manifest)");
        try (ZipFile manifests = new ZipFile(plugins.resolve("file-connectors/ferry-service-manifests.jar").toFile())) {
            assertThat(new String(manifests.getInputStream(manifests.getEntry(
                    "META-INF/services/org.apache.kafka.connect.source.SourceConnector")).readAllBytes(),
                    StandardCharsets.UTF_8)).contains("org.apache.kafka.connect.file.FileStreamSourceConnector");
        }
    }

    private static void withoutServiceManifests(Path from, Path to) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile()); OutputStream file = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry entry : java.util.Collections.list(in.entries())) {
                if (entry.getName().startsWith("META-INF/services/")) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream data = in.getInputStream(entry)) {
                    data.transferTo(out);
                }
            }
        }
    }

    static String sha512(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-512")
                .digest(Files.readAllBytes(file)));
    }
}

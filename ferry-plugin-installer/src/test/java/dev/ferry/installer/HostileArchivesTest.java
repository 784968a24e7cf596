package dev.ferry.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile plugin archives (issue 15, item 5): whatever entry names an archive holds (parent
 * segments, absolute paths, backslashes, dots, empty segments) and whatever top folder its entries
 * share, installing it never writes a file outside the plugin directory, and a plugin folder is
 * always a plain folder directly inside it. Each try works in its own temporary tree
 * ({@code root/archive.zip}, {@code root/plugins/}) and checks the whole tree afterwards.
 */
class HostileArchivesTest {

    @Property(tries = 150)
    void anArchive_isInstalledInsideThePluginDirectory_orRefused_neverWrittenElsewhere(
            @ForAll("entryLists") List<String> entries) throws IOException {
        Path root = Files.createTempDirectory("ferry-hostile-archive");
        try {
            Path archive = zip(root.resolve("hostile-1.0.zip"), entries);
            Path plugins = root.resolve("plugins");
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try {
                new Installer(new InstallOptions(plugins, null, false, null, List.of(), null),
                        new PrintStream(output, true, StandardCharsets.UTF_8)).install(archive.toString());
            } catch (InstallException refused) {
                assertThat(refused.getMessage()).isNotBlank().doesNotContain("..\n");
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(file.equals(archive) || file.startsWith(plugins))
                            .as("%s written by installing an archive of %s", root.relativize(file), entries).isTrue();
                }
            }
            if (Files.isDirectory(plugins)) {
                try (Stream<Path> folders = Files.list(plugins)) {
                    folders.forEach(f -> assertThat(f.getParent()).isEqualTo(plugins.toAbsolutePath().normalize()));
                }
            }
        } finally {
            delete(root);
        }
    }

    /** Regression: an archive whose entries all sit under ../ made '..' the plugin folder: the plugin directory's parent. */
    @Example
    void anArchiveWhoseTopFolderIsDotDot_isRefusedBeforeAnythingIsWritten() throws IOException {
        Path root = Files.createTempDirectory("ferry-hostile-archive");
        try {
            Path archive = zip(root.resolve("evil.zip"), List.of("../a.jar", "../b.jar"));
            Path plugins = Files.createDirectory(root.resolve("plugins"));

            assertThatThrownBy(() -> new Installer(new InstallOptions(plugins, null, false, null, List.of(), null),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).install(archive.toString()))
                    .isInstanceOf(InstallException.class)
                    .hasMessageStartingWith("'..' cannot be a plugin folder name")
                    .hasMessageEndingWith("nothing was installed.");
            try (Stream<Path> left = Files.list(root)) {
                assertThat(left.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("evil.zip", "plugins");
            }
            try (Stream<Path> left = Files.list(plugins)) {
                assertThat(left).isEmpty();
            }
        } finally {
            delete(root);
        }
    }

    @Provide
    Arbitrary<List<String>> entryLists() {
        Arbitrary<String> segment = Arbitraries.oneOf(Arbitraries.of("..", ".", "", "a", "lib", "x.jar",
                "manifest.json", "%2e%2e", "..\\..", "C:", "~", "-1.0", "p-1.0", "\u0000x", "é"),
                Arbitraries.strings().withChars("./\\ab").ofMaxLength(6));
        Arbitrary<String> name = Arbitraries.oneOf(
                segment.list().ofMinSize(1).ofMaxSize(5).map(parts -> String.join("/", parts)),
                segment.list().ofMinSize(1).ofMaxSize(3).map(parts -> "/" + String.join("/", parts)),
                Arbitraries.of("../../escaped.txt", "../a.jar", "p/../../x", "/etc/ferry-x", "a/../../b", "..",
                        "..\\..\\w.txt"));
        return name.list().ofMinSize(1).ofMaxSize(4).uniqueElements();
    }

    private static Path zip(Path file, List<String> names) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                if (!name.endsWith("/")) {
                    zip.write(name.getBytes(StandardCharsets.UTF_8));
                }
                zip.closeEntry();
            }
        }
        return file;
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

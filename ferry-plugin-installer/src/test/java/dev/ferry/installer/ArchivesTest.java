package dev.ferry.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivesTest {
    @TempDir
    Path dir;

    static Path zip(Path file, String... namesAndContents) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    @Test
    void commonTopFolder_isStripped() throws IOException {
        Path zip = zip(dir.resolve("p.zip"), "p-1.0/lib/a.jar", "a", "p-1.0/manifest.json", "{}");
        Path target = Files.createDirectory(dir.resolve("out"));

        Archives.unpack(zip, target);

        assertThat(target.resolve("lib/a.jar")).hasContent("a");
        assertThat(target.resolve("manifest.json")).exists();
    }

    @Test
    void entriesWithoutACommonTop_areUnpackedAsTheyAre() throws IOException {
        Path zip = zip(dir.resolve("p.zip"), "a.jar", "a", "lib/b.jar", "b");
        Path target = Files.createDirectory(dir.resolve("out"));

        Archives.unpack(zip, target);

        assertThat(target.resolve("a.jar")).exists();
        assertThat(target.resolve("lib/b.jar")).exists();
    }

    /** The "zip slip" attack: an entry named ../x would be written next to the plugin folder. */
    @Test
    void entryEscapingTheTarget_isRefused_andNothingIsWrittenOutside() throws IOException {
        Path zip = zip(dir.resolve("evil.zip"), "ok.jar", "a", "../../escaped.txt", "x");
        Path target = Files.createDirectories(dir.resolve("plugins/out"));

        assertThatThrownBy(() -> Archives.unpack(zip, target)).isInstanceOf(InstallException.class)
                .hasMessageContaining("would be written outside the plugin folder");
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void tarGzWithASymbolicLink_isRefused() throws IOException {
        Path tgz = dir.resolve("link.tar.gz");
        try (OutputStream file = Files.newOutputStream(tgz);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            TarArchiveEntry link = new TarArchiveEntry("p/etc", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        Path target = Files.createDirectory(dir.resolve("out"));

        assertThatThrownBy(() -> Archives.unpack(tgz, target)).isInstanceOf(InstallException.class)
                .hasMessageContaining("link entry");
    }

    @Test
    void truncatedArchive_failsNamingTheFile() throws IOException {
        Path broken = Files.write(dir.resolve("broken.tar.gz"), new byte[] {31, (byte) 139, 8, 0, 1, 2});
        Path target = Files.createDirectory(dir.resolve("out"));

        assertThatThrownBy(() -> Archives.unpack(broken, target)).isInstanceOf(InstallException.class)
                .hasMessageContaining(broken.toString()).hasMessageContaining("cannot be read");
    }
}

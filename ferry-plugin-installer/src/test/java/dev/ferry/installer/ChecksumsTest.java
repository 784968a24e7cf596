package dev.ferry.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsTest {
    /** sha512sum of the three bytes "abc" (FIPS 180-2's test vector). */
    private static final String ABC = "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";

    @TempDir
    Path dir;

    @Test
    void sha512_ofAFile_isTheStandardValue() throws IOException {
        assertThat(Checksums.sha512(Files.writeString(dir.resolve("abc"), "abc"))).isEqualTo(ABC);
    }

    @Test
    void expectedValue_mayBeASha512sumLineInUpperCase() throws IOException {
        Path file = Files.writeString(dir.resolve("abc"), "abc");

        Checksums.verifySha512(file, ABC.toUpperCase() + "  abc\n", "abc");
    }

    @Test
    void mismatch_namesBothValues() throws IOException {
        Path file = Files.writeString(dir.resolve("abd"), "abd");

        assertThatThrownBy(() -> Checksums.verifySha512(file, ABC, "the archive"))
                .isInstanceOf(InstallException.class)
                .hasMessageContaining("Checksum mismatch for the archive").hasMessageContaining(ABC)
                .hasMessageContaining(Checksums.sha512(file));
    }

    @Test
    void notAHexSha512_isAUsageError() {
        assertThatThrownBy(() -> Checksums.normalise("abc", 128, "--sha512"))
                .isInstanceOf(InstallException.class).hasMessageContaining("128 hexadecimal digits")
                .extracting(e -> ((InstallException) e).exitCode()).isEqualTo(InstallException.USAGE);
    }
}

package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault catalogue: {@code ferry standalone} started over a corrupt offsets file or connectors
 * file refuses to start (exit 3, an environment problem) with one line naming the file, where it
 * is broken and the fix, before its REST port opens, and leaves the file as it was for the
 * operator to restore. No broker is needed: the files are read before Kafka is contacted.
 */
class CorruptStoreFileAtStartTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @Test
    void cutShortOffsetsFile_stopsTheStart_namingTheFileAndTheFix() throws Exception {
        Path offsets = Files.write(dir.resolve("connect.offsets"), new byte[] {(byte) 0xac, (byte) 0xed, 0, 5, 's', 'r'});

        assertThat(standalone()).isEqualTo(ExitCode.ENVIRONMENT.code);

        assertThat(err()).startsWith("ferry: Offsets file " + offsets + " is cut short: it ends at byte 6 inside the "
                        + "offsets map (java.io.EOFException")
                .contains("Restore the file from a backup, or move it away to start with no offsets")
                .doesNotContain("\tat ");
        assertThat(Files.size(offsets)).isEqualTo(6);
    }

    @Test
    void garbledConnectorsFile_stopsTheStart_withItsLineAndColumn() throws Exception {
        String cutShort = "{\n  \"src\": {\n    \"config\": {\"connector.class\": \"FileStreamSource\",\n";
        Path connectors = Files.writeString(dir.resolve("connect.offsets.connectors.json"), cutShort);

        assertThat(standalone()).isEqualTo(ExitCode.ENVIRONMENT.code);

        assertThat(err()).startsWith("ferry: The stored connector configurations in " + connectors
                        + " are not valid (line 4, column 1): Unexpected end-of-input")
                .contains("Fix or remove the file")
                .doesNotContain("\tat ");
        assertThat(Files.readString(connectors)).isEqualTo(cutShort);
    }

    private int standalone() throws Exception {
        Path worker = Files.writeString(dir.resolve("worker.properties"), String.join("\n",
                "bootstrap.servers=127.0.0.1:1",
                "key.converter=org.apache.kafka.connect.storage.StringConverter",
                "value.converter=org.apache.kafka.connect.storage.StringConverter",
                "offset.storage.file.filename=" + dir.resolve("connect.offsets"),
                "listeners=http://127.0.0.1:0",
                "plugin.path=" + Files.createDirectories(dir.resolve("plugins")), ""));
        return Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "standalone", worker.toString());
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}

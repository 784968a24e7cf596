package dev.ferry.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.storage.ConnectorConfigFile.StoredConnector;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault catalogue: a standalone worker's offsets file or connectors file that is corrupt when the
 * worker starts. Apache's worker reads a cut-short offsets file as "no offsets" and starts every
 * source connector over; Ferry refuses the file, saying which file, where reading stopped and how
 * to get out, and leaves the file untouched so it can be restored.
 */
class CorruptStoreFilesTest {
    private static final String OFFSETS_FIX = "Restore the file from a backup, or move it away to start with no "
            + "offsets (every source connector then starts from its beginning and sends its records again), or "
            + "point offset.storage.file.filename at the right file.";
    private static final String CONNECTORS_FIX = "Fix or remove the file (each entry is \"<name>\": {\"config\": "
            + "{...}, \"targetState\": \"STARTED\", \"taskConfigs\": [...]}); removing it drops the connectors "
            + "created over REST, connectors given on the command line are unaffected.";

    @TempDir
    Path dir;

    @Test
    void offsetsFile_cutShort_isRefused_notReadAsNoOffsets() throws Exception {
        Path file = dir.resolve("connect.offsets");
        byte[] whole = offsetsFile(Map.of("[\"src\",{\"file\":\"in.txt\"}]", "{\"line\":42}"));
        Files.write(file, Arrays.copyOf(whole, whole.length - 10));

        assertThatThrownBy(() -> new FileOffsetBackingStore(file).start())
                .isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("Offsets file " + file + " is cut short: it ends at byte " + (whole.length - 10)
                        + " inside the offsets map (java.io.EOFException")
                .hasMessageEndingWith(OFFSETS_FIX);
        assertThat(Files.size(file)).as("left for the operator to restore").isEqualTo(whole.length - 10);
    }

    @Test
    void offsetsFile_ofGarbage_isRefused_sayingWhereReadingStopped() throws Exception {
        Path file = Files.writeString(dir.resolve("connect.offsets"), "line=42\n");

        assertThatThrownBy(() -> new FileOffsetBackingStore(file).start())
                .hasMessageStartingWith("Offsets file " + file + " is not a Kafka Connect offsets file: reading "
                        + "stopped at byte ")
                .hasMessageContaining("of 8 (java.io.StreamCorruptedException: invalid stream header")
                .hasMessageEndingWith(OFFSETS_FIX);
    }

    @Test
    void offsetsFile_holdingSomethingElseThanAMap_isRefused() throws Exception {
        Path file = dir.resolve("connect.offsets");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new byte[] {1, 2});
        }
        Files.write(file, bytes.toByteArray());

        assertThatThrownBy(() -> new FileOffsetBackingStore(file).start())
                .hasMessage("Offsets file " + file + " holds a [B where a map of offsets belongs. " + OFFSETS_FIX);
    }

    @Test
    void offsetsFile_withAnEntryThatIsNotAnOffset_isRefusedNamingTheEntry() throws Exception {
        Path file = dir.resolve("connect.offsets");
        Files.write(file, offsetsFile(Map.of("[\"src\",{\"file\":\"in.txt\"}]", "{\"line\":4")));

        assertThatThrownBy(() -> new FileOffsetBackingStore(file).start())
                .hasMessageStartingWith("Offsets file " + file + " holds an entry (1 of 1, key "
                        + "[\"src\",{\"file\":\"in.txt\"}]) whose offset is not a JSON object. " + OFFSETS_FIX);

        Files.write(file, offsetsFile(Map.of("src:in.txt", "{\"line\":4}")));
        assertThatThrownBy(() -> new FileOffsetBackingStore(file).start())
                .hasMessage("Offsets file " + file + " holds an entry (1 of 1) whose key is not "
                        + "[\"<connector>\",{<partition>}] JSON: src:in.txt. " + OFFSETS_FIX);
    }

    @Test
    void connectorsFile_cutShort_isRefusedWithItsLineAndColumn() throws Exception {
        ConnectorConfigFile connectors = new ConnectorConfigFile(dir.resolve("c.json"));
        connectors.save(Map.of("src", new StoredConnector(Map.of("connector.class", "FileStreamSource"),
                TargetState.STARTED, List.of())));
        String whole = Files.readString(connectors.path());
        Files.writeString(connectors.path(), whole.substring(0, whole.indexOf("FileStream")));

        assertThatThrownBy(connectors::load)
                .isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("The stored connector configurations in " + connectors.path()
                        + " are not valid (line 4, column ")
                .hasMessageContaining("Unexpected end-of-input in VALUE_STRING")
                .hasMessageEndingWith(CONNECTORS_FIX);
    }

    @Test
    void connectorsFile_ofGarbage_isRefusedWithItsLineAndColumn() throws Exception {
        Path file = Files.writeString(dir.resolve("c.json"), "{\n  \"src\": {\n    \"config\": {connector.class=x}\n");

        assertThatThrownBy(() -> new ConnectorConfigFile(file).load())
                .hasMessageStartingWith("The stored connector configurations in " + file + " are not valid (line 3, "
                        + "column 16): Unexpected character ('c'")
                .hasMessageEndingWith(CONNECTORS_FIX);
    }

    @Test
    void connectorsFile_ofTheWrongShape_isRefusedSayingWhatIsWrongAndWhere() throws Exception {
        Path file = dir.resolve("c.json");
        Files.writeString(file, "[\"src\"]");
        assertThatThrownBy(() -> new ConnectorConfigFile(file).load())
                .hasMessageStartingWith("The stored connector configurations in " + file + " are not valid (line 1, "
                        + "column 1): Cannot deserialize value of type `java.util.TreeMap");

        Files.writeString(file, "{\"src\": {\"config\": {}, \"targetState\": \"RUNNING\"}}");
        assertThatThrownBy(() -> new ConnectorConfigFile(file).load())
                .hasMessageStartingWith("The stored connector configurations in " + file + " are not valid (line 1, "
                        + "column 39): Cannot deserialize value of type `dev.ferry.runtime.model.TargetState` from "
                        + "String \"RUNNING\"");

        Files.writeString(file, "{\"src\": null}");
        assertThatThrownBy(() -> new ConnectorConfigFile(file).load())
                .hasMessage("The stored connector configurations in " + file + " have no config for connector 'src'. "
                        + CONNECTORS_FIX);

        Files.writeString(file, "null");
        assertThatThrownBy(() -> new ConnectorConfigFile(file).load())
                .hasMessage("The stored connector configurations in " + file + " are JSON null where an object of "
                        + "connectors belongs. " + CONNECTORS_FIX);
    }

    @Test
    void emptyFiles_holdNothing_asApachesEmptyOffsetsFileDoes() throws Exception {
        Path offsets = Files.createFile(dir.resolve("connect.offsets"));
        Path connectors = Files.writeString(dir.resolve("c.json"), "\n");

        FileOffsetBackingStore store = new FileOffsetBackingStore(offsets);
        store.start();
        assertThat(store.snapshot()).isEmpty();
        assertThat(new ConnectorConfigFile(connectors).load()).isEmpty();
    }

    private static byte[] offsetsFile(Map<String, String> entries) throws Exception {
        HashMap<byte[], byte[]> raw = new HashMap<>();
        entries.forEach((k, v) -> raw.put(k.getBytes(StandardCharsets.UTF_8), v.getBytes(StandardCharsets.UTF_8)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(raw);
        }
        return bytes.toByteArray();
    }
}

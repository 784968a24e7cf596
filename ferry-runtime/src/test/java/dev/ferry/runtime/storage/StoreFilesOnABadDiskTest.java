package dev.ferry.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.storage.ConnectorConfigFile.StoredConnector;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault catalogue: the standalone worker's store files on a disk that fills up or turns read-only.
 * Each write fails with the file, the cause in words and the fix; the file keeps its previous
 * content (never a half-written one), no temporary file is left to fill the disk further, and the
 * next write after the disk recovers succeeds.
 */
class StoreFilesOnABadDiskTest {
    private static final ByteBuffer KEY = OffsetCodec.key("src", Map.of("file", "in.txt"));

    @TempDir
    Path dir;

    @Test
    void offsetsFile_onAFullDisk_keepsItsOffsets_thenTakesTheNextWriteOnceThereIsRoom() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir)) {
            Path file = disk.root().resolve("connect.offsets");
            FileOffsetBackingStore store = new FileOffsetBackingStore(file);
            store.start();
            store.set(Map.of(KEY, OffsetCodec.value(Map.of("line", 1)))).join();
            disk.fill();

            assertThatThrownBy(() -> store.set(Map.of(KEY, OffsetCodec.value(Map.of("line", 2)))).get())
                    .isInstanceOf(ExecutionException.class).cause()
                    .hasMessageStartingWith("Could not write source offsets to " + file + ". The disk holding "
                            + disk.root() + " is full (No space left on device). Free space on it or move the file "
                            + "to a disk with room. The file still holds the offsets written before.");
            assertThat(lineIn(file)).isEqualTo(1L);
            assertThat(lineIn(store)).as("the store is as it was").isEqualTo(1L);
            assertThat(temporaryFiles(disk.root())).isEmpty();

            disk.free();
            store.set(Map.of(KEY, OffsetCodec.value(Map.of("line", 3)))).join();
            assertThat(lineIn(file)).isEqualTo(3L);
        }
    }

    @Test
    void offsetsFile_onAReadOnlyDisk_keepsItsOffsets_thenTakesTheNextWriteOnceWritable() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir)) {
            Path file = disk.root().resolve("connect.offsets");
            FileOffsetBackingStore store = new FileOffsetBackingStore(file);
            store.start();
            store.set(Map.of(KEY, OffsetCodec.value(Map.of("line", 1)))).join();
            disk.readOnly(true);

            assertThatThrownBy(() -> store.set(Map.of(KEY, OffsetCodec.value(Map.of("line", 2)))).get())
                    .cause().hasMessage("Could not write source offsets to " + file + ". The file system holding "
                            + disk.root() + " is mounted read-only. Mount it read-write or move the file to a "
                            + "writable disk. The file still holds the offsets written before.");
            assertThat(lineIn(file)).isEqualTo(1L);

            disk.readOnly(false);
            store.set(Map.of(KEY, OffsetCodec.value(Map.of("line", 3)))).join();
            assertThat(lineIn(file)).isEqualTo(3L);
            assertThat(temporaryFiles(disk.root())).isEmpty();
        }
    }

    @Test
    void connectorsFile_onAFullDisk_refusesTheChange_andKeepsTheConnectorsItHad() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir)) {
            ConnectorConfigFile file = ConnectorConfigFile.besideOffsets(disk.root().resolve("connect.offsets"));
            Map<String, StoredConnector> before = Map.of("a", connector());
            file.save(before);
            disk.fill();

            assertThatThrownBy(() -> file.save(Map.of("a", connector(), "b", connector())))
                    .isInstanceOf(ConnectException.class)
                    .hasMessage("Could not store connector configurations in " + file.path() + ". The disk holding "
                            + disk.root() + " is full (No space left on device). Free space on it or move the file "
                            + "to a disk with room. The file still holds the connectors as they were, and the change "
                            + "was not made.");
            assertThat(file.load()).isEqualTo(before);
            assertThat(temporaryFiles(disk.root())).isEmpty();

            disk.free();
            file.save(Map.of("a", connector(), "b", connector()));
            assertThat(file.load()).containsOnlyKeys("a", "b");
        }
    }

    @Test
    void connectorsFile_onAReadOnlyDisk_refusesTheChange_andKeepsTheConnectorsItHad() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir)) {
            ConnectorConfigFile file = ConnectorConfigFile.besideOffsets(disk.root().resolve("connect.offsets"));
            file.save(Map.of("a", connector()));
            disk.readOnly(true);

            assertThatThrownBy(() -> file.save(Map.of()))
                    .hasMessageContaining("is mounted read-only. Mount it read-write or move the file to a writable "
                            + "disk. The file still holds the connectors as they were");
            assertThat(file.load()).containsOnlyKeys("a");
        }
    }

    private static StoredConnector connector() {
        return new StoredConnector(Map.of("connector.class", "FileStreamSource", "file", "${env:SECRET_PATH}"),
                TargetState.STARTED, List.of(Map.of("task", "0")));
    }

    private static long lineIn(Path file) {
        Map<ByteBuffer, ByteBuffer> read = FileOffsetBackingStore.read(file);
        return (Long) OffsetCodec.decodeValue(read.get(KEY)).get("line");
    }

    private static long lineIn(FileOffsetBackingStore store) {
        return (Long) OffsetCodec.decodeValue(store.snapshot().get(KEY)).get("line");
    }

    private static List<Path> temporaryFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}

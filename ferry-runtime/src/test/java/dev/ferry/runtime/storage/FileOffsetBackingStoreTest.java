package dev.ferry.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOffsetBackingStoreTest {
    @TempDir
    Path dir;

    @Test
    void offsets_surviveARestartOfTheStore() {
        Path file = dir.resolve("connect.offsets");
        FileOffsetBackingStore store = new FileOffsetBackingStore(file);
        store.start();
        ByteBuffer key = OffsetCodec.key("src", Map.of("filename", "/data/in.txt"));
        store.set(Map.of(key, OffsetCodec.value(Map.of("position", 18L)))).join();

        FileOffsetBackingStore reopened = new FileOffsetBackingStore(file);
        reopened.start();
        Map<ByteBuffer, ByteBuffer> read = reopened.get(List.of(key)).join();
        assertThat(OffsetCodec.decodeValue(read.get(key))).containsEntry("position", 18L);
    }

    /** Regression: FileStreamSourceTask failed after a restart with "Offset position is the incorrect type". */
    @Test
    void storedIntegers_readBackAsLong_likeApachesJsonConverter() {
        Map<String, Object> offset = OffsetCodec.decodeValue(OffsetCodec.value(Map.of("position", 18, "ratio", 0.5)));
        assertThat(offset.get("position")).isInstanceOf(Long.class).isEqualTo(18L);
        assertThat(offset.get("ratio")).isInstanceOf(Double.class);
        assertThat(OffsetCodec.decodeKey(OffsetCodec.key("c", Map.of("shard", 3))).partition().get("shard"))
                .isInstanceOf(Long.class);
    }

    @Test
    void file_isAJavaSerializedHashMapOfJsonBytes_asApacheWritesIt() throws Exception {
        Path file = dir.resolve("connect.offsets");
        FileOffsetBackingStore store = new FileOffsetBackingStore(file);
        store.start();
        Map<String, Object> partition = new LinkedHashMap<>();
        partition.put("filename", "/data/in.txt");
        store.set(Map.of(OffsetCodec.key("src1", partition), OffsetCodec.value(Map.of("position", 18)))).join();

        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(file))) {
            Object obj = in.readObject();
            assertThat(obj).isInstanceOf(HashMap.class);
            Map<?, ?> map = (Map<?, ?>) obj;
            assertThat(map).hasSize(1);
            Map.Entry<?, ?> e = map.entrySet().iterator().next();
            assertThat(new String((byte[]) e.getKey(), StandardCharsets.UTF_8)).isEqualTo("[\"src1\",{\"filename\":\"/data/in.txt\"}]");
            assertThat(new String((byte[]) e.getValue(), StandardCharsets.UTF_8)).isEqualTo("{\"position\":18}");
        }
    }

    @Test
    void fileWrittenLikeApache_isRead() throws Exception {
        Path file = dir.resolve("apache.offsets");
        HashMap<byte[], byte[]> raw = new HashMap<>();
        raw.put("[\"src1\",{\"filename\":\"/data/in.txt\"}]".getBytes(StandardCharsets.UTF_8),
                "{\"position\":42}".getBytes(StandardCharsets.UTF_8));
        try (OutputStream out = Files.newOutputStream(file); ObjectOutputStream oos = new ObjectOutputStream(out)) {
            oos.writeObject(raw);
        }
        FileOffsetBackingStore store = new FileOffsetBackingStore(file);
        store.start();
        ByteBuffer key = OffsetCodec.key("src1", Map.of("filename", "/data/in.txt"));
        assertThat(OffsetCodec.decodeValue(store.get(List.of(key)).join().get(key))).containsEntry("position", 42L);
    }

    @Test
    void nullValue_deletesTheOffset() {
        FileOffsetBackingStore store = new FileOffsetBackingStore(dir.resolve("o"));
        store.start();
        ByteBuffer key = OffsetCodec.key("c", Map.of("p", 1));
        store.set(Map.of(key, OffsetCodec.value(Map.of("o", 1)))).join();
        Map<ByteBuffer, ByteBuffer> delete = new HashMap<>();
        delete.put(key, null);
        store.set(delete).join();
        assertThat(store.snapshot()).isEmpty();
    }

    @Test
    void missingOrEmptyFile_meansNoOffsets() throws Exception {
        FileOffsetBackingStore missing = new FileOffsetBackingStore(dir.resolve("none"));
        missing.start();
        assertThat(missing.snapshot()).isEmpty();
        Path empty = Files.createFile(dir.resolve("empty"));
        FileOffsetBackingStore emptyStore = new FileOffsetBackingStore(empty);
        emptyStore.start();
        assertThat(emptyStore.snapshot()).isEmpty();
    }

    @Test
    void fileHoldingOtherClasses_isRefusedWithAnExplanation() throws Exception {
        Path file = dir.resolve("evil.offsets");
        HashMap<Object, Object> raw = new HashMap<>();
        raw.put(new ArrayList<>(List.of("x")), "y");
        try (ObjectOutputStream oos = new ObjectOutputStream(Files.newOutputStream(file))) {
            oos.writeObject(raw);
        }
        FileOffsetBackingStore store = new FileOffsetBackingStore(file);
        assertThatThrownBy(store::start).isInstanceOf(ConnectException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("offset.storage.file.filename");
    }

    @Test
    void offsetKeys_keepThePartitionMapsOrder_becauseLookupsCompareBytes() {
        Map<String, Object> partition = new LinkedHashMap<>();
        partition.put("b", 1);
        partition.put("a", "x");
        ByteBuffer key = OffsetCodec.key("conn", partition);
        byte[] bytes = new byte[key.remaining()];
        key.duplicate().get(bytes);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("[\"conn\",{\"b\":1,\"a\":\"x\"}]");
        assertThat(Arrays.asList(OffsetCodec.decodeKey(key).connector())).containsExactly("conn");
    }

    @Test
    void nonPrimitiveOffsetValues_areRejectedNamingTheField() {
        assertThatThrownBy(() -> OffsetCodec.value(Map.of("nested", Map.of("x", 1))))
                .hasMessageContaining("nested").hasMessageContaining("primitive");
    }
}

package dev.ferry.runtime.storage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.SessionKey;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.storage.ConnectorConfigFile;
import dev.ferry.runtime.storage.ConnectorConfigFile.StoredConnector;
import dev.ferry.runtime.storage.RecordedConfigEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileConfigStoreTest {
    @TempDir
    Path dir;

    @Test
    void noFile_startsEmpty_andWritesNothingUntilAConnectorChanges() {
        try (FileConfigStore store = FileConfigStore.besideOffsets(dir.resolve("connect.offsets"))) {
            store.start(new RecordedConfigEvents());

            assertThat(store.path()).isEqualTo(dir.resolve("connect.offsets.connectors.json"));
            assertThat(store.snapshot().connectors()).isEmpty();
            assertThat(store.path()).doesNotExist();
        }
    }

    @Test
    void fileWrittenByConnectorConfigFile_isLoadedAtStart() throws Exception {
        ConnectorConfigFile legacy = ConnectorConfigFile.besideOffsets(dir.resolve("connect.offsets"));
        legacy.save(Map.of(
                "src", new StoredConnector(Map.of("connector.class", "FileStreamSource", "file", "${env:INPUT}"),
                        TargetState.PAUSED, List.of(Map.of("task.class", "X", "file", "${env:INPUT}"))),
                "sink", new StoredConnector(Map.of("connector.class", "FileStreamSink"), TargetState.STOPPED, List.of())));
        RecordedConfigEvents events = new RecordedConfigEvents();

        try (FileConfigStore store = FileConfigStore.besideOffsets(dir.resolve("connect.offsets"))) {
            store.start(events);

            var state = store.snapshot();
            assertThat(state.connectors()).containsExactly("sink", "src");
            assertThat(state.connectorConfig("src")).containsEntry("file", "${env:INPUT}");
            assertThat(state.targetState("src")).isEqualTo(TargetState.PAUSED);
            assertThat(state.targetState("sink")).isEqualTo(TargetState.STOPPED);
            assertThat(state.taskConfig(new ConnectorTaskId("src", 0))).containsEntry("task.class", "X");
            assertThat(state.taskCount("sink")).isZero();
            assertThat(state.offset()).isPositive();
            assertThat(events.quietFor(100)).as("what was stored is not announced as a change").isTrue();
        }
    }

    @Test
    void eachConnectorChange_isWrittenInTheFormatConnectorConfigFileReads() throws Exception {
        Path offsets = dir.resolve("connect.offsets");
        try (FileConfigStore store = FileConfigStore.besideOffsets(offsets)) {
            store.start(new RecordedConfigEvents());
            store.putConnectorConfig("src", Map.of("connector.class", "FileStreamSource"), TargetState.PAUSED);
            assertThat(ConnectorConfigFile.besideOffsets(offsets).load()).containsExactly(Map.entry("src",
                    new StoredConnector(Map.of("connector.class", "FileStreamSource"), TargetState.PAUSED, List.of())));

            store.putTaskConfigs("src", List.of(Map.of("task", "0")));
            store.putTargetState("src", TargetState.STARTED);
            store.putConnectorConfig("other", Map.of("connector.class", "FileStreamSink"), null);
            assertThat(ConnectorConfigFile.besideOffsets(offsets).load()).containsExactly(
                    Map.entry("other", new StoredConnector(Map.of("connector.class", "FileStreamSink"),
                            TargetState.STARTED, List.of())),
                    Map.entry("src", new StoredConnector(Map.of("connector.class", "FileStreamSource"),
                            TargetState.STARTED, List.of(Map.of("task", "0")))));

            store.removeConnectorConfig("src");
            assertThat(ConnectorConfigFile.besideOffsets(offsets).load()).containsOnlyKeys("other");
        }
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void whatWasWritten_isReadBackByTheNextStore() {
        Path offsets = dir.resolve("connect.offsets");
        try (FileConfigStore first = FileConfigStore.besideOffsets(offsets)) {
            first.start(new RecordedConfigEvents());
            first.putConnectorConfig("c", Map.of("k", "v"), TargetState.STOPPED);
            first.putTaskConfigs("c", List.of(Map.of("t", "0"), Map.of("t", "1")));
        }
        try (FileConfigStore second = FileConfigStore.besideOffsets(offsets)) {
            second.start(new RecordedConfigEvents());
            assertThat(second.snapshot().connectorConfig("c")).containsExactly(Map.entry("k", "v"));
            assertThat(second.snapshot().targetState("c")).isEqualTo(TargetState.STOPPED);
            assertThat(second.snapshot().taskCount("c")).isEqualTo(2);
        }
    }

    @Test
    void sessionKeysRestartsAndLogLevels_areAnnouncedButNotWritten() throws Exception {
        Path offsets = dir.resolve("connect.offsets");
        RecordedConfigEvents events = new RecordedConfigEvents();
        try (FileConfigStore store = FileConfigStore.besideOffsets(offsets)) {
            store.start(events);
            store.putSessionKey(new SessionKey(new SecretKeySpec(new byte[16], "HmacSHA256"), 1L));
            store.putRestartRequest(new RestartRequest("c", false, false));
            store.putLoggerLevel("org.example", "DEBUG");

            assertThat(events.next(3)).containsExactly("session key", "restart c onlyFailed=false includeTasks=false",
                    "logger org.example=DEBUG");
            assertThat(store.path()).doesNotExist();
        }
    }

    @Test
    void corruptFile_failsTheStart_namingTheFileAndTheFix_andCanBeRetriedOnceFixed() throws Exception {
        Path offsets = dir.resolve("connect.offsets");
        Path file = Files.writeString(dir.resolve("connect.offsets.connectors.json"), "{not json");
        try (FileConfigStore store = FileConfigStore.besideOffsets(offsets)) {
            assertThatThrownBy(() -> store.start(new RecordedConfigEvents()))
                    .isInstanceOf(ConnectException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("Fix or remove the file");
            assertThat(file).hasContent("{not json");

            Files.delete(file);
            store.start(new RecordedConfigEvents());
            assertThat(store.snapshot().connectors()).isEmpty();
        }
    }

    @Test
    void unreadableFile_failsTheStart_asToday() throws Exception {
        Path offsets = dir.resolve("connect.offsets");
        Path file = Files.createDirectory(dir.resolve("connect.offsets.connectors.json"));
        try (FileConfigStore store = FileConfigStore.besideOffsets(offsets)) {
            assertThatThrownBy(() -> store.start(new RecordedConfigEvents()))
                    .isInstanceOf(ConnectException.class)
                    .hasMessageStartingWith("Could not read the stored connector configurations in " + file)
                    .hasMessageContaining(": Is a directory. Fix or remove the file")
                    .hasMessageEndingWith("connectors given on the command line are unaffected.");
        }
    }

    @Test
    void unwritableFile_failsTheWrite_andLeavesTheStoreAsItWas() throws Exception {
        Path missingDirectory = dir.resolve("data");
        try (FileConfigStore store = FileConfigStore.besideOffsets(missingDirectory.resolve("connect.offsets"))) {
            store.start(new RecordedConfigEvents());
            Files.writeString(missingDirectory, "a file where the directory should be");

            assertThatThrownBy(() -> store.putConnectorConfig("c", Map.of(), null))
                    .isInstanceOf(ConnectException.class)
                    .hasMessageContaining("Could not store connector configurations")
                    .hasMessageContaining("writable");
            assertThat(store.snapshot().contains("c")).isFalse();
        }
    }
}

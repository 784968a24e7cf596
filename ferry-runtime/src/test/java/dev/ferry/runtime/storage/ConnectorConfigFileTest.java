package dev.ferry.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.model.TargetState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void storedConnectors_areReadBackWithStateAndTasks() {
        ConnectorConfigFile file = ConnectorConfigFile.besideOffsets(dir.resolve("connect.offsets"));
        assertThat(file.path().getFileName().toString()).isEqualTo("connect.offsets.connectors.json");
        var stored = new ConnectorConfigFile.StoredConnector(Map.of("connector.class", "FileStreamSource",
                "file", "${env:INPUT}"), TargetState.PAUSED, List.of(Map.of("task.class", "X", "file", "${env:INPUT}")));
        file.save(Map.of("src", stored));

        assertThat(file.load()).containsExactly(Map.entry("src", stored));
    }

    @Test
    void noFile_meansNoConnectors() {
        assertThat(new ConnectorConfigFile(dir.resolve("absent.json")).load()).isEmpty();
    }

    @Test
    void corruptFile_isReportedWithItsPath() throws Exception {
        Path path = Files.writeString(dir.resolve("bad.json"), "{not json");
        assertThatThrownBy(() -> new ConnectorConfigFile(path).load()).isInstanceOf(ConnectException.class)
                .hasMessageContaining(path.toString());
    }
}

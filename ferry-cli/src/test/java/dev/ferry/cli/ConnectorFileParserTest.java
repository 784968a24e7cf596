package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.model.TargetState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorFileParserTest {
    @TempDir
    Path dir;

    @Test
    void propertiesFile_isReadLikeConnectStandaloneDoes() throws Exception {
        Path file = Files.writeString(dir.resolve("c.properties"), "name = src\nconnector.class=FileStreamSource\ntopic=t\n");
        ConnectorDefinition c = ConnectorFileParser.parse(file);
        assertThat(c.name()).isEqualTo("src");
        assertThat(c.config()).containsEntry("connector.class", "FileStreamSource").containsEntry("topic", "t");
        assertThat(c.initialState()).isEqualTo(TargetState.STARTED);
    }

    @Test
    void jsonSettingsObject_needsAName() throws Exception {
        Path file = Files.writeString(dir.resolve("c.json"), "{\"name\":\"sink\",\"connector.class\":\"FileStreamSink\"}");
        assertThat(ConnectorFileParser.parse(file).config()).containsEntry("name", "sink");
    }

    @Test
    void jsonCreateRequest_carriesItsInitialState() throws Exception {
        Path file = Files.writeString(dir.resolve("c.json"),
                "{\"name\":\"s\",\"config\":{\"connector.class\":\"FileStreamSink\"},\"initial_state\":\"paused\"}");
        ConnectorDefinition c = ConnectorFileParser.parse(file);
        assertThat(c.initialState()).isEqualTo(TargetState.PAUSED);
        assertThat(c.config()).containsEntry("name", "s").containsEntry("connector.class", "FileStreamSink");
    }

    @Test
    void brokenJson_isRejectedNamingTheFileAndPosition() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\"name\": \"x\", \"config\": {");
        assertThatThrownBy(() -> ConnectorFileParser.parse(file)).isInstanceOf(CliException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not valid JSON").hasMessageContaining("line 1");
    }

    @Test
    void missingName_saysHowToAddIt() throws Exception {
        Path file = Files.writeString(dir.resolve("c.properties"), "connector.class=FileStreamSource\n");
        assertThatThrownBy(() -> ConnectorFileParser.parse(file)).hasMessageContaining("'name'");
    }

    @Test
    void nestedJsonValue_isRejectedWithTheSettingName() throws Exception {
        Path file = Files.writeString(dir.resolve("c.json"), "{\"name\":\"x\",\"topics\":[\"a\",\"b\"]}");
        assertThatThrownBy(() -> ConnectorFileParser.parse(file)).hasMessageContaining("'topics'")
                .hasMessageContaining("comma-separated");
    }

    @Test
    void unknownInitialState_listsTheValidOnes() throws Exception {
        Path file = Files.writeString(dir.resolve("c.json"), "{\"name\":\"x\",\"config\":{},\"initial_state\":\"SLEEPING\"}");
        assertThatThrownBy(() -> ConnectorFileParser.parse(file)).hasMessageContaining("RUNNING, PAUSED or STOPPED");
    }
}

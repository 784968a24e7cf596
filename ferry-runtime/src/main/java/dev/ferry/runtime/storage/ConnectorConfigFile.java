package dev.ferry.runtime.storage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ferry.runtime.model.Sentences;
import dev.ferry.runtime.model.TargetState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Where standalone mode keeps connector configurations so that connectors created or changed
 * over REST survive a restart (Apache keeps them only in memory). The file sits next to the
 * offsets file, named {@code <offsets file>.connectors.json}, and holds each connector's raw
 * configuration (never resolved: secrets stay as {@code ${provider:...}} references), its target
 * state and its last task configurations.
 *
 * <p>Writes go to a temporary file that is atomically renamed, so a crash never leaves half a file.
 */
public final class ConnectorConfigFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public ConnectorConfigFile(Path file) {
        this.file = file;
    }

    /** The file that goes with an offsets file. */
    public static ConnectorConfigFile besideOffsets(Path offsetsFile) {
        return new ConnectorConfigFile(offsetsFile.resolveSibling(offsetsFile.getFileName() + ".connectors.json"));
    }

    public Path path() {
        return file;
    }

    /** One stored connector. */
    public record StoredConnector(Map<String, String> config, TargetState targetState,
                                  List<Map<String, String>> taskConfigs) {
    }

    /** The stored connectors by name; empty when there is no file yet. */
    public Map<String, StoredConnector> load() {
        try {
            byte[] bytes = Files.readAllBytes(file);
            Map<String, StoredConnector> stored = JSON.readValue(bytes, new TypeReference<TreeMap<String, StoredConnector>>() { });
            return new LinkedHashMap<>(stored);
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>();
        } catch (IOException e) {
            throw new ConnectException("Could not read the stored connector configurations in " + file + ": "
                    + Sentences.end(e.getMessage()) + " Fix or remove the file; connectors given on the command line are "
                    + "unaffected.", e);
        }
    }

    /** Replaces the stored connectors with {@code connectors}. */
    public void save(Map<String, StoredConnector> connectors) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.write(tmp, JSON.writeValueAsBytes(new TreeMap<>(connectors)));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ConnectException("Could not store connector configurations in " + file + ": "
                    + Sentences.end(e.getMessage()) + " Check that the directory is writable.", e);
        }
    }
}

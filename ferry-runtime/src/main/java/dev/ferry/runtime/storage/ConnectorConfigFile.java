package dev.ferry.runtime.storage;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ferry.runtime.model.Sentences;
import dev.ferry.runtime.model.TargetState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where standalone mode keeps connector configurations so that connectors created or changed
 * over REST survive a restart (Apache keeps them only in memory). The file sits next to the
 * offsets file, named {@code <offsets file>.connectors.json}, and holds each connector's raw
 * configuration (never resolved: secrets stay as {@code ${provider:...}} references), its target
 * state and its last task configurations.
 *
 * <p>Writes go through {@link AtomicFileWrite}, so a crash, a full disk or a read-only mount never
 * leaves half a file. A file that cannot be parsed is refused with its line and column, never
 * read as "no connectors".
 */
public final class ConnectorConfigFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What to do about a stored-connectors file that cannot be read. */
    private static final String FIX = "Fix or remove the file (each entry is \"<name>\": {\"config\": {...}, "
            + "\"targetState\": \"STARTED\", \"taskConfigs\": [...]}); removing it drops the connectors created over "
            + "REST, connectors given on the command line are unaffected.";
    private static final Logger log = LoggerFactory.getLogger(ConnectorConfigFile.class);

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

    /**
     * The stored connectors by name; empty when there is no file yet or it is empty.
     *
     * @throws ConnectException naming the file, the line and column where it stops making sense and
     *         the fix, when the file cannot be read, is not JSON (e.g. cut short) or not of the
     *         expected shape; the stored connectors are never silently dropped
     */
    public Map<String, StoredConnector> load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>();
        } catch (IOException e) {
            throw new ConnectException("Could not read the stored connector configurations in " + file + ": "
                    + Sentences.end(e.getMessage()) + " " + FIX, e);
        }
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            log.warn("The stored connector configurations in {} are an empty file: starting without connectors "
                    + "created over REST. If it held connectors before, stop the worker and restore it.", file);
            return new LinkedHashMap<>();
        }
        Map<String, StoredConnector> stored;
        try {
            stored = JSON.readValue(bytes, new TypeReference<TreeMap<String, StoredConnector>>() { });
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new ConnectException("The stored connector configurations in " + file + " are not valid" + where
                    + ": " + Sentences.end(e.getOriginalMessage()) + " " + FIX, e);
        } catch (IOException e) {
            throw new ConnectException("Could not read the stored connector configurations in " + file + ": "
                    + Sentences.end(e.getMessage()) + " " + FIX, e);
        }
        if (stored == null) {
            throw new ConnectException("The stored connector configurations in " + file + " are JSON null where an "
                    + "object of connectors belongs. " + FIX);
        }
        stored.forEach((name, connector) -> {
            if (connector == null || connector.config() == null) {
                throw new ConnectException("The stored connector configurations in " + file + " have no config for "
                        + "connector '" + name + "'. " + FIX);
            }
        });
        return new LinkedHashMap<>(stored);
    }

    /** Replaces the stored connectors with {@code connectors}, atomically. */
    public void save(Map<String, StoredConnector> connectors) {
        try {
            AtomicFileWrite.replace(file, JSON.writeValueAsBytes(new TreeMap<>(connectors)));
        } catch (IOException e) {
            throw new ConnectException("Could not store connector configurations in " + file + ". "
                    + AtomicFileWrite.reason(file, e) + " The file still holds the connectors as they were, and "
                    + "the change was not made.", e);
        }
    }
}

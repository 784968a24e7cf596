package dev.ferry.runtime.herder.contract.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * The lines a scripted connector and its tasks write about themselves, one file per instance under
 * {@code <log.dir>/<connector>/}: {@code connector} and {@code task-<n>}, each line {@code start ...}
 * or {@code stop}. The plugin writes them; the test reads them with {@link #lines}.
 */
public final class StartLog {
    private final Path dir;

    private StartLog(Path dir) {
        this.dir = dir;
    }

    static StartLog of(Map<String, String> props) {
        String connector = props.containsKey(ScriptedSourceTask.CONNECTOR) ? props.get(ScriptedSourceTask.CONNECTOR)
                : props.get("name");
        return new StartLog(Path.of(props.get(ScriptedSourceConnector.LOG_DIR)).resolve(connector));
    }

    /** Whether the failure switch named in {@code props} is on (its file exists). */
    static boolean switchOn(Map<String, String> props) {
        String file = props.get(ScriptedSourceConnector.FAIL_SWITCH);
        return file != null && Files.exists(Path.of(file));
    }

    void connector(String line) {
        append("connector", line);
    }

    void task(int index, String line) {
        append("task-" + index, line);
    }

    private synchronized void append(String file, String line) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the connector ({@code instance} "connector") or a task ("task-0", ...) wrote so far, oldest first.
     */
    public static List<String> lines(Path logDir, String connector, String instance) {
        Path file = logDir.resolve(connector).resolve(instance);
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.ferry.cli;

import dev.ferry.runtime.config.EnvironmentConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Reads a worker properties file and overlays the {@code CONNECT_*} environment variables. */
final class WorkerProperties {
    private WorkerProperties() {
    }

    static Map<String, String> load(Path file, Map<String, String> environment) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.CONFIG, "Worker properties file " + file + " does not exist. Pass the path "
                    + "of your worker.properties (see examples/ for one).");
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(ExitCode.CONFIG, "Cannot read worker properties file " + file + ": " + e.getMessage());
        }
        Map<String, String> fromFile = new LinkedHashMap<>();
        props.stringPropertyNames().stream().sorted().forEach(k -> fromFile.put(k, props.getProperty(k).strip()));
        return EnvironmentConfig.merge(fromFile, environment);
    }
}

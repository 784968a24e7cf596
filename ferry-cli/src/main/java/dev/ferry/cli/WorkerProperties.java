package dev.ferry.cli;

import dev.ferry.runtime.config.EnvironmentConfig;
import dev.ferry.runtime.config.SecretSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.commons.cli.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's configuration: a properties file, the {@code CONNECT_*} environment variables, or the
 * file with the variables on top (a variable always wins, as in the cp-kafka-connect image; see
 * {@link EnvironmentConfig}). Also prints a configuration with secret values hidden, for
 * {@code --print-config}.
 */
final class WorkerProperties {
    private static final Logger log = LoggerFactory.getLogger(WorkerProperties.class);

    /** {@code --print-config} of the worker commands. */
    static final Option PRINT_CONFIG = Option.builder().longOpt("print-config")
            .desc("Print the worker properties this command would run with (the file, if given, with the CONNECT_* "
                    + "environment on top), sorted, secret values as " + SecretSettings.HIDDEN + ", and exit.").get();

    private WorkerProperties() {
    }

    /** The file's properties with the environment on top. */
    static Map<String, String> load(Path file, Map<String, String> environment) {
        return resolve(file, environment).properties();
    }

    /**
     * The worker configuration from {@code file} (null: none, the environment alone) and the
     * {@code CONNECT_*} variables of {@code environment}, with the notes about variables that
     * overrode the file or were ignored.
     */
    static EnvironmentConfig.Resolution resolve(Path file, Map<String, String> environment) {
        Map<String, String> fromFile = file == null ? Map.of() : read(file);
        try {
            return EnvironmentConfig.resolve(fromFile, file == null ? "the environment" : file.toString(), environment);
        } catch (org.apache.kafka.common.config.ConfigException e) {
            throw new CliException(ExitCode.CONFIG, "Invalid worker configuration: " + e.getMessage());
        }
    }

    /** Whether {@code environment} holds any variable that configures a worker. */
    static boolean hasWorkerVariables(Map<String, String> environment) {
        return environment.keySet().stream().anyMatch(name -> name.startsWith(EnvironmentConfig.PREFIX));
    }

    /**
     * The configuration for a worker command: {@code file} (null: none) with the environment on top;
     * with {@code --print-config} it is printed (notes on stderr) and null returned, else the notes
     * are logged and the properties returned.
     *
     * @throws UsageException when there is neither a file nor a {@code CONNECT_*} variable
     */
    static Map<String, String> forWorker(String command, Path file, boolean printConfig, Map<String, String> environment,
            PrintStream out, Usage usage) throws UsageException {
        if (file == null && !hasWorkerVariables(environment)) {
            throw new UsageException(command + " needs a worker configuration: the worker properties file "
                    + "(ferry " + command + " worker.properties), or CONNECT_* environment variables as for the "
                    + "cp-kafka-connect image (CONNECT_BOOTSTRAP_SERVERS=... ferry " + command + ")", usage);
        }
        EnvironmentConfig.Resolution resolution = resolve(file, environment);
        if (printConfig) {
            resolution.notes().forEach(note -> System.err.println("ferry: " + note));
            print(resolution.properties(), out);
            return null;
        }
        logNotes(resolution.notes());
        return resolution.properties();
    }

    /** Logs each note once, at start: an ignored variable as a warning, an override as information. */
    static void logNotes(List<String> notes) {
        for (String note : notes) {
            if (note.contains(" is ignored: ")) {
                log.warn(note);
            } else {
                log.info(note);
            }
        }
    }

    /** Prints {@code props} as sorted {@code key=value} lines, with secret values as {@value SecretSettings#HIDDEN}. */
    static void print(Map<String, String> props, PrintStream out) {
        new TreeMap<>(props).forEach((key, value) ->
                out.println(key + "=" + (SecretSettings.isSecret(key) ? SecretSettings.HIDDEN : value)));
    }

    private static Map<String, String> read(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.CONFIG, "Worker properties file " + file + " does not exist. Pass the path "
                    + "of your worker.properties (see examples/ for one), or none to configure the worker from "
                    + "CONNECT_* environment variables alone.");
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(ExitCode.CONFIG, "Cannot read worker properties file " + file + ": " + e.getMessage());
        }
        Map<String, String> fromFile = new LinkedHashMap<>();
        props.stringPropertyNames().stream().sorted().forEach(k -> fromFile.put(k, props.getProperty(k).strip()));
        return fromFile;
    }
}

package dev.ferry.cli;

import dev.ferry.registry.RegistryConfig;
import dev.ferry.registry.RegistryServer;
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
import java.util.concurrent.CountDownLatch;
import org.apache.commons.cli.CommandLine;

/**
 * {@code ferry registry registry.properties}: a Schema Registry server, as Confluent's
 * {@code schema-registry-start} runs one, with the same properties file and the cp-schema-registry image's
 * {@code SCHEMA_REGISTRY_*} environment variables. Runs until SIGTERM or SIGINT.
 */
final class RegistryCommand extends FerryCommand {
    private static final String SUMMARY = "Run a Schema Registry (Confluent's REST API on :8081, schemas in the _schemas topic).";

    RegistryCommand() {
        super("registry", SUMMARY);
    }

    @Override
    Usage usage() {
        return new Usage("ferry registry [-hV] [REGISTRY_PROPERTIES]")
                .description(SUMMARY,
                        "Takes the same schema-registry.properties as Confluent's schema-registry-start.",
                        "SCHEMA_REGISTRY_* environment variables override the file, as in the cp-schema-registry image.")
                .parameter("[REGISTRY_PROPERTIES]", "registry configuration (Java properties); without it, "
                        + "only the environment configures the registry")
                .options(options());
    }

    @Override
    int run(CommandLine line, PrintStream out) throws Exception {
        List<String> args = line.getArgList();
        if (args.size() > 1) {
            throw new UsageException("registry takes one properties file, but was given " + String.join(" ", args),
                    usage());
        }
        Map<String, String> properties = args.isEmpty() ? Map.of() : load(Path.of(args.get(0)));
        RegistryConfig config;
        try {
            config = RegistryConfig.from(properties, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.CONFIG, e.getMessage());
        }
        CountDownLatch stop = new CountDownLatch(1);
        ShutdownSignals.onTermOrInt(stop::countDown);
        try (RegistryServer server = RegistryServer.start(config)) {
            out.println("ferry registry: serving " + server.url());
            stop.await();
        }
        return ExitCode.OK.code;
    }

    private static Map<String, String> load(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.CONFIG, "Registry properties file " + file + " does not exist. Pass the "
                    + "path of your schema-registry.properties (see examples/registry/ for one).");
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(ExitCode.CONFIG, "Cannot read registry properties file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        props.stringPropertyNames().stream().sorted().forEach(k -> values.put(k, props.getProperty(k).strip()));
        return values;
    }
}

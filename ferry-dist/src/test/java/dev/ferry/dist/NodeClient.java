package dev.ferry.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The npm package {@code @kafkajs/confluent-schema-registry}, a client written for Confluent's registry, installed
 * from the npm registry with {@code npm ci} (versions pinned by the committed lock file) into {@code target/} and
 * driven through {@code src/test/node/registry-client/client.js}.
 */
final class NodeClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOURCES = Path.of("src", "test", "node", "registry-client");

    private final Path dir;

    private NodeClient(Path dir) {
        this.dir = dir;
    }

    /** Installs the client once per build (into {@code target/node-registry-client}). */
    static synchronized NodeClient install() throws IOException, InterruptedException {
        Path dir = Path.of("target", "node-registry-client").toAbsolutePath();
        Files.createDirectories(dir);
        for (String file : List.of("package.json", "package-lock.json", "client.js")) {
            Files.copy(SOURCES.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(dir.resolve("node_modules/@kafkajs/confluent-schema-registry"))) {
            run(dir, 300, "npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts");
        }
        return new NodeClient(dir);
    }

    /** Runs {@code node client.js args...} and parses the JSON it prints. */
    JsonNode call(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "client.js"));
        command.addAll(List.of(args));
        return JSON.readTree(run(dir, 120, command.toArray(String[]::new)));
    }

    private static String run(Path dir, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("node-out", ".txt");
        Path err = Files.createTempFile("node-err", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        Files.delete(out);
        Files.delete(err);
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue()
                    + "\nstdout: " + stdout + "\nstderr: " + stderr);
        }
        return stdout;
    }
}

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
 * Third-party checkers for the deployment files, from the npm registry: {@code dockerfile-utils} (the Dockerfile
 * validator behind VS Code's Docker support) with {@code dockerfile-ast}, {@code @balena/dockerignore} (a port of
 * Docker's own {@code .dockerignore} matcher) and {@code kubernetes-models} (validators generated from Kubernetes'
 * OpenAPI schemas) with the official client {@code @kubernetes/client-node} (whose models name every field a type
 * has). Installed once per build with {@code npm ci} (versions pinned by the committed lock file) into
 * {@code target/node-deploy-checks} and driven through {@code src/test/node/deploy-checks/check.mjs}, which prints
 * JSON.
 */
final class DeployChecks {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOURCES = Path.of("src", "test", "node", "deploy-checks");
    /** The repository's root, where the Dockerfile and deploy/ are (tests run in ferry-dist/). */
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    private final Path dir;

    private DeployChecks(Path dir) {
        this.dir = dir;
    }

    static synchronized DeployChecks install() throws IOException, InterruptedException {
        Path dir = Path.of("target", "node-deploy-checks").toAbsolutePath();
        Files.createDirectories(dir);
        Path lock = dir.resolve("package-lock.json");
        // A lock file changed since the last install (a package added or updated) needs a new install.
        boolean current = Files.isDirectory(dir.resolve("node_modules")) && Files.exists(lock)
                && Files.mismatch(lock, SOURCES.resolve("package-lock.json")) == -1;
        for (String file : List.of("package.json", "package-lock.json", "check.mjs")) {
            Files.copy(SOURCES.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!current) {
            run(dir, 300, "npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts");
        }
        return new DeployChecks(dir);
    }

    /** dockerfile-utils' diagnostics and dockerfile-ast's instructions for {@code dockerfile}. */
    JsonNode dockerfile(Path dockerfile) throws IOException, InterruptedException {
        return call("dockerfile", dockerfile.toString());
    }

    /** For each path (relative to {@code contextDir}), whether {@code contextDir/.dockerignore} leaves it out. */
    JsonNode dockerignore(Path contextDir, List<String> paths) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("dockerignore", contextDir.toString()));
        args.addAll(paths);
        return call(args.toArray(String[]::new));
    }

    /** Each document of {@code manifest}: kind, name, the object and the schema validator's errors. */
    JsonNode kubernetes(Path manifest) throws IOException, InterruptedException {
        return call("kubernetes", manifest.toString());
    }

    private JsonNode call(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "check.mjs"));
        command.addAll(List.of(args));
        return JSON.readTree(run(dir, 120, command.toArray(String[]::new)));
    }

    /** Runs {@code command} in {@code dir}; returns its standard output, failing the test on a non-zero exit. */
    static String run(Path dir, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("deploy-check-out", ".txt");
        Path err = Files.createTempFile("deploy-check-err", ".txt");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue()
                        + "\nstdout: " + stdout + "\nstderr: " + Files.readString(err, StandardCharsets.UTF_8));
            }
            return stdout;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}

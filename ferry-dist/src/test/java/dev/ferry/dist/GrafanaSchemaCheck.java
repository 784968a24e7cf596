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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Type-checks Grafana files against Grafana's own published TypeScript types with the TypeScript compiler: the
 * dashboard model of npm {@code @grafana/schema} and the alert rule, query, expression and Prometheus query models
 * of npm {@code @grafana/grafana-foundation-sdk}, as {@code src/test/node/grafana-schema/schema.ts} combines them.
 * The packages are installed with {@code npm ci} (versions pinned by the committed lock file) into
 * {@code target/node-grafana-schema}; each check writes {@code check.ts}, which assigns every file's content as an
 * object literal to its type, and runs {@code tsc --noEmit --strict}. Object literals get TypeScript's excess
 * property check, so an unknown key anywhere fails, as do wrong value types, values outside an enum and missing
 * required keys.
 */
final class GrafanaSchemaCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOURCES = Path.of("src", "test", "node", "grafana-schema");

    /** What tsc said: exit code 0 and no output when every file fits its type. */
    record Result(int exitCode, String output) {
    }

    private final Path dir;

    private GrafanaSchemaCheck(Path dir) {
        this.dir = dir;
    }

    /** Installs the packages once per build. */
    static synchronized GrafanaSchemaCheck install() throws IOException, InterruptedException {
        Path dir = Path.of("target", "node-grafana-schema").toAbsolutePath();
        Files.createDirectories(dir);
        for (String file : List.of("package.json", "package-lock.json", "schema.ts")) {
            Files.copy(SOURCES.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isRegularFile(dir.resolve("node_modules/typescript/bin/tsc"))
                || !Files.isDirectory(dir.resolve("node_modules/@grafana/schema"))
                || !Files.isDirectory(dir.resolve("node_modules/@grafana/grafana-foundation-sdk"))) {
            Result install = run(dir, 300, "npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts");
            if (install.exitCode() != 0) {
                throw new AssertionError("npm ci in " + dir + " failed (the npm registry must be reachable):\n"
                        + install.output());
            }
        }
        return new GrafanaSchemaCheck(dir);
    }

    /**
     * Checks each value against the type named by its key ({@code DashboardFile}, {@code AlertRulesFile}, ... of
     * schema.ts); the variables in check.ts are named {@code file0, file1, ...} in that order.
     */
    Result check(Map<String, JsonNode> valuesByType) throws IOException, InterruptedException {
        StringBuilder source = new StringBuilder("import type * as grafana from './schema';\n");
        int i = 0;
        for (Map.Entry<String, JsonNode> entry : valuesByType.entrySet()) {
            source.append("export const file").append(i++).append(": grafana.").append(entry.getKey()).append(" = ")
                    .append(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(entry.getValue())).append(";\n");
        }
        Files.writeString(dir.resolve("check.ts"), source, StandardCharsets.UTF_8);
        return run(dir, 120, "node", "node_modules/typescript/bin/tsc", "--noEmit", "--strict", "--skipLibCheck",
                "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "check.ts");
    }

    /** check.ts's line {@code line} (1-based), to show next to a tsc error. */
    String checkLine(int line) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("check.ts"));
        return line >= 1 && line <= lines.size() ? lines.get(line - 1).trim() : "";
    }

    private static Result run(Path dir, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("tsc-out", ".txt");
        try {
            Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}

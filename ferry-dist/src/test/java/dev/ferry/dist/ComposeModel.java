package dev.ferry.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The compose stack of {@code deploy/compose/docker-compose.yml} as Docker Compose itself resolves it: the output
 * of {@code docker-compose config} (anchors and merge keys expanded, {@code .env} substituted, relative host paths
 * made absolute), so the tests read exactly what {@code docker compose up} would run.
 */
final class ComposeModel {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** A file or directory of the host that a service sees at {@code target} inside its container. */
    record Mount(Path source, String target) {
    }

    final Path file;
    final JsonNode root;

    private ComposeModel(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    /** The repository's checkout: ferry-dist's parent (tests run in ferry-dist). */
    static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        Path root = here.getFileName().toString().equals("ferry-dist") ? here.getParent() : here;
        if (!Files.isRegularFile(root.resolve("deploy/compose/docker-compose.yml"))) {
            throw new IllegalStateException("No deploy/compose/docker-compose.yml under " + root
                    + "; run the test from ferry-dist (./mvnw -pl ferry-dist ...)");
        }
        return root;
    }

    static Path composeDir() {
        return repository().resolve("deploy/compose");
    }

    /** {@code docker-compose config} of the repository's compose file, parsed. */
    static ComposeModel load() throws IOException, InterruptedException {
        Path file = composeDir().resolve("docker-compose.yml");
        DockerCompose.Result config = DockerCompose.run(file, "config");
        if (config.exitCode() != 0) {
            throw new AssertionError("docker-compose config failed (" + config.exitCode() + "):\n" + config.output());
        }
        return new ComposeModel(file, YAML.readTree(config.stdout()));
    }

    JsonNode service(String name) {
        JsonNode service = root.path("services").path(name);
        if (service.isMissingNode()) {
            throw new AssertionError("the compose file has no service " + name + "; it has "
                    + listOf(root.path("services").fieldNames()));
        }
        return service;
    }

    List<String> serviceNames() {
        return listOf(root.path("services").fieldNames());
    }

    /** A service's environment, as its container gets it. */
    Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        service(service).path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    /** The services whose environment configures a Connect worker of a distributed cluster. */
    List<String> workerServices() {
        return serviceNames().stream().filter(s -> environment(s).containsKey("CONNECT_GROUP_ID")).toList();
    }

    /** A service's bind mounts (named volumes are left out: they hold no files of the repository). */
    List<Mount> mounts(String service) {
        List<Mount> mounts = new ArrayList<>();
        for (JsonNode volume : service(service).path("volumes")) {
            if (volume.isTextual()) {
                // docker-compose 1.29 prints the short form source:target[:mode], the source made absolute
                String[] parts = volume.asText().split(":");
                if (parts[0].startsWith("/")) {
                    mounts.add(new Mount(Path.of(parts[0]), parts[1]));
                }
            } else if ("bind".equals(volume.path("type").asText())) {
                mounts.add(new Mount(Path.of(volume.path("source").asText()), volume.path("target").asText()));
            }
        }
        return mounts;
    }

    /** The host file a service sees at {@code containerPath}, through the mount that holds it. */
    Path hostFile(String service, String containerPath) {
        for (Mount mount : mounts(service)) {
            if (containerPath.equals(mount.target())) {
                return mount.source();
            }
            if (containerPath.startsWith(mount.target() + "/")) {
                return mount.source().resolve(containerPath.substring(mount.target().length() + 1));
            }
        }
        throw new AssertionError("service " + service + " mounts nothing at " + containerPath + "; its mounts: "
                + mounts(service));
    }

    /**
     * Copies every bind mount of {@code service} into {@code root} at its container path, so that files that name
     * each other by container paths (Prometheus' config and its rule files) resolve as inside the container.
     */
    Path containerView(String service, Path root) throws IOException {
        for (Mount mount : mounts(service)) {
            Path target = root.resolve(mount.target().substring(1));
            Files.createDirectories(target.getParent());
            if (Files.isDirectory(mount.source())) {
                try (var paths = Files.walk(mount.source())) {
                    for (Path p : paths.toList()) {
                        Path copy = target.resolve(mount.source().relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(copy);
                        } else {
                            Files.copy(p, copy);
                        }
                    }
                }
            } else {
                Files.copy(mount.source(), target);
            }
        }
        return root;
    }

    private static List<String> listOf(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    /** Runs Debian's docker-compose (1.29) on a compose file. */
    static final class DockerCompose {
        record Result(int exitCode, String stdout, String stderr) {
            String output() {
                return stdout + stderr;
            }
        }

        private DockerCompose() {
        }

        static Result run(Path composeFile, String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("docker-compose", "--project-directory",
                    composeFile.getParent().toString(), "-f", composeFile.toString()));
            command.addAll(List.of(args));
            Path out = Files.createTempFile("compose-out", ".txt");
            Path err = Files.createTempFile("compose-err", ".txt");
            try {
                Process process;
                try {
                    process = new ProcessBuilder(command).directory(composeFile.getParent().toFile())
                            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                } catch (IOException e) {
                    throw new AssertionError("docker-compose is not installed (.ci/run installs Debian's package: "
                            + "apt-get install -y docker-compose)", e);
                }
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }
    }
}

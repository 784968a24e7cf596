package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root Dockerfile and its build context, checked offline (there is no Docker engine here): dockerfile-utils
 * finds nothing in it, every file it copies from the context exists and is not left out by {@code .dockerignore}
 * (Docker's matcher), its two stages build the distribution with the Maven wrapper and run it on a JRE with the
 * cp-kafka-connect image's conventions, the run stage records the class-data archive as uid 1000 once the distribution
 * and the environment are in place ({@code ImageClassDataIT} runs that script), and every script of
 * {@code deploy/docker} passes {@code shellcheck -s sh}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageFilesIT {
    private static final Path DOCKERFILE = DeployChecks.REPO.resolve("Dockerfile");

    private DeployChecks checks;
    private JsonNode parsed;

    @BeforeAll
    void parseTheDockerfile() throws Exception {
        checks = DeployChecks.install();
        parsed = checks.dockerfile(DOCKERFILE);
    }

    @Test
    void dockerfileUtilsFindsNothingInTheDockerfile() {
        assertThat(parsed.path("diagnostics")).isEmpty();
    }

    @Test
    void theSameCheckFindsMistakesInABrokenCopy(@TempDir Path dir) throws Exception {
        String broken = Files.readString(DOCKERFILE, StandardCharsets.UTF_8)
                .replace("EXPOSE 8083 8081", "EXPOSE 8083 http")
                .replace("--interval=5s", "--interval=5");
        Path copy = dir.resolve("Dockerfile");
        Files.writeString(copy, broken);
        assertThat(checks.dockerfile(copy).path("diagnostics").findValuesAsText("message"))
                .anySatisfy(m -> assertThat(m).contains("http"))
                .anySatisfy(m -> assertThat(m).contains("missing unit"));
    }

    @Test
    void everyFileCopiedFromTheContextExistsAndIsNotDockerignored() throws Exception {
        List<String> sources = new ArrayList<>();
        for (JsonNode copy : instructions("COPY")) {
            if (copy.path("flags").has("from")) {
                continue;
            }
            List<String> args = texts(copy.path("arguments"));
            sources.addAll(args.subList(0, args.size() - 1));
        }
        assertThat(sources).contains(".", "deploy/docker/entrypoint.sh", "deploy/docker/healthcheck.sh",
                "deploy/docker/record-class-data.sh");
        for (String source : sources) {
            assertThat(DeployChecks.REPO.resolve(source)).as("COPY source %s", source).exists();
        }
        // The build stage copies the whole context: what the Maven build reads must be in it.
        List<String> needed = new ArrayList<>(sources);
        needed.addAll(List.of("mvnw", ".mvn/wrapper/maven-wrapper.properties", "pom.xml"));
        try (Stream<Path> modules = Files.list(DeployChecks.REPO)) {
            modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml")))
                    .forEach(m -> needed.add(DeployChecks.REPO.relativize(m.resolve("pom.xml")).toString()));
        }
        needed.add("ferry-cli/src/main/java/dev/ferry/cli/Main.java");
        JsonNode ignored = checks.dockerignore(DeployChecks.REPO, needed);
        needed.forEach(path -> assertThat(ignored.path(path).asBoolean(true)).as("%s left out of the build context", path)
                .isFalse());
        // ... and what a local build leaves behind stays out, or the context would be gigabytes.
        JsonNode leftOut = checks.dockerignore(DeployChecks.REPO,
                List.of("ferry-dist/target/ferry/lib/x.jar", ".git/HEAD", "ferry-dist/src/test/node/registry-client/node_modules/x"));
        leftOut.fields().forEachRemaining(e -> assertThat(e.getValue().asBoolean()).as("%s in the context", e.getKey()).isTrue());
    }

    @Test
    void theBuildStageBuildsTheDistributionWithTheWrapperAndTheRunStageCopiesIt() {
        List<JsonNode> froms = instructions("FROM");
        assertThat(froms).hasSize(2);
        assertThat(froms.get(0).path("image").asText()).isEqualTo("eclipse-temurin:17-jdk");
        assertThat(froms.get(0).path("stage").asText()).isEqualTo("build");
        assertThat(froms.get(1).path("image").asText()).isEqualTo("eclipse-temurin:17-jre");
        assertThat(instructions("WORKDIR").get(0).path("content").asText()).isEqualTo("/src");
        assertThat(instructions("RUN").get(0).path("content").asText())
                .isEqualTo("./mvnw -B -DskipTests -pl ferry-dist -am package");
        JsonNode fromBuild = instructions("COPY").stream().filter(c -> c.path("flags").has("from")).findFirst().orElseThrow();
        assertThat(fromBuild.path("flags").path("from").asText()).isEqualTo("build");
        assertThat(texts(fromBuild.path("arguments"))).containsExactly("/src/ferry-dist/target/ferry", "/opt/ferry");
        // ... which is where that build puts the distribution (the one these tests run).
        assertThat(DeployChecks.REPO.resolve("ferry-dist/target/ferry")).isEqualTo(WorkerProcess.distDir().toAbsolutePath().normalize());
        assertThat(WorkerProcess.distDir().resolve("lib")).isDirectory();
    }

    @Test
    void theRunStageHasTheCpImagesUserPathsVolumesPortAndAHealthCheck() {
        assertThat(instructions("ARG").get(0).path("content").asText()).isEqualTo("APP_UID=1000");
        assertThat(instructions("USER").get(0).path("content").asText()).isEqualTo("${APP_UID}");
        String setup = instructions("RUN").get(1).path("content").asText();
        assertThat(setup).contains("--uid \"${APP_UID}\" --gid 0",
                "/etc/kafka-connect/jars", "/etc/kafka-connect/secrets", "/usr/share/confluent-hub-components",
                "chown -R \"${APP_UID}:0\"", "chmod -R g+w");
        assertThat(instructions("VOLUME").get(0).path("content").asText())
                .isEqualTo("[\"/etc/kafka-connect/jars\", \"/etc/kafka-connect/secrets\"]");
        assertThat(texts(instructions("EXPOSE").get(0).path("arguments"))).contains("8083");
        assertThat(texts(instructions("ENV").get(0).path("arguments"))).contains(
                "FERRY_HOME=/opt/ferry", "PATH=/opt/ferry/bin:$PATH",
                "CONNECT_PLUGIN_PATH=/usr/share/java,/usr/share/confluent-hub-components",
                "FERRY_PLUGIN_DIR=/usr/share/confluent-hub-components");
        JsonNode health = instructions("HEALTHCHECK").get(0);
        assertThat(health.path("content").asText()).isEqualTo("CMD [\"/opt/ferry/docker/healthcheck.sh\"]");
        assertThat(health.path("flags").path("interval").asText()).isEqualTo("5s");
        assertThat(instructions("ENTRYPOINT").get(0).path("content").asText())
                .isEqualTo("[\"/opt/ferry/docker/entrypoint.sh\"]");
        JsonNode scripts = instructions("COPY").stream().filter(c -> !c.path("flags").has("from"))
                .filter(c -> c.path("content").asText().startsWith("deploy/docker/")).findFirst().orElseThrow();
        assertThat(texts(scripts.path("arguments"))).last().isEqualTo("/opt/ferry/docker/");
    }

    @Test
    void theRunStageRecordsTheClassDataArchiveAsTheImagesUser_afterTheDistributionAndTheEnvironment() {
        List<JsonNode> all = new ArrayList<>();
        parsed.path("instructions").forEach(all::add);
        int runStage = all.indexOf(instructions("FROM").get(1));
        int distribution = all.indexOf(instructions("COPY").stream().filter(c -> c.path("flags").has("from"))
                .findFirst().orElseThrow());
        int env = all.indexOf(instructions("ENV").get(0));
        int user = all.indexOf(instructions("USER").get(0));
        List<JsonNode> recordings = instructions("RUN").stream()
                .filter(r -> r.path("content").asText().contains("record-class-data.sh")
                        && !r.path("content").asText().contains("chmod")).toList();
        assertThat(recordings).as("one RUN step records the archive").hasSize(1);
        int recording = all.indexOf(recordings.get(0));
        // As uid 1000 (the archive is the containers' user's), with the ENV a container has (FERRY_HOME, the
        // plugin path), and after the distribution is in place: the archive is keyed on its jars.
        assertThat(recording).isGreaterThan(runStage).isGreaterThan(distribution).isGreaterThan(env)
                .isGreaterThan(user);
        assertThat(recordings.get(0).path("content").asText()).startsWith("/opt/ferry/docker/record-class-data.sh");
        JsonNode scripts = instructions("COPY").stream().filter(c -> !c.path("flags").has("from"))
                .filter(c -> c.path("content").asText().startsWith("deploy/docker/")).findFirst().orElseThrow();
        assertThat(texts(scripts.path("arguments"))).contains("deploy/docker/record-class-data.sh");
        // The launcher writes the archive into .cds and may replace it at run time: uid 1000 and group 0 can.
        assertThat(instructions("RUN").get(2).path("content").asText()).contains(
                "chmod 755 /opt/ferry/docker/entrypoint.sh /opt/ferry/docker/healthcheck.sh /opt/ferry/docker/record-class-data.sh",
                "chown -R \"${APP_UID}:0\" /opt/ferry/.cds", "chmod -R g+w /opt/ferry/.cds");
        assertThat(all.indexOf(instructions("RUN").get(2))).isLessThan(user);
    }

    @Test
    void everyScriptOfTheImagePassesShellcheckAsPosixSh() throws Exception {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(DeployChecks.REPO.resolve("deploy/docker"))) {
            scripts = files.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(scripts).extracting(p -> p.getFileName().toString())
                .contains("entrypoint.sh", "healthcheck.sh", "record-class-data.sh");
        for (Path script : scripts) {
            assertThat(Files.readAllLines(script).get(0)).as("%s shebang", script).isEqualTo("#!/bin/sh");
            assertThat(Files.isExecutable(script)).as("%s executable", script).isTrue();
            DeployChecks.run(DeployChecks.REPO, 60, "shellcheck", "-s", "sh", script.toString());
        }
    }

    @Test
    void theDistributionTheImageCopiesHasFerryAndConfluentHubInItsBin() {
        // /opt/ferry/bin is on the image's PATH: `ferry` for the entrypoint, `confluent-hub` for users of the cp image.
        Path bin = WorkerProcess.distDir().resolve("bin");
        for (String command : List.of("ferry", "confluent-hub")) {
            assertThat(bin.resolve(command)).as("bin/%s", command).isRegularFile().isExecutable();
        }
    }

    private List<JsonNode> instructions(String keyword) {
        List<JsonNode> found = new ArrayList<>();
        parsed.path("instructions").forEach(i -> {
            if (i.path("keyword").asText().equals(keyword)) {
                found.add(i);
            }
        });
        return found;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}

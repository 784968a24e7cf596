package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/ferry doctor} from the distribution: with Ferry's bundled plugins and its own logging set-up, a
 * distributed worker that is ready to start gets nothing but report lines and exit code 0, and a plugin installed
 * again next to Ferry's bundled copy is found.
 */
@WithKafka
class DoctorIT {
    @TempDir
    Path dir;

    private record Run(int exitCode, String output) {
    }

    private Run doctor(Path workerProperties) throws Exception {
        Path dist = WorkerProcess.distDir();
        ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/ferry").toString(), "doctor", "--timeout", "10",
                workerProperties.toString()).redirectErrorStream(true).directory(dir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CONNECT_") || name.startsWith("FERRY_")
                || name.equals("KAFKA_OPTS"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ferry doctor did not finish within 90 s:\n" + output);
        }
        return new Run(process.exitValue(), output);
    }

    private Path worker(KafkaBroker broker, String name, Path pluginPath) throws Exception {
        return Files.writeString(dir.resolve(name + ".properties"), String.join("\n",
                "bootstrap.servers=" + broker.bootstrapServers(),
                "group.id=" + name,
                "config.storage.topic=" + name + "-configs",
                "offset.storage.topic=" + name + "-offsets",
                "status.storage.topic=" + name + "-status",
                "config.storage.replication.factor=1",
                "offset.storage.replication.factor=1",
                "status.storage.replication.factor=1",
                "key.converter=org.apache.kafka.connect.json.JsonConverter",
                "value.converter=org.apache.kafka.connect.json.JsonConverter",
                "plugin.path=" + pluginPath, ""));
    }

    @Test
    void workerReadyToStart_getsOnlyReportLines_andExitsZero(KafkaBroker broker) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));

        Run run = doctor(worker(broker, "doctor-ready", plugins));

        assertThat(run.exitCode()).as(run.output()).isZero();
        List<String> lines = run.output().lines().toList();
        assertThat(lines).as("no log lines, only the report").allSatisfy(line ->
                assertThat(line).matches("\\[(ok|skip)\\] +[a-z].*: .*|No problems found\\."));
        assertThat(run.output()).contains("[ok]    kafka: reachable at " + broker.bootstrapServers())
                .contains("[ok]    config.storage.topic doctor-ready-configs: absent; the worker creates it");
    }

    @Test
    void pluginInstalledAgainBesideTheBundledCopy_isFound(KafkaBroker broker) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path bundled = WorkerProcess.distDir().resolve("plugins/ferry-jdbc");
        Path copy = Files.createDirectories(plugins.resolve("ferry-jdbc"));
        try (var jars = Files.list(bundled)) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, copy.resolve(jar.getFileName()));
            }
        }

        Run run = doctor(worker(broker, "doctor-twice", plugins));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("[warn]  plugins: dev.ferry.jdbc.source.JdbcSourceConnector (source) is "
                + "installed in 2 plugin locations").contains(copy.toString());
    }
}

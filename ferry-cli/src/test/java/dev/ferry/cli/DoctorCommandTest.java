package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testkit.KafkaBroker;
import dev.ferry.testkit.WithKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry doctor} on the command line: output, {@code --json} and the exit codes 0, 1, 2 and 3. */
@WithKafka
class DoctorCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int ferry(String... args) {
        return Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path worker(KafkaBroker broker, String extra) throws Exception {
        Path file = dir.resolve("worker.properties");
        Files.writeString(file, "bootstrap.servers=" + broker.bootstrapServers() + "\n"
                + "offset.storage.file.filename=" + dir.resolve("offsets") + "\n"
                + "key.converter=org.apache.kafka.connect.storage.StringConverter\n"
                + "value.converter=org.apache.kafka.connect.storage.StringConverter\n" + extra);
        return file;
    }

    @Test
    void healthyStandaloneWorker_printsOneLinePerCheck_andExitsZero(KafkaBroker broker) throws Exception {
        Path file = worker(broker, "");

        int code = ferry("doctor", file.toString());

        assertThat(code).as(out() + err()).isZero();
        assertThat(out()).contains("[ok]    java: Java " + Runtime.version())
                .contains("[ok]    worker config: " + file + ": standalone worker (no group.id)")
                .contains("[ok]    kafka: reachable at " + broker.bootstrapServers())
                .contains("[skip]  registry: neither key.converter nor value.converter uses a Schema Registry")
                .endsWith("No problems found." + System.lineSeparator());
    }

    @Test
    void findings_exitOne_andJsonListsThem(KafkaBroker broker) throws Exception {
        Path file = worker(broker, "plugin.path=" + dir.resolve("missing") + "\n");

        int code = ferry("doctor", "--json", file.toString());

        assertThat(code).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.get("exitCode").asInt()).isEqualTo(1);
        assertThat(json.get("findings").asInt()).isEqualTo(1);
        assertThat(json.get("checks")).anySatisfy(check -> {
            assertThat(check.get("check").asText()).isEqualTo("plugin.path");
            assertThat(check.get("severity").asText()).isEqualTo("error");
            assertThat(check.get("message").asText()).contains("does not exist");
        });
    }

    @Test
    void configProviderReferences_areResolvedAsTheWorkerResolvesThem(KafkaBroker broker) throws Exception {
        Path secrets = dir.resolve("kafka.properties");
        Files.writeString(secrets, "servers=" + broker.bootstrapServers() + "\n");
        Path file = dir.resolve("worker.properties");
        Files.writeString(file, "config.providers=file\n"
                + "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider\n"
                + "bootstrap.servers=${file:" + secrets + ":servers}\n"
                + "offset.storage.file.filename=" + dir.resolve("offsets") + "\n"
                + "key.converter=org.apache.kafka.connect.storage.StringConverter\n"
                + "value.converter=org.apache.kafka.connect.storage.StringConverter\n");

        int code = ferry("doctor", "--timeout", "5", file.toString());

        assertThat(code).as(out() + err()).isZero();
        assertThat(out()).contains("[ok]    kafka: reachable at " + broker.bootstrapServers());
    }

    /** The environment is read as the worker reads it, so this runs the doctor in a process with its own. */
    private static ProcessResult doctorWithEnvironment(java.util.Map<String, String> environment, String... args)
            throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.ferry.cli.Main", "doctor", "--timeout", "5"));
        command.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("CONNECT_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new ProcessResult(process.exitValue(), output);
    }

    private record ProcessResult(int exitCode, String output) {
    }

    @Test
    void withoutAFile_theEnvironmentAloneConfiguresTheWorker(KafkaBroker broker) throws Exception {
        ProcessResult result = doctorWithEnvironment(java.util.Map.of(
                "CONNECT_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "CONNECT_OFFSET_STORAGE_FILE_FILENAME", dir.resolve("offsets").toString(),
                "CONNECT_KEY_CONVERTER", "org.apache.kafka.connect.storage.StringConverter",
                "CONNECT_VALUE_CONVERTER", "org.apache.kafka.connect.storage.StringConverter"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("worker config: the environment: standalone worker")
                .contains("kafka: reachable at " + broker.bootstrapServers());
    }

    @Test
    void environmentBeatsTheFile_asForTheWorker(KafkaBroker broker) throws Exception {
        Path file = dir.resolve("worker.properties");
        Files.writeString(file, "bootstrap.servers=127.0.0.1:1\n"
                + "offset.storage.file.filename=" + dir.resolve("offsets") + "\n"
                + "key.converter=org.apache.kafka.connect.storage.StringConverter\n"
                + "value.converter=org.apache.kafka.connect.storage.StringConverter\n");

        ProcessResult result = doctorWithEnvironment(
                java.util.Map.of("CONNECT_BOOTSTRAP_SERVERS", broker.bootstrapServers()), file.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("[ok]    environment: CONNECT_BOOTSTRAP_SERVERS overrides bootstrap.servers "
                + "from " + file).contains("kafka: reachable at " + broker.bootstrapServers());
    }

    @Test
    void unreadableWorkerFile_isAnEnvironmentProblem_exitThree() {
        int code = ferry("doctor", dir.resolve("nope.properties").toString());

        assertThat(code).isEqualTo(3);
        assertThat(err()).contains("Worker properties file " + dir.resolve("nope.properties") + " does not exist");
    }

    @Test
    void wrongCommandLine_exitsTwo() {
        // the test JVM may have CONNECT_* variables of its own; without a file they would configure the doctor
        if (!WorkerProperties.hasWorkerVariables(System.getenv())) {
            assertThat(ferry("doctor")).isEqualTo(2);
            assertThat(err()).contains("doctor needs the worker's configuration");
        }
        assertThat(ferry("doctor", "a.properties", "b.properties")).isEqualTo(2);
        assertThat(err()).contains("doctor takes one worker properties file");
        assertThat(ferry("doctor", "--timeout", "soon")).isEqualTo(2);
        assertThat(err()).contains("--timeout needs a whole number of seconds above 0, not 'soon'");
    }
}

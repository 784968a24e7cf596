package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ferry} command line: help and version, exit codes, and the messages a wrong command
 * line gets. Nothing here starts a worker: every case ends before or at reading the worker
 * properties.
 */
class MainTest {
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

    @Test
    void noArguments_printsTheUsage_andExitsZero() {
        assertThat(ferry()).isEqualTo(ExitCode.OK.code);
        assertThat(out()).startsWith("Usage: ferry [-hV] [COMMAND]")
                .contains("Ferry: a Kafka Connect runtime that runs unmodified Kafka Connect plugins.")
                .contains("standalone", "distributed", "dev", "help")
                .contains("Examples:", "ferry standalone w.properties c.json   as connect-standalone.sh");
        assertThat(err()).isEmpty();
    }

    @Test
    void helpOption_printsTheSameUsage_inShortAndLongForm() {
        assertThat(ferry("--help")).isZero();
        String longForm = out();
        out.reset();
        assertThat(ferry("-h")).isZero();
        assertThat(out()).isEqualTo(longForm).startsWith("Usage: ferry [-hV] [COMMAND]");
    }

    @Test
    void versionOption_printsFerryAndKafkaConnectApiVersions() {
        assertThat(ferry("--version")).isZero();
        assertThat(out()).contains("ferry ").contains("Kafka Connect API " + AppInfoParser.getVersion());
        // Ferry's own version from the build, never a placeholder: "ferry 0.1.0-SNAPSHOT"
        assertThat(out()).containsPattern("(?m)^ferry \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?$");
        out.reset();
        assertThat(ferry("-V")).isZero();
        assertThat(out()).contains("Kafka Connect API " + AppInfoParser.getVersion());
    }

    @Test
    void eachCommand_answersHelpAndVersion_withoutRunning() {
        for (String command : new String[] {"standalone", "distributed", "dev", "help"}) {
            out.reset();
            assertThat(ferry(command, "--help")).isZero();
            assertThat(out()).startsWith("Usage: ferry " + command + " [-hV]");
            out.reset();
            assertThat(ferry(command, "-V")).isZero();
            assertThat(out()).contains("Kafka Connect API");
        }
        assertThat(err()).isEmpty();
    }

    @Test
    void standaloneHelp_describesItsParameters() {
        assertThat(ferry("standalone", "-h")).isZero();
        assertThat(out()).contains(
                "Usage: ferry standalone [-hV] [--print-config] [WORKER_PROPERTIES",
                "Takes the same worker.properties and connector files as connect-standalone.sh.",
                "(CONNECT_REST_PORT=18083 replaces the file's listeners)", "configured from the CONNECT_*",
                "[WORKER_PROPERTIES]", "[CONNECTOR_FILE...]", "--print-config", "-h,--help", "-V,--version");
    }

    @Test
    void devHelp_listsItsOptionsWithDefaults() {
        assertThat(ferry("dev", "--help")).isZero();
        assertThat(out()).contains("--dir <DIR>", "default: .ferry/dev", "--port <PORT>", "default: 8083",
                "--lines-per-second <N>", "--plugin-path <DIRS>", "$CONNECT_PLUGIN_PATH");
    }

    @Test
    void helpCommand_withoutName_printsTheMainUsage() {
        assertThat(ferry("help")).isZero();
        assertThat(out()).startsWith("Usage: ferry [-hV] [COMMAND]");
    }

    @Test
    void helpCommand_withName_printsThatCommandsUsage() {
        assertThat(ferry("help", "distributed")).isZero();
        assertThat(out()).startsWith("Usage: ferry distributed [-hV] [--print-config] [WORKER_PROPERTIES]")
                .contains("Takes the same worker.properties as connect-distributed.sh.");
    }

    @Test
    void helpCommand_withUnknownName_isAConfigError() {
        assertThat(ferry("help", "standalon")).isEqualTo(ExitCode.CONFIG.code);
        assertThat(err()).startsWith("ferry: unknown command 'standalon'")
                .contains("standalone, distributed, registry, dev, plugin, doctor, help").contains("Usage: ferry [-hV] [COMMAND]");
        assertThat(out()).isEmpty();
    }

    @Test
    void unknownCommand_namesItAndTheCommands_andPrintsTheUsageToStderr() {
        assertThat(ferry("bogus")).isEqualTo(ExitCode.CONFIG.code);
        assertThat(err()).startsWith("ferry: unknown command 'bogus'; the commands are standalone, distributed, registry, dev, plugin, doctor, help")
                .contains("Usage: ferry [-hV] [COMMAND]");
        assertThat(out()).isEmpty();
    }

    @Test
    void unknownTopLevelOption_isAConfigError() {
        assertThat(ferry("--verbose", "standalone")).isEqualTo(ExitCode.CONFIG.code);
        assertThat(err()).startsWith("ferry: unknown option '--verbose'").contains("Usage: ferry [-hV] [COMMAND]");
    }

    @Test
    void unknownCommandOption_namesItAndPrintsThatCommandsUsage() {
        assertThat(ferry("standalone", "w.properties", "--bogus")).isEqualTo(ExitCode.CONFIG.code);
        assertThat(err()).startsWith("ferry: unknown option '--bogus' for ferry standalone")
                .contains("Usage: ferry standalone [-hV] [--print-config] [WORKER_PROPERTIES");
    }

    @Test
    void abbreviatedOption_isNotTakenForTheFullOne() {
        assertThat(ferry("dev", "--po", "9000")).isEqualTo(ExitCode.CONFIG.code);
        assertThat(err()).startsWith("ferry: unknown option '--po' for ferry dev");
    }

    @Test
    void standaloneWithoutWorkerPropertiesOrEnvironment_saysWhatToPass() {
        assertThat(System.getenv().keySet()).noneMatch(name -> name.startsWith("CONNECT_"));
        assertThat(ferry("standalone")).isEqualTo(ExitCode.CONFIG.code);
        assertThat(err()).startsWith("ferry: standalone needs a worker configuration: the worker properties file "
                        + "(ferry standalone worker.properties), or CONNECT_* environment variables as for the "
                        + "cp-kafka-connect image (CONNECT_BOOTSTRAP_SERVERS=... ferry standalone)")
                .contains("Usage: ferry standalone");
    }

    @Test
    void distributedWithoutWorkerPropertiesOrEnvironment_saysWhatToPass() {
        assertThat(ferry("distributed")).isEqualTo(ExitCode.CONFIG.code);
        assertThat(err()).startsWith("ferry: distributed needs a worker configuration: the worker properties file "
                + "(ferry distributed worker.properties), or CONNECT_* environment variables");
    }

    @Test
    void printConfig_printsTheEffectiveWorkerProperties_sortedWithSecretsHidden_andStartsNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("w.properties"), """
                value.converter=org.apache.kafka.connect.json.JsonConverter
                bootstrap.servers=localhost:9092
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required password="pw-42";
                ssl.key.password=key-pw-42
                key.converter=org.apache.kafka.connect.storage.StringConverter
                listeners=http://:8083
                """);
        for (String command : new String[] {"standalone", "distributed"}) {
            out.reset();
            assertThat(ferry(command, "--print-config", file.toString())).isZero();
            assertThat(out()).isEqualTo(String.join(System.lineSeparator(),
                    "bootstrap.servers=localhost:9092",
                    "key.converter=org.apache.kafka.connect.storage.StringConverter",
                    "listeners=http://:8083",
                    "sasl.jaas.config=[hidden]",
                    "ssl.key.password=[hidden]",
                    "value.converter=org.apache.kafka.connect.json.JsonConverter", ""));
        }
        assertThat(err()).isEmpty();
    }

    @Test
    void mainHelp_describesTheLaunchersEnvironmentVariables() {
        assertThat(ferry("--help")).isZero();
        assertThat(out()).contains("Environment:", "FERRY_HOME", "FERRY_HEAP_OPTS", "FERRY_OPTS", "KAFKA_OPTS",
                "FERRY_CDS=off", "CONNECT_*", "CLASSPATH", "-Xms16m -Xmx1g -XX:+UseSerialGC");
    }

    @Test
    void distributedWithAnExtraArgument_pointsToRestForConnectors() {
        assertThat(ferry("distributed", "w.properties", "c.json")).isEqualTo(ExitCode.CONFIG.code);
        assertThat(err()).startsWith("ferry: ferry distributed takes only the worker properties file, but was also given c.json")
                .contains("POST /connectors");
    }

    @Test
    void devWithAPositionalArgument_isAConfigError() {
        assertThat(ferry("dev", "somewhere")).isEqualTo(ExitCode.CONFIG.code);
        assertThat(err()).startsWith("ferry: ferry dev takes only options, but was given somewhere").contains("--dir");
    }

    @Test
    void devPortThatIsNotANumber_isAConfigError_namingTheValue() {
        assertThat(ferry("dev", "--port", "abc")).isEqualTo(ExitCode.CONFIG.code);
        assertThat(err()).startsWith("ferry: --port takes a whole number from 0 to 65535, not 'abc'")
                .contains("Usage: ferry dev");
    }

    @Test
    void devPortOutOfRange_isAConfigError() {
        assertThat(ferry("dev", "--port=70000")).isEqualTo(ExitCode.CONFIG.code);
        assertThat(err()).startsWith("ferry: --port takes a whole number from 0 to 65535, not '70000'");
    }

    @Test
    void devPortWithoutValue_saysAValueIsNeeded() {
        assertThat(ferry("dev", "--port")).isEqualTo(ExitCode.CONFIG.code);
        assertThat(err()).startsWith("ferry: --port needs a value: ferry dev --port PORT");
    }

    @Test
    void devLinesPerSecondBelowOne_isAConfigError() {
        assertThat(ferry("dev", "--lines-per-second", "0")).isEqualTo(ExitCode.CONFIG.code);
        assertThat(err()).startsWith("ferry: --lines-per-second takes a whole number from 1 to 1000, not '0'");
    }

    @Test
    void standaloneArguments_reachTheCommand_whichReportsAMissingPropertiesFile() {
        Path missing = dir.resolve("no-such-worker.properties");
        assertThat(ferry("standalone", missing.toString(), dir.resolve("c.json").toString()))
                .isEqualTo(ExitCode.CONFIG.code);
        // A CliException is one line: no usage, no stack trace.
        assertThat(err()).isEqualTo("ferry: Worker properties file " + missing + " does not exist. Pass the path "
                + "of your worker.properties (see examples/ for one), or none to configure the worker from "
                + "CONNECT_* environment variables alone." + System.lineSeparator());
    }

    @Test
    void distributedArguments_reachTheCommand_whichReportsAnUnreadablePropertiesFile() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("worker.properties"));
        assertThat(ferry("distributed", directory.toString())).isEqualTo(ExitCode.CONFIG.code);
        assertThat(err()).startsWith("ferry: ").contains(directory.toString()).doesNotContain("Usage:");
    }

    @Test
    void registryWithTwoFiles_saysItTakesOne() {
        assertThat(ferry("registry", "a.properties", "b.properties")).isEqualTo(ExitCode.CONFIG.code);
        assertThat(err()).startsWith("ferry: registry takes one properties file").contains("Usage: ferry registry");
    }

    @Test
    void registryWithAMissingPropertiesFile_namesIt() {
        Path missing = dir.resolve("no-such-registry.properties");
        assertThat(ferry("registry", missing.toString())).isEqualTo(ExitCode.CONFIG.code);
        assertThat(err()).isEqualTo("ferry: Registry properties file " + missing + " does not exist. Pass the path "
                + "of your schema-registry.properties (see examples/registry/ for one)." + System.lineSeparator());
    }

    @Test
    void registryWithoutKafkaStore_isAConfigError_namingTheProperty() throws Exception {
        Path props = Files.writeString(dir.resolve("registry.properties"), "listeners=http://127.0.0.1:0\n");
        assertThat(ferry("registry", props.toString())).isEqualTo(ExitCode.CONFIG.code);
        assertThat(err()).startsWith("ferry: ").contains("kafkastore.bootstrap.servers").doesNotContain("Usage:");
    }
}

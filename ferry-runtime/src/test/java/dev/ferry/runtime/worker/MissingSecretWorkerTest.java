package dev.ferry.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.runtime.config.ConfigResolver;
import dev.ferry.runtime.config.StandaloneConfig;
import dev.ferry.runtime.config.fixtures.FixturePlugins;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.State;
import dev.ferry.runtime.model.TargetState;
import dev.ferry.runtime.storage.FileOffsetBackingStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault catalogue: a stored connector whose config refers to a secret this worker does not have
 * (an environment variable not set here, a key missing from a properties file, a file removed
 * since the connector was created). The connector, or the task, is FAILED with the setting, the
 * reference and the fix as its reason, instead of starting with the literal {@code ${...}} text as
 * Apache does; the secrets the worker did resolve appear nowhere in the trace. Nothing here needs
 * Kafka: references are resolved before any client is made.
 */
class MissingSecretWorkerTest {
    private static final String SECRET = "pw-7f3a9c";
    private static final String SOURCE = "dev.ferry.runtime.config.fixtures.FixtureSourceConnector";

    @TempDir
    Path dir;

    @Test
    void connectorAndTask_referringToAMissingKey_areFailedWithTheReason_neverWithTheSecrets() throws Exception {
        Path secrets = Files.writeString(dir.resolve("db.properties"), "password=" + SECRET + "\n");
        RecordingStatusListener listener = new RecordingStatusListener();
        FileOffsetBackingStore offsets = new FileOffsetBackingStore(dir.resolve("offsets"));
        offsets.start();
        StandaloneConfig config = new StandaloneConfig(Map.of(
                "bootstrap.servers", "127.0.0.1:1",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.storage.StringConverter",
                "offset.storage.file.filename", dir.resolve("offsets").toString(),
                "config.providers", "file,env",
                "config.providers.file.class", FileConfigProvider.class.getName(),
                "config.providers.env.class", EnvVarConfigProvider.class.getName()));
        ConfigResolver resolver = ConfigResolver.create(List.of("file", "env"), config.originals(),
                className -> className.equals(EnvVarConfigProvider.class.getName())
                        ? new EnvVarConfigProvider(Map.of("DB_USER", SECRET + "-user"))
                        : new FileConfigProvider());
        Map<String, String> connector = Map.of("name", "src", "connector.class", SOURCE,
                "db.password", "${file:" + secrets + ":password}",
                "db.user", "${env:DB_USER}",
                "db.token", "${env:DB_TOKEN}");
        try (Worker worker = new Worker("w", config, FixturePlugins.plugins(), resolver, offsets, null, listener,
                Time.SYSTEM)) {
            worker.startConnector("src", connector, TargetState.STARTED);
            listener.awaitConnector("src", State.FAILED);
            assertThat(trace(listener.connectorFailure("src")))
                    .contains("Setting 'db.token' refers to ${env:DB_TOKEN}, but config provider 'env' has no key "
                            + "'DB_TOKEN' on this worker. Add the key (e.g. set the environment variable")
                    .doesNotContain(SECRET);

            ConnectorTaskId task = new ConnectorTaskId("src", 0);
            Files.delete(secrets);
            worker.startTask(task, Map.of("name", "src", "connector.class", SOURCE),
                    Map.of("task.class", "x", "db.password", "${file:" + secrets + ":password}"), TargetState.STARTED);
            listener.awaitTask(task, State.FAILED);
            assertThat(trace(listener.taskFailure(task)))
                    .contains("A config provider failed to read what the connector configuration refers to: Could not "
                            + "read properties from file " + secrets + ". Check that the file or directory exists on "
                            + "this worker and that the worker's user can read it.")
                    .doesNotContain(SECRET);
        } finally {
            offsets.close();
        }
    }

    private static String trace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}

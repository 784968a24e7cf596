package dev.ferry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The broker in its own JVM, driven the way {@code ferry dev} and benchmarks drive it. */
class KafkaBrokerMainTest {

    private Process process;

    @AfterEach
    void killLeftovers() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void brokerMain_printsBootstrapWhenReady_andStopsWhenStdinCloses() throws Exception {
        process = startBrokerMain("log.retention.ms=60000");
        CompletableFuture<String> stderr = collect(process.getErrorStream());
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));

        String line = stdout.readLine();
        assertThat(line).startsWith(KafkaBrokerMain.BOOTSTRAP_PREFIX + "127.0.0.1:");
        String bootstrap = line.substring(KafkaBrokerMain.BOOTSTRAP_PREFIX.length());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }

        process.getOutputStream().close();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("broker process exits").isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(stdout.readLine()).as("nothing after the BOOTSTRAP line").isNull();
        assertThat(stderr.get(10, TimeUnit.SECONDS).lines())
                .as("Kafka's own loggers stay at WARN")
                .noneMatch(l -> l.contains(" INFO ") && !l.contains("dev.ferry"));
    }

    @Test
    void brokerMain_stopsOnSigterm() throws Exception {
        process = startBrokerMain();
        collect(process.getErrorStream());
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(stdout.readLine()).startsWith(KafkaBrokerMain.BOOTSTRAP_PREFIX);

        process.destroy();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("broker process exits").isTrue();
    }

    private static Process startBrokerMain(String... brokerProperties) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                KafkaBrokerMain.class.getName()));
        command.addAll(List.of(brokerProperties));
        return new ProcessBuilder(command).start();
    }

    /** Reads a stream to its end in the background, so the child never blocks on a full pipe. */
    private static CompletableFuture<String> collect(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}

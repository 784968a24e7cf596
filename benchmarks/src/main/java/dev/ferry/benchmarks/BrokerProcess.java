package dev.ferry.benchmarks;

import dev.ferry.testkit.KafkaBrokerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The test kit's single-node broker in a process of its own, so that the worker's CPU figures
 * hold nothing of the broker's. It runs from this benchmark's classpath and dies with it: closing
 * its stdin (which also happens if this JVM is killed) stops it and deletes its data.
 */
final class BrokerProcess implements AutoCloseable {
    private final Process process;
    private final String bootstrapServers;

    private BrokerProcess(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts the broker and waits for its {@code BOOTSTRAP=} line; its logs go to {@code log}. */
    static BrokerProcess start(Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                KafkaBrokerMain.class.getName()))
                .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return stdout.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String first;
        try {
            first = line.get(120, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("The broker did not print its address within 120 s; see " + log, e);
        }
        if (first == null || !first.startsWith(KafkaBrokerMain.BOOTSTRAP_PREFIX)) {
            process.destroyForcibly();
            throw new IllegalStateException("The broker did not start (first line: " + first + "); see " + log);
        }
        return new BrokerProcess(process, first.substring(KafkaBrokerMain.BOOTSTRAP_PREFIX.length()).trim());
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

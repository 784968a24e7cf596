package dev.ferry.dist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A class-data-sharing (AppCDS) archive that the worker processes of one test run map, so that
 * each starts without parsing and verifying its thousands of classes again: on the loaded two-core
 * machine that is about half of a worker's time to answer REST, paid at each of the build's many
 * worker starts. The run's first start of a kind of worker records it, once: a {@link Recording}
 * runs one such worker with {@code -XX:ArchiveClassesAtExit} until it answers and stops it with
 * SIGTERM (the JVM writes the archive on its way out); every start then adds
 * {@code -XX:SharedArchiveFile}. The archive changes only where a class's bytes come from, never
 * which classes a worker loads or when (a test logging class loads sees the same names). Each run
 * records fresh files, since the JVM refuses an archive whose jars changed; if recording fails,
 * the workers start without one, as before. Starts on any thread may ask; the first records while
 * the others wait.
 */
final class ClassDataArchive {
    /** Starts a worker with {@code jvmOption} (which records the archive), waits until it answers, then stops it. */
    interface Recording {
        void run(String jvmOption) throws Exception;
    }

    private final String name;
    private List<String> options;
    /** Whether the recording worker is starting (its own start must not ask for the archive again). */
    private boolean recording;

    ClassDataArchive(String name) {
        this.name = name;
    }

    /** The JVM options that map this run's archive, recorded first by {@code recording} if need be. */
    synchronized List<String> jvmOptions(Recording recording) {
        if (options == null && !this.recording) {
            this.recording = true;
            try {
                Path archive = record(recording);
                options = archive == null ? List.of() : List.of("-XX:SharedArchiveFile=" + archive);
            } finally {
                this.recording = false;
            }
        }
        return options == null ? List.of() : options;
    }

    private Path record(Recording recording) {
        try {
            Path dir = Files.createDirectories(WorkerProcess.distDir().resolveSibling("class-data"));
            try (var old = Files.list(dir)) {
                for (Path file : old.filter(f -> f.getFileName().toString().startsWith(name + "-")).toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Path archive = dir.resolve(name + "-" + ProcessHandle.current().pid() + ".jsa");
            recording.run("-XX:ArchiveClassesAtExit=" + archive);
            return Files.size(archive) > 0 ? archive : null;
        } catch (Exception | AssertionError e) {
            System.err.println("The " + name + " workers start without a class-data archive: " + e);
            return null;
        }
    }
}

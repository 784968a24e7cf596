package dev.ferry.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells the launcher that the class-data-sharing archive this JVM records at exit comes from a
 * real worker start. The launcher records an archive of the classes a run loaded
 * ({@code -XX:ArchiveClassesAtExit}) and passes {@code -Dferry.cds.ready=FILE}; it keeps the
 * archive for later starts only if this run created FILE, which happens once the worker answers
 * REST. A {@code --help} run, a configuration error or a worker that died on the way up would
 * otherwise leave a near-empty archive that every later start maps.
 */
final class CdsRecording {
    static final String READY_PROPERTY = "ferry.cds.ready";

    private CdsRecording() {
    }

    /** Marks this run's archive as worth keeping; does nothing when the launcher records none. */
    static void workerStarted() {
        String marker = System.getProperty(READY_PROPERTY);
        if (marker == null || marker.isEmpty()) {
            return;
        }
        try {
            Files.write(Path.of(marker), new byte[0]);
        } catch (IOException e) {
            // Without the mark the launcher drops the archive and a later start records again: harmless.
        }
    }
}

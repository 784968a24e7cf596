package dev.ferry.runtime.storage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real, tiny file system for storage fault tests: a 256 KB tmpfs mounted on a fresh directory,
 * which a test can fill to the last byte ({@link #fill}), empty again ({@link #free}) or remount
 * read-only ({@link #readOnly}). The faults are the kernel's own ENOSPC and EROFS, not a fake.
 * Mounting needs root (or CAP_SYS_ADMIN), as CI's container has; elsewhere the test is skipped
 * with a message saying why.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path mountPoint;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a new small disk under {@code parent}. */
    public static SmallDisk mount(Path parent) throws Exception {
        Path dir = Files.createDirectories(parent.resolve("small-disk"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", dir.toString()),
                "mounting a tmpfs needs root or CAP_SYS_ADMIN");
        return new SmallDisk(dir);
    }

    public Path root() {
        return mountPoint;
    }

    /** Writes a filler file until the disk has no byte left. */
    public void fill() throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(mountPoint.resolve("filler"))) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // ENOSPC: the disk is full, which is the point
        }
    }

    /** Removes the filler, giving the space back. */
    public void free() throws IOException {
        Files.deleteIfExists(mountPoint.resolve("filler"));
    }

    /** Remounts the disk read-only ({@code true}) or read-write. */
    public void readOnly(boolean readOnly) throws Exception {
        if (!run("mount", "-o", "remount," + (readOnly ? "ro" : "rw"), mountPoint.toString())) {
            throw new IllegalStateException("Could not remount " + mountPoint);
        }
    }

    @Override
    public void close() throws Exception {
        run("umount", "-l", mountPoint.toString());
    }

    private static boolean run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false; // no mount command
        }
    }
}

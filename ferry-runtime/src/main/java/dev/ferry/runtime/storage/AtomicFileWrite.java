package dev.ferry.runtime.storage;

import dev.ferry.runtime.model.Sentences;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Replaces a file's content all at once: the bytes go to a temporary file in the same directory,
 * are forced to the disk, and the temporary file is then renamed over the target. A reader (or a
 * restart after a crash or power loss) sees either the old content or the new, never half of it.
 * When any step fails (a full disk, a read-only mount, a missing permission) the temporary file is
 * removed, so a disk that is full stays no fuller, and the target keeps its previous content.
 *
 * <p>{@link #reason} turns the failure into the words an operator acts on.
 *
 * <p>Thread contract: stateless; callers that write the same target serialize their writes.
 */
final class AtomicFileWrite {
    private AtomicFileWrite() {
    }

    /** Replaces {@code target}'s content with {@code bytes}, creating its directory if needed. */
    static void replace(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // Without this a power loss after the rename can leave an empty file under the old name.
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        forceDirectory(dir);
    }

    /** Makes the rename itself durable; a file system that cannot sync a directory is left as it is. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform opens directories (Windows does not); the content is on disk already.
        }
    }

    /**
     * What went wrong writing {@code target}, as a sentence naming the cause and the fix: a full
     * disk, a read-only file system and a missing permission are told apart, as they need different fixes.
     */
    static String reason(Path target, IOException e) {
        String message = String.valueOf(e.getMessage());
        String lower = e instanceof FileSystemException fse && fse.getReason() != null
                ? fse.getReason().toLowerCase(Locale.ROOT) : message.toLowerCase(Locale.ROOT);
        Path dir = target.toAbsolutePath().getParent();
        if (lower.contains("no space left")) {
            return "The disk holding " + dir + " is full (No space left on device). Free space on it or move the file "
                    + "to a disk with room.";
        }
        if (lower.contains("read-only file system")) {
            return "The file system holding " + dir + " is mounted read-only. Mount it read-write or move the file "
                    + "to a writable disk.";
        }
        if (e instanceof AccessDeniedException || lower.contains("permission denied")) {
            return "Permission denied (" + message + "). Give the worker's user write access to " + dir + ".";
        }
        return e.getClass().getSimpleName() + ": " + Sentences.end(message) + " Check that " + dir
                + " exists, is a directory and is writable.";
    }
}

package dev.ferry.installer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ferry.runtime.model.Sentences;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A directory of plugin folders (an element of {@code plugin.path}, e.g. {@code /usr/share/confluent-hub-components})
 * and the installer's atomic operations on it.
 *
 * <h2>Atomicity</h2>
 * A plugin is built in a hidden staging folder inside this directory ({@code .ferry-staging-<name>-<id>}), which a
 * worker's plugin scanner skips, and then renamed to its name: one {@code rename(2)} on the same file system, so a
 * worker never sees a half-written plugin. Replacing a version renames the old folder aside first
 * ({@code .ferry-replaced-<name>-<id>}), renames the new one into place and deletes the old one; between the two
 * renames a starting worker finds neither version, never a mixture. A failure before the last rename deletes the
 * staging folder and leaves the directory as it was; a failure of the last rename moves the old folder back.
 *
 * <h2>Records</h2>
 * Each installed folder holds {@value #RECORD} (source, version, SHA-512 of what was installed), which makes a
 * re-install of the same thing a no-op and lets {@code ferry plugin list} show where a plugin came from.
 */
final class PluginDirectory {
    static final String RECORD = "ferry-plugin.json";
    private static final String STAGING = ".ferry-staging-";
    private static final String REPLACED = ".ferry-replaced-";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What {@value #RECORD} holds. */
    record InstallRecord(String name, String source, String version, String sha512, List<String> leftOut) {
    }

    final Path dir;

    PluginDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /**
     * Checks, before any download, that plugins can be installed here: the directory exists (or can be created)
     * and this user may create and rename entries in it.
     *
     * @throws InstallException naming the directory, the user and the fix
     */
    void checkWritable() {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, STAGING + "probe-", "");
            Files.delete(probe);
        } catch (IOException e) {
            throw notWritable(e);
        }
    }

    private InstallException notWritable(IOException e) {
        String why = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.toString();
        return InstallException.environment("Plugin directory " + dir + " is not writable by user '"
                + System.getProperty("user.name") + "' (" + why + "); nothing was installed. Run as a user who may "
                + "write there, give this user write permission (e.g. chown or chmod u+w), or choose another "
                + "directory with --plugin-dir DIR (or FERRY_PLUGIN_DIR).", e);
    }

    /**
     * The folder {@code name} directly inside this directory. A plugin's folder name comes from outside (an
     * archive's top folder, a file name, a Maven artifact id), and {@code ..}, {@code .}, an empty name or one
     * holding a separator would make it this directory itself, its parent or a folder elsewhere: an install
     * would then stage in one place and rename the directory's parent aside (found by HostileArchivesTest).
     *
     * @throws InstallException naming the folder and what to do, before anything is written
     */
    private Path child(String name) {
        Path folder = name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0 ? null : dir.resolve(name).normalize();
        if (folder == null || !dir.equals(folder.getParent())) {
            throw InstallException.usage("'" + name + "' cannot be a plugin folder name: it must be one plain folder "
                    + "inside " + dir + ", not '.', '..' or a path. The name comes from the archive's top folder, the "
                    + "file name or the artifact id; rename it (e.g. unpack and repack the archive under a folder named "
                    + "after the plugin) and install again; nothing was installed.");
        }
        return folder;
    }

    /** The installed plugin folder {@code name}, if any. */
    Optional<Path> folder(String name) {
        Path folder = child(name);
        return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
    }

    /** The record of an installed folder, if it was installed by Ferry. */
    Optional<InstallRecord> record(String name) {
        Path file = child(name).resolve(RECORD);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), InstallRecord.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A fresh hidden staging folder for plugin {@code name}. */
    Path stage(String name) {
        try {
            String folder = child(name).getFileName().toString();
            return Files.createDirectory(dir.resolve(STAGING + folder + "-" + UUID.randomUUID().toString().substring(0, 8)));
        } catch (IOException e) {
            throw notWritable(e);
        }
    }

    /** Writes the record into a staging folder. */
    static void writeRecord(Path staging, InstallRecord record) {
        try {
            JSON.writeValue(staging.resolve(RECORD).toFile(), record);
        } catch (IOException e) {
            throw InstallException.failed("Could not write " + staging.resolve(RECORD) + ": " + e, e);
        }
    }

    /**
     * Makes a staged folder the plugin {@code name}, replacing the installed one if there is one.
     *
     * @return the installed folder
     */
    Path commit(Path staging, String name) {
        Path target = child(name);
        Path aside = null;
        try {
            if (Files.exists(target)) {
                aside = dir.resolve(REPLACED + name + "-" + UUID.randomUUID().toString().substring(0, 8));
                move(target, aside);
            }
            try {
                move(staging, target);
            } catch (IOException e) {
                if (aside != null) {
                    move(aside, target);
                }
                throw e;
            }
        } catch (IOException e) {
            deleteQuietly(staging);
            throw InstallException.environment(Sentences.then("Could not move the new plugin into " + target + ": " + e,
                    "The plugin directory was left as it was."), e);
        }
        if (aside != null) {
            deleteQuietly(aside);
        }
        return target;
    }

    /**
     * Removes plugin folder {@code name}: renamed aside (hidden) in one step, then deleted.
     *
     * @throws InstallException when there is no such folder or it cannot be removed
     */
    void remove(String name) {
        Path target = dir.resolve(name).normalize();
        if (!target.getParent().equals(dir) || name.startsWith(".") || !Files.isDirectory(target)) {
            throw InstallException.usage("There is no plugin folder '" + name + "' in " + dir + ". `ferry plugin list"
                    + " --plugin-dir " + dir + "` shows the installed ones.");
        }
        Path aside = dir.resolve(REPLACED + name + "-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            move(target, aside);
        } catch (IOException e) {
            throw notWritable(e);
        }
        deleteQuietly(aside);
    }

    /** Plugin folders and archives in this directory, sorted; hidden entries (staging, leftovers) are not plugins. */
    List<Path> entries() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isDirectory(p) || p.getFileName().toString().endsWith(".jar")
                            || p.getFileName().toString().endsWith(".zip"))
                    .sorted().toList();
        } catch (IOException e) {
            throw InstallException.environment("Could not list plugin directory " + dir + ": " + e, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename " + from + " atomically", e);
        }
    }

    static void deleteQuietly(Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            List<Path> all = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover hidden folder is harmless; the next install removes it
        }
    }
}

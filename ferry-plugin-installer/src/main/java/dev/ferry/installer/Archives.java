package dev.ferry.installer;

import dev.ferry.runtime.model.Sentences;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks plugin archives ({@code .zip}, {@code .tar.gz}/{@code .tgz}) with Commons Compress. Every entry must land
 * inside the target directory: an entry whose name escapes it ({@code ../}, an absolute path) or a link entry is
 * refused, so an archive cannot write outside the plugin directory (the "zip slip" attack). When all entries share
 * one top directory (Debezium's {@code debezium-connector-postgres/}, a Hub archive's
 * {@code owner-name-version/}), its content is unpacked without it.
 */
final class Archives {
    private Archives() {
    }

    static boolean isArchive(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".zip") || lower.endsWith(".tar.gz") || lower.endsWith(".tgz");
    }

    /** The top directory all entries share, or null. */
    static String commonTop(Path archive) {
        String top = null;
        for (String name : entryNames(archive)) {
            int slash = name.indexOf('/');
            String first = slash < 0 ? null : name.substring(0, slash);
            if (first == null || (top != null && !top.equals(first))) {
                return null;
            }
            top = first;
        }
        return top;
    }

    static List<String> entryNames(Path archive) {
        List<String> names = new ArrayList<>();
        try (ArchiveInputStream<?> in = open(archive)) {
            for (ArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                String name = clean(e.getName());
                if (!name.isEmpty()) {
                    names.add(e.isDirectory() && !name.endsWith("/") ? name + "/" : name);
                }
            }
        } catch (IOException e) {
            throw unreadable(archive, e);
        }
        return names;
    }

    /**
     * Unpacks {@code archive} into {@code target} (which must exist), without the common top directory.
     *
     * @return the files written, relative to {@code target}
     * @throws InstallException when the archive is unreadable or an entry would escape {@code target}
     */
    static List<Path> unpack(Path archive, Path target) {
        String top = commonTop(archive);
        Path root = target.toAbsolutePath().normalize();
        List<Path> written = new ArrayList<>();
        try (ArchiveInputStream<?> in = open(archive)) {
            for (ArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                String name = clean(e.getName());
                if (top != null) {
                    name = name.length() > top.length() ? name.substring(top.length() + 1) : "";
                }
                if (name.isEmpty()) {
                    continue;
                }
                Path destination = destination(archive, root, name);
                if (!destination.startsWith(root) || Path.of(name).isAbsolute() || name.startsWith("/")) {
                    throw InstallException.failed("Archive " + archive + " holds the entry '" + e.getName()
                            + "', which would be written outside the plugin folder. Refusing to unpack it: the archive "
                            + "is broken or malicious; nothing was installed.");
                }
                if (isLink(e)) {
                    throw InstallException.failed("Archive " + archive + " holds the link entry '" + e.getName()
                            + "'. Plugin archives hold plain files only; refusing to unpack it, nothing was installed.");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(destination);
                    continue;
                }
                Files.createDirectories(destination.getParent());
                Files.copy(in, destination);
                written.add(root.relativize(destination));
            }
        } catch (IOException e) {
            throw unreadable(archive, e);
        }
        return written;
    }

    /**
     * Where entry {@code name} goes; an entry name this file system cannot hold (a NUL character) is refused
     * like an escaping one instead of surfacing as an unexplained InvalidPathException (found by HostileArchivesTest).
     */
    private static Path destination(Path archive, Path root, String name) {
        try {
            return root.resolve(name).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw InstallException.failed("Archive " + archive + " holds the entry '" + name.replace('\0', '?')
                    + "', which is no valid file name (" + e.getReason() + "). Refusing to unpack it: the archive is "
                    + "broken or malicious; nothing was installed.");
        }
    }

    private static boolean isLink(ArchiveEntry e) {
        if (e instanceof TarArchiveEntry tar) {
            return tar.isSymbolicLink() || tar.isLink();
        }
        return e instanceof ZipArchiveEntry zip && zip.isUnixSymlink();
    }

    /** Entry names as written, with a leading {@code ./} dropped; {@code ../} is kept for the escape check. */
    private static String clean(String name) {
        String n = name.replace('\\', '/');
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        return n;
    }

    private static ArchiveInputStream<?> open(Path archive) throws IOException {
        InputStream file = new BufferedInputStream(Files.newInputStream(archive));
        String lower = archive.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".zip")) {
            return new ZipArchiveInputStream(file);
        }
        if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) {
            return new TarArchiveInputStream(new GzipCompressorInputStream(file));
        }
        file.close();
        throw InstallException.usage(archive + " is not a .zip, .tar.gz or .tgz archive.");
    }

    private static InstallException unreadable(Path archive, IOException e) {
        return InstallException.failed(Sentences.then("Archive " + archive + " cannot be read: " + e.getMessage(),
                "It is truncated or not the archive type its name says; nothing was installed."), e);
    }
}

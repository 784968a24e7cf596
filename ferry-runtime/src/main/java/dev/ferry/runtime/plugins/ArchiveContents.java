package dev.ferry.runtime.plugins;

import dev.ferry.runtime.model.PluginType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What one element of a plugin's class path holds: its {@code ServiceLoader} manifests for each plugin type and,
 * when discovery scans, the {@linkplain ClassFileHeader headers} of its classes. An element is an archive
 * ({@code .jar}/{@code .zip}) or the root directory of a class tree.
 */
final class ArchiveContents {

    private static final Logger log = LoggerFactory.getLogger(ArchiveContents.class);

    private final Path path;
    private final Map<PluginType, Set<String>> manifests;
    private final Map<String, ClassFileHeader> classes;

    private ArchiveContents(Path path, Map<PluginType, Set<String>> manifests, Map<String, ClassFileHeader> classes) {
        this.path = path;
        this.manifests = manifests;
        this.classes = classes;
    }

    Path path() {
        return path;
    }

    /** Class names listed in this element's manifest for the plugin type; empty if there is none. */
    Set<String> manifest(PluginType type) {
        return manifests.getOrDefault(type, Set.of());
    }

    boolean hasManifests() {
        return manifests.values().stream().anyMatch(names -> !names.isEmpty());
    }

    /** Headers of all classes, by binary name; empty when the element was read without scanning. */
    Map<String, ClassFileHeader> classes() {
        return classes;
    }

    static boolean isArchive(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jar") || name.endsWith(".zip");
    }

    /** Reads an archive or class directory; {@code scan} also reads every class header. */
    static ArchiveContents read(Path path, boolean scan) throws IOException {
        return isArchive(path) ? readArchive(path, scan) : readDirectory(path, scan);
    }

    private static ArchiveContents readArchive(Path archive, boolean scan) throws IOException {
        Map<PluginType, Set<String>> manifests = new EnumMap<>(PluginType.class);
        Map<String, ClassFileHeader> classes = new HashMap<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (PluginType type : PluginType.values()) {
                ZipEntry entry = zip.getEntry(ServiceManifests.resourceName(type.interfaceName()));
                if (entry != null) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        manifests.put(type, ServiceManifests.classNames(in));
                    }
                }
            }
            if (scan) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    if (isScannableClass(entry.getName())) {
                        try (InputStream in = zip.getInputStream(entry)) {
                            addHeader(classes, in, archive + "!" + entry.getName());
                        }
                    }
                }
            }
        }
        return new ArchiveContents(archive, manifests, classes);
    }

    private static ArchiveContents readDirectory(Path root, boolean scan) throws IOException {
        Map<PluginType, Set<String>> manifests = new EnumMap<>(PluginType.class);
        for (PluginType type : PluginType.values()) {
            Path manifest = root.resolve(ServiceManifests.resourceName(type.interfaceName()));
            if (Files.isRegularFile(manifest)) {
                try (InputStream in = Files.newInputStream(manifest)) {
                    manifests.put(type, ServiceManifests.classNames(in));
                }
            }
        }
        Map<String, ClassFileHeader> classes = new HashMap<>();
        if (scan) {
            List<Path> classFiles;
            try (Stream<Path> files = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
                classFiles = files.filter(f -> isScannableClass(root.relativize(f).toString().replace('\\', '/')))
                        .filter(Files::isRegularFile)
                        .toList();
            }
            for (Path classFile : classFiles) {
                try (InputStream in = Files.newInputStream(classFile)) {
                    addHeader(classes, in, classFile.toString());
                }
            }
        }
        return new ArchiveContents(root, manifests, classes);
    }

    private static boolean isScannableClass(String entryName) {
        return entryName.endsWith(".class")
                && !entryName.startsWith("META-INF/")
                && !entryName.endsWith("module-info.class")
                && !entryName.endsWith("package-info.class");
    }

    private static void addHeader(Map<String, ClassFileHeader> classes, InputStream classFile, String where) {
        try {
            ClassFileHeader header = ClassFileHeader.parse(classFile);
            classes.putIfAbsent(header.name(), header);
        } catch (IOException | RuntimeException e) {
            log.debug("Skipping unreadable class file {}: {}", where, e.toString());
        }
    }
}

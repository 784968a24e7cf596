package dev.ferry.runtime.plugins;

import dev.ferry.runtime.model.Sentences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Turns {@code plugin.path} elements into {@linkplain PluginLocation plugin locations}.
 *
 * <p>An element may be:
 * <ul>
 *   <li>an archive: one uber-jar plugin;</li>
 *   <li>one plugin directory: a directory holding a Confluent Hub {@code manifest.json}, a {@code META-INF}
 *       directory, or the root of a class tree (class files laid out by package);</li>
 *   <li>a directory of plugins, as on Apache's runtime: each child directory or archive is one plugin, except
 *       hidden ones (names starting with a dot).
 *       Apache gives each archive of such a directory its own loader, which breaks a connector whose
 *       libraries sit next to it; so when at most one of those archives contains plugins and there are no
 *       child directories, the whole directory is taken as one plugin instead.</li>
 * </ul>
 * A plugin directory's class path is every archive below it (sorted, symbolic links followed) plus the root of
 * every class tree below it. Apache uses the directory itself as the only root, which fails for class files
 * that are not laid out from that directory.
 */
final class PluginLocations {

    private static final Logger log = LoggerFactory.getLogger(PluginLocations.class);

    private final boolean scan;
    private final Map<Path, ArchiveContents> read = new HashMap<>();

    PluginLocations(boolean scan) {
        this.scan = scan;
    }

    /**
     * Resolves the elements of one path.
     *
     * @throws PluginPathException if an element does not exist or cannot be read
     */
    List<PluginLocation> resolve(List<Path> elements, PluginOrigin origin) {
        List<PluginLocation> locations = new ArrayList<>();
        for (Path raw : elements) {
            Path element = raw.toAbsolutePath().normalize();
            checkUsable(element, elements, origin);
            try {
                locations.addAll(resolveElement(element, origin));
            } catch (IOException e) {
                throw new PluginPathException(element, "Could not read " + origin.description() + " element '"
                        + element + "': " + Sentences.end(e) + " Check that it is a readable directory or archive, or remove it from "
                        + origin.description() + ".", e);
            }
        }
        return locations;
    }

    private static void checkUsable(Path element, List<Path> elements, PluginOrigin origin) {
        String setting = origin.description();
        if (!Files.exists(element)) {
            throw new PluginPathException(element, setting + " element '" + element + "' does not exist. Create it, "
                    + "correct the path, or remove it from " + setting + " (currently " + elements + ").");
        }
        boolean directory = Files.isDirectory(element);
        if (!Files.isReadable(element) || (directory && !Files.isExecutable(element))) {
            throw new PluginPathException(element, setting + " element '" + element + "' is not readable by user '"
                    + System.getProperty("user.name") + "'. Give that user read" + (directory ? " and execute" : "")
                    + " permission (for example: chmod -R a+rX '" + element + "'), or remove it from " + setting + ".");
        }
    }

    private List<PluginLocation> resolveElement(Path element, PluginOrigin origin) throws IOException {
        if (!Files.isDirectory(element)) {
            if (ArchiveContents.isArchive(element)) {
                return List.of(location(element, List.of(element), origin));
            }
            log.warn("Ignoring {} element '{}': it is a file but not a .jar or .zip archive. List the directory "
                    + "that contains plugins instead.", origin.description(), element);
            return List.of();
        }
        Tree tree = Tree.walk(element);
        if (isSinglePlugin(element, tree)) {
            return List.of(location(element, tree.classpath(), origin));
        }
        List<Path> children;
        try (Stream<Path> listing = Files.list(element)) {
            // hidden entries are not plugins: `ferry plugin install` builds a plugin in a hidden directory and
            // renames it into place, so a worker starting meanwhile never loads a half-written plugin
            children = listing.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isDirectory(p) || ArchiveContents.isArchive(p)).sorted().toList();
        }
        List<Path> archives = children.stream().filter(p -> !Files.isDirectory(p)).toList();
        if (archives.size() == children.size() && archives.size() > 1 && pluginArchives(archives, origin) <= 1) {
            log.info("Treating {} as one plugin: only one of its {} archives contains plugins, the others are taken "
                    + "as its libraries", element, archives.size());
            return List.of(location(element, archives, origin));
        }
        List<PluginLocation> locations = new ArrayList<>();
        for (Path child : children) {
            List<Path> classpath = Files.isDirectory(child) ? tree.below(child) : List.of(child);
            if (classpath.isEmpty()) {
                log.debug("Ignoring {}: it contains no archives or class files", child);
            } else {
                locations.add(location(child, classpath, origin));
            }
        }
        return locations;
    }

    private static boolean isSinglePlugin(Path dir, Tree tree) {
        return Files.isRegularFile(dir.resolve("manifest.json"))
                || Files.isDirectory(dir.resolve("META-INF"))
                || tree.classRoots.contains(dir);
    }

    private int pluginArchives(List<Path> archives, PluginOrigin origin) throws IOException {
        int withPlugins = 0;
        for (Path archive : archives) {
            ArchiveContents contents = contents(archive, origin);
            if (contents.hasManifests() || !PluginTypes.candidates(List.of(contents), ExternalTypes.SHARED,
                    EnumSet.copyOf(PluginTypes.SCANNABLE)).isEmpty()) {
                withPlugins++;
            }
        }
        return withPlugins;
    }

    private PluginLocation location(Path path, List<Path> classpath, PluginOrigin origin) throws IOException {
        List<ArchiveContents> contents = new ArrayList<>(classpath.size());
        for (Path element : classpath) {
            contents.add(contents(element, origin));
        }
        return new PluginLocation(path, List.copyOf(contents), origin);
    }

    private ArchiveContents contents(Path element, PluginOrigin origin) throws IOException {
        ArchiveContents contents = read.get(element);
        if (contents == null) {
            contents = ArchiveContents.read(element, scan && origin.scannable());
            read.put(element, contents);
        }
        return contents;
    }

    /** The archives and class-tree roots found below a directory. */
    private record Tree(TreeSet<Path> archives, TreeSet<Path> classRoots) {

        static Tree walk(Path top) throws IOException {
            Tree tree = new Tree(new TreeSet<>(), new TreeSet<>());
            Files.walkFileTree(top, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (ArchiveContents.isArchive(file) && attrs.isRegularFile()) {
                                tree.archives.add(file);
                            } else if (file.toString().endsWith(".class") && !isVersionedOrMeta(top, file)
                                    && !tree.isUnderClassRoot(file)) {
                                Path root = classRoot(file);
                                if (root != null) {
                                    tree.classRoots.add(root);
                                }
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            if (!(e instanceof FileSystemLoopException)) {
                                log.warn("Skipping unreadable file {} on the plugin path: {}", file, e.toString());
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
            return tree;
        }

        static boolean isVersionedOrMeta(Path top, Path file) {
            for (Path segment : top.relativize(file)) {
                if (segment.toString().equals("META-INF")) {
                    return true;
                }
            }
            return false;
        }

        boolean isUnderClassRoot(Path file) {
            Path root = classRoots.floor(file);
            return root != null && file.startsWith(root);
        }

        /** Everything on the class path of a plugin rooted at {@code dir}: archives first, then class roots. */
        List<Path> below(Path dir) {
            List<Path> classpath = new ArrayList<>();
            archives.stream().filter(p -> p.startsWith(dir)).forEach(classpath::add);
            classRoots.stream().filter(p -> p.startsWith(dir)).forEach(classpath::add);
            return classpath;
        }

        List<Path> classpath() {
            List<Path> classpath = new ArrayList<>(archives);
            classpath.addAll(classRoots);
            return classpath;
        }
    }

    /**
     * The directory a class file's package layout starts from, found from the class's own name; null when the
     * file is not where its package says it should be (such a class could not be loaded anyway).
     */
    static Path classRoot(Path classFile) {
        try (InputStream in = Files.newInputStream(classFile)) {
            String[] segments = ClassFileHeader.parse(in).name().split("\\.");
            Path dir = classFile.getParent();
            if (!classFile.getFileName().toString().equals(segments[segments.length - 1] + ".class")) {
                return null;
            }
            for (int i = segments.length - 2; i >= 0; i--) {
                if (dir == null || dir.getFileName() == null || !dir.getFileName().toString().equals(segments[i])) {
                    return null;
                }
                dir = dir.getParent();
            }
            return dir;
        } catch (IOException | RuntimeException e) {
            log.debug("Ignoring unreadable class file {}: {}", classFile, e.toString());
            return null;
        }
    }
}

package dev.ferry.installer;

import dev.ferry.runtime.model.PluginDescriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * {@code ferry plugin sync-manifests}: writes the ServiceLoader manifests ({@code META-INF/services/<type>}) that
 * plugins lack, so that workers can use {@code plugin.discovery=service_load} (KIP-898) and skip scanning. Does what
 * Apache's {@code connect-plugin-path.sh sync-manifests} does, in Ferry's layout: a plugin folder gets one extra jar,
 * {@value #MANIFEST_JAR}, holding the missing manifests (the plugin's own jars are left untouched); a plugin that is
 * a single jar directly in the plugin directory is rewritten with the manifests added (through a hidden copy renamed
 * over it, so a worker never reads a half-written jar).
 */
final class ManifestSync {
    static final String MANIFEST_JAR = "ferry-service-manifests.jar";

    private ManifestSync() {
    }

    /** @return the number of plugin locations changed (or that would be, with {@code dryRun}) */
    static int sync(PluginInventory inventory, boolean dryRun, PrintStream out) throws IOException {
        Map<String, List<PluginDescriptor>> missing = inventory.missingManifests();
        if (missing.isEmpty()) {
            out.println("Every plugin has its ServiceLoader manifest: workers may use plugin.discovery=service_load.");
            return 0;
        }
        for (Map.Entry<String, List<PluginDescriptor>> location : missing.entrySet()) {
            Path path = Path.of(location.getKey());
            out.println((dryRun ? "Dry run: would add" : "Adding") + " manifests for " + location.getValue().size()
                    + " plugin(s) to " + (Files.isDirectory(path) ? path.resolve(MANIFEST_JAR) : path) + ":");
            location.getValue().forEach(d -> out.println("  " + d.type().jsonName() + " " + d.className()));
            if (!dryRun) {
                Map<String, Set<String>> byInterface = new TreeMap<>();
                location.getValue().forEach(d -> byInterface.computeIfAbsent(d.type().interfaceName(),
                        i -> new LinkedHashSet<>()).add(d.className()));
                if (Files.isDirectory(path)) {
                    addToManifestJar(path.resolve(MANIFEST_JAR), byInterface);
                } else {
                    addToJar(path, byInterface);
                }
            }
        }
        if (!dryRun) {
            out.println("Workers started from now on find these plugins with plugin.discovery=service_load.");
        }
        return missing.size();
    }

    /** Creates or extends the folder's manifest jar, atomically. */
    private static void addToManifestJar(Path jar, Map<String, Set<String>> byInterface) throws IOException {
        if (!Files.exists(jar)) {
            Path hidden = jar.resolveSibling("." + jar.getFileName() + ".tmp");
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
            manifest.getMainAttributes().putValue("Created-By", "ferry plugin sync-manifests");
            try (OutputStream file = Files.newOutputStream(hidden); JarOutputStream ignored = new JarOutputStream(file,
                    manifest)) {
                // an empty jar with a manifest; the services are added below
            }
            addToJarFile(hidden, byInterface);
            Files.move(hidden, jar, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        addToJar(jar, byInterface);
    }

    /** Adds the class names to the jar's manifests through a hidden copy renamed over it. */
    private static void addToJar(Path jar, Map<String, Set<String>> byInterface) throws IOException {
        Path hidden = jar.resolveSibling("." + jar.getFileName() + ".tmp");
        Files.copy(jar, hidden, StandardCopyOption.REPLACE_EXISTING);
        try {
            addToJarFile(hidden, byInterface);
            Files.move(hidden, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(hidden);
        }
    }

    private static void addToJarFile(Path jar, Map<String, Set<String>> byInterface) throws IOException {
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
            for (Map.Entry<String, Set<String>> e : byInterface.entrySet()) {
                Path manifest = zip.getPath("META-INF", "services", e.getKey());
                Set<String> names = new LinkedHashSet<>();
                List<String> lines = new ArrayList<>();
                if (Files.exists(manifest)) {
                    lines.addAll(Files.readAllLines(manifest, StandardCharsets.UTF_8));
                    lines.forEach(l -> names.add(l.replaceFirst("#.*", "").trim()));
                } else {
                    Files.createDirectories(manifest.getParent());
                    lines.add("# written by ferry plugin sync-manifests");
                }
                for (String name : e.getValue()) {
                    if (!names.contains(name)) {
                        lines.add(name);
                    }
                }
                Files.write(manifest, lines, StandardCharsets.UTF_8);
            }
        }
    }
}

package dev.ferry.installer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code ferry plugin list} prints: per plugin folder (or jar) of the directory, where it came from when Ferry
 * installed it, its plugin classes with type and version as a worker reports them, and whether ServiceLoader
 * manifests cover them all ({@code plugin.discovery=service_load} readiness).
 */
final class PluginListing {
    private final PluginDirectory directory;
    private final PluginInventory inventory;

    PluginListing(PluginDirectory directory, PluginInventory inventory) {
        this.directory = directory;
        this.inventory = inventory;
    }

    void print(PrintStream out) {
        out.println("Plugin directory " + directory.dir);
        List<Path> entries = directory.entries();
        if (entries.isEmpty()) {
            out.println("  (no plugins)");
            return;
        }
        int missingTotal = 0;
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            out.println();
            StringBuilder header = new StringBuilder(name);
            directory.record(name).ifPresent(r -> header.append("  ").append(r.version()).append(" from ")
                    .append(r.source()));
            if (Files.isRegularFile(entry.resolve("manifest.json"))) {
                header.append("  (Confluent Hub component)");
            }
            out.println(header);
            List<PluginInventory.Found> found = inventory.byLocation.entrySet().stream()
                    .filter(e -> Path.of(e.getKey()).equals(entry))
                    .flatMap(e -> e.getValue().stream()).toList();
            if (found.isEmpty()) {
                out.println("  no connectors, converters, transforms or predicates found (a library folder, or a "
                        + "plugin whose classes cannot be loaded)");
                continue;
            }
            int width = found.stream().mapToInt(f -> f.descriptor().type().jsonName().length()).max().orElse(0);
            for (PluginInventory.Found f : found) {
                out.printf("  %-" + width + "s  %s  %s%s%n", f.descriptor().type().jsonName(),
                        f.descriptor().className(), f.descriptor().version(), f.inManifest() ? "" : "  (no manifest)");
            }
            long missing = found.stream().filter(f -> !f.inManifest()).count();
            missingTotal += (int) missing;
            out.println(missing == 0 ? "  ServiceLoader manifests: complete (ready for plugin.discovery=service_load)"
                    : "  ServiceLoader manifests: missing for " + missing + " of " + found.size()
                    + " (not found with plugin.discovery=service_load)");
        }
        if (missingTotal > 0) {
            out.println();
            out.println("`ferry plugin sync-manifests --plugin-dir " + directory.dir + "` writes the missing manifests.");
        }
    }
}

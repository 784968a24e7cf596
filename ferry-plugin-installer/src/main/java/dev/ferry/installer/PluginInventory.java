package dev.ferry.installer;

import dev.ferry.runtime.model.PluginDescriptor;
import dev.ferry.runtime.model.PluginType;
import dev.ferry.runtime.plugins.PluginDiscovery;
import dev.ferry.runtime.plugins.Plugins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The plugins of one plugin directory as a worker finds them: one discovery ({@link Plugins#discover}) in the
 * default mode, {@code plugin.discovery=hybrid_warn}, which reads ServiceLoader manifests and scans class files and
 * so knows both everything such a worker loads and, through {@link Plugins#withoutManifests()}, what
 * {@code plugin.discovery=service_load} would miss. Ferry's bundled plugins are discovered too, as a worker does
 * (plugins may link their classes), but not listed.
 */
final class PluginInventory {

    /** One plugin class as found, and whether a manifest names it. */
    record Found(PluginDescriptor descriptor, boolean inManifest) {
    }

    /** Plugin classes by plugin location (folder or jar), in path order. */
    final Map<String, List<Found>> byLocation = new TreeMap<>();

    private PluginInventory() {
    }

    static PluginInventory of(Path pluginDir, List<Path> bundled) {
        PluginInventory inventory = new PluginInventory();
        String prefix = pluginDir.toAbsolutePath().normalize().toString();
        try (Plugins plugins = Plugins.discover(List.of(pluginDir), bundled, PluginDiscovery.HYBRID_WARN)) {
            Set<String> unlisted = plugins.withoutManifests().stream()
                    .map(p -> key(p.className(), p.type(), p.location())).collect(Collectors.toSet());
            for (PluginDescriptor d : plugins.plugins()) {
                if (d.location().startsWith(prefix)) {
                    inventory.byLocation.computeIfAbsent(d.location(), l -> new ArrayList<>())
                            .add(new Found(d, !unlisted.contains(key(d.className(), d.type(), d.location()))));
                }
            }
        }
        return inventory;
    }

    private static String key(String className, PluginType type, String location) {
        return className + " " + type + " " + location;
    }

    /** Plugin classes a worker with {@code plugin.discovery=service_load} would not find, by location. */
    Map<String, List<PluginDescriptor>> missingManifests() {
        Map<String, List<PluginDescriptor>> missing = new TreeMap<>();
        byLocation.forEach((location, found) -> found.stream().filter(f -> !f.inManifest())
                .forEach(f -> missing.computeIfAbsent(location, l -> new ArrayList<>()).add(f.descriptor())));
        return missing;
    }
}

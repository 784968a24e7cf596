package dev.ferry.installer;

import dev.ferry.runtime.herder.PluginDescriptor;
import dev.ferry.runtime.herder.PluginType;
import dev.ferry.runtime.plugins.PluginDiscovery;
import dev.ferry.runtime.plugins.Plugins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The plugins of one plugin directory as a worker finds them: Ferry's own discovery ({@link Plugins#discover}),
 * once scanning class files (everything a worker with the default {@code plugin.discovery=hybrid_warn} loads) and
 * once from ServiceLoader manifests only (what {@code plugin.discovery=service_load} loads). The difference is the
 * plugins that lack manifests. Ferry's bundled plugins are discovered too, as a worker does (plugins may link their
 * classes), but not listed.
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
        Set<String> manifested = new LinkedHashSet<>();
        try (Plugins manifests = Plugins.discover(List.of(pluginDir), bundled, PluginDiscovery.SERVICE_LOAD)) {
            for (PluginDescriptor d : manifests.plugins()) {
                manifested.add(key(d));
            }
        }
        try (Plugins scanned = Plugins.discover(List.of(pluginDir), bundled, PluginDiscovery.ONLY_SCAN)) {
            for (PluginDescriptor d : scanned.plugins()) {
                if (d.location().startsWith(prefix)) {
                    inventory.byLocation.computeIfAbsent(d.location(), l -> new ArrayList<>())
                            .add(new Found(d, manifested.contains(key(d))));
                }
            }
        }
        return inventory;
    }

    private static String key(PluginDescriptor d) {
        return d.className() + " " + d.type() + " " + d.location();
    }

    /** Plugin classes a worker with {@code plugin.discovery=service_load} would not find, by location. */
    Map<String, List<PluginDescriptor>> missingManifests() {
        Map<String, List<PluginDescriptor>> missing = new TreeMap<>();
        byLocation.forEach((location, found) -> found.stream().filter(f -> !f.inManifest())
                .forEach(f -> missing.computeIfAbsent(location, l -> new ArrayList<>()).add(f.descriptor())));
        return missing;
    }

    /** The type names {@code ferry plugin list} prints, as Apache's REST API spells them. */
    static String typeName(PluginType type) {
        return type.jsonName();
    }
}

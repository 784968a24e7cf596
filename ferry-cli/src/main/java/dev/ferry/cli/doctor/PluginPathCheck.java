package dev.ferry.cli.doctor;

import dev.ferry.runtime.config.WorkerConfig;
import dev.ferry.runtime.model.PluginDescriptor;
import dev.ferry.runtime.model.Sentences;
import dev.ferry.runtime.plugins.PluginDiscovery;
import dev.ferry.runtime.plugins.PluginPathException;
import dev.ferry.runtime.plugins.Plugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * {@code plugin.path} as the worker reads it, through the runtime's own discovery ({@link Plugins#discover}):
 * elements that do not exist or cannot be read (the worker refuses to start), plugin folders inside an element that
 * cannot be read (the worker skips them quietly), plugin classes installed in more than one location, and plugins
 * without ServiceLoader manifests.
 */
final class PluginPathCheck {
    static final String CHECK = "plugin.path";
    static final String DUPLICATES = "plugins";
    static final String MANIFESTS = "manifests";

    private PluginPathCheck() {
    }

    /**
     * Runs the checks and returns the worker's plugins (the caller closes them), discovered from the usable
     * elements, or null when discovery failed for another reason.
     */
    static Plugins run(Map<String, String> props, List<Path> bundled, Report report) {
        List<Path> userPath = WorkerConfig.pluginPath(props).stream()
                .map(p -> Path.of(p).toAbsolutePath().normalize()).collect(Collectors.toCollection(ArrayList::new));
        int problems = report.findings().size();
        PluginDiscovery workerMode;
        try {
            workerMode = PluginDiscovery.parse(props.get(PluginDiscovery.CONFIG));
        } catch (ConfigException e) {
            report.error(CHECK, e.getMessage());
            workerMode = PluginDiscovery.HYBRID_WARN;
        }
        Plugins plugins = discoverUsable(userPath, bundled, report);
        if (plugins == null) {
            return null;
        }
        for (Path element : userPath) {
            unreadableFolders(element, report);
        }
        if (report.findings().size() == problems) {
            report.ok(CHECK, userPath.isEmpty() ? "not set: only Ferry's bundled plugins and the class path"
                    : userPath.size() + " element(s) readable: " + userPath);
        }
        duplicates(plugins, report);
        missingManifests(plugins, userPath, workerMode, report);
        return plugins;
    }

    /** Discovers the plugins, reporting and dropping each element the runtime refuses, as the worker would. */
    private static Plugins discoverUsable(List<Path> userPath, List<Path> bundled, Report report) {
        while (true) {
            try {
                // hybrid_warn compares scanning with manifests whatever the worker's mode, so both are known
                return Plugins.discover(userPath, bundled, PluginDiscovery.HYBRID_WARN);
            } catch (PluginPathException e) {
                report.error(CHECK, e.getMessage());
                Path bad = e.element().toAbsolutePath().normalize();
                if (!userPath.remove(bad)) {
                    return null; // a bundled directory: nothing more to learn
                }
            } catch (ConnectException e) {
                report.error(CHECK, "Plugin discovery failed: " + e.getMessage());
                return null;
            }
        }
    }

    /** Folders the worker's discovery walks past with no more than a log line. */
    private static void unreadableFolders(Path element, Report report) {
        if (!Files.isDirectory(element)) {
            return;
        }
        List<Path> children;
        try (Stream<Path> listing = Files.list(element)) {
            children = listing.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            report.error(CHECK, "Cannot list plugin.path element '" + element + "': " + Sentences.end(e) + " Give the worker's user "
                    + "read and execute permission on it (chmod a+rX '" + element + "').");
            return;
        }
        for (Path child : children) {
            if (!Files.isReadable(child) || !Files.isExecutable(child)) {
                report.error(CHECK, "Plugin folder '" + child + "' is not readable by user '"
                        + System.getProperty("user.name") + "', so the worker skips it and its plugins are missing. "
                        + "Give that user read and execute permission (chmod -R a+rX '" + child + "'), or remove it.");
            }
        }
    }

    private static void duplicates(Plugins plugins, Report report) {
        Map<String, List<PluginDescriptor>> byClass = new TreeMap<>();
        for (PluginDescriptor plugin : plugins.plugins()) {
            if (!"classpath".equals(plugin.location())) {
                byClass.computeIfAbsent(plugin.className() + " (" + plugin.type().jsonName() + ")",
                        k -> new ArrayList<>()).add(plugin);
            }
        }
        int found = 0;
        for (Map.Entry<String, List<PluginDescriptor>> entry : byClass.entrySet()) {
            List<PluginDescriptor> copies = entry.getValue();
            if (copies.stream().map(PluginDescriptor::location).distinct().count() < 2) {
                continue;
            }
            found++;
            String where = copies.stream().map(d -> d.location() + " (version " + d.version() + ")")
                    .collect(Collectors.joining(", "));
            boolean sameVersion = copies.stream().map(PluginDescriptor::version).distinct().count() == 1;
            report.warning(DUPLICATES, entry.getKey() + " is installed in " + copies.size() + " plugin locations: "
                    + where + ". " + (sameVersion
                    ? "Which copy a connector gets is not defined by its config; delete all but one of those folders."
                    : "Connectors get the newest unless they set a version; delete the folders of versions you no "
                    + "longer need, or set the version in the connector config."));
        }
        if (found == 0) {
            report.ok(DUPLICATES, "no plugin class is installed twice");
        }
    }

    private static void missingManifests(Plugins plugins, List<Path> userPath, PluginDiscovery workerMode,
                                         Report report) {
        // Only plugin.path is the user's to fix; Ferry's bundled plugins are its own business.
        Map<String, List<String>> byLocation = new TreeMap<>();
        for (Plugins.WithoutManifest plugin : plugins.withoutManifests()) {
            Path location = Path.of(plugin.location());
            if (userPath.stream().anyMatch(location::startsWith)) {
                byLocation.computeIfAbsent(plugin.location(), k -> new ArrayList<>()).add(plugin.className());
            }
        }
        if (byLocation.isEmpty()) {
            report.ok(MANIFESTS, "every plugin on plugin.path has ServiceLoader manifests");
            return;
        }
        boolean fatal = workerMode == PluginDiscovery.SERVICE_LOAD || workerMode == PluginDiscovery.HYBRID_FAIL;
        String consequence = switch (workerMode) {
            case SERVICE_LOAD -> "with this worker's plugin.discovery=service_load the worker does not see them";
            case HYBRID_FAIL -> "with this worker's plugin.discovery=hybrid_fail the worker refuses to start";
            default -> "the worker finds them only by scanning, and would not with plugin.discovery=service_load";
        };
        byLocation.forEach((location, classes) -> {
            String message = classes.size() + " plugin(s) in " + location + " have no ServiceLoader manifest "
                    + "(META-INF/services): " + String.join(", ", classes.stream().distinct().toList()) + "; "
                    + consequence + ". Write the manifests with 'ferry plugin sync-manifests' (as Apache's "
                    + "connect-plugin-path.sh sync-manifests does), or ask the plugin's authors to add them.";
            if (fatal) {
                report.error(MANIFESTS, message);
            } else {
                report.warning(MANIFESTS, message);
            }
        });
    }
}

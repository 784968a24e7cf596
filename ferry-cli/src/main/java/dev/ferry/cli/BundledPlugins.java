package dev.ferry.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the plugin directories that ship with Ferry (Apache's connect-file, connect-json and
 * connect-transforms, laid out as ordinary plugins). They are always on the plugin path,
 * whatever {@code plugin.path} says, as connect-json and connect-transforms are on Apache's
 * classpath, so a worker.properties written for Apache works unchanged.
 */
final class BundledPlugins {
    /** Set by the launcher to the distribution directory. */
    static final String HOME_PROPERTY = "ferry.home";

    private BundledPlugins() {
    }

    static List<Path> directories() {
        String home = System.getProperty(HOME_PROPERTY, System.getenv("FERRY_HOME"));
        if (home == null) {
            return List.of();
        }
        Path plugins = Path.of(home, "plugins");
        return Files.isDirectory(plugins) ? List.of(plugins) : List.of();
    }
}

package dev.ferry.runtime.plugins;

import java.nio.file.Path;
import java.util.List;

/**
 * One plugin location: a plugin directory, an uber jar or a class directory that gets its own
 * {@link PluginClassLoader}.
 *
 * @param path      the directory or archive, absolute; what {@code PluginDescriptor.location()} reports
 * @param classpath the archives and class-tree roots the loader reads, in loading order
 * @param origin    whether it came from {@code plugin.path} or from Ferry's bundled plugins
 */
record PluginLocation(Path path, List<ArchiveContents> classpath, PluginOrigin origin) {
}

package dev.ferry.runtime.plugins;

import dev.ferry.runtime.herder.PluginDescriptor;
import org.apache.kafka.connect.components.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a plugin's version: {@link Versioned#version()} of one throwaway instance, created with the plugin's
 * loader as context loader. Plugins that are not {@code Versioned}, return nothing, or cannot be created report
 * {@link PluginDescriptor#UNDEFINED_VERSION}.
 */
final class PluginVersions {

    private static final Logger log = LoggerFactory.getLogger(PluginVersions.class);

    private PluginVersions() {
    }

    static String read(Class<?> pluginClass, ClassLoader loader) {
        if (!Versioned.class.isAssignableFrom(pluginClass)) {
            return PluginDescriptor.UNDEFINED_VERSION;
        }
        try (LoaderSwap ignored = Plugins.swapLoader(loader)) {
            String version = ((Versioned) pluginClass.getDeclaredConstructor().newInstance()).version();
            return version == null || version.isBlank() ? PluginDescriptor.UNDEFINED_VERSION : version.trim();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.warn("Could not read the version of plugin {}; reporting '{}'. Creating it failed with: {}",
                    pluginClass.getName(), PluginDescriptor.UNDEFINED_VERSION, e.toString());
            return PluginDescriptor.UNDEFINED_VERSION;
        }
    }
}

package dev.ferry.runtime.plugins;

import dev.ferry.runtime.model.PluginDescriptor;
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
        } catch (Throwable e) {
            // anything a plugin's constructor, static initialiser or version() throws, Errors included
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null
                    ? e.getCause() : e;
            // The plugin's own exception often only wraps the reason (an IOException reading its version file):
            // the message names every cause, and the stack trace follows for the plugin's authors.
            log.warn("Could not read the version of plugin {}; reporting '{}'. Creating it or calling version() failed: {}",
                    pluginClass.getName(), PluginDescriptor.UNDEFINED_VERSION, PluginFailure.describe(cause)
                            + causesOf(cause), cause);
            return PluginDescriptor.UNDEFINED_VERSION;
        }
    }

    /** {@code "; caused by X; caused by Y"} for the causes below {@code failure}, at most three. */
    private static String causesOf(Throwable failure) {
        StringBuilder text = new StringBuilder();
        Throwable cause = failure.getCause();
        for (int depth = 0; cause != null && cause != failure && depth < 3; depth++) {
            text.append("; caused by ").append(cause);
            failure = cause;
            cause = cause.getCause();
        }
        return text.toString();
    }
}

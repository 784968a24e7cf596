package dev.ferry.runtime.plugins;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads {@code META-INF/services/<interface>} manifests (the {@link java.util.ServiceLoader} format: one class
 * name per line, {@code #} starts a comment) without instantiating the classes they name, so discovery stays
 * cheap and free of plugin side effects.
 */
final class ServiceManifests {

    private ServiceManifests() {
    }

    /** The resource path of the manifest for an interface. */
    static String resourceName(String interfaceName) {
        return "META-INF/services/" + interfaceName;
    }

    /** Class names listed in all the given manifest resources, in order, without duplicates. */
    static Set<String> classNames(Enumeration<URL> manifests) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        while (manifests.hasMoreElements()) {
            URL manifest = manifests.nextElement();
            try (InputStream in = manifest.openStream()) {
                names.addAll(classNames(in));
            }
        }
        return names;
    }

    /** Class names listed in one manifest. */
    static Set<String> classNames(InputStream manifest) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(manifest, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            int comment = line.indexOf('#');
            String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}

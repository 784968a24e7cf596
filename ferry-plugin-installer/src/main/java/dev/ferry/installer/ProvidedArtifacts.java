package dev.ferry.installer;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The libraries every Connect worker provides to its plugins, which a plugin folder must not carry (Apache's
 * plugin-installation guide asks for this): the Connect and Kafka client APIs, Apache's runtime and SLF4J's API.
 * The worker shares these with every plugin, so a plugin's own copy would never be loaded, and a second copy of
 * connect-api in a plugin folder is a classic source of {@code ClassCastException}s on other runtimes.
 */
final class ProvidedArtifacts {
    /** {@code group:artifact} of each provided library; their transitive dependencies go with them. */
    static final List<String> COORDINATES = List.of(
            "org.apache.kafka:connect-api",
            "org.apache.kafka:connect-runtime",
            "org.apache.kafka:kafka-clients",
            "org.slf4j:slf4j-api");

    /** The same libraries as jar file names ({@code kafka-clients-4.3.0.jar}), for archives. */
    private static final Pattern FILE_NAME = Pattern.compile(
            "(connect-api|connect-runtime|kafka-clients|slf4j-api)-\\d[^/]*\\.jar");

    private ProvidedArtifacts() {
    }

    static boolean isProvided(String groupId, String artifactId) {
        return COORDINATES.contains(groupId + ":" + artifactId);
    }

    static boolean isProvidedJar(String fileName) {
        return FILE_NAME.matcher(fileName).matches();
    }

    /** How the installer says why these files are left out. */
    static String reason() {
        return "the worker provides them to every plugin";
    }
}

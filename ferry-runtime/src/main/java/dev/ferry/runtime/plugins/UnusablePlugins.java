package dev.ferry.runtime.plugins;

import dev.ferry.runtime.model.PluginType;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The plugins discovery found but had to ignore (their class cannot be loaded, a class they need is missing, no
 * usable constructor), each with the reason. A request that names one of them is told that reason, instead of
 * "not found" with the closest names of other plugins, which sends the user after the wrong problem.
 *
 * <p>Filled during discovery, read afterwards from any thread.
 */
final class UnusablePlugins {

    /** One ignored plugin: its class, the type it was listed as, where it was found and why it was ignored. */
    record Unusable(String className, PluginType type, String location, String problem) {

        /** Whether a request for {@code name} meant this plugin: its class name or one of the aliases it would have. */
        boolean matches(String name) {
            if (name.equals(className)) {
                return true;
            }
            String simple = className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
            return name.equals(simple) || name.equals(PluginAliases.pruned(simple, type));
        }

        String describe() {
            return type.jsonName() + " plugin " + className + " was found in " + location + " but cannot be used: "
                    + problem + ".";
        }
    }

    private final List<Unusable> unusable = new CopyOnWriteArrayList<>();

    void add(String className, PluginType type, String location, String problem) {
        unusable.add(new Unusable(className, type, location, problem));
    }

    /** The ignored plugin of one of {@code types} that {@code name} names, if any. */
    Optional<Unusable> matching(String name, Set<PluginType> types) {
        String wanted = name == null ? "" : name.trim();
        return unusable.stream().filter(u -> types.contains(u.type()) && u.matches(wanted)).findFirst();
    }

    /**
     * {@code notFound} with the reason the named plugin was ignored put first, or {@code notFound} itself when the
     * name matches no ignored plugin.
     */
    PluginNotFoundException explain(PluginNotFoundException notFound) {
        return matching(notFound.requestedName(), notFound.requestedTypes())
                .map(u -> new PluginNotFoundException(u.describe() + " " + notFound.getMessage(),
                        notFound.requestedName(), notFound.requestedTypes(), notFound.closestMatches()))
                .orElse(notFound);
    }
}

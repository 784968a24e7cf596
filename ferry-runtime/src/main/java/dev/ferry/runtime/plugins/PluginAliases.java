package dev.ferry.runtime.plugins;

import dev.ferry.runtime.model.PluginType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Short names for plugin classes, usable wherever a class name is: the simple class name
 * ({@code FileStreamSinkConnector}) and the simple name cut before its type suffix ({@code FileStreamSink},
 * {@code Json} for {@code JsonConverter}, {@code All} for {@code AllConnectorClientConfigOverridePolicy}).
 *
 * <p>Like Apache's runtime, the suffix is cut at its last occurrence and only when something is left before
 * it; an alias claimed by two different classes belongs to neither (use the full class name then). Nested
 * classes use their own simple name, so {@code Cast$Value} gives {@code Value}, which usually collides.
 */
final class PluginAliases {

    private static final Logger log = LoggerFactory.getLogger(PluginAliases.class);

    private final Map<String, String> classByAlias;

    private PluginAliases(Map<String, String> classByAlias) {
        this.classByAlias = classByAlias;
    }

    static PluginAliases of(Collection<PluginEntry> entries) {
        Map<String, Set<String>> claims = new HashMap<>();
        for (PluginEntry entry : entries) {
            String simple = entry.pluginClass().getSimpleName();
            claims.computeIfAbsent(simple, a -> new TreeSet<>()).add(entry.className());
            claims.computeIfAbsent(pruned(simple, entry.type()), a -> new TreeSet<>()).add(entry.className());
        }
        Map<String, String> aliases = new HashMap<>();
        claims.forEach((alias, classNames) -> {
            if (classNames.size() == 1) {
                aliases.put(alias, classNames.iterator().next());
            } else {
                log.debug("Alias '{}' is ambiguous between {}; those plugins need their full class name", alias, classNames);
            }
        });
        return new PluginAliases(aliases);
    }

    /** The simple name without the type suffix, or the simple name itself when the suffix is absent or all of it. */
    static String pruned(String simpleName, PluginType type) {
        int cut = simpleName.lastIndexOf(PluginTypes.aliasSuffix(type));
        return cut > 0 ? simpleName.substring(0, cut) : simpleName;
    }

    /** The class an alias stands for, or null. */
    String resolve(String alias) {
        return classByAlias.get(alias);
    }

    /** The aliases that stand for a class. */
    Set<String> aliasesOf(String className) {
        Set<String> aliases = new TreeSet<>();
        classByAlias.forEach((alias, target) -> {
            if (target.equals(className) && !alias.equals(className)) {
                aliases.add(alias);
            }
        });
        return aliases;
    }
}

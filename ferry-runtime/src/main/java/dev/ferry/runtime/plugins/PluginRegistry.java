package dev.ferry.runtime.plugins;

import dev.ferry.runtime.model.PluginType;

import dev.ferry.runtime.model.Sentences;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Every discovered plugin, and the lookup from a class name or alias plus an optional version specification to
 * one of them. Immutable after discovery apart from lazily read versions, so it is safe to share between
 * threads.
 *
 * <p>A name resolves in this order: an installed class of exactly that name; a class Ferry stands in for (an
 * Apache connect-runtime class it replaces, a Confluent component its bundled plugins implement); an alias. Several versions of one class may be installed (KIP-891): without a version
 * spec the latest wins, and among equal versions {@code plugin.path} beats the bundled plugins, which beat the
 * worker classpath.
 */
final class PluginRegistry {

    private static final int MAX_LISTED = 20;
    /** Longer than any real class name; a longer request is a pasted value or hostile input. */
    private static final int MAX_QUOTED_NAME = 200;

    private final List<PluginEntry> entries;
    private final Map<String, List<PluginEntry>> byClassName = new HashMap<>();
    private final Map<Class<?>, PluginEntry> byClass = new IdentityHashMap<>();
    private final Map<String, String> standIns;
    private final PluginAliases aliases;
    private final String searched;
    private final Map<String, Optional<PluginClassLoader>> owners = new ConcurrentHashMap<>();
    /** The bundled plugins' loaders, which also serve the non-plugin classes of Apache's plugin packages. */
    private final List<PluginClassLoader> bundledLoaders;

    /**
     * @param searched how messages describe what was searched, e.g. {@code plugin.path [/opt/plugins], ...}
     */
    PluginRegistry(List<PluginEntry> entries, Map<String, String> standIns, String searched) {
        this.entries = List.copyOf(entries);
        this.standIns = Map.copyOf(standIns);
        this.searched = searched;
        for (PluginEntry entry : entries) {
            byClassName.computeIfAbsent(entry.className(), c -> new ArrayList<>()).add(entry);
            byClass.putIfAbsent(entry.pluginClass(), entry);
        }
        this.aliases = PluginAliases.of(entries);
        this.bundledLoaders = entries.stream()
                .filter(e -> e.origin() == PluginOrigin.BUNDLED && e.pluginLoader() != null)
                .map(PluginEntry::pluginLoader).distinct().toList();
    }

    List<PluginEntry> entries() {
        return entries;
    }

    /** The entry for a discovered class, or null when the class was not discovered as a plugin. */
    PluginEntry entryOf(Class<?> pluginClass) {
        return byClass.get(pluginClass);
    }

    /**
     * Finds the plugin to use.
     *
     * @param versionSpec exact version or Maven range; null or {@code latest} for the newest
     * @param preferred   when no version is requested, a plugin defined by this loader wins (a converter packaged
     *                    with the connector that uses it); may be null
     * @throws PluginNotFoundException if no plugin of these types has that name or alias
     * @throws PluginVersionException  if the spec is invalid or no installed version matches it
     */
    PluginEntry select(String nameOrAlias, Set<PluginType> types, String versionSpec, ClassLoader preferred) {
        String className = resolveClassName(nameOrAlias, types);
        List<PluginEntry> candidates = candidates(className, types);
        VersionSpec spec;
        try {
            spec = VersionSpec.parse(versionSpec);
        } catch (IllegalArgumentException e) {
            throw new PluginVersionException("Invalid version specification '" + versionSpec + "' for plugin "
                    + className + ": " + Sentences.end(e.getMessage()) + " Use an exact version such as 1.2.0, or a Maven version "
                    + "range such as [1.0,2.0).", List.of());
        }
        if (spec == null) {
            if (preferred != null) {
                for (PluginEntry candidate : candidates) {
                    if (candidate.loader() == preferred) {
                        return candidate;
                    }
                }
            }
            return candidates.size() == 1 ? candidates.get(0) : newest(candidates);
        }
        List<PluginEntry> matching = candidates.stream().filter(c -> spec.contains(c.version())).toList();
        if (matching.isEmpty()) {
            List<String> available = candidates.stream().map(PluginEntry::version).distinct()
                    .sorted(Comparator.comparing(MavenVersion::of)).toList();
            throw new PluginVersionException("Plugin " + className + " not found that matches the version range "
                    + spec + ", available versions: " + available + ". Request one of the available versions, or "
                    + "install the version you need on plugin.path and restart the worker.", available);
        }
        return newest(matching);
    }

    /**
     * The isolated loader that owns a plugin class name (the newest if several do), or null. A class of Apache's
     * plugin packages that is no plugin itself ({@code ReplaceField}, whose plugins are {@code ReplaceField$Key}
     * and {@code $Value}; {@code JsonConverterConfig}) is owned by the bundled Apache plugin that holds it: Apache
     * has those jars on every worker's class path, so other plugins link against them, and a plugin that brings its
     * own copy still uses its own (those packages are looked up in the plugin first).
     */
    PluginClassLoader isolatedOwner(String className) {
        return owners.computeIfAbsent(className, name -> {
            List<PluginEntry> isolated = byClassName.getOrDefault(name, List.of()).stream()
                    .filter(e -> e.pluginLoader() != null).toList();
            if (isolated.isEmpty()) {
                return Optional.ofNullable(apacheLibraryOwner(name, bundledLoaders));
            }
            return Optional.of((isolated.size() == 1 ? isolated.get(0) : newest(isolated)).pluginLoader());
        }).orElse(null);
    }

    /** The first of {@code bundled} that holds {@code className}, when it is a class of Apache's plugin packages. */
    static PluginClassLoader apacheLibraryOwner(String className, List<PluginClassLoader> bundled) {
        if (!IsolationRule.isApachePlugin(className)) {
            return null;
        }
        String classFile = className.replace('.', '/') + ".class";
        return bundled.stream().filter(loader -> loader.findResource(classFile) != null).findFirst().orElse(null);
    }

    private List<PluginEntry> candidates(String className, Set<PluginType> types) {
        return byClassName.getOrDefault(className, List.of()).stream().filter(e -> types.contains(e.type())).toList();
    }

    private static PluginEntry newest(List<PluginEntry> candidates) {
        return candidates.stream().max(Comparator.comparing((PluginEntry e) -> MavenVersion.of(e.version()))
                .thenComparing(e -> -e.origin().ordinal())).orElseThrow();
    }

    private String resolveClassName(String nameOrAlias, Set<PluginType> types) {
        String name = nameOrAlias == null ? "" : nameOrAlias.trim();
        for (String className : new String[]{name, standIns.get(name), aliases.resolve(name)}) {
            if (className != null && !candidates(className, types).isEmpty()) {
                return className;
            }
        }
        throw notFound(name, types);
    }

    private PluginNotFoundException notFound(String name, Set<PluginType> types) {
        String kind = PluginTypes.kind(types);
        StringBuilder message = new StringBuilder("Failed to find any class that implements ").append(kind)
                .append(" and whose name or alias matches ").append(quoted(name)).append('.');
        String other = firstNonNull(name, standIns.get(name), aliases.resolve(name));
        List<String> suggestions = List.of();
        if (other != null) {
            String actualKinds = byClassName.get(other).stream().map(e -> e.type().jsonName()).distinct()
                    .collect(Collectors.joining(" and "));
            message.append(" A plugin of that name exists, ").append(other).append(", but it is a ")
                    .append(actualKinds).append(", not a ").append(kind).append(".");
        } else {
            suggestions = ClosestNames.suggest(name, namesOf(types));
            if (!suggestions.isEmpty()) {
                message.append(" Closest matches: ").append(suggestions.stream().map(PluginRegistry::display)
                        .collect(Collectors.joining(", "))).append('.');
            } else {
                message.append(" No installed ").append(kind).append(" has a similar name; installed: ")
                        .append(installed(types)).append('.');
            }
        }
        message.append(" Searched ").append(searched).append(". Correct the name (a full class name or an alias), "
                + "or install the plugin as a directory or uber jar inside a plugin.path directory and restart the worker.");
        return new PluginNotFoundException(message.toString(), name, types, suggestions);
    }

    /** A requested name as the message quotes it: cut when it is far longer than any class name. */
    private static String quoted(String name) {
        return name.length() <= MAX_QUOTED_NAME ? "'" + name + "'"
                : "'" + name.substring(0, MAX_QUOTED_NAME) + "...' (" + name.length() + " characters, cut to "
                        + MAX_QUOTED_NAME + ")";
    }

    private String firstNonNull(String... classNames) {
        for (String className : classNames) {
            if (className != null && byClassName.containsKey(className)) {
                return className;
            }
        }
        return null;
    }

    /** Every name (class name, simple name, alias, replaced Apache name) of the plugins of these types. */
    private Map<String, String> namesOf(Set<PluginType> types) {
        Map<String, String> names = new LinkedHashMap<>();
        for (PluginEntry entry : entries) {
            if (types.contains(entry.type())) {
                names.put(entry.className(), entry.className());
                names.put(entry.pluginClass().getSimpleName(), entry.className());
                aliases.aliasesOf(entry.className()).forEach(alias -> names.put(alias, entry.className()));
            }
        }
        standIns.forEach((apache, ferry) -> {
            if (names.containsKey(ferry)) {
                names.put(apache, ferry);
            }
        });
        return names;
    }

    private String installed(Set<PluginType> types) {
        Set<String> classNames = new TreeSet<>();
        entries.stream().filter(e -> types.contains(e.type())).forEach(e -> classNames.add(e.className()));
        if (classNames.isEmpty()) {
            return "none";
        }
        String listed = classNames.stream().limit(MAX_LISTED).collect(Collectors.joining(", "));
        return classNames.size() > MAX_LISTED ? listed + " and " + (classNames.size() - MAX_LISTED) + " more" : listed;
    }

    private static String display(String className) {
        int cut = Math.max(className.lastIndexOf('.'), className.lastIndexOf('$'));
        return className.substring(cut + 1) + " (" + className + ")";
    }
}

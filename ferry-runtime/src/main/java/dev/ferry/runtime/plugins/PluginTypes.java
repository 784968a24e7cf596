package dev.ferry.runtime.plugins;

import dev.ferry.runtime.model.PluginType;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Facts about plugin types: the Java type behind each, the names used in messages and aliases, and which
 * plugins a set of scanned classes contains.
 */
final class PluginTypes {

    /** Types found by scanning bytecode; the others are found only through manifests, as on Apache. */
    static final Set<PluginType> SCANNABLE = EnumSet.of(PluginType.SOURCE, PluginType.SINK, PluginType.CONVERTER,
            PluginType.HEADER_CONVERTER, PluginType.TRANSFORMATION, PluginType.PREDICATE);

    private static final Map<String, PluginType> BY_INTERFACE = new HashMap<>();

    static {
        for (PluginType type : PluginType.values()) {
            BY_INTERFACE.put(type.interfaceName(), type);
        }
    }

    private PluginTypes() {
    }

    /** The interface or base class that plugins of a type implement. */
    static Class<?> typeClass(PluginType type) {
        return switch (type) {
            case SOURCE -> SourceConnector.class;
            case SINK -> SinkConnector.class;
            case CONVERTER -> Converter.class;
            case HEADER_CONVERTER -> HeaderConverter.class;
            case TRANSFORMATION -> Transformation.class;
            case PREDICATE -> Predicate.class;
            case CONFIG_PROVIDER -> ConfigProvider.class;
            case REST_EXTENSION -> ConnectRestExtension.class;
            case CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY -> ConnectorClientConfigOverridePolicy.class;
        };
    }

    /** The suffix cut off a class name to form its short alias, e.g. {@code Connector} or {@code HeaderConverter}. */
    static String aliasSuffix(PluginType type) {
        return type.isConnector() ? "Connector" : typeClass(type).getSimpleName();
    }

    /** The kind as named in messages: {@code Connector}, {@code Converter}, {@code Transformation}, ... */
    static String kind(PluginType type) {
        return aliasSuffix(type);
    }

    /** The kind of any of several types, e.g. {@code Connector} for source and sink. */
    static String kind(Set<PluginType> types) {
        return types.stream().map(PluginTypes::kind).distinct().sorted().reduce((a, b) -> a + " or " + b).orElse("plugin");
    }

    /**
     * The public concrete classes of a plugin's class path that implement one of the wanted types, with the
     * types each implements. Supertypes are followed through the plugin's own classes and then through the
     * worker's classes.
     */
    static Map<String, EnumSet<PluginType>> candidates(List<ArchiveContents> classpath, ExternalTypes external,
                                                      Set<PluginType> wanted) {
        Map<String, ClassFileHeader> classes = new HashMap<>();
        for (ArchiveContents contents : classpath) {
            contents.classes().forEach(classes::putIfAbsent);
        }
        Map<String, EnumSet<PluginType>> resolved = new HashMap<>();
        Map<String, EnumSet<PluginType>> found = new TreeMap<>();
        for (ClassFileHeader header : classes.values()) {
            if (header.isPublicConcreteClass()) {
                EnumSet<PluginType> types = typesOf(header.name(), classes, external, resolved);
                types.retainAll(wanted);
                if (!types.isEmpty()) {
                    found.put(header.name(), types);
                }
            }
        }
        return found;
    }

    private static EnumSet<PluginType> typesOf(String name, Map<String, ClassFileHeader> classes,
                                               ExternalTypes external, Map<String, EnumSet<PluginType>> resolved) {
        EnumSet<PluginType> known = resolved.get(name);
        if (known != null) {
            return EnumSet.copyOf(known);
        }
        ClassFileHeader header = classes.get(name);
        if (header == null) {
            EnumSet<PluginType> types = external.of(name);
            resolved.put(name, types);
            return EnumSet.copyOf(types);
        }
        resolved.put(name, EnumSet.noneOf(PluginType.class)); // guards against cyclic (corrupt) hierarchies
        EnumSet<PluginType> types = EnumSet.noneOf(PluginType.class);
        for (String supertype : header.supertypes()) {
            PluginType direct = BY_INTERFACE.get(supertype);
            if (direct != null) {
                types.add(direct);
            }
            types.addAll(typesOf(supertype, classes, external, resolved));
        }
        resolved.put(name, types);
        return EnumSet.copyOf(types);
    }
}

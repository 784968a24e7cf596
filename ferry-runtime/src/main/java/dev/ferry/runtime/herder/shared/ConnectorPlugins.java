package dev.ferry.runtime.herder.shared;

import dev.ferry.runtime.model.ConnectorType;
import dev.ferry.runtime.model.PluginDescriptor;
import dev.ferry.runtime.model.PluginType;
import dev.ferry.runtime.plugins.Plugins;
import java.util.List;
import java.util.Map;

/**
 * What a herder asks the plugins about a connector config: its type and plugin version, and the
 * plugin listings of {@code GET /connector-plugins}. A config whose class cannot be loaded is of
 * type UNKNOWN with no version, as Apache shows it, rather than an error.
 */
public final class ConnectorPlugins {
    private static final String CONNECTOR_CLASS = "connector.class";
    private static final String CONNECTOR_VERSION = "connector.plugin.version";

    private final Plugins plugins;

    public ConnectorPlugins(Plugins plugins) {
        this.plugins = plugins;
    }

    /** SOURCE or SINK, or UNKNOWN for a missing config or a class that cannot be loaded. */
    public ConnectorType typeOf(Map<String, String> connectorConfig) {
        if (connectorConfig == null) {
            return ConnectorType.UNKNOWN;
        }
        try {
            PluginType type = plugins.connectorType(plugins.connectorClass(connectorConfig.get(CONNECTOR_CLASS),
                    connectorConfig.get(CONNECTOR_VERSION)));
            return type == PluginType.SINK ? ConnectorType.SINK : ConnectorType.SOURCE;
        } catch (RuntimeException e) {
            return ConnectorType.UNKNOWN;
        }
    }

    public boolean isSink(Map<String, String> connectorConfig) {
        return typeOf(connectorConfig) == ConnectorType.SINK;
    }

    /** The connector plugin's version, or null when the config is missing or the plugin does not say. */
    public String versionOf(Map<String, String> connectorConfig) {
        if (connectorConfig == null) {
            return null;
        }
        try {
            String version = plugins.versionOf(plugins.connectorClass(connectorConfig.get(CONNECTOR_CLASS),
                    connectorConfig.get(CONNECTOR_VERSION)));
            return PluginDescriptor.UNDEFINED_VERSION.equals(version) ? null : version;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Sources and sinks; unless {@code connectorsOnly}, also converters, header converters, transforms and predicates. */
    public List<PluginDescriptor> listing(boolean connectorsOnly) {
        return connectorsOnly
                ? plugins.plugins(PluginType.SOURCE, PluginType.SINK)
                : plugins.plugins(PluginType.SOURCE, PluginType.SINK, PluginType.CONVERTER, PluginType.HEADER_CONVERTER,
                        PluginType.TRANSFORMATION, PluginType.PREDICATE);
    }

    /** Every installed plugin of every type ({@code Herder#allPlugins}). */
    public List<PluginDescriptor> all() {
        return plugins.plugins(PluginType.values());
    }
}

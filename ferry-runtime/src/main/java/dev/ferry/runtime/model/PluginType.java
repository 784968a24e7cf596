package dev.ferry.runtime.model;

/**
 * The kinds of plugin the worker discovers, with the type names Apache uses in JSON
 * ({@code GET /connector-plugins}) and in its plugin listings.
 */
public enum PluginType {
    SOURCE("source", "org.apache.kafka.connect.source.SourceConnector"),
    SINK("sink", "org.apache.kafka.connect.sink.SinkConnector"),
    CONVERTER("converter", "org.apache.kafka.connect.storage.Converter"),
    HEADER_CONVERTER("header_converter", "org.apache.kafka.connect.storage.HeaderConverter"),
    TRANSFORMATION("transformation", "org.apache.kafka.connect.transforms.Transformation"),
    PREDICATE("predicate", "org.apache.kafka.connect.transforms.predicates.Predicate"),
    CONFIG_PROVIDER("configprovider", "org.apache.kafka.common.config.provider.ConfigProvider"),
    REST_EXTENSION("rest_extension", "org.apache.kafka.connect.rest.ConnectRestExtension"),
    CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY("connector_client_config_override_policy",
            "org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy");

    private final String jsonName;
    private final String interfaceName;

    PluginType(String jsonName, String interfaceName) {
        this.jsonName = jsonName;
        this.interfaceName = interfaceName;
    }

    /** The name used in REST JSON, e.g. {@code header_converter}. */
    public String jsonName() {
        return jsonName;
    }

    /** The fully qualified name of the interface or base class a plugin of this type implements. */
    public String interfaceName() {
        return interfaceName;
    }

    /** Whether this is a connector type (source or sink). */
    public boolean isConnector() {
        return this == SOURCE || this == SINK;
    }
}

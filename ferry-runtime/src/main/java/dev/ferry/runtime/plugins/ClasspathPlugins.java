package dev.ferry.runtime.plugins;

import dev.ferry.runtime.model.PluginType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plugins on the worker's own class path, which are not isolated: connect-api's string converters,
 * kafka-clients' config providers, and Ferry's replacements for the plugins Apache ships inside its
 * connect-runtime jar (which Ferry does not use). The class path is never scanned, it is large and scanning it
 * would slow every start; this fixed list is completed by the {@code ServiceLoader} manifests found on it.
 *
 * <p>Apache's class names of the replaced plugins stay valid: they are aliases for Ferry's classes, so worker
 * and connector configs written for Apache work unchanged. The same holds for the components Confluent's
 * cp-kafka-connect image ships under its own class names (the schema-registry converters, the JDBC connectors), which Ferry's bundled
 * plugins implement: {@link #standIns()}.
 */
final class ClasspathPlugins {

    private static final String FERRY_CONVERTERS = "dev.ferry.runtime.converters.";
    private static final String FERRY_POLICIES = "dev.ferry.runtime.policy.";
    private static final String APACHE_CONVERTERS = "org.apache.kafka.connect.converters.";
    private static final String APACHE_POLICIES = "org.apache.kafka.connect.connector.policy.";

    private static final List<String> CONVERTERS = List.of("ByteArrayConverter", "BooleanConverter",
            "ShortConverter", "IntegerConverter", "LongConverter", "FloatConverter", "DoubleConverter");
    private static final List<String> POLICIES = List.of("AllConnectorClientConfigOverridePolicy",
            "NoneConnectorClientConfigOverridePolicy", "PrincipalConnectorClientConfigOverridePolicy",
            "AllowlistConnectorClientConfigOverridePolicy");

    private ClasspathPlugins() {
    }

    /** Class name to the plugin types it is registered as. */
    static Map<String, Set<PluginType>> fixedList() {
        Map<String, Set<PluginType>> plugins = new LinkedHashMap<>();
        Set<PluginType> bothConverters = Set.of(PluginType.CONVERTER, PluginType.HEADER_CONVERTER);
        plugins.put("org.apache.kafka.connect.storage.StringConverter", bothConverters);
        plugins.put("org.apache.kafka.connect.storage.SimpleHeaderConverter", Set.of(PluginType.HEADER_CONVERTER));
        for (String provider : List.of("FileConfigProvider", "DirectoryConfigProvider", "EnvVarConfigProvider")) {
            plugins.put("org.apache.kafka.common.config.provider." + provider, Set.of(PluginType.CONFIG_PROVIDER));
        }
        for (String converter : CONVERTERS) {
            plugins.put(FERRY_CONVERTERS + converter, bothConverters);
        }
        for (String policy : POLICIES) {
            plugins.put(FERRY_POLICIES + policy, Set.of(PluginType.CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY));
        }
        return plugins;
    }

    /**
     * Confluent's class names of components the cp-kafka-connect image ships, to the Ferry class (in a bundled
     * plugin) that stands in for each. Only a name: a user who installs Confluent's own jar gets Confluent's class,
     * because an installed class of the exact name always wins.
     */
    static Map<String, String> confluentStandIns() {
        Map<String, String> standIns = new LinkedHashMap<>();
        standIns.put("io.confluent.connect.avro.AvroConverter", "dev.ferry.converters.avro.AvroConverter");
        standIns.put("io.confluent.connect.protobuf.ProtobufConverter", "dev.ferry.converters.protobuf.ProtobufConverter");
        standIns.put("io.confluent.connect.json.JsonSchemaConverter", "dev.ferry.converters.json.JsonSchemaConverter");
        standIns.put("io.confluent.connect.jdbc.JdbcSourceConnector", "dev.ferry.jdbc.source.JdbcSourceConnector");
        standIns.put("io.confluent.connect.jdbc.JdbcSinkConnector", "dev.ferry.jdbc.sink.JdbcSinkConnector");
        return standIns;
    }

    /** Every class name Ferry answers to with a class of its own: Apache's replaced classes and Confluent's. */
    static Map<String, String> standIns() {
        Map<String, String> standIns = new LinkedHashMap<>(replacedApacheClasses());
        standIns.putAll(confluentStandIns());
        return standIns;
    }

    /** Apache connect-runtime class name to the Ferry class that replaces it. */
    static Map<String, String> replacedApacheClasses() {
        Map<String, String> replaced = new LinkedHashMap<>();
        CONVERTERS.forEach(c -> replaced.put(APACHE_CONVERTERS + c, FERRY_CONVERTERS + c));
        POLICIES.forEach(p -> replaced.put(APACHE_POLICIES + p, FERRY_POLICIES + p));
        return replaced;
    }
}

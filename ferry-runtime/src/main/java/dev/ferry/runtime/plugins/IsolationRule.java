package dev.ferry.runtime.plugins;

import java.util.List;
import java.util.Set;

/**
 * Decides, for a class name, whether a plugin class loader looks in the plugin first (isolated) or asks its
 * parent first.
 *
 * <p>The JDK, the Connect and Kafka client APIs and SLF4J must be shared with the worker, otherwise a plugin's
 * {@code Converter} would not be the worker's {@code Converter}. Apache nevertheless ships some plugins inside
 * {@code org.apache.kafka} (the SMTs, JSON and file connectors, converters, config providers, override
 * policies); those stay isolated so that a plugin may bundle its own copy, exactly as on Apache's runtime.
 */
final class IsolationRule {

    /** Package prefixes the worker shares with every plugin (JDK and Java EE APIs, Kafka, SLF4J). */
    private static final List<String> SHARED_PREFIXES = List.of(
            "java.", "javax.accessibility.", "javax.activation.", "javax.activity.", "javax.annotation.",
            "javax.batch.api.", "javax.batch.operations.", "javax.batch.runtime.", "javax.crypto.",
            "javax.decorator.", "javax.ejb.", "javax.el.", "javax.enterprise.concurrent.",
            "javax.enterprise.context.", "javax.enterprise.deploy.model.", "javax.enterprise.deploy.shared.",
            "javax.enterprise.deploy.spi.", "javax.enterprise.event.", "javax.enterprise.inject.",
            "javax.enterprise.util.", "javax.faces.", "javax.imageio.", "javax.inject.", "javax.interceptor.",
            "javax.jms.", "javax.json.", "javax.jws.", "javax.lang.model.", "javax.mail.", "javax.management.",
            "javax.naming.", "javax.net.", "javax.persistence.", "javax.print.", "javax.resource.", "javax.rmi.",
            "javax.script.", "javax.security.auth.", "javax.security.cert.", "javax.security.jacc.",
            "javax.security.sasl.", "javax.servlet.", "javax.sound.midi.", "javax.sound.sampled.", "javax.sql.",
            "javax.swing.", "javax.tools.", "javax.transaction.", "javax.validation.", "javax.websocket.",
            "javax.ws.rs.", "javax.xml.", "org.ietf.jgss.", "org.omg.CORBA.", "org.omg.CosNaming.",
            "org.omg.Dynamic.", "org.omg.DynamicAny.", "org.omg.IOP.", "org.omg.Messaging.",
            "org.omg.PortableInterceptor.", "org.omg.PortableServer.", "org.omg.SendingContext.",
            "org.omg.stub.java.rmi.", "org.w3c.dom.", "org.xml.sax.", "org.apache.kafka.", "org.slf4j.");

    /** Packages under {@code org.apache.kafka} that hold Apache's own plugins rather than API. */
    private static final List<String> PLUGIN_PACKAGE_PREFIXES = List.of(
            "org.apache.kafka.connect.transforms.", "org.apache.kafka.connect.json.",
            "org.apache.kafka.connect.file.", "org.apache.kafka.connect.mirror.",
            "org.apache.kafka.connect.converters.", "org.apache.kafka.connect.connector.policy.",
            "org.apache.kafka.common.config.provider.");

    /** Single plugin classes that live in API packages. */
    private static final Set<String> PLUGIN_CLASSES = Set.of(
            "org.apache.kafka.connect.storage.StringConverter",
            "org.apache.kafka.connect.storage.SimpleHeaderConverter",
            "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension");

    /** The API types that sit inside the plugin packages above and therefore must stay shared. */
    private static final Set<String> API_IN_PLUGIN_PACKAGES = Set.of(
            "org.apache.kafka.connect.transforms.Transformation",
            "org.apache.kafka.connect.transforms.predicates.Predicate",
            "org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy",
            "org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest",
            "org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest$ClientType",
            "org.apache.kafka.common.config.provider.ConfigProvider");

    private IsolationRule() {
    }

    /** Whether a plugin loader should look for {@code className} in the plugin before asking its parent. */
    static boolean isolated(String className) {
        return !isShared(className) || isApachePlugin(className);
    }

    private static boolean isShared(String className) {
        for (String prefix : SHARED_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the class belongs to one of Apache's plugins (its SMTs, JSON and file connectors, converters, config
     * providers, policies), which Apache keeps on every worker's class path and other plugins link against
     * (Debezium's ExtractNewRecordState extends nothing of Apache's but uses {@code ReplaceField}).
     */
    static boolean isApachePlugin(String className) {
        if (PLUGIN_CLASSES.contains(className)) {
            return true;
        }
        if (API_IN_PLUGIN_PACKAGES.contains(className)) {
            return false;
        }
        for (String prefix : PLUGIN_PACKAGE_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}

package dev.ferry.cli.doctor;

import dev.ferry.runtime.config.DistributedConfig;
import dev.ferry.runtime.config.StandaloneConfig;
import dev.ferry.runtime.config.WorkerConfig;
import dev.ferry.runtime.model.Sentences;
import dev.ferry.runtime.plugins.Plugins;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;

/**
 * {@code ferry doctor}: checks what a worker with the given properties would meet at start, without starting one.
 * The Java runtime, {@code plugin.path} (through the runtime's own discovery), the worker config itself, Kafka
 * (reachable with the worker's security settings, its version), for a distributed worker the three internal topics
 * and what the worker's principal may do with them and its group, and the Schema Registry of the default
 * converters. Every problem becomes a {@link Finding} that says what to do; nothing is created or changed.
 *
 * <p>Only the {@code ferry doctor} command loads this package, so a worker's start-up never does.
 */
public final class Doctor {
    static final String CONFIG_CHECK = "worker config";

    /**
     * What the doctor runs with besides the worker properties.
     *
     * @param javaVersion    the Java version to judge (the running one in production; a seam for tests)
     * @param javaHome       where that Java lives, for the message
     * @param bundledPlugins Ferry's bundled plugin directories, which the worker always searches
     * @param timeout        how long each network check may wait for an answer
     */
    public record Settings(Runtime.Version javaVersion, String javaHome, List<Path> bundledPlugins, Duration timeout) {

        /** The running JVM, the given bundled directories and timeout. */
        public static Settings of(List<Path> bundledPlugins, Duration timeout) {
            return new Settings(Runtime.version(), System.getProperty("java.home"), bundledPlugins, timeout);
        }
    }

    private Doctor() {
    }

    /** As {@link #examine(Map, List, String, Settings)} with no notes about the environment. */
    public static Report examine(Map<String, String> props, String source, Settings settings) {
        return examine(props, List.of(), source, settings);
    }

    /**
     * Runs every check.
     *
     * @param props            the worker properties as the worker would read them (file and {@code CONNECT_*}
     *                         environment)
     * @param environmentNotes what the environment did to the file (variables that overrode it or were ignored),
     *                         reported as they are: the worker logs the same at start
     * @param source           where they came from, for the report (a file name, or "the environment")
     */
    public static Report examine(Map<String, String> props, List<String> environmentNotes, String source,
                                 Settings settings) {
        Report report = new Report();
        environmentNotes.forEach(note -> report.ok("environment", note));
        JavaCheck.run(settings.javaVersion(), settings.javaHome(), report);
        Plugins plugins = PluginPathCheck.run(props, settings.bundledPlugins(), report);
        Map<String, String> resolved = props;
        try {
            WorkerConfig config = parse(props, source, plugins, report);
            if (config != null) {
                resolved = resolved(config);
            }
            kafka(resolved, config, settings.timeout(), report);
        } finally {
            if (plugins != null) {
                plugins.close();
            }
        }
        RegistryCheck.run(resolved, settings.timeout(), report);
        return report;
    }

    /**
     * The settings with {@code ${provider:...}} references resolved by the worker's own config providers, as the
     * worker's clients and converters get them (a {@code sasl.jaas.config} from a file, a password from the
     * environment).
     */
    private static Map<String, String> resolved(WorkerConfig config) {
        Map<String, String> values = new HashMap<>();
        config.originals().forEach((key, value) -> {
            if (value != null) {
                values.put(key, value.toString());
            }
        });
        return values;
    }

    /** A distributed worker has a {@code group.id}; the config as the worker parses it, or null when invalid. */
    private static WorkerConfig parse(Map<String, String> props, String source, Plugins plugins, Report report) {
        boolean distributed = props.containsKey(DistributedConfig.GROUP_ID_CONFIG);
        try {
            WorkerConfig config;
            if (distributed) {
                config = plugins == null ? new DistributedConfig(props) : new DistributedConfig(props, plugins);
                report.ok(CONFIG_CHECK, source + ": distributed worker of group '"
                        + ((DistributedConfig) config).groupId() + "'");
            } else {
                config = plugins == null ? new StandaloneConfig(props) : new StandaloneConfig(props, plugins);
                report.ok(CONFIG_CHECK, source + ": standalone worker (no group.id)");
            }
            return config;
        } catch (ConfigException e) {
            report.error(CONFIG_CHECK, source + " is not a valid " + (distributed ? "distributed" : "standalone")
                    + " worker config: " + e.getMessage().replaceAll("[.\\s]+$", "") + ". Fix that setting; the worker would "
                    + "not start.");
            return null;
        }
    }

    private static void kafka(Map<String, String> props, WorkerConfig config, Duration timeout, Report report) {
        String bootstrap = props.getOrDefault(WorkerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        Admin admin;
        try {
            admin = Admin.create(adminConfig(props, timeout));
        } catch (KafkaException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            report.error(BrokerCheck.CHECK, "Cannot connect to Kafka at bootstrap.servers=" + bootstrap + ": "
                    + Sentences.end(cause.getMessage()) + " Check bootstrap.servers (host names must resolve) and the security "
                    + "settings.");
            return;
        }
        try {
            int brokers = BrokerCheck.run(admin, bootstrap, timeout, report);
            if (!(config instanceof DistributedConfig distributed)) {
                if (config == null && props.containsKey(DistributedConfig.GROUP_ID_CONFIG)) {
                    report.skipped("internal topics", "the worker config is invalid");
                }
                return;
            }
            if (brokers < 0) {
                report.skipped("internal topics", "Kafka is unreachable");
                return;
            }
            InternalTopicsCheck.run(admin, distributed, timeout, report);
            AclCheck.run(admin, distributed, timeout, report);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    /** The worker's own client settings (security included), with the doctor's short timeouts. */
    static Map<String, Object> adminConfig(Map<String, String> props, Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        props.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.putIfAbsent(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        int ms = (int) timeout.toMillis();
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "ferry-doctor");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(ms, 10_000));
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, ms);
        return config;
    }
}

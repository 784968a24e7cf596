package dev.ferry.runtime.config;

import dev.ferry.runtime.plugins.ClosestNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the worker settings nothing reads, such as {@code offset.flush.interval.msx}, and names the
 * key each was probably meant to be. A misspelled optional key is otherwise silently ignored and
 * its default used; Apache's clients warn the same way about configs "supplied but not used".
 * Settings under prefixes that are passed on (to clients, converters, config providers, TLS
 * listeners, internal topics) and Kafka client settings are known: the worker hands them to its
 * clients, whose own checks cover them.
 *
 * <p>Thread contract: stateless, safe for concurrent use.
 */
final class UnknownWorkerKeys {
    private static final Logger log = LoggerFactory.getLogger(UnknownWorkerKeys.class);

    /** Prefixes whose keys are read by something the worker configures with them. */
    private static final List<String> PASSED_ON_PREFIXES = List.of(
            "producer.", "consumer.", "admin.", "listeners.", "admin.listeners.", "config.providers.",
            "key.converter.", "value.converter.", "header.converter.", "metrics.context.", "metric.reporters.",
            "offset.storage.", "config.storage.", "status.storage.", "topic.creation.", "confluent.",
            "internal.", "rest.extension.", "ssl.", "sasl.", "security.", "client.dns.", "java.");

    private UnknownWorkerKeys() {
    }

    /** The unknown keys among {@code props}, each with its closest known key when one is close; sorted. */
    static List<String> describe(ConfigDef definition, Map<String, String> props) {
        Set<String> known = new TreeSet<>(definition.names());
        known.addAll(ProducerConfig.configNames());
        known.addAll(ConsumerConfig.configNames());
        known.addAll(AdminClientConfig.configNames());
        List<String> unknown = new ArrayList<>();
        for (String key : new TreeSet<>(props.keySet())) {
            if (known.contains(key) || PASSED_ON_PREFIXES.stream().anyMatch(key::startsWith)
                    || key.equals("rest.host.name") || key.equals("rest.port")) {
                continue;
            }
            Optional<String> meant = ClosestNames.closest(key, definition.names());
            unknown.add(meant.map(m -> "'" + key + "' (did you mean '" + m + "'?)").orElse("'" + key + "'"));
        }
        return unknown;
    }

    /** Logs one warning naming every unknown key; nothing when all are known. */
    static void warn(ConfigDef definition, Map<String, String> props) {
        List<String> unknown = describe(definition, props);
        if (!unknown.isEmpty()) {
            log.warn("The worker configuration has settings that nothing reads: {}. They are ignored and the defaults "
                            + "used; fix the spelling, or remove them. (A REST extension or metrics reporter that reads "
                            + "its own top-level settings is the exception: then this warning is expected.)",
                    String.join(", ", unknown));
        }
    }
}

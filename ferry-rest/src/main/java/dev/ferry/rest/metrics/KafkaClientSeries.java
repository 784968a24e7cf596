package dev.ferry.rest.metrics;

import dev.ferry.runtime.model.ConnectorTaskId;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * How the Kafka clients' MBeans are named in {@code /metrics}: the producers, consumers and admin
 * clients of the worker and of its tasks ({@code kafka.producer}, {@code kafka.consumer},
 * {@code kafka.admin.client}) and the worker's group client ({@code kafka.connect:type=connect-metrics},
 * {@code connect-node-metrics}, {@code connect-coordinator-metrics}). Each naming gives the
 * series its JMX-exporter rules give the same MBean, so dashboards built on them work unchanged:
 *
 * <p><b>Strimzi</b> ({@code kafka-connect-metrics.yaml}): {@code kafka_<type>_<attribute>}, the
 * type without its {@code -metrics} suffix and the domain left out, e.g.
 * {@code kafka.producer:type=producer-metrics/outgoing-byte-total} is
 * {@code kafka_producer_outgoing_byte_total} and {@code connect-coordinator-metrics/assigned-tasks}
 * is {@code kafka_connect_coordinator_assigned_tasks}; labels {@code clientid}, {@code nodeid},
 * {@code topic}, {@code partition} (the exporter lower-cases its {@code clientId}/{@code nodeId}).
 * Like those rules it keeps only some attributes: {@code -total} ones as counters, and gauges by
 * suffix, which differ per kind of MBean (see {@link #forBean}). A partition's fetch metrics are
 * {@code kafka_consumer_fetch_manager_<attribute>}, a producer's per-topic ones
 * {@code kafka_producer_topic_<attribute>}.
 *
 * <p><b>Confluent</b> ({@code kafka_connect.yml} of jmx-monitoring-stacks): the group client's
 * MBeans as {@code kafka_connect_<type>_<attribute>{client_id}} (its node MBeans are not exported),
 * producers and consumers as {@code kafka_<producer|consumer>_<type>_<attribute>} with a
 * {@code client_type} label and one label per MBean key ({@code client_id}, {@code node_id},
 * {@code topic}, {@code partition}); every attribute. Admin clients are left out, as that config
 * lists them as not to be exported.
 *
 * <p>Both namings leave out {@code kafka-metrics-count}, name {@code app-info} by their app-info
 * rules ({@link #appInfo}, {@link AppInfoSeries}), add {@code connector} and {@code task} to the
 * series of a task's client ({@link TaskClients}) and {@code worker} to all. Where the exporter's unanchored patterns produce odd series (a
 * {@code records-lag-max} counted as {@code records_lag}, a quoted client id kept with its quotes,
 * a topic folded into the client id), Ferry names the attribute as the rule meant it.
 */
final class KafkaClientSeries {
    private static final String PRODUCER = "kafka.producer";
    private static final String CONSUMER = "kafka.consumer";
    private static final String ADMIN = "kafka.admin.client";
    private static final String CONNECT = "kafka.connect";

    /** The worker's group client's app-info (the worker's own comes from its registry, not JMX). */
    private static final String CONNECT_APP_INFO = CONNECT + ":type=app-info,client-id=*";
    private static final List<ObjectName> STRIMZI_PATTERNS = List.of(pattern(PRODUCER + ":*"),
            pattern(CONSUMER + ":*"), pattern(ADMIN + ":*"), pattern(CONNECT + ":type=connect-metrics,*"),
            pattern(CONNECT + ":type=connect-node-metrics,*"), pattern(CONNECT + ":type=connect-coordinator-metrics,*"),
            pattern(CONNECT_APP_INFO));
    private static final List<ObjectName> CONFLUENT_PATTERNS = List.of(pattern(PRODUCER + ":*"),
            pattern(CONSUMER + ":*"), pattern(CONNECT + ":type=connect-metrics,*"),
            pattern(CONNECT + ":type=connect-coordinator-metrics,*"), pattern(CONNECT_APP_INFO));

    /** Strimzi's gauges of a partition's fetch metrics. */
    private static final Predicate<String> PARTITION_GAUGES = a -> a.equals("compression-rate")
            || endsWithAny(a, "-avg", "-replica", "-lag", "-lead");
    /** Strimzi's gauges of a producer's per-topic metrics. */
    private static final Predicate<String> TOPIC_GAUGES = a -> a.equals("compression-rate")
            || endsWithAny(a, "-avg", "rate");
    /** Strimzi's gauges of a client's per-broker metrics. */
    private static final Predicate<String> NODE_GAUGES = a -> endsWithAny(a, "-avg", "-rate");
    /** Strimzi's gauges of every other client MBean. */
    private static final Predicate<String> CLIENT_GAUGES = a -> endsWithAny(a, "-avg", "-bytes", "-count",
            "-ratio", "-age", "-flight", "-threads", "-connectors", "-tasks", "-ago");
    private static final Predicate<String> EVERY_ATTRIBUTE = a -> true;

    private final String prefix;
    private final Predicate<String> gauges;
    private final Map<String, String> labels;

    private KafkaClientSeries(String prefix, Predicate<String> gauges, Map<String, String> labels) {
        this.prefix = prefix;
        this.gauges = gauges;
        this.labels = labels;
    }

    /** The MBean patterns a scrape in that naming queries: the clients' domains, never {@code *:*}. */
    static List<ObjectName> patterns(PrometheusSeries.Naming naming) {
        return naming == PrometheusSeries.Naming.CONFLUENT ? CONFLUENT_PATTERNS : STRIMZI_PATTERNS;
    }

    /**
     * How the attributes of one MBean are named, or null if the naming leaves the MBean out.
     *
     * @param workerId the {@code worker} label
     */
    static KafkaClientSeries forBean(ObjectName bean, PrometheusSeries.Naming naming, String workerId) {
        Hashtable<String, String> keys = bean.getKeyPropertyList();
        String type = keys.get("type");
        String clientId = keys.get("client-id");
        if (type == null || clientId == null || type.equals("app-info") || type.equals("kafka-metrics-count")) {
            return null;
        }
        clientId = unquoted(clientId);
        KafkaClientSeries series = naming == PrometheusSeries.Naming.CONFLUENT
                ? confluent(bean.getDomain(), type, clientId, keys) : strimzi(bean.getDomain(), type, clientId, keys);
        if (series == null) {
            return null;
        }
        addTaskAndWorker(series.labels, clientId, workerId);
        return series;
    }

    /**
     * How the {@code app-info} MBean {@code bean} of a client is named, or null if it is no
     * client's app-info or the naming leaves it out. Both rule sets match only
     * {@code type=app-info,client-id=...}, not kafka-clients' {@code type=app-info,id=...} twin
     * (Confluent's lists it as not to be exported). Strimzi's take every domain, admin clients
     * included; Confluent's take the worker's group client, producers and consumers, but not admin
     * clients or Confluent's monitoring interceptors' clients. The worker's own app-info (client
     * id {@code workerId}) is left out here: {@link PrometheusSnapshot} reads it from the registry.
     */
    static AppInfoSeries appInfo(ObjectName bean, PrometheusSeries.Naming naming, String workerId) {
        Hashtable<String, String> keys = bean.getKeyPropertyList();
        String clientId = keys.get("client-id");
        if (!AppInfoSeries.TYPE.equals(keys.get("type")) || clientId == null || keys.size() != 2) {
            return null;
        }
        clientId = unquoted(clientId);
        String domain = bean.getDomain();
        if (domain.equals(CONNECT) && clientId.equals(workerId)) {
            return null;
        }
        if (naming == PrometheusSeries.Naming.CONFLUENT && !(domain.equals(CONNECT)
                || (domain.equals(PRODUCER) || domain.equals(CONSUMER)) && !clientId.startsWith("confluent.monitoring"))) {
            return null;
        }
        return AppInfoSeries.of(domain, clientId, naming, workerId);
    }

    /**
     * Adds a task client's {@code connector} and {@code task} (read from its client id, see
     * {@link TaskClients}) and the {@code worker} to {@code labels}.
     */
    static void addTaskAndWorker(Map<String, String> labels, String clientId, String workerId) {
        ConnectorTaskId task = TaskClients.taskOf(clientId);
        if (task != null) {
            labels.put("connector", task.connector());
            labels.put("task", String.valueOf(task.task()));
        }
        labels.put("worker", workerId);
    }

    /**
     * Strimzi's rules, in their order: a partition's fetch metrics, a producer's topic metrics,
     * per-broker metrics ({@code node-id}), then any {@code *-metrics} MBean with a client id.
     */
    private static KafkaClientSeries strimzi(String domain, String type, String clientId, Map<String, String> keys) {
        if (!type.endsWith("-metrics")) {
            return null;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("clientid", clientId);
        if (domain.equals(CONSUMER) && type.equals("consumer-fetch-manager-metrics") && keys.size() == 4
                && keys.containsKey("topic") && keys.containsKey("partition")) {
            labels.put("topic", unquoted(keys.get("topic")));
            labels.put("partition", unquoted(keys.get("partition")));
            return new KafkaClientSeries("kafka_consumer_fetch_manager_", PARTITION_GAUGES, labels);
        }
        if (domain.equals(PRODUCER) && type.equals("producer-topic-metrics") && keys.size() == 3
                && keys.containsKey("topic")) {
            labels.put("topic", unquoted(keys.get("topic")));
            return new KafkaClientSeries("kafka_producer_topic_", TOPIC_GAUGES, labels);
        }
        String prefix = "kafka_" + PrometheusSeries.underscored(type.substring(0, type.length() - "-metrics".length()))
                + "_";
        if (keys.size() == 3 && keys.containsKey("node-id")) {
            labels.put("nodeid", unquoted(keys.get("node-id")));
            return new KafkaClientSeries(prefix, NODE_GAUGES, labels);
        }
        keys.forEach((key, value) -> {
            if (!key.equals("type") && !key.equals("client-id")) {
                labels.put(PrometheusSeries.labelName(key), unquoted(value));
            }
        });
        return new KafkaClientSeries(prefix, CLIENT_GAUGES, labels);
    }

    /**
     * Confluent's rules: the group client's two whitelisted types by type, producers and consumers
     * by domain and type with every key as a label; admin clients and Confluent's own monitoring
     * interceptors' clients are not exported.
     */
    private static KafkaClientSeries confluent(String domain, String type, String clientId, Map<String, String> keys) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (domain.equals(CONNECT)) {
            if (!type.equals("connect-metrics") && !type.equals("connect-coordinator-metrics")) {
                return null;
            }
            labels.put("client_id", clientId);
            return new KafkaClientSeries("kafka_connect_" + PrometheusSeries.underscored(type) + "_", EVERY_ATTRIBUTE,
                    labels);
        }
        if (!(domain.equals(PRODUCER) || domain.equals(CONSUMER)) || keys.containsKey("id")
                || clientId.startsWith("confluent.monitoring")) {
            return null;
        }
        String clientType = domain.substring("kafka.".length());
        labels.put("client_type", clientType);
        keys.forEach((key, value) -> {
            if (!key.equals("type")) {
                labels.put(PrometheusSeries.labelName(key), unquoted(value));
            }
        });
        return new KafkaClientSeries("kafka_" + clientType + "_" + PrometheusSeries.underscored(type) + "_",
                EVERY_ATTRIBUTE, labels);
    }

    /**
     * The series of one attribute of this MBean, or null if the naming leaves it out. A
     * {@code -total} attribute is a counter (its family without {@code _total}, which the writer
     * appends); everything else kept is a gauge.
     */
    PrometheusSeries series(String attribute) {
        if (attribute.endsWith("-total")) {
            String family = prefix + PrometheusSeries.underscored(attribute);
            return new PrometheusSeries(family.substring(0, family.length() - "_total".length()), true, null);
        }
        return gauges.test(attribute) ? new PrometheusSeries(prefix + PrometheusSeries.underscored(attribute), false,
                null) : null;
    }

    /** The labels of every series of this MBean, in a stable order. */
    Map<String, String> labels() {
        return labels;
    }

    /** kafka-clients quotes a tag value with characters JMX reserves (a client id with a colon, say). */
    private static String unquoted(String value) {
        if (value.length() >= 2 && value.charAt(0) == '"') {
            try {
                return ObjectName.unquote(value);
            } catch (IllegalArgumentException e) {
                return value;
            }
        }
        return value;
    }

    private static boolean endsWithAny(String text, String... suffixes) {
        for (String suffix : suffixes) {
            if (text.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectName pattern(String text) {
        try {
            return new ObjectName(text);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException("Bad MBean pattern " + text, e);
        }
    }
}

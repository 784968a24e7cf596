package dev.ferry.rest.metrics;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the {@code app-info} of the worker or of one Kafka client ({@code start-time-ms},
 * {@code version}, {@code commit-id} of {@code kafka.<domain>:type=app-info,client-id=<id>}) is
 * named in {@code /metrics}, as each naming's JMX-exporter rules name it:
 *
 * <ul>
 *   <li><b>Strimzi</b>: {@code kafka_<domain>_start_time_seconds{clientid}}, a gauge of the start
 *       time in seconds (the milliseconds times 0.001), and
 *       {@code kafka_<domain>_version_info{clientid,version}} and
 *       {@code kafka_<domain>_commit_id_info{clientid,commit_id}}, untyped, of value 1. The domain
 *       is the JMX one without {@code kafka.}, its dots made underscores
 *       ({@code kafka_admin_client_version_info}).</li>
 *   <li><b>Confluent</b>: one untyped family per domain, of value 1, with each attribute as a label
 *       on a series of its own: {@code kafka_connect_app_info{client_id,version}} (and
 *       {@code commit_id}, {@code start_time_ms} in milliseconds) for the worker and its group
 *       client, {@code kafka_<producer|consumer>_app_info{client_type,client_id,<attribute>}}
 *       for producers and consumers. Which clients are exported at all is the caller's
 *       ({@link KafkaClientSeries#appInfo}).</li>
 * </ul>
 *
 * <p>Every series also carries {@code worker}, and a task client's {@code connector} and
 * {@code task}, as the clients' other series do. A text attribute with an empty value, or a
 * start time that is not a number, gives no series, as the rules' patterns would not match it.
 */
final class AppInfoSeries {
    /** The MBean type of the app-info metrics. */
    static final String TYPE = "app-info";
    /** The attributes kafka-clients publishes on every app-info MBean. */
    static final List<String> ATTRIBUTES = List.of("start-time-ms", "version", "commit-id");

    private static final String START_TIME = "start-time-ms";
    private static final String CONNECT = "kafka.connect";

    private final String domain;
    private final PrometheusSeries.Naming naming;
    private final Map<String, String> labels;

    private AppInfoSeries(String domain, PrometheusSeries.Naming naming, Map<String, String> labels) {
        this.domain = domain;
        this.naming = naming;
        this.labels = labels;
    }

    /**
     * The app-info of the client (or worker) {@code clientId} publishing under the JMX domain
     * {@code domain} ({@code kafka.connect}, {@code kafka.producer}, ...).
     */
    static AppInfoSeries of(String domain, String clientId, PrometheusSeries.Naming naming, String workerId) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (naming == PrometheusSeries.Naming.CONFLUENT) {
            if (!domain.equals(CONNECT)) {
                labels.put("client_type", clientType(domain));
            }
            labels.put("client_id", clientId);
        } else {
            labels.put("clientid", clientId);
        }
        KafkaClientSeries.addTaskAndWorker(labels, clientId, workerId);
        return new AppInfoSeries(domain, naming, labels);
    }

    /**
     * Adds the series of one attribute's value, if the naming's rules give it one.
     *
     * @return whether a point was added
     */
    boolean addTo(SeriesFamilies families, String attribute, Object value) {
        if (value == null) {
            return false;
        }
        String text = value.toString();
        if (naming == PrometheusSeries.Naming.CONFLUENT) {
            String label = PrometheusSeries.labelName(attribute);
            return !text.isEmpty() && !labels.containsKey(label) && families.addUntyped(confluentFamily(), "Kafka " + clientType(domain)
                    + " app-info: one series per attribute, whose value is in the label named after it",
                    labels(label, text), 1.0);
        }
        String prefix = "kafka_" + PrometheusSeries.underscored(clientType(domain)) + "_";
        if (attribute.equals(START_TIME)) {
            return value instanceof Number millis && families.add(prefix + "start_time_seconds", false,
                    "Kafka " + clientType(domain) + " start time in seconds since the epoch (app-info start-time-ms)",
                    labels(null, null), millis.doubleValue() * 0.001);
        }
        if (attribute.equals("version") || attribute.equals("commit-id")) {
            String label = PrometheusSeries.labelName(attribute);
            return !text.isEmpty() && !labels.containsKey(label) && families.addUntyped(prefix + label + "_info", "Kafka " + clientType(domain)
                    + " " + attribute + " (app-info), in the " + label + " label", labels(label, text), 1.0);
        }
        return false;
    }

    /** The labels every series of this app-info carries, in a stable order. */
    Map<String, String> labels() {
        return labels;
    }

    /** Confluent names the worker's family by its rule for {@code kafka.connect}, the clients' by domain. */
    private String confluentFamily() {
        return "kafka_" + PrometheusSeries.underscored(clientType(domain)) + "_app_info";
    }

    private Labels labels(String extraName, String extraValue) {
        List<String> names = new ArrayList<>(labels.keySet());
        List<String> values = new ArrayList<>(labels.values());
        if (extraName != null) {
            names.add(extraName);
            values.add(extraValue);
        }
        return Labels.of(names, values);
    }

    /** {@code kafka.admin.client} is {@code admin.client}: the domain after {@code kafka.}. */
    private static String clientType(String domain) {
        return domain.startsWith("kafka.") ? domain.substring("kafka.".length()) : domain;
    }
}

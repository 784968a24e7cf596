package dev.ferry.rest.metrics;

import dev.ferry.runtime.metrics.ConnectMetrics;
import dev.ferry.runtime.model.InvalidRequestException;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.MetricName;

/**
 * How a Connect metric is named in {@code /metrics}: the rule the Strimzi JMX-exporter config for
 * Kafka Connect applies to the same MBeans, so dashboards and alerts written for it work unchanged.
 *
 * <ul>
 *   <li>Family: {@code kafka_connect_<group>_<attribute>}, where the group is the MBean type
 *       without its {@code -metrics} suffix, {@code connect-worker} shortened to {@code worker} and
 *       {@code connect-coordinator} to {@code coordinator}; dashes become underscores.
 *       E.g. {@code sink-task-metrics/sink-record-read-rate} becomes
 *       {@code kafka_connect_sink_task_sink_record_read_rate}.</li>
 *   <li>Labels: the MBean's tags ({@code connector}, {@code task}, ...; dashes become underscores),
 *       plus {@code worker} (the worker id).</li>
 *   <li>An attribute ending in {@code -total} is a counter; everything else is a gauge.</li>
 *   <li>{@code app-info} follows its own rules ({@link #appInfo}, {@link AppInfoSeries}):
 *       {@code kafka_connect_start_time_seconds}, {@code kafka_connect_version_info},
 *       {@code kafka_connect_commit_id_info}, each with {@code clientid}.</li>
 *   <li>A text attribute ({@code status}, {@code connector-class}, ...) is a gauge of value 1 that
 *       carries the text in a label named after the attribute, e.g.
 *       {@code kafka_connect_connector_status{connector="orders",status="running"} 1}.</li>
 * </ul>
 *
 * @param family    the family name, without {@code _total} for counters (the writer appends it)
 * @param counter   whether the family is a counter
 * @param textLabel for a text attribute, the label that carries its value; otherwise null
 */
record PrometheusSeries(String family, boolean counter, String textLabel) {
    private static final String PREFIX = "kafka_connect_";

    /**
     * The two naming schemes offered: Strimzi's (the default) and the one of Confluent's
     * jmx-monitoring-stacks {@code kafka_connect.yml}, which keeps the whole MBean type
     * ({@code kafka_connect_connect_worker_metrics_connector_count}) and puts text attributes as
     * labels on a series named after the type ({@code kafka_connect_connector_metrics{status="running"}}).
     */
    enum Naming {
        STRIMZI, CONFLUENT;

        /** The scheme a scrape asks for with {@code ?naming=}; Strimzi's when absent. */
        static Naming parse(String value) {
            if (value == null || value.isBlank() || value.equalsIgnoreCase("strimzi")) {
                return STRIMZI;
            }
            if (value.equalsIgnoreCase("confluent")) {
                return CONFLUENT;
            }
            throw new InvalidRequestException("Unknown naming '" + value + "' for /metrics: use 'strimzi' (the default) "
                    + "or 'confluent'.");
        }
    }

    /** The series of {@code name} in Strimzi's scheme; {@code text} says whether its value is text. */
    static PrometheusSeries of(MetricName name, boolean text) {
        return of(name, text, Naming.STRIMZI);
    }

    /** The series of {@code name} in the given scheme; {@code text} says whether its value is text. */
    static PrometheusSeries of(MetricName name, boolean text, Naming naming) {
        String attribute = name.name();
        String group = naming == Naming.CONFLUENT ? underscored(name.group()) : group(name.group());
        String family = PREFIX + group + "_" + underscored(attribute);
        if (text) {
            return new PrometheusSeries(naming == Naming.CONFLUENT ? PREFIX + group : family, false,
                    underscored(attribute));
        }
        if (attribute.endsWith("-total")) {
            return new PrometheusSeries(family.substring(0, family.length() - "_total".length()), true, null);
        }
        return new PrometheusSeries(family, false, null);
    }

    /**
     * How the worker's own {@code app-info} metric {@code name} is named, or null for the copy
     * without a {@code client-id} tag that kafka-clients also registers: both rule sets match only
     * {@code type=app-info,client-id=<worker id>}.
     */
    static AppInfoSeries appInfo(MetricName name, Naming naming, String workerId) {
        String clientId = name.tags().get("client-id");
        if (!AppInfoSeries.TYPE.equals(name.group()) || clientId == null || name.tags().size() != 1) {
            return null;
        }
        return AppInfoSeries.of(ConnectMetrics.JMX_PREFIX, clientId, naming, workerId);
    }

    /** The label names of a metric's tags, in the tags' order. */
    static String labelName(String tag) {
        return underscored(tag);
    }

    static String group(String mbeanType) {
        String group = mbeanType.endsWith("-metrics")
                ? mbeanType.substring(0, mbeanType.length() - "-metrics".length()) : mbeanType;
        if (group.startsWith("connect-")) {
            group = group.substring("connect-".length());
        }
        return underscored(group);
    }

    /** The labels of a metric: its tags plus {@code worker}, unless a tag already has that name. */
    static Map<String, String> labels(MetricName name, String workerId) {
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        name.tags().forEach((tag, value) -> labels.put(labelName(tag), value));
        labels.putIfAbsent("worker", workerId);
        return labels;
    }

    /** {@code text} lower-cased, with every character a Prometheus name cannot hold turned into {@code _}. */
    static String underscored(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(Character.isLetterOrDigit(c) && c < 128 ? c : '_');
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}

package dev.ferry.rest.metrics;

import io.prometheus.metrics.model.snapshots.Labels;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka clients' metrics for {@code /metrics}, read from JMX. Each client (a task's producer,
 * consumer or admin client, the worker's internal-topic clients, its group client) has its own
 * kafka-clients registry that only its JMX reporter publishes, so JMX is where they can all be
 * read without the runtime handing each registry over. Series are named by
 * {@link KafkaClientSeries}; a sink task's consumer lag is among them
 * ({@code kafka_consumer_fetch_manager_records_lag} with the task's {@code connector} and
 * {@code task}), and so is each client's {@code app-info} (start time, version, commit id;
 * {@link AppInfoSeries}).
 *
 * <p>A value that is not a number yet (an average before the first request, a partition's lag
 * before its first fetch) is left out, so that sums over a connector's clients stay numbers.
 *
 * <p>Cost: one {@code queryNames} per client domain (never {@code *:*}), then per MBean one
 * {@code getMBeanInfo} and one {@code getAttributes} for the attributes the naming keeps (for an
 * app-info MBean, whose attributes are known, only the {@code getAttributes}).
 *
 * <p>Thread contract: stateless; each scrape reads JMX afresh, and an MBean that goes away
 * mid-scrape (a task stopping) is skipped.
 */
final class KafkaClientSnapshot {
    private static final Logger log = LoggerFactory.getLogger(KafkaClientSnapshot.class);
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    private KafkaClientSnapshot() {
    }

    static void addTo(SeriesFamilies families, String workerId, PrometheusSeries.Naming naming) {
        for (ObjectName pattern : KafkaClientSeries.patterns(naming)) {
            for (ObjectName bean : JMX.queryNames(pattern, null)) {
                KafkaClientSeries rule = KafkaClientSeries.forBean(bean, naming, workerId);
                if (rule != null) {
                    addBean(families, bean, rule);
                    continue;
                }
                AppInfoSeries appInfo = KafkaClientSeries.appInfo(bean, naming, workerId);
                if (appInfo != null) {
                    addAppInfo(families, bean, appInfo);
                }
            }
        }
    }

    /** The app-info attributes are known, so they are read without asking for the MBean's info. */
    private static void addAppInfo(SeriesFamilies families, ObjectName bean, AppInfoSeries rule) {
        try {
            for (Attribute attribute : JMX.getAttributes(bean, AppInfoSeries.ATTRIBUTES.toArray(String[]::new)).asList()) {
                rule.addTo(families, attribute.getName(), attribute.getValue());
            }
        } catch (InstanceNotFoundException e) {
            log.trace("Client MBean {} went away during the scrape", bean);
        } catch (JMException | RuntimeException e) {
            log.debug("Leaving the app-info of {} out of /metrics", bean, e);
        }
    }

    private static void addBean(SeriesFamilies families, ObjectName bean, KafkaClientSeries rule) {
        Map<String, PrometheusSeries> kept = new HashMap<>();
        Map<String, String> help = new HashMap<>();
        try {
            for (MBeanAttributeInfo attribute : JMX.getMBeanInfo(bean).getAttributes()) {
                PrometheusSeries series = rule.series(attribute.getName());
                if (series != null) {
                    kept.put(attribute.getName(), series);
                    help.put(attribute.getName(), attribute.getDescription());
                }
            }
            if (kept.isEmpty()) {
                return;
            }
            Labels labels = Labels.of(new ArrayList<>(rule.labels().keySet()), new ArrayList<>(rule.labels().values()));
            List<Attribute> values = JMX.getAttributes(bean, kept.keySet().toArray(String[]::new)).asList();
            for (Attribute attribute : values) {
                double number;
                if (attribute.getValue() instanceof Number n) {
                    number = n.doubleValue();
                } else if (attribute.getValue() instanceof Boolean b) {
                    number = b ? 1.0 : 0.0;
                } else {
                    continue;
                }
                if (Double.isNaN(number)) {
                    continue;
                }
                PrometheusSeries series = kept.get(attribute.getName());
                families.add(series.family(), series.counter(), help.get(attribute.getName()), labels, number);
            }
        } catch (InstanceNotFoundException e) {
            log.trace("Client MBean {} went away during the scrape", bean);
        } catch (JMException | RuntimeException e) {
            log.debug("Leaving the metrics of {} out of /metrics", bean, e);
        }
    }
}

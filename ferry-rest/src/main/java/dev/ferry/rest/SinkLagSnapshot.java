package dev.ferry.rest;

import dev.ferry.runtime.herder.ConnectorTaskId;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer lag of every sink task, for {@code /metrics}: each task's consumer publishes
 * {@code records-lag} per partition in its own registry (JMX,
 * {@code kafka.consumer:type=consumer-fetch-manager-metrics,client-id=connector-consumer-<c>-<t>,topic,partition}),
 * not in the Connect registry, so it is read from JMX and named as the common JMX-exporter rules
 * name it, {@code kafka_consumer_fetch_manager_records_lag}, with {@code connector} and {@code task}
 * labels added from the client id so dashboards and alerts can group by connector.
 *
 * <p>Thread contract: stateless; each scrape reads JMX afresh.
 */
final class SinkLagSnapshot {
    private static final Logger log = LoggerFactory.getLogger(SinkLagSnapshot.class);
    static final String FAMILY = "kafka_consumer_fetch_manager_records_lag";
    private static final String CLIENT_PREFIX = "connector-consumer-";
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    private SinkLagSnapshot() {
    }

    static GaugeSnapshot of(String workerId) {
        GaugeSnapshot.Builder family = GaugeSnapshot.builder().name(FAMILY)
                .help("The consumer lag of a sink task, in records, per topic partition.");
        Set<ObjectName> names;
        try {
            names = JMX.queryNames(new ObjectName("kafka.consumer:type=consumer-fetch-manager-metrics,client-id="
                    + CLIENT_PREFIX + "*,topic=*,partition=*"), null);
        } catch (JMException e) {
            log.debug("Cannot query consumer lag MBeans", e);
            return family.build();
        }
        for (ObjectName name : names) {
            String clientId = name.getKeyProperty("client-id");
            ConnectorTaskId task = ConnectorTaskId.parse(clientId.substring(CLIENT_PREFIX.length()));
            if (task == null) {
                continue;
            }
            try {
                Object lag = JMX.getAttribute(name, "records-lag");
                if (!(lag instanceof Number number) || Double.isNaN(number.doubleValue())) {
                    continue;
                }
                family.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("client_id", clientId, "connector", task.connector(),
                                "task", String.valueOf(task.task()), "topic", name.getKeyProperty("topic"),
                                "partition", name.getKeyProperty("partition"), "worker", workerId))
                        .value(number.doubleValue()).build());
            } catch (JMException | RuntimeException e) {
                log.debug("Leaving the lag of {} out of /metrics", name, e);
            }
        }
        return family.build();
    }
}

package dev.ferry.rest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.rest.metrics.PrometheusSeries.Naming;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JVM families carry the names the Strimzi and Confluent dashboards query. */
class JvmSnapshotTest {

    @Test
    void jvmFamilies_haveTheNamesTheDashboardsQuery() {
        List<String> names = names(new JvmSnapshot("w1").scrape(Naming.STRIMZI));

        // Strimzi's dashboard: jvm_memory_used_bytes, jvm_gc_collection_seconds_sum, jvm_threads_current;
        // Confluent's adds process_cpu_seconds_total. Counters are named without _total in the model.
        assertThat(names).contains("jvm_memory_used_bytes", "jvm_memory_max_bytes", "jvm_gc_collection_seconds",
                "jvm_threads_current", "process_cpu_seconds", "process_resident_memory_bytes");
        assertThat(names).doesNotContain(JvmSnapshot.CONFLUENT_MAX_ALIAS);
    }

    @Test
    void confluentNaming_alsoPublishesTheHeapMaximumUnderTheNameItsDashboardQueries() {
        List<MetricSnapshot> snapshots = new JvmSnapshot("w1").scrape(Naming.CONFLUENT);

        GaugeSnapshot alias = (GaugeSnapshot) snapshots.stream()
                .filter(s -> s.getMetadata().getName().equals(JvmSnapshot.CONFLUENT_MAX_ALIAS)).findFirst().orElseThrow();
        assertThat(alias.getDataPoints()).anySatisfy(point -> {
            assertThat(point.getLabels().get("area")).isEqualTo("heap");
            assertThat(point.getLabels().get("worker")).isEqualTo("w1");
            assertThat(point.getValue()).isPositive();
        });
        assertThat(names(snapshots)).contains("jvm_memory_max_bytes");
    }

    private static List<String> names(List<MetricSnapshot> snapshots) {
        return snapshots.stream().map(s -> s.getMetadata().getName()).toList();
    }
}

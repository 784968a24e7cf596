package dev.ferry.rest.metrics;

import dev.ferry.runtime.metrics.ConnectMetrics;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * {@code GET /metrics}: the worker's metrics in the Prometheus text format, or in OpenMetrics
 * when the {@code Accept} header asks for {@code application/openmetrics-text}, with no agent
 * needed. A scrape gathers three sources: the Connect metrics, from the same registry the JMX
 * reporter publishes ({@link PrometheusSnapshot}); the Kafka clients' metrics of the worker and
 * its tasks, from JMX ({@link KafkaClientSnapshot}, which includes sink tasks' consumer lag); and
 * the JVM's and process's own ({@link JvmSnapshot}, loaded on the first request). Series are
 * named as Strimzi's JMX-exporter rules name them, or as Confluent's with
 * {@code ?naming=confluent} ({@link PrometheusSeries.Naming}); {@code docs/MONITORING.md} lists them.
 */
public final class MetricsResource {
    private final ConnectMetrics metrics;
    private final JvmSnapshot jvm;
    /** Set up on the first scrape, so a worker that is never scraped does not load the exposition classes. */
    private ExpositionFormats formats;

    /** Serves {@code metrics}, the worker's registry, with its worker id as the {@code worker} label. */
    public MetricsResource(ConnectMetrics metrics) {
        this.metrics = metrics;
        this.jvm = new JvmSnapshot(metrics.workerId());
    }

    /** Adds {@code GET /metrics} to the server's routes. */
    public void register(JavalinDefaultRoutingApi routes) {
        routes.get("/metrics", this::scrape);
    }

    private void scrape(Context ctx) throws IOException {
        ExpositionFormatWriter writer = textWriter(ctx.header("Accept"));
        ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
        PrometheusSeries.Naming naming = PrometheusSeries.Naming.parse(ctx.queryParam("naming"));
        SeriesFamilies families = new SeriesFamilies();
        PrometheusSnapshot.addTo(families, metrics.registry().metrics(), metrics.workerId(), naming);
        KafkaClientSnapshot.addTo(families, metrics.workerId(), naming);
        MetricSnapshots.Builder all = MetricSnapshots.builder();
        families.snapshots().forEach(all::metricSnapshot);
        for (MetricSnapshot family : jvm.scrape(naming)) {
            // The JVM families are jvm_* and process_*, which no Kafka metric is named; the check
            // keeps a surprise from failing the whole scrape.
            if (!families.contains(family.getMetadata().getName())) {
                all.metricSnapshot(family);
            }
        }
        writer.write(body, all.build());
        ctx.status(200).contentType(writer.getContentType()).result(body.toByteArray());
    }

    /** OpenMetrics if asked for, otherwise the Prometheus text format (never protobuf: only text is offered). */
    private synchronized ExpositionFormatWriter textWriter(String accept) {
        if (formats == null) {
            formats = ExpositionFormats.init();
        }
        if (formats.getOpenMetricsTextFormatWriter().accepts(accept)) {
            return formats.getOpenMetricsTextFormatWriter();
        }
        return formats.getPrometheusTextFormatWriter();
    }
}

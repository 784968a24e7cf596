package dev.ferry.rest;

import dev.ferry.runtime.metrics.ConnectMetrics;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * {@code GET /metrics}: the worker's Connect metrics in the Prometheus text format, or in
 * OpenMetrics when the {@code Accept} header asks for {@code application/openmetrics-text}, read
 * from the same registry the JMX reporter publishes (no agent needed). Series names follow
 * {@link PrometheusSeries} (Strimzi's scheme, or Confluent's with {@code ?naming=confluent});
 * {@code docs/MONITORING.md} lists them. Sink tasks' consumer lag comes
 * from their consumers' own registries ({@link SinkLagSnapshot}).
 */
final class MetricsResource {
    private final ConnectMetrics metrics;
    private final ExpositionFormats formats = ExpositionFormats.init();

    MetricsResource(ConnectMetrics metrics) {
        this.metrics = metrics;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/metrics", this::scrape);
    }

    private void scrape(Context ctx) throws IOException {
        ExpositionFormatWriter writer = textWriter(ctx.header("Accept"));
        ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
        PrometheusSeries.Naming naming = PrometheusSeries.Naming.parse(ctx.queryParam("naming"));
        MetricSnapshots connect = PrometheusSnapshot.of(metrics.registry().metrics(), metrics.workerId(), naming);
        MetricSnapshots.Builder all = MetricSnapshots.builder();
        connect.forEach(all::metricSnapshot);
        all.metricSnapshot(SinkLagSnapshot.of(metrics.workerId()));
        writer.write(body, all.build());
        ctx.status(200).contentType(writer.getContentType()).result(body.toByteArray());
    }

    /** OpenMetrics if asked for, otherwise the Prometheus text format (never protobuf: only text is offered). */
    private ExpositionFormatWriter textWriter(String accept) {
        if (formats.getOpenMetricsTextFormatWriter().accepts(accept)) {
            return formats.getOpenMetricsTextFormatWriter();
        }
        return formats.getPrometheusTextFormatWriter();
    }
}

package dev.ferry.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.runtime.herder.Herder;
import dev.ferry.runtime.metrics.ConnectMetrics;
import dev.ferry.runtime.metrics.RecentSeries;
import dev.ferry.runtime.model.ConnectorStatusReport;
import dev.ferry.runtime.model.RestartEvent;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.utils.Time;

/**
 * {@code GET /connectors/{c}/metrics/series} (Ferry only): the last minutes of each task's
 * records in/out per second, errors and dead-lettered records per interval, batch time and sink
 * lag, from {@link RecentSeries}, for small charts. The worker that receives the request asks
 * every other worker that runs one of the connector's tasks (by the status's {@code worker_id},
 * with the client's {@code Authorization}, {@code forward=false}) and answers all tasks together,
 * so any worker of a cluster gives the same answer; a worker that does not answer within
 * {@link #PEER_TIMEOUT} is listed in {@code unreachable_workers}.
 *
 * <p>{@code GET /connectors/{c}/restarts} gathers the workers' automatic-restart decisions the same way.
 *
 * <p>The {@link RecentSeries} is created on the first request: a worker nobody asks samples nothing.
 */
final class ConnectorMetricsResource {
    /** How long to wait for another worker's series. */
    static final Duration PEER_TIMEOUT = Duration.ofSeconds(5);

    private final Herder herder;
    private final ConnectMetrics metrics;
    private final JsonResponses json;
    private final JsonContentType types;
    private final ObjectMapper mapper;
    private final RequestForwarder forwarder;
    private final java.util.function.Supplier<URI> advertisedUrl;
    private RecentSeries series;

    ConnectorMetricsResource(Herder herder, ConnectMetrics metrics, JsonResponses json, ObjectMapper mapper,
                             RequestForwarder forwarder, java.util.function.Supplier<URI> advertisedUrl) {
        this.herder = herder;
        this.metrics = metrics;
        this.json = json;
        this.types = new JsonContentType(json);
        this.mapper = mapper;
        this.forwarder = forwarder;
        this.advertisedUrl = advertisedUrl;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/connectors/{connector}/metrics/series", types.accepting(this::get));
        routes.get("/connectors/{connector}/restarts", types.accepting(this::restarts));
    }

    synchronized RecentSeries series() {
        if (series == null) {
            series = new RecentSeries(metrics.registry(), Time.SYSTEM, ConnectorMetricsResource::consumerLag, true);
        }
        return series;
    }

    /** Stops the sampler thread, if it ever started. */
    synchronized void close() {
        if (series != null) {
            series.close();
            series = null;
        }
    }

    private void get(Context ctx) {
        String connector = ctx.pathParam("connector");
        // Unknown connectors are answered 404 here, as every /connectors/{c} path does.
        ConnectorStatusReport status = herder.connectorStatus(connector);
        List<Object> tasks = new ArrayList<>();
        for (RecentSeries.Series s : series().read(connector).values()) {
            tasks.add(taskJson(s));
        }
        List<Map<String, Object>> unreachable = new ArrayList<>();
        if (!"false".equals(ctx.queryParam(RequestForwarder.FORWARD_PARAM))) {
            for (String worker : otherWorkers(status)) {
                askPeer(ctx, worker, "tasks", tasks, unreachable);
            }
        }
        tasks.sort((a, b) -> Integer.compare(taskNumber(a), taskNumber(b)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connector", connector);
        body.put("interval_ms", RecentSeries.INTERVAL_MS);
        body.put("window_ms", RecentSeries.INTERVAL_MS * RecentSeries.SAMPLES);
        body.put("series", RecentSeries.SERIES);
        body.put("tasks", tasks);
        body.put("unreachable_workers", unreachable);
        json.send(ctx, 200, body);
    }

    private Map<String, Object> taskJson(RecentSeries.Series s) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("task", s.task());
        task.put("worker_id", metrics.workerId());
        task.put("type", s.type());
        task.put("times", s.times());
        Map<String, Object> values = new LinkedHashMap<>();
        s.values().forEach((name, array) -> {
            List<Double> list = new ArrayList<>(array.length);
            for (double v : array) {
                list.add(Double.isNaN(v) || Double.isInfinite(v) ? null : v);
            }
            values.put(name, list);
        });
        task.put("values", values);
        return task;
    }

    private Set<String> otherWorkers(ConnectorStatusReport status) {
        Set<String> workers = new LinkedHashSet<>();
        String connectorWorker = status.connector() == null ? null : status.connector().workerId();
        if (connectorWorker != null && !connectorWorker.isBlank() && !connectorWorker.equals(metrics.workerId())) {
            workers.add(connectorWorker);
        }
        for (ConnectorStatusReport.TaskStatusReport task : status.tasks()) {
            String worker = task.status().workerId();
            if (worker != null && !worker.isBlank() && !worker.equals(metrics.workerId())) {
                workers.add(worker);
            }
        }
        return workers;
    }

    /**
     * {@code GET /connectors/{c}/restarts}: the automatic-restart decisions about the connector and
     * its tasks ({@code ferry.restart.*}) of every worker that runs part of it, oldest first. Each
     * worker keeps only its own (the worker running a failed instance decides its restart).
     */
    private void restarts(Context ctx) {
        String connector = ctx.pathParam("connector");
        ConnectorStatusReport status = herder.connectorStatus(connector);
        List<Object> events = new ArrayList<>();
        for (RestartEvent event : herder.restartHistory(connector)) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("time", event.timeMs());
            e.put("task", event.task());
            e.put("kind", event.kind().name().toLowerCase(java.util.Locale.ROOT));
            e.put("attempt", event.attempt());
            e.put("max_attempts", event.maxAttempts());
            e.put("restart_at", event.restartAtMs() < 0 ? null : event.restartAtMs());
            e.put("worker_id", metrics.workerId());
            events.add(e);
        }
        List<Map<String, Object>> unreachable = new ArrayList<>();
        if (!"false".equals(ctx.queryParam(RequestForwarder.FORWARD_PARAM))) {
            for (String worker : otherWorkers(status)) {
                askPeer(ctx, worker, "events", events, unreachable);
            }
        }
        events.sort(java.util.Comparator.comparingLong(e -> ((Number) ((Map<?, ?>) e).get("time")).longValue()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connector", connector);
        body.put("events", events);
        body.put("unreachable_workers", unreachable);
        json.send(ctx, 200, body);
    }

    private void askPeer(Context ctx, String worker, String field, List<Object> into,
                         List<Map<String, Object>> unreachable) {
        String url = advertisedUrl.get().getScheme() + "://" + worker + "/";
        String problem;
        try {
            RequestForwarder.Answer answer = forwarder.forward(ctx, url, PEER_TIMEOUT);
            if (answer.status() == 200) {
                JsonNode body = mapper.readTree(answer.body());
                for (JsonNode item : body.path(field)) {
                    into.add(mapper.convertValue(item, Map.class));
                }
                return;
            }
            problem = "answered " + answer.status() + ": "
                    + new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (RequestForwarder.LeaderUnreachableException e) {
            problem = "could not be reached: " + e.getCause();
        } catch (IOException | RuntimeException e) {
            problem = "failed: " + e.getMessage();
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("worker_id", worker);
        entry.put("message", "Worker " + worker + " " + problem + "; what it knows is missing from this answer.");
        unreachable.add(entry);
    }

    private static int taskNumber(Object task) {
        Object n = ((Map<?, ?>) task).get("task");
        return n instanceof Number number ? number.intValue() : Integer.MAX_VALUE;
    }

    /**
     * A sink task's consumer lag: {@code records-lag-max} of its consumer
     * ({@code connector-consumer-<connector>-<task>}) from JMX, where the Kafka client publishes it.
     */
    static double consumerLag(String connector, int task) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("kafka.consumer:type=consumer-fetch-manager-metrics,client-id="
                    + ObjectName.quote("connector-consumer-" + connector + "-" + task));
            if (!server.isRegistered(name)) {
                name = new ObjectName("kafka.consumer:type=consumer-fetch-manager-metrics,client-id=connector-consumer-"
                        + connector + "-" + task);
            }
            Object value = server.getAttribute(name, "records-lag-max");
            return value instanceof Number n ? n.doubleValue() : Double.NaN;
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}

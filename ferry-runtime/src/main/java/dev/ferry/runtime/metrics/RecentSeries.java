package dev.ferry.runtime.metrics;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;

/**
 * The last minutes of a few metrics of each task of the connectors someone is looking at, for
 * small charts: records in and out per second, errors and dead-lettered records per interval,
 * batch time and (sinks) consumer lag.
 *
 * <h2>Nothing runs nor is kept when nobody asks</h2>
 * A connector is <em>watched</em> from the first {@link #read} of it, which takes a first sample
 * at once and starts the one sampler thread if it is not running. Every {@link #INTERVAL_MS} the
 * thread samples the watched connectors from the worker's registry; a connector not read for
 * {@link #IDLE_MS} is forgotten, and when none is left the thread stops. Memory is bounded: at
 * most {@link #MAX_CONNECTORS} connectors (the least recently read is dropped), each task keeps
 * {@link #SAMPLES} samples of {@link Series#values()}'s few series in fixed arrays.
 *
 * <h2>What a sample is</h2>
 * Rates are computed here from the cumulative totals ({@code *-total}) between two samples, so a
 * chart reacts within one interval instead of following the registry's 30-60 s windowed rates;
 * errors and dead-lettered records are the increase of their totals over the interval. Batch
 * time is the registry's windowed average; lag is read by {@link LagSource} (the sink consumer's
 * {@code records-lag-max}). A value that is unknown (first sample, a metric not registered yet)
 * is {@code NaN}.
 *
 * <p>Thread contract: thread-safe; {@link #tick()} runs on the sampler thread ("recent-metrics"),
 * {@link #read} on request threads.
 */
public final class RecentSeries implements AutoCloseable {
    /** Time between two samples. */
    public static final long INTERVAL_MS = 5_000;
    /** Samples kept per task: ten minutes at {@link #INTERVAL_MS}. */
    public static final int SAMPLES = 120;
    /** A connector nobody has read for this long is no longer sampled, and its samples are dropped. */
    public static final long IDLE_MS = 120_000;
    /** At most this many connectors are watched at once. */
    public static final int MAX_CONNECTORS = 64;

    /** The series of each task, in this order. */
    public static final List<String> SERIES = List.of("records_in_per_sec", "records_out_per_sec",
            "errors", "dlq_records", "batch_time_ms", "lag_records");

    /** Reads a sink task's consumer lag; NaN when unknown. */
    @FunctionalInterface
    public interface LagSource {
        double lag(String connector, int task);
    }

    private final Metrics registry;
    private final Time time;
    private final LagSource lag;
    private final boolean startThread;
    /** Watched connectors, least recently read first. */
    private final LinkedHashMap<String, Watch> watches = new LinkedHashMap<>(16, 0.75f, true);
    private ScheduledExecutorService sampler;

    /**
     * @param startThread false in tests, which call {@link #tick()} themselves
     */
    public RecentSeries(Metrics registry, Time time, LagSource lag, boolean startThread) {
        this.registry = registry;
        this.time = time;
        this.lag = lag;
        this.startThread = startThread;
    }

    /** The series of one task: its type ("source", "sink" or null when not known yet) and samples, oldest first. */
    public record Series(int task, String type, long[] times, Map<String, double[]> values) {
    }

    /**
     * The samples of every task of {@code connector} that runs on this worker, by task number;
     * starts watching the connector (and sampling) if it was not watched.
     */
    public synchronized Map<Integer, Series> read(String connector) {
        long now = time.milliseconds();
        Watch watch = watches.get(connector);
        if (watch == null) {
            watch = new Watch();
            watches.put(connector, watch);
            if (watches.size() > MAX_CONNECTORS) {
                Iterator<String> eldest = watches.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
            sample(connector, watch, now);
            startSampler();
        }
        watch.lastReadMs = now;
        Map<Integer, Series> out = new TreeMap<>();
        watch.tasks.forEach((task, ring) -> out.put(task, ring.copy(task)));
        return out;
    }

    /** How many connectors are watched now (for tests and the docs' claims). */
    public synchronized int watched() {
        return watches.size();
    }

    /** Whether the sampler thread runs. */
    public synchronized boolean sampling() {
        return sampler != null;
    }

    /** Takes one sample of every watched connector and forgets the idle ones; the sampler thread calls it. */
    public synchronized void tick() {
        long now = time.milliseconds();
        watches.entrySet().removeIf(e -> now - e.getValue().lastReadMs >= IDLE_MS);
        for (Map.Entry<String, Watch> entry : watches.entrySet()) {
            sample(entry.getKey(), entry.getValue(), now);
        }
        if (watches.isEmpty() && sampler != null) {
            sampler.shutdown();
            sampler = null;
        }
    }

    private void startSampler() {
        if (sampler != null || !startThread) {
            return;
        }
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "recent-metrics");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(this::tickQuietly, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A metric read must never kill the sampler; the sample is simply missing.
            org.slf4j.LoggerFactory.getLogger(RecentSeries.class).debug("Could not sample recent metrics", e);
        }
    }

    /** One pass over the registry, collecting the values of this connector's tasks. */
    private void sample(String connector, Watch watch, long now) {
        Map<Integer, Map<String, Double>> found = new HashMap<>();
        Map<Integer, String> types = new HashMap<>();
        for (Map.Entry<MetricName, KafkaMetric> entry : registry.metrics().entrySet()) {
            MetricName name = entry.getKey();
            if (!connector.equals(name.tags().get("connector"))) {
                continue;
            }
            String task = name.tags().get("task");
            if (task == null) {
                continue;
            }
            String key = switch (name.group()) {
                case "source-task-metrics" -> switch (name.name()) {
                    case "source-record-poll-total" -> "in";
                    case "source-record-write-total" -> "out";
                    case "poll-batch-avg-time-ms" -> "batch_time_ms";
                    default -> null;
                };
                case "sink-task-metrics" -> switch (name.name()) {
                    case "sink-record-read-total" -> "in";
                    case "sink-record-send-total" -> "out";
                    case "put-batch-avg-time-ms" -> "batch_time_ms";
                    default -> null;
                };
                case "task-error-metrics" -> switch (name.name()) {
                    case "total-record-errors" -> "errors";
                    case "deadletterqueue-produce-requests" -> "dlq";
                    default -> null;
                };
                default -> null;
            };
            if (key == null) {
                continue;
            }
            int number;
            try {
                number = Integer.parseInt(task);
            } catch (NumberFormatException e) {
                continue;
            }
            if (name.group().equals("source-task-metrics")) {
                types.put(number, "source");
            } else if (name.group().equals("sink-task-metrics")) {
                types.put(number, "sink");
            }
            Object value = entry.getValue().metricValue();
            found.computeIfAbsent(number, n -> new HashMap<>())
                    .put(key, value instanceof Number n ? n.doubleValue() : Double.NaN);
        }
        // Tasks that are gone (stopped, moved to another worker) stop being charted here.
        watch.tasks.keySet().removeIf(task -> !found.containsKey(task));
        for (Map.Entry<Integer, Map<String, Double>> entry : found.entrySet()) {
            int task = entry.getKey();
            Ring ring = watch.tasks.computeIfAbsent(task, t -> new Ring());
            if (types.containsKey(task)) {
                ring.type = types.get(task);
            }
            Map<String, Double> values = entry.getValue();
            double lagNow = "sink".equals(ring.type) ? lag.lag(connector, task) : Double.NaN;
            ring.add(now, values, lagNow);
        }
    }

    /** Stops the sampler thread and forgets everything. */
    @Override
    public synchronized void close() {
        watches.clear();
        if (sampler != null) {
            sampler.shutdownNow();
            sampler = null;
        }
    }

    private static final class Watch {
        long lastReadMs;
        final Map<Integer, Ring> tasks = new TreeMap<>();
    }

    /** A task's samples in fixed arrays: {@link #SAMPLES} per series, overwritten oldest first. */
    private static final class Ring {
        final long[] times = new long[SAMPLES];
        final double[][] values = new double[SERIES.size()][SAMPLES];
        int next;
        int size;
        String type;
        /** The totals of the previous sample, to turn into rates and increases. */
        double lastIn = Double.NaN;
        double lastOut = Double.NaN;
        double lastErrors = Double.NaN;
        double lastDlq = Double.NaN;
        long lastMs;

        void add(long now, Map<String, Double> totals, double lag) {
            double seconds = size == 0 ? Double.NaN : (now - lastMs) / 1000.0;
            double in = totals.getOrDefault("in", Double.NaN);
            double out = totals.getOrDefault("out", Double.NaN);
            double errors = totals.getOrDefault("errors", Double.NaN);
            double dlq = totals.getOrDefault("dlq", Double.NaN);
            double[] row = {
                    perSecond(in, lastIn, seconds),
                    perSecond(out, lastOut, seconds),
                    increase(errors, lastErrors),
                    increase(dlq, lastDlq),
                    totals.getOrDefault("batch_time_ms", Double.NaN),
                    lag};
            times[next] = now;
            for (int i = 0; i < row.length; i++) {
                values[i][next] = row[i];
            }
            next = (next + 1) % SAMPLES;
            size = Math.min(size + 1, SAMPLES);
            lastIn = in;
            lastOut = out;
            lastErrors = errors;
            lastDlq = dlq;
            lastMs = now;
        }

        private static double perSecond(double now, double before, double seconds) {
            if (Double.isNaN(now) || Double.isNaN(before) || !(seconds > 0) || now < before) {
                return Double.NaN;
            }
            return (now - before) / seconds;
        }

        private static double increase(double now, double before) {
            if (Double.isNaN(now) || Double.isNaN(before) || now < before) {
                return Double.NaN;
            }
            return now - before;
        }

        Series copy(int task) {
            long[] t = new long[size];
            Map<String, double[]> v = new LinkedHashMap<>();
            int start = (next - size + SAMPLES) % SAMPLES;
            for (int i = 0; i < size; i++) {
                t[i] = times[(start + i) % SAMPLES];
            }
            for (int s = 0; s < SERIES.size(); s++) {
                double[] copy = new double[size];
                for (int i = 0; i < size; i++) {
                    copy[i] = values[s][(start + i) % SAMPLES];
                }
                v.put(SERIES.get(s), copy);
            }
            return new Series(task, type, t, v);
        }
    }
}

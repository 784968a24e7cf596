package dev.ferry.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How fast {@code ferry registry} answers the request every deserializer makes for a schema it has not cached,
 * {@code GET /schemas/ids/{id}}: requests per second and latency percentiles from several client threads keeping
 * requests in flight, after a warm-up, on this machine: {@code wrk} when it is installed, else a Java client (the
 * clients share the two cores with the registry, so the figure is a floor, lower with the Java client). Also the registry's start to ready and its resident memory after the load.
 *
 * <p>The registry is the built distribution started through the {@code ./ferry} launcher, configured by
 * {@code SCHEMA_REGISTRY_*} environment variables as a cp-schema-registry container would be, on a broker of its
 * own process. Run with {@code ./benchmarks/run registry [threads] [seconds]}.
 */
public final class RegistryLoadBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"dev.ferry.bench\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"customer\",\"type\":\"string\"}]}";

    private RegistryLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path launcher = Path.of(options.get("--launcher"));
        Path dist = Path.of(options.get("--dist"));
        Path work = Path.of(options.get("--work-dir"), "registry");
        Path results = Path.of(options.get("--results"));
        int threads = Integer.parseInt(options.getOrDefault("--threads", "4"));
        int seconds = Integer.parseInt(options.getOrDefault("--seconds", "15"));
        Files.createDirectories(work);

        try (BrokerProcess broker = BrokerProcess.start(work.resolve("broker.log"));
             RegistryLauncher registry = RegistryLauncher.start(launcher, dist, work, broker.bootstrapServers())) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).build();
            int id = register(client, registry.url());
            String path = registry.url() + "/schemas/ids/" + id;
            ProcStats proc = ProcStats.forThisMachine();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("seconds", seconds);
            if (WrkLoad.available()) {
                figures.put("loadGenerator", "wrk, " + 4 * threads + " connections");
                WrkLoad.run(path, 4 * threads, 10);
                figures.putAll(WrkLoad.run(path, 4 * threads, seconds));
            } else {
                figures.put("loadGenerator", "java.net.http, " + threads + " threads (install wrk for a lighter one)");
                load(client, path, threads, 5);
                long[] latencies = load(client, path, threads, seconds);
                figures.put("requestsPerSecond", latencies.length / (double) seconds);
                figures.put("p50Millis", percentile(latencies, 0.50) / 1e6);
                figures.put("p99Millis", percentile(latencies, 0.99) / 1e6);
            }
            figures.put("startToReadySeconds", registry.startToReady().toMillis() / 1000.0);
            figures.put("rssMiBAfterLoad", proc.rssKib(registry.pid()) / 1024.0);
            Files.createDirectories(results.getParent());
            Files.writeString(results, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(figures));
            System.out.printf("registry GET /schemas/ids/{id}: %.0f requests/s, p50 %.2f ms, p99 %.2f ms (%s, %d s); "
                            + "start to ready %.2f s; RSS after load %.0f MiB%n",
                    figures.get("requestsPerSecond"), figures.get("p50Millis"), figures.get("p99Millis"),
                    figures.get("loadGenerator"), seconds, registry.startToReady().toMillis() / 1000.0,
                    figures.get("rssMiBAfterLoad"));
        }
    }

    private static int register(HttpClient client, String base) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("schema", SCHEMA));
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/subjects/orders-value/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("registering failed: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("id").asInt();
    }

    /** Each thread sends requests back to back for {@code seconds}; returns every latency in nanoseconds. */
    private static long[] load(HttpClient client, String url, int threads, int seconds) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<long[]> perThread = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        CountDownLatch done = new CountDownLatch(threads);
        int[] counts = new int[threads];
        for (int t = 0; t < threads; t++) {
            long[] latencies = new long[2_000_000];
            perThread.add(latencies);
            int index = t;
            Thread thread = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < end && n < latencies.length) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        failures.incrementAndGet();
                    }
                    latencies[n++] = System.nanoTime() - start;
                }
                counts[index] = n;
                done.countDown();
            }, "registry-load-" + t);
            thread.start();
        }
        done.await();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " requests failed");
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(perThread.get(t), 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return all;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--launcher", "--dist", "--work-dir", "--results")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("missing " + required);
            }
        }
        return options;
    }
}

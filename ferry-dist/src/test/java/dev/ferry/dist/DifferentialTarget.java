package dev.ferry.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One worker the differential REST suite talks to, Apache's or Ferry's, with the values that are
 * its own: the placeholders of the steps ({@code ${source}}, {@code ${dir}}, ...) mean different
 * connector names, topics and files on each worker, so that both can share one broker without
 * sharing a sink's consumer group. Requests are sent with the placeholders filled in, and answers
 * come back with these values replaced by the placeholders again, along with the worker's own
 * address ({@code ${worker}}, as in {@code worker_id} and {@code Location}).
 */
final class DifferentialTarget {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String label;
    private final int port;
    private final Map<String, String> values;
    private final Supplier<String> logTail;

    /**
     * @param values  placeholder name (without {@code ${}}) to this worker's value
     * @param logTail the end of the worker's log, for failure messages
     */
    DifferentialTarget(String label, int port, Map<String, String> values, Supplier<String> logTail) {
        this.label = label;
        this.port = port;
        this.values = new LinkedHashMap<>(values);
        this.values.put("worker", "127.0.0.1:" + port);
        this.logTail = logTail;
    }

    /** {@code text} with every placeholder replaced by this worker's value. */
    String fill(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Map.Entry<String, String> e : values.entrySet()) {
            result = result.replace("${" + e.getKey() + "}", e.getValue());
        }
        return result;
    }

    /** {@code text} with this worker's values replaced by their placeholders, longest value first. */
    String generalize(String text) {
        if (text == null) {
            return null;
        }
        List<Map.Entry<String, String>> byLength = new ArrayList<>(values.entrySet());
        byLength.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getValue().length()).reversed());
        String result = text;
        for (Map.Entry<String, String> e : byLength) {
            result = result.replace(e.getValue(), "${" + e.getKey() + "}");
        }
        return result;
    }

    /** Sends the step's request and returns the answer in placeholder form. */
    RestAnswer send(DifferentialStep step) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(fill(step.path))).timeout(Duration.ofSeconds(120));
        if (step.contentType != null) {
            request.header("Content-Type", step.contentType);
        }
        request.method(step.method, step.body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(fill(step.body)));
        HttpResponse<String> response = exchange(request.build());
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, list) -> headers.put(name.toLowerCase(Locale.ROOT),
                list.stream().map(this::generalize).toList()));
        return new RestAnswer(response.statusCode(), headers, generalize(response.body()));
    }

    /** GET {@code path} (placeholders filled in); null unless it answers 200 with JSON. */
    JsonNode json(String path) throws IOException {
        HttpResponse<String> r = exchange(HttpRequest.newBuilder(uri(fill(path))).timeout(Duration.ofSeconds(120))
                .GET().build());
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }

    /** Whether the connector the placeholder {@code connector} names is in {@code state}, with exactly these task states. */
    boolean inState(String connector, String state, String... taskStates) throws IOException {
        JsonNode status = json("/connectors/${" + connector + "}/status");
        if (status == null || !state.equals(status.path("connector").path("state").asText())
                || status.path("tasks").size() != taskStates.length) {
            return false;
        }
        for (int i = 0; i < taskStates.length; i++) {
            if (!taskStates[i].equals(status.path("tasks").path(i).path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    /** Whether the connector the placeholder {@code connector} names is itself in {@code state}, whatever its tasks do. */
    boolean connectorIn(String connector, String state) throws IOException {
        JsonNode status = json("/connectors/${" + connector + "}/status");
        return status != null && state.equals(status.path("connector").path("state").asText());
    }

    /** Polls {@code condition} until it holds; a timeout fails with the end of this worker's log. */
    void await(DifferentialStep step) {
        try {
            WorkerProcess.awaitUntil(DifferentialStep.WAIT, step.name + " on " + label,
                    () -> step.condition.holds(this));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- " + label + " worker log (tail) ---\n" + logTail.get(), e);
        }
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(label + ": " + request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public String toString() {
        return label;
    }
}

package dev.ferry.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.runtime.cluster.requests.WorkerHttpClient;
import dev.ferry.runtime.herder.Herder;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Ferry's {@code GET /workers}: the workers of the cluster, which of them leads, and each one's
 * version, which Apache's API cannot tell (a worker appears there only through the connectors and
 * tasks it runs). Only the leader knows every member, so a follower's herder declines and
 * {@link LeaderForwarding} asks the leader, as for writes. The answering worker asks each other
 * worker's {@code GET /} for its version, concurrently, at most {@link #VERSION_TIMEOUT}, with the
 * client's {@code Authorization} header; a worker that does not answer in time is listed with
 * {@code "version": null} and an {@code "error"}.
 *
 * <p>A standalone worker lists itself alone, with no leader.
 */
final class WorkersResource implements AutoCloseable {
    /** How long the version of one other worker may take; the answer waits for the slowest. */
    static final Duration VERSION_TIMEOUT = Duration.ofSeconds(3);

    private final Herder herder;
    private final HerderCalls calls;
    private final JsonResponses json;
    private final LeaderForwarding forwarding;
    private final Supplier<URI> selfUrl;
    private final ObjectMapper mapper;
    private final WorkerHttpClient http = new WorkerHttpClient("ferry-rest-workers", VERSION_TIMEOUT);

    WorkersResource(Herder herder, HerderCalls calls, JsonResponses json, LeaderForwarding forwarding,
                    Supplier<URI> selfUrl, ObjectMapper mapper) {
        this.herder = herder;
        this.calls = calls;
        this.json = json;
        this.forwarding = forwarding;
        this.selfUrl = selfUrl;
        this.mapper = mapper;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/workers", forwarding.wrap(this::workers));
    }

    private void workers(Context ctx) {
        Herder.ClusterMembers members = calls.await(herder.clusterMembers());
        Herder.ServerInfo self = herder.serverInfo();
        String selfUrl = this.selfUrl.get().toString();
        if (members.leaderUrl() == null) {
            json.send(ctx, 200, new WorkersJson("standalone", null, null,
                    List.of(new WorkerJson(workerId(selfUrl), selfUrl, false, self.version(), self.commit(), null))));
            return;
        }
        String authorization = ctx.header("Authorization");
        List<CompletableFuture<WorkerJson>> answers = new ArrayList<>();
        for (String url : members.workerUrls()) {
            boolean leader = sameWorker(url, members.leaderUrl());
            if (sameWorker(url, selfUrl)) {
                answers.add(CompletableFuture.completedFuture(
                        new WorkerJson(workerId(url), url, leader, self.version(), self.commit(), null)));
            } else {
                answers.add(version(url, leader, authorization));
            }
        }
        List<WorkerJson> workers = answers.stream().map(CompletableFuture::join)
                .sorted(java.util.Comparator.comparing(WorkerJson::workerId)).toList();
        json.send(ctx, 200, new WorkersJson("distributed", members.leaderUrl(), members.generation(), workers));
    }

    private CompletableFuture<WorkerJson> version(String url, boolean leader, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(VERSION_TIMEOUT)
                .header("Accept", JsonResponses.JSON).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.get().sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        return new WorkerJson(workerId(url), url, leader, null, null,
                                "GET " + url + " answered " + response.statusCode());
                    }
                    try {
                        JsonNode root = mapper.readTree(response.body());
                        return new WorkerJson(workerId(url), url, leader, root.path("version").asText(null),
                                root.path("commit").asText(null), null);
                    } catch (java.io.IOException e) {
                        return new WorkerJson(workerId(url), url, leader, null, null,
                                "GET " + url + " did not answer JSON");
                    }
                })
                .exceptionally(error -> new WorkerJson(workerId(url), url, leader, null, null,
                        "GET " + url + " failed: " + rootCause(error)));
    }

    private static String rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.toString();
    }

    /** The id status records name a worker by: the host and port of its advertised URL. */
    static String workerId(String url) {
        URI uri = URI.create(url);
        return uri.getHost() + ":" + uri.getPort();
    }

    private static boolean sameWorker(String a, String b) {
        return b != null && workerId(a).equals(workerId(b));
    }

    @Override
    public void close() {
        http.close();
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record WorkersJson(String mode, String leader, Integer generation, List<WorkerJson> workers) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WorkerJson(@JsonProperty("worker_id") String workerId, String url, boolean leader, String version,
                      String commit, String error) {
    }
}

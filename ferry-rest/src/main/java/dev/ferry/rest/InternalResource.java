package dev.ferry.rest;

import dev.ferry.runtime.cluster.requests.RequestSigner;
import dev.ferry.runtime.herder.Herder;
import dev.ferry.runtime.model.InternalRequestSignature;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;
import java.util.Map;

/**
 * The internal endpoints workers of a distributed cluster call on each other.
 *
 * <p>{@code POST /connectors/{c}/tasks} takes the task configurations a connector generated on a
 * worker that is not the leader. The body is passed on with its KIP-507 signature (or null when
 * the signature headers are missing); the herder decides whether a signature is required and
 * checks it against the exact body bytes. A standalone herder refuses with Apache's 500.
 *
 * <p>{@code PUT /connectors/{c}/fence} asks the leader for a round of zombie fencing of an
 * exactly-once source connector (KIP-618): a follower whose tasks of the connector wait for it
 * sends it, with an empty body signed the same way. It answers 204 once the producers of the
 * connector's previous tasks are fenced and its task-count record is written, 400 for a sink
 * connector, 404 for an unknown one; a follower passes it on to the leader like the task configs.
 */
final class InternalResource {
    private final Herder herder;
    private final HerderCalls calls;
    private final RequestBodies bodies;
    private final LeaderForwarding forwarding;

    InternalResource(Herder herder, HerderCalls calls, RequestBodies bodies, LeaderForwarding forwarding) {
        this.herder = herder;
        this.calls = calls;
        this.bodies = bodies;
        this.forwarding = forwarding;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.post("/connectors/{connector}/tasks", forwarding.wrap(this::putTaskConfigs));
        routes.put("/connectors/{connector}/fence", forwarding.wrap(this::fenceZombies));
    }

    private void putTaskConfigs(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        List<Map<String, String>> taskConfigs = bodies.taskConfigs(body);
        InternalRequestSignature signature = RequestSigner.fromHeaders(ctx.header(RequestSigner.ALGORITHM_HEADER),
                ctx.header(RequestSigner.SIGNATURE_HEADER), body);
        calls.await(herder.putTaskConfigs(ctx.pathParam("connector"), taskConfigs, signature));
        ctx.status(204);
    }

    private void fenceZombies(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        InternalRequestSignature signature = RequestSigner.fromHeaders(ctx.header(RequestSigner.ALGORITHM_HEADER),
                ctx.header(RequestSigner.SIGNATURE_HEADER), body);
        calls.await(herder.fenceZombies(ctx.pathParam("connector"), signature));
        ctx.status(204);
    }
}

package dev.ferry.registry.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.registry.core.SchemaRegistry;
import io.javalin.router.JavalinDefaultRoutingApi;

/** {@code GET /}, {@code POST /} (both {@code {}}), {@code /contexts} (list, delete) and {@code /v1/metadata/*}. */
final class RootResource {
    private final SchemaRegistry registry;
    private final RestJson json;
    private final RestResponses out;
    private final java.util.function.Supplier<String> kafkaClusterId;
    private final String groupId;
    private final WriteHandlers writes;

    RootResource(SchemaRegistry registry, RestJson json, RestResponses out,
                 java.util.function.Supplier<String> kafkaClusterId, String groupId, WriteHandlers writes) {
        this.writes = writes;
        this.registry = registry;
        this.json = json;
        this.out = out;
        this.kafkaClusterId = kafkaClusterId;
        this.groupId = groupId;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/", ctx -> out.send(ctx, 200, json.object()));
        routes.post("/", ctx -> out.send(ctx, 200, json.object()));
        routes.get("/contexts", ctx -> out.send(ctx, 200, registry.lookup().contexts()));
        routes.delete("/contexts/{context}", writes.write(ctx -> {
            registry.lookup().requireEmptyContext(ctx.pathParam("context"));
            ctx.status(204);
        }));
        routes.get("/v1/metadata/id", ctx -> {
            ObjectNode body = json.object();
            ObjectNode scope = body.putObject("scope");
            scope.putArray("path");
            ObjectNode clusters = scope.putObject("clusters");
            clusters.put("kafka-cluster", kafkaClusterId.get());
            clusters.put("schema-registry-cluster", groupId);
            out.send(ctx, 200, body);
        });
        routes.get("/v1/metadata/version", ctx -> {
            String version = RootResource.class.getPackage().getImplementationVersion();
            out.send(ctx, 200, json.object().put("version", version == null ? "0.1.0-SNAPSHOT" : version)
                    .put("commitId", "ferry"));
        });
    }
}

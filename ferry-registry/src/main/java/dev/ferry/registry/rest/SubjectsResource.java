package dev.ferry.registry.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.registry.core.SchemaRegistry;
import dev.ferry.registry.core.VersionId;
import dev.ferry.registry.store.StoreValue;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /subjects}: listing subjects, looking a schema up under a subject, registering, listing and fetching
 * versions, the versions that reference one, and soft and permanent deletes.
 */
final class SubjectsResource {
    private final SchemaRegistry registry;
    private final RestJson json;
    private final RestResponses out;
    private final WriteHandlers writes;

    SubjectsResource(SchemaRegistry registry, RestJson json, RestResponses out, WriteHandlers writes) {
        this.registry = registry;
        this.json = json;
        this.out = out;
        this.writes = writes;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/subjects", ctx -> out.send(ctx, 200, registry.lookup().subjects(ctx.queryParam("subjectPrefix"),
                Params.flag(ctx, "deleted"), Params.flag(ctx, "deletedOnly"))));
        routes.post("/subjects/{subject}", ctx -> {
            String subject = Params.subject(ctx);
            StoreValue.Schema found = registry.lookup().lookup(subject, json.registerRequest(ctx.bodyAsBytes()),
                    Params.flag(ctx, "normalize"), Params.flag(ctx, "deleted"));
            out.send(ctx, 200, json.schemaEntity(found, found.schema()));
        });
        routes.delete("/subjects/{subject}", writes.write(ctx -> out.send(ctx, 200,
                registry.deletion().deleteSubject(Params.subject(ctx), Params.flag(ctx, "permanent")))));
        routes.get("/subjects/{subject}/metadata", ctx -> {
            List<String> keys = ctx.queryParams("key");
            List<String> values = ctx.queryParams("value");
            Map<String, String> metadata = new HashMap<>();
            for (int i = 0; i < Math.min(keys.size(), values.size()); i++) {
                metadata.put(keys.get(i), values.get(i));
            }
            StoreValue.Schema found = registry.lookup().latestWithMetadata(Params.subject(ctx), metadata,
                    Params.flag(ctx, "deleted"));
            ObjectNode body = json.schemaEntity(found, registry.lookup().formatted(found, ctx.queryParam("format")));
            if (found.extras() != null && found.extras().has("metadata")) {
                body.set("metadata", found.extras().get("metadata"));
            }
            out.send(ctx, 200, body);
        });
        routes.get("/subjects/{subject}/versions", ctx -> out.send(ctx, 200, registry.lookup().versions(
                Params.subject(ctx), Params.flag(ctx, "deleted"), Params.flag(ctx, "deletedOnly"))));
        routes.post("/subjects/{subject}/versions", writes.write(ctx -> {
            StoreValue.Schema stored = registry.registration().register(Params.subject(ctx),
                    json.registerRequest(ctx.bodyAsBytes()), Params.flag(ctx, "normalize"));
            ObjectNode body = json.object();
            body.put("id", stored.id());
            out.send(ctx, 200, body);
        }));
        routes.get("/subjects/{subject}/versions/{version}", ctx -> {
            StoreValue.Schema found = version(ctx.pathParam("subject"), Params.version(ctx), Params.flag(ctx, "deleted"));
            out.send(ctx, 200, json.schemaEntity(found, registry.lookup().formatted(found, ctx.queryParam("format"))));
        });
        routes.get("/subjects/{subject}/versions/{version}/schema", ctx -> {
            StoreValue.Schema found = version(ctx.pathParam("subject"), Params.version(ctx), Params.flag(ctx, "deleted"));
            out.sendRaw(ctx, registry.lookup().formatted(found, ctx.queryParam("format")));
        });
        routes.get("/subjects/{subject}/versions/{version}/referencedby", ctx -> out.send(ctx, 200,
                registry.lookup().referencedBy(Params.subject(ctx), Params.version(ctx))));
        routes.delete("/subjects/{subject}/versions/{version}", writes.write(ctx -> out.send(ctx, 200,
                registry.deletion().deleteVersion(Params.subject(ctx), Params.version(ctx),
                        Params.flag(ctx, "permanent")))));
    }

    private StoreValue.Schema version(String subject, VersionId version, boolean deleted) {
        return registry.lookup().version(subject, version, deleted);
    }
}

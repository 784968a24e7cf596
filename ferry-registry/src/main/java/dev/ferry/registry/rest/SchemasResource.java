package dev.ferry.registry.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.registry.core.SchemaRegistry;
import dev.ferry.registry.store.RegistryState;
import dev.ferry.registry.store.StoreValue;
import dev.ferry.schema.SchemaProviders;
import dev.ferry.schema.SchemaType;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;

/** {@code /schemas}: schemas by id (with {@code subject} and {@code format}), their subjects and versions, the list, the types. */
final class SchemasResource {
    private final SchemaRegistry registry;
    private final RestJson json;
    private final RestResponses out;
    private final RenderedAnswers answers;

    SchemasResource(SchemaRegistry registry, RestJson json, RestResponses out, RenderedAnswers answers) {
        this.registry = registry;
        this.json = json;
        this.out = out;
        this.answers = answers;
    }

    void register(JavalinDefaultRoutingApi routes) {
        // First: the hottest read. Without a query string (the serdes' form) the id alone is the cache key.
        routes.get("/schemas/ids/{id}", ctx -> {
            int id = Params.id(ctx);
            String query = ctx.queryString();
            if (query == null || query.isEmpty()) {
                out.sendBytes(ctx, answers.get(id, () -> render(id, null, null, false)));
                return;
            }
            String subject = ctx.queryParam("subject");
            String format = ctx.queryParam("format");
            boolean maxId = Params.flag(ctx, "fetchMaxId");
            out.sendBytes(ctx, answers.get(id + "\u0000" + subject + "\u0000" + format + "\u0000" + maxId,
                    () -> render(id, subject, format, maxId)));
        });
        routes.get("/schemas/types", ctx -> out.send(ctx, 200, List.of(SchemaType.JSON, SchemaType.PROTOBUF,
                SchemaType.AVRO).stream().filter(SchemaProviders::supports).map(Enum::name).toList()));
        routes.get("/schemas", ctx -> {
            List<StoreValue.Schema> all = registry.lookup().schemas(ctx.queryParam("subjectPrefix"),
                    Params.flag(ctx, "deleted"), Params.flag(ctx, "latestOnly"));
            int offset = Math.max(0, Params.intParam(ctx, "offset", 0));
            int limit = Params.intParam(ctx, "limit", -1);
            ArrayNode body = json.array();
            all.stream().skip(offset).limit(limit < 0 ? Long.MAX_VALUE : limit)
                    .forEach(schema -> body.add(json.schemaEntity(schema, schema.schema())));
            out.send(ctx, 200, body);
        });
        routes.get("/schemas/ids/{id}/schema", ctx -> {
            StoreValue.Schema found = registry.lookup().byId(Params.id(ctx), ctx.queryParam("subject"));
            out.sendRaw(ctx, registry.lookup().formatted(found, ctx.queryParam("format")));
        });
        routes.get("/schemas/ids/{id}/subjects", ctx -> out.send(ctx, 200, registry.lookup().subjectsOf(
                Params.id(ctx), ctx.queryParam("subject"), Params.flag(ctx, "deleted"))));
        routes.get("/schemas/ids/{id}/versions", ctx -> {
            ArrayNode body = json.array();
            for (RegistryState.SubjectVersion sv : registry.lookup().versionsOf(Params.id(ctx),
                    ctx.queryParam("subject"), Params.flag(ctx, "deleted"))) {
                body.addObject().put("subject", sv.subject()).put("version", sv.version());
            }
            out.send(ctx, 200, body);
        });
    }

    private byte[] render(int id, String subject, String format, boolean maxId) {
        StoreValue.Schema found = registry.lookup().byId(id, subject);
        ObjectNode body = json.schemaBody(json.object(), found, registry.lookup().formatted(found, format));
        if (maxId) {
            body.put("maxId", registry.lookup().maxId(subject));
        }
        return json.bytes(body);
    }
}

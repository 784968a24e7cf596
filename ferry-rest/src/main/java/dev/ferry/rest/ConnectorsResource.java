package dev.ferry.rest;

import dev.ferry.runtime.herder.Herder;
import dev.ferry.runtime.model.ConnectorInfo;
import dev.ferry.runtime.model.ConnectorOffsets;
import dev.ferry.runtime.model.ConnectorStatusReport;
import dev.ferry.runtime.model.ConnectorTaskId;
import dev.ferry.runtime.model.Created;
import dev.ferry.runtime.model.OffsetsChange;
import dev.ferry.runtime.model.RestartRequest;
import dev.ferry.runtime.model.TargetState;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /connectors}: create, configure, inspect, control and delete connectors, their tasks and offsets. */
final class ConnectorsResource {
    private static final Logger log = LoggerFactory.getLogger(ConnectorsResource.class);
    private static final String NAME = "name";

    private final Herder herder;
    private final HerderCalls calls;
    private final RequestBodies bodies;
    private final JsonResponses json;
    private final RestSettings settings;
    private final LeaderForwarding forwarding;
    private final JsonContentType types;
    private final ExpandedConnectors expanded;

    ConnectorsResource(Herder herder, HerderCalls calls, RequestBodies bodies, JsonResponses json,
                       RestSettings settings, LeaderForwarding forwarding) {
        this.herder = herder;
        this.calls = calls;
        this.bodies = bodies;
        this.json = json;
        this.settings = settings;
        this.forwarding = forwarding;
        this.types = new JsonContentType(json);
        this.expanded = new ExpandedConnectors(herder, calls, json);
    }

    /**
     * Registers the routes. Writes go through {@link LeaderForwarding}: in a distributed cluster
     * only the leader may make them, and any other worker passes them on. Every route takes only
     * JSON ({@link JsonContentType}), checked before forwarding, as Apache's first worker does.
     */
    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/connectors", types.accepting(this::list));
        routes.post("/connectors", types.reading(forwarding.wrap(this::create)));
        routes.get("/connectors/{connector}", types.accepting(ctx -> json.send(ctx, 200,
                ConnectorInfoJson.of(calls.await(herder.connectorInfo(connector(ctx)))))));
        routes.delete("/connectors/{connector}", types.accepting(forwarding.wrap(ctx -> {
            calls.await(herder.deleteConnector(connector(ctx)));
            json.empty(ctx, 204);
        })));
        routes.get("/connectors/{connector}/config", types.accepting(ctx -> json.send(ctx, 200,
                calls.await(herder.connectorConfig(connector(ctx))))));
        routes.put("/connectors/{connector}/config", types.reading(forwarding.wrap(this::putConfig)));
        routes.patch("/connectors/{connector}/config", types.reading(forwarding.wrap(ctx -> json.send(ctx, 200,
                ConnectorInfoJson.of(calls.await(herder.patchConnectorConfig(connector(ctx),
                        bodies.configMap(ctx.body()))))))));
        routes.get("/connectors/{connector}/status", types.accepting(ctx -> json.send(ctx, 200,
                ConnectorStateJson.of(herder.connectorStatus(connector(ctx))))));
        routes.post("/connectors/{connector}/restart", types.accepting(forwarding.wrap(this::restart)));
        routes.put("/connectors/{connector}/pause", types.accepting(forwarding.wrap(ctx -> {
            calls.await(herder.pauseConnector(connector(ctx)));
            json.empty(ctx, 202);
        })));
        routes.put("/connectors/{connector}/resume", types.accepting(forwarding.wrap(ctx -> {
            calls.await(herder.resumeConnector(connector(ctx)));
            json.empty(ctx, 202);
        })));
        routes.put("/connectors/{connector}/stop", types.accepting(forwarding.wrap(ctx -> {
            calls.await(herder.stopConnector(connector(ctx)));
            json.empty(ctx, 204);
        })));
        routes.get("/connectors/{connector}/tasks", types.accepting(ctx -> json.send(ctx, 200,
                calls.await(herder.taskConfigs(connector(ctx))).stream().map(TaskInfoJson::of).toList())));
        routes.get("/connectors/{connector}/tasks/{task}/status", types.accepting(ctx -> {
            ConnectorTaskId id = taskId(ctx);
            if (id != null) {
                json.send(ctx, 200, ConnectorStateJson.TaskState.of(id.task(), herder.taskStatus(id)));
            }
        }));
        routes.post("/connectors/{connector}/tasks/{task}/restart", types.accepting(forwarding.wrap(ctx -> {
            ConnectorTaskId id = taskId(ctx);
            if (id != null) {
                calls.await(herder.restartTask(id));
                json.empty(ctx, 204);
            }
        })));
        routes.get("/connectors/{connector}/topics", types.accepting(ctx -> {
            requireTopicTracking();
            String connector = connector(ctx);
            json.send(ctx, 200, ActiveTopicsJson.of(connector, activeTopics(connector)));
        }));
        routes.put("/connectors/{connector}/topics/reset", types.accepting(ctx -> {
            requireTopicTracking();
            if (!settings.topicTrackingResetEnabled()) {
                throw new RestException(403, "Topic tracking reset is disabled.");
            }
            try {
                herder.resetConnectorActiveTopics(connector(ctx));
            } catch (NotFoundException unknown) {
                // Apache resets whatever the status topic holds for the name, which is nothing: 202 as well.
                log.debug("Resetting the active topics of unknown connector {}: nothing to reset", connector(ctx));
            }
            json.empty(ctx, 202);
        }));
        routes.get("/connectors/{connector}/offsets", types.accepting(ctx -> json.send(ctx, 200,
                ConnectorOffsetsJson.of(calls.await(herder.connectorOffsets(connector(ctx)))))));
        routes.patch("/connectors/{connector}/offsets", types.reading(forwarding.wrap(this::alterOffsets)));
        routes.delete("/connectors/{connector}/offsets", types.accepting(forwarding.wrap(ctx -> {
            OffsetsChange change = calls.await(herder.resetConnectorOffsets(connector(ctx)));
            json.send(ctx, 200, offsetsMessage(change, "reset"));
        })));
    }

    private void list(Context ctx) {
        if (!ctx.queryParamMap().containsKey("expand")) {
            json.send(ctx, 200, herder.connectors());
            return;
        }
        List<String> expansions = ctx.queryParams("expand");
        for (String expansion : expansions) {
            if (!expansion.equals("status") && !expansion.equals("info")) {
                log.info("Ignoring unknown expansion type {}", expansion);
            }
        }
        json.sendRendered(ctx, 200, expanded.body(expansions.contains("status"), expansions.contains("info")));
    }

    private void create(Context ctx) {
        RequestBodies.CreateRequest request = bodies.createRequest(ctx.body());
        String name = request.name() == null ? "" : request.name().trim();
        refuseDotSegment(name);
        Map<String, String> config = new LinkedHashMap<>(request.config());
        checkAndPutName(name, config);
        // No initial_state stays null: Apache stores a target state only when one was asked for.
        Created<ConnectorInfo> created = calls.await(herder.putConnectorConfig(name, config, false,
                request.initialState()));
        ctx.header("Location", location(ctx, name));
        json.send(ctx, 201, ConnectorInfoJson.of(created.value()));
    }

    private void putConfig(Context ctx) {
        String connector = connector(ctx);
        Map<String, String> config = bodies.configMap(ctx.body());
        checkAndPutName(connector, config);
        Created<ConnectorInfo> result = calls.await(
                herder.putConnectorConfig(connector, config, true, null));
        if (result.created()) {
            ctx.header("Location", location(ctx, connector));
        }
        json.send(ctx, result.created() ? 201 : 200, ConnectorInfoJson.of(result.value()));
    }

    private void restart(Context ctx) {
        RestartRequest request = new RestartRequest(connector(ctx),
                Boolean.parseBoolean(ctx.queryParam("onlyFailed")),
                Boolean.parseBoolean(ctx.queryParam("includeTasks")));
        ConnectorStatusReport planned = calls.await(herder.restartConnector(request));
        if (request.connectorOnly()) {
            json.empty(ctx, 204);
        } else {
            json.send(ctx, 202, ConnectorStateJson.of(planned));
        }
    }

    private void alterOffsets(Context ctx) {
        String connector = connector(ctx);
        ConnectorOffsets offsets = bodies.offsets(ctx.body());
        if (offsets == null || offsets.offsets().isEmpty()) {
            throw RestException.badRequest("Partitions / offsets need to be provided for an alter offsets request");
        }
        OffsetsChange change = calls.await(herder.alterConnectorOffsets(connector, offsets));
        json.send(ctx, 200, offsetsMessage(change, "altered"));
    }

    private static MessageJson offsetsMessage(OffsetsChange change, String verb) {
        if (change.connectorAcknowledged()) {
            return new MessageJson("The offsets for this connector have been " + verb + " successfully");
        }
        return new MessageJson("The Connect framework-managed offsets for this connector have been " + verb
                + " successfully. However, if this connector manages offsets externally, they will need to be "
                + "manually " + verb + " in the system that the connector uses.");
    }

    /** Apache reads the status topic for the name without asking whether the connector exists: none, none used. */
    private java.util.Collection<String> activeTopics(String connector) {
        try {
            return herder.connectorActiveTopics(connector);
        } catch (NotFoundException unknown) {
            return List.of();
        }
    }

    private void requireTopicTracking() {
        if (!settings.topicTrackingEnabled()) {
            throw new RestException(403, "Topic tracking is disabled.");
        }
    }

    /**
     * A connector named {@code .} or {@code ..} could be created but never reached again: clients and
     * the server resolve {@code /connectors/../status} as a path, so its status, config and delete
     * requests land elsewhere (found by HostileRestInputTest). Apache accepts such names; Ferry
     * refuses them before anything is stored.
     */
    private static void refuseDotSegment(String name) {
        if (name.equals(".") || name.equals("..")) {
            throw RestException.badRequest("Connector name '" + name + "' cannot be used: in a URL /connectors/"
                    + name + "/ is a relative path, so the connector could not be read, changed or deleted over "
                    + "REST. Choose a name with other characters, e.g. '" + name.replace('.', 'x') + "'");
        }
    }

    private static void checkAndPutName(String connector, Map<String, String> config) {
        String included = config.get(NAME);
        if (included == null) {
            config.put(NAME, connector);
        } else if (!included.equals(connector)) {
            throw RestException.badRequest("Connector name configuration (" + included
                    + ") doesn't match connector name in the URL (" + connector + ")");
        }
    }

    private static String connector(Context ctx) {
        return ctx.pathParam("connector");
    }

    /**
     * A task number that is not an integer: JAX-RS chose the resource method, then failed to convert
     * the path parameter, and answers 404 {@code HTTP 404 Not Found} as JSON (with a Content-Type,
     * unlike an unknown route). Null after answering so.
     */
    private ConnectorTaskId taskId(Context ctx) {
        try {
            return new ConnectorTaskId(connector(ctx), Integer.parseInt(ctx.pathParam("task")));
        } catch (NumberFormatException e) {
            json.sendJson(ctx, 404, new ErrorJson(404, "HTTP 404 Not Found"));
            return null;
        }
    }

    /** The absolute URL of a connector, relative to the address the client used (as JAX-RS builds it). */
    private static String location(Context ctx, String connector) {
        URI request = URI.create(ctx.req().getRequestURL().toString());
        try {
            return new URI(request.getScheme(), null, request.getHost(), request.getPort(),
                    "/connectors/" + connector, null, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot build the Location of connector '" + connector + "'", e);
        }
    }
}

package dev.ferry.rest;

import dev.ferry.runtime.herder.Herder;
import dev.ferry.runtime.model.PluginDescriptor;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Comparator;
import java.util.Map;

/** {@code /connector-plugins}: the plugin list, plugin config definitions and config validation. */
final class ConnectorPluginsResource {
    private static final String CONNECTOR_CLASS = "connector.class";
    private static final String ALIAS_SUFFIX = "Connector";

    private final Herder herder;
    private final HerderCalls calls;
    private final RequestBodies bodies;
    private final JsonResponses json;
    private final JsonContentType types;

    ConnectorPluginsResource(Herder herder, HerderCalls calls, RequestBodies bodies, JsonResponses json) {
        this.herder = herder;
        this.calls = calls;
        this.bodies = bodies;
        this.json = json;
        this.types = new JsonContentType(json);
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/connector-plugins", types.accepting(ctx -> {
            String connectorsOnly = ctx.queryParam("connectorsOnly");
            boolean onlyConnectors = connectorsOnly == null || Boolean.parseBoolean(connectorsOnly);
            json.send(ctx, 200, herder.plugins(onlyConnectors).stream()
                    .sorted(Comparator.comparingInt(ConnectorPluginsResource::listingRank))
                    .map(PluginInfoJson::of).toList());
        }));
        routes.get("/connector-plugins/{plugin}/config", types.accepting(ctx -> json.send(ctx, 200,
                herder.pluginConfig(ctx.pathParam("plugin"), ctx.queryParam("version")).stream()
                        .map(ConfigKeyInfoJson::of).toList())));
        routes.put("/connector-plugins/{plugin}/config/validate", types.reading(ctx -> {
            String plugin = ctx.pathParam("plugin");
            Map<String, String> config = bodies.configMap(ctx.body());
            checkConnectorClass(plugin, config);
            json.send(ctx, 200, ConfigInfosJson.of(calls.await(herder.validateConnectorConfig(config))));
        }));
    }

    /**
     * Apache lists connectors first, then transformations, predicates, converters and header
     * converters, each group by class name (the herder's order, which this stable sort keeps).
     */
    private static int listingRank(PluginDescriptor plugin) {
        return switch (plugin.type()) {
            case SOURCE, SINK -> 0;
            case TRANSFORMATION -> 1;
            case PREDICATE -> 2;
            case CONVERTER -> 3;
            case HEADER_CONVERTER -> 4;
            default -> 5;
        };
    }

    private static void checkConnectorClass(String plugin, Map<String, String> config) {
        String included = config.get(CONNECTOR_CLASS);
        if (included == null || included.isBlank()) {
            // Apache answers 500 here (a wrapped BadRequestException); this is a client mistake.
            throw RestException.badRequest("Connector config " + config + " contains no connector type: add \""
                    + CONNECTOR_CLASS + "\":\"" + plugin + "\" to the configuration to validate");
        }
        if (!withoutSuffix(included).endsWith(withoutSuffix(plugin))) {
            throw RestException.badRequest("Included connector type " + included + " does not match request type "
                    + plugin);
        }
    }

    /** Apache compares aliases: a trailing "Connector" is ignored on both sides. */
    private static String withoutSuffix(String name) {
        return name.endsWith(ALIAS_SUFFIX) && name.length() > ALIAS_SUFFIX.length()
                ? name.substring(0, name.length() - ALIAS_SUFFIX.length())
                : name;
    }
}

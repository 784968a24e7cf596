package dev.ferry.rest;

import io.javalin.router.JavalinDefaultRoutingApi;

/**
 * The internal endpoints workers of a distributed cluster call on each other. Ferry's herders do
 * not take task configurations or fencing requests from outside, so these answer as Apache's
 * standalone worker does: 500 with its message.
 */
final class InternalResource {

    void register(JavalinDefaultRoutingApi routes) {
        routes.post("/connectors/{connector}/tasks", ctx -> {
            throw new RestException(500,
                    "Kafka Connect in standalone mode does not support externally setting task configurations.");
        });
        routes.put("/connectors/{connector}/fence", ctx -> {
            throw new RestException(500,
                    "Kafka Connect in standalone mode does not support exactly-once source connectors.");
        });
    }
}

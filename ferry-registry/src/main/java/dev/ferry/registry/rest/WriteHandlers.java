package dev.ferry.registry.rest;

import io.javalin.http.Handler;

/** Wraps the handlers of writes so that a follower forwards them to the leader instead of running them. */
final class WriteHandlers {
    private final LeaderForwarding forwarding;

    WriteHandlers(LeaderForwarding forwarding) {
        this.forwarding = forwarding;
    }

    Handler write(Handler local) {
        return ctx -> {
            if (!forwarding.forwardUnlessLeader(ctx)) {
                local.handle(ctx);
            }
        };
    }
}

package dev.ferry.rest;

import dev.ferry.runtime.herder.Herder;

/** Apache's {@code WorkerStatus} shape, the body of {@code GET /health}. */
record WorkerStatusJson(String status, String message) {

    static final String HEALTHY = "healthy";
    static final String STARTING = "starting";
    static final String UNHEALTHY = "unhealthy";

    /** The answer when the herder did not respond within the health check timeout. */
    static WorkerStatusJson unresponsive() {
        return new WorkerStatusJson(UNHEALTHY, UNRESPONSIVE_MESSAGE);
    }

    private static final String UNRESPONSIVE_MESSAGE =
            "Worker was unable to handle this request and may be unable to handle other requests.";

    /** Whether the herder answered at all (starting, healthy, or unhealthy for a reason it could name). */
    boolean responsive() {
        return !UNRESPONSIVE_MESSAGE.equals(message);
    }

    static WorkerStatusJson of(Herder.WorkerHealth health) {
        return new WorkerStatusJson(health.status(), health.message());
    }

    /** 200 when healthy, 503 while starting, 500 otherwise: the codes Apache's load balancers rely on. */
    int httpStatus() {
        return switch (status) {
            case HEALTHY -> 200;
            case STARTING -> 503;
            default -> 500;
        };
    }
}

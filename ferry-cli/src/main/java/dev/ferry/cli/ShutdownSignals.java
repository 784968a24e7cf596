package dev.ferry.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a call on a Java thread instead of a JVM shutdown. A worker
 * stopped by its orchestrator then shuts down in order on its main thread (tasks commit their
 * offsets, REST stops) and exits 0, where a shutdown-hook-only stop exits 143. The shutdown hook
 * stays as the fallback for {@code System.exit} and for platforms without these signals.
 */
final class ShutdownSignals {
    private static final Logger log = LoggerFactory.getLogger(ShutdownSignals.class);

    private ShutdownSignals() {
    }

    static void onTermOrInt(Runnable action) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> action.run());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                log.debug("Signal {} cannot be handled here ({}); the shutdown hook will stop the worker", name, e.toString());
            }
        }
    }
}

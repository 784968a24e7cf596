package dev.ferry.rest.extensions;

import java.util.Map;

/** What the test extensions recorded, for tests in other packages. */
public final class ExtensionProbe {
    private ExtensionProbe() {
    }

    public static String lastPath() {
        return GuardExtension.lastPath;
    }

    public static int guardedRequests() {
        return GuardExtension.guardedRequests.get();
    }

    public static Map<String, Object> configured() {
        return GuardExtension.configured;
    }

    public static int closed() {
        return GuardExtension.closed.get();
    }

    public static int nameBoundRuns() {
        return HealthResourceExtension.nameBoundRuns;
    }
}

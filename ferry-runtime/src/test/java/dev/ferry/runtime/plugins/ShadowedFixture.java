package dev.ferry.runtime.plugins;

/**
 * A class on the test classpath that one fixture plugin also contains, in a different version: which one a
 * plugin loader returns shows whether it looks in the plugin first.
 */
public final class ShadowedFixture {

    private ShadowedFixture() {
    }

    public static String origin() {
        return "worker";
    }
}

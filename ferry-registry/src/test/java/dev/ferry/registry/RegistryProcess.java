package dev.ferry.registry;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A registry in a JVM of its own, for tests that kill it: started with {@code key=value} properties, prints
 * {@code REGISTRY-URL <url>} once serving, and runs until killed or its stdin closes (SIGTERM and end of stdin
 * close it cleanly; SIGKILL does not, which is what failover tests want).
 */
public final class RegistryProcess {
    static final String URL_LINE = "REGISTRY-URL ";

    private RegistryProcess() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> properties = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            properties.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        RegistryServer server = RegistryServer.start(RegistryConfig.from(properties, Map.of()));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "registry-shutdown"));
        System.out.println(URL_LINE + server.url());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to go away
        }
        System.exit(0);
    }
}

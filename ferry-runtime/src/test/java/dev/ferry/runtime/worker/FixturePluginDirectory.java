package dev.ferry.runtime.worker;

import dev.ferry.runtime.plugins.PluginDiscovery;
import dev.ferry.runtime.plugins.Plugins;
import dev.ferry.runtime.worker.fixtures.ContextProbeSinkConnector;
import dev.ferry.runtime.worker.fixtures.ContextProbeSourceConnector;
import dev.ferry.runtime.worker.fixtures.CountingSourceConnector;
import dev.ferry.runtime.worker.fixtures.GatedSourceConnector;
import dev.ferry.runtime.worker.fixtures.LineFileSinkConnector;
import dev.ferry.runtime.worker.fixtures.MisbehavingSinkConnector;
import dev.ferry.runtime.worker.fixtures.MisbehavingSourceConnector;
import dev.ferry.runtime.worker.fixtures.NumberConverter;
import dev.ferry.runtime.worker.fixtures.TransactionalSourceConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Installs the test connectors of the {@code fixtures} package as a plugin directory (a class tree
 * with ServiceLoader manifests) and discovers it with the real plugin registry, so the worker loads
 * them in an isolated class loader exactly as it loads third-party plugins.
 */
final class FixturePluginDirectory {
    private static final Map<String, List<Class<?>>> MANIFESTS = Map.of(
            "org.apache.kafka.connect.source.SourceConnector", List.of(CountingSourceConnector.class,
                    GatedSourceConnector.class, TransactionalSourceConnector.class, ContextProbeSourceConnector.class,
                    MisbehavingSourceConnector.class),
            "org.apache.kafka.connect.sink.SinkConnector", List.of(LineFileSinkConnector.class, ContextProbeSinkConnector.class,
                    MisbehavingSinkConnector.class),
            "org.apache.kafka.connect.storage.Converter", List.of(NumberConverter.class));

    private static Plugins plugins;

    private FixturePluginDirectory() {
    }

    static synchronized Plugins plugins() {
        if (plugins == null) {
            plugins = Plugins.discover(List.of(install()), List.of(), PluginDiscovery.SERVICE_LOAD);
        }
        return plugins;
    }

    /**
     * The fixtures together with {@code bundled} plugin locations (e.g. Apache's transforms, copied to
     * {@code target/test-plugins/bundled} by the build), discovered anew for the caller, who closes them.
     */
    static Plugins withBundled(List<Path> bundled) {
        return Plugins.discover(List.of(install()), bundled, PluginDiscovery.SERVICE_LOAD);
    }

    private static Path install() {
        try {
            Path compiled = Path.of(CountingSourceConnector.class.getResource("").toURI());
            Path root = Files.createTempDirectory("ferry-worker-fixtures");
            Path plugin = root.resolve("fixtures");
            String packagePath = CountingSourceConnector.class.getPackageName().replace('.', '/');
            Path target = Files.createDirectories(plugin.resolve(packagePath));
            try (Stream<Path> classes = Files.list(compiled)) {
                for (Path cls : classes.filter(p -> p.toString().endsWith(".class")).toList()) {
                    Files.copy(cls, target.resolve(cls.getFileName().toString()));
                }
            }
            Path services = Files.createDirectories(plugin.resolve("META-INF/services"));
            for (Map.Entry<String, List<Class<?>>> manifest : MANIFESTS.entrySet()) {
                StringBuilder lines = new StringBuilder();
                manifest.getValue().forEach(cls -> lines.append(cls.getName()).append('\n'));
                Files.writeString(services.resolve(manifest.getKey()), lines);
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

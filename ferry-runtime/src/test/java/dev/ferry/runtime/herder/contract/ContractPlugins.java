package dev.ferry.runtime.herder.contract;

import dev.ferry.runtime.herder.contract.plugin.ScriptedSinkConnector;
import dev.ferry.runtime.herder.contract.plugin.ScriptedSourceConnector;
import dev.ferry.runtime.plugins.PluginDiscovery;
import dev.ferry.runtime.plugins.Plugins;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The suite's plugins as a worker finds third-party ones: the compiled classes of the
 * {@code plugin} package are copied into a temporary plugin directory with a ServiceLoader
 * manifest and discovered by the real plugin registry, so they run in an isolated class loader.
 * Discovered once per test JVM and shared by every herder of the suite.
 */
final class ContractPlugins {
    private static Plugins plugins;

    private ContractPlugins() {
    }

    static synchronized Plugins plugins() {
        if (plugins == null) {
            plugins = Plugins.discover(List.of(install()), List.of(), PluginDiscovery.SERVICE_LOAD);
        }
        return plugins;
    }

    private static Path install() {
        try {
            Path compiled = Path.of(ScriptedSourceConnector.class.getResource("").toURI());
            Path root = Files.createTempDirectory("ferry-herder-contract-plugins");
            root.toFile().deleteOnExit();
            Path plugin = root.resolve("scripted");
            Path target = Files.createDirectories(plugin.resolve(
                    ScriptedSourceConnector.class.getPackageName().replace('.', '/')));
            try (Stream<Path> classes = Files.list(compiled)) {
                for (Path cls : classes.filter(p -> p.toString().endsWith(".class")).toList()) {
                    Files.copy(cls, target.resolve(cls.getFileName().toString()));
                }
            }
            Path services = Files.createDirectories(plugin.resolve("META-INF/services"));
            Files.writeString(services.resolve("org.apache.kafka.connect.source.SourceConnector"),
                    ScriptedSourceConnector.class.getName() + "\n");
            Files.writeString(services.resolve("org.apache.kafka.connect.sink.SinkConnector"),
                    ScriptedSinkConnector.class.getName() + "\n");
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

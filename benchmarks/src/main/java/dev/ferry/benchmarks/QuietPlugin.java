package dev.ferry.benchmarks;

import dev.ferry.benchmarks.plugin.QuietSourceConnector;
import dev.ferry.benchmarks.plugin.QuietSourceTask;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Lays out {@link QuietSourceConnector} as a plugin directory ({@code <dir>/quiet-source/quiet-source.jar}) for
 * {@code plugin.path}: its two classes, taken from this benchmark's own classpath, and the
 * {@code META-INF/services} entry that Apache's {@code plugin.discovery=service_load} reads.
 */
final class QuietPlugin {
    static final String CONNECTOR_CLASS = QuietSourceConnector.class.getName();

    private QuietPlugin() {
    }

    /** Writes the plugin below {@code pluginPath} and returns {@code pluginPath}. */
    static Path write(Path pluginPath) throws IOException {
        Path jar = pluginPath.resolve("quiet-source").resolve("quiet-source.jar");
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Class<?> type : List.of(QuietSourceConnector.class, QuietSourceTask.class)) {
                String entry = type.getName().replace('.', '/') + ".class";
                try (InputStream bytes = type.getClassLoader().getResourceAsStream(entry)) {
                    if (bytes == null) {
                        throw new IOException("class file " + entry + " is not on the benchmark's classpath");
                    }
                    out.putNextEntry(new JarEntry(entry));
                    bytes.transferTo(out);
                }
            }
            out.putNextEntry(new JarEntry("META-INF/services/org.apache.kafka.connect.source.SourceConnector"));
            out.write((CONNECTOR_CLASS + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return pluginPath;
    }
}

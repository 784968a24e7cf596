package dev.ferry.cli.doctor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds real plugin jars for the plugin path checks: a Connect converter compiled from source by the JDK's
 * compiler, packed with or without its {@code META-INF/services} manifest.
 */
final class PluginJars {
    private PluginJars() {
    }

    /**
     * A jar at {@code jar} holding converter {@code packageName.simpleName}.
     *
     * @param manifest whether the jar lists the converter in {@code META-INF/services}
     */
    static Path converter(Path jar, String packageName, String simpleName, boolean manifest) {
        try {
            // compiled outside the plugin folder: class files there would be plugins of their own
            Path work = Files.createTempDirectory("ferry-doctor-plugin-src");
            Path source = work.resolve(simpleName + ".java");
            Files.writeString(source, "package " + packageName + ";\n"
                    + "import java.util.Map;\n"
                    + "import org.apache.kafka.connect.data.Schema;\n"
                    + "import org.apache.kafka.connect.data.SchemaAndValue;\n"
                    + "public class " + simpleName + " implements org.apache.kafka.connect.storage.Converter {\n"
                    + "  public void configure(Map<String, ?> configs, boolean isKey) { }\n"
                    + "  public byte[] fromConnectData(String topic, Schema schema, Object value) { return null; }\n"
                    + "  public SchemaAndValue toConnectData(String topic, byte[] value) { return null; }\n"
                    + "}\n");
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            int result = compiler.run(null, null, null, "-d", work.toString(), "-cp",
                    System.getProperty("java.class.path"), source.toString());
            if (result != 0) {
                throw new IllegalStateException("Could not compile " + source);
            }
            String classFile = packageName.replace('.', '/') + "/" + simpleName + ".class";
            Files.createDirectories(jar.getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                out.putNextEntry(new JarEntry(classFile));
                out.write(Files.readAllBytes(work.resolve(classFile)));
                out.closeEntry();
                if (manifest) {
                    out.putNextEntry(new JarEntry("META-INF/services/org.apache.kafka.connect.storage.Converter"));
                    out.write((packageName + "." + simpleName + "\n").getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}

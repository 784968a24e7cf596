package dev.ferry.dist;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a one-class REST extension plugin at test time: compiles its source against the
 * distribution's lib/ (connect-api and the JAX-RS API, as a plugin author compiles) and writes a
 * jar with its ServiceLoader manifest into a plugin directory.
 */
final class ProbePlugin {
    private ProbePlugin() {
    }

    static void build(String source, String className, Path pluginDir) throws IOException {
        Path work = Files.createTempDirectory("probe-plugin");
        Path sourceFile = work.resolve("src").resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(sourceFile.getParent());
        Files.writeString(sourceFile, source);
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        String classPath;
        try (Stream<Path> lib = Files.list(WorkerProcess.distDir().resolve("lib"))) {
            // the compiler API does not expand lib/* as the java launcher does
            classPath = String.join(java.io.File.pathSeparator, lib.map(Path::toString).toList());
        }
        int status = compiler.run(null, null, null, "-d", classes.toString(), "-cp", classPath,
                sourceFile.toString());
        if (status != 0) {
            throw new IllegalStateException("The probe extension did not compile (status " + status + ")");
        }
        Files.createDirectories(pluginDir);
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(pluginDir.resolve("probe.jar")));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, jar);
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry("META-INF/services/org.apache.kafka.connect.rest.ConnectRestExtension"));
            OutputStream out = jar;
            out.write((className + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }
}

package dev.ferry.runtime.plugins;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Connector;
import org.slf4j.Logger;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds real plugins for tests: compiles Java sources with the system compiler against connect-api and
 * kafka-clients (plus given jars), writes ServiceLoader manifests and packs jars.
 */
final class PluginFixtures {

    private PluginFixtures() {
    }

    /** Compiles {@code sources} (class name to source text) into {@code out}, which is created. */
    static Path compile(Path out, List<Path> extraClasspath, Map<String, String> sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            Files.createDirectories(out);
            List<JavaFileObject> units = sources.entrySet().stream()
                    .map(e -> (JavaFileObject) new Source(e.getKey(), e.getValue())).toList();
            List<String> classpath = new ArrayList<>();
            for (Class<?> apiClass : List.of(Connector.class, ConfigDef.class, Logger.class)) {
                classpath.add(jarOf(apiClass).toString());
            }
            extraClasspath.forEach(p -> classpath.add(p.toString()));
            List<String> options = List.of("-d", out.toString(), "-classpath",
                    String.join(java.io.File.pathSeparator, classpath), "--release", "17", "-proc:none");
            boolean ok = compiler.getTask(null, files, diagnostics, options, null, units).call();
            if (!ok) {
                throw new IllegalStateException("Fixture compilation failed: " + diagnostics.getDiagnostics());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code META-INF/services/<interface>} files listing the given classes into a class directory. */
    static Path writeManifests(Path classes, Map<String, List<String>> manifests) {
        try {
            for (Map.Entry<String, List<String>> manifest : manifests.entrySet()) {
                Path file = classes.resolve("META-INF/services/" + manifest.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, "# test manifest\n" + String.join("\n", manifest.getValue()) + "\n");
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Packs the files of the given directories into a new jar. */
    static Path jar(Path jarFile, Path... directories) {
        try {
            Files.createDirectories(jarFile.getParent());
            try (OutputStream file = Files.newOutputStream(jarFile); JarOutputStream jar = new JarOutputStream(file)) {
                for (Path dir : directories) {
                    List<Path> entries;
                    try (Stream<Path> walk = Files.walk(dir)) {
                        entries = walk.filter(Files::isRegularFile).sorted().toList();
                    }
                    for (Path entry : entries) {
                        jar.putNextEntry(new JarEntry(dir.relativize(entry).toString().replace('\\', '/')));
                        jar.write(Files.readAllBytes(entry));
                        jar.closeEntry();
                    }
                }
            }
            return jarFile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a directory tree. */
    static Path copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a file into a directory, keeping its name. */
    static Path copyInto(Path file, Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.copy(file, dir.resolve(file.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path jarOf(Class<?> klass) {
        try {
            return Path.of(klass.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String lines(String... lines) {
        return Stream.of(lines).collect(Collectors.joining("\n", "", "\n"));
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String className, String text) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}

package dev.ferry.rest.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The web console's files (module {@code ferry-console}, class-path folder {@value #FOLDER}), read
 * once into memory with their gzip form and ETags. {@link #version()} is a hash of every file, so
 * the URLs {@code /ui/v/<version>/<file>} name exact content and can be cached forever: a worker
 * with other assets has another version. {@code index.html} gets that versioned folder in place of
 * {@value #ASSETS_PLACEHOLDER}, so the page loads every other file through it, and ES modules'
 * relative imports stay inside it.
 *
 * <p>Built on the first request for {@code /ui/} ({@link ConsoleResource}), never at a worker's
 * start. The files come from the folder or the jar that holds {@code index.html}; which files
 * exist is read from there, so a new page is a new file and nothing else.
 */
final class ConsoleAssets {
    static final String FOLDER = "dev/ferry/console/";
    static final String INDEX = "index.html";
    static final String ASSETS_PLACEHOLDER = "%ASSETS%";
    /** Below this size gzip saves less than its header and the CPU it costs the browser. */
    private static final int MIN_GZIP_SIZE = 256;

    /** One file: its bytes, gzip bytes (null when not worth it), content type and strong ETags. */
    record Asset(String name, String contentType, byte[] bytes, byte[] gzip, String etag) {
        String gzipEtag() {
            return etag.substring(0, etag.length() - 1) + "-gzip\"";
        }
    }

    private final Map<String, Asset> assets;
    private final String version;

    private ConsoleAssets(Map<String, Asset> assets, String version) {
        this.assets = assets;
        this.version = version;
    }

    /** Reads the console's files from {@code loader}'s class path. */
    static ConsoleAssets load(ClassLoader loader) {
        URL index = loader.getResource(FOLDER + INDEX);
        if (index == null) {
            throw new IllegalStateException("The web console's files (" + FOLDER + INDEX + ") are not on the class path; "
                    + "the ferry-console jar is missing from the worker's lib/ directory");
        }
        Map<String, byte[]> files = read(index);
        MessageDigest all = sha256();
        files.forEach((name, bytes) -> {
            all.update(name.getBytes(StandardCharsets.UTF_8));
            all.update((byte) 0);
            all.update(bytes);
        });
        String version = HexFormat.of().formatHex(all.digest()).substring(0, 12);
        Map<String, Asset> assets = new TreeMap<>();
        files.forEach((name, bytes) -> {
            byte[] content = name.equals(INDEX)
                    ? new String(bytes, StandardCharsets.UTF_8).replace(ASSETS_PLACEHOLDER, "v/" + version + "/")
                            .getBytes(StandardCharsets.UTF_8)
                    : bytes;
            assets.put(name, asset(name, content));
        });
        return new ConsoleAssets(Map.copyOf(assets), version);
    }

    /** The hash of all files, the {@code <version>} of the immutable URLs. */
    String version() {
        return version;
    }

    /** The file at {@code name} (relative to the console folder, e.g. {@code app.js}), or null. */
    Asset get(String name) {
        return assets.get(name);
    }

    Asset index() {
        return assets.get(INDEX);
    }

    private static Asset asset(String name, byte[] bytes) {
        String type = contentType(name);
        byte[] gzip = type.startsWith("text/") || type.contains("json") || type.contains("svg") ? gzip(bytes) : null;
        if (gzip != null && (bytes.length < MIN_GZIP_SIZE || gzip.length >= bytes.length)) {
            gzip = null;
        }
        String etag = "\"" + HexFormat.of().formatHex(sha256().digest(bytes)).substring(0, 20) + "\"";
        return new Asset(name, type, bytes, gzip, etag);
    }

    static String contentType(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".html")) {
            return "text/html; charset=utf-8";
        } else if (lower.endsWith(".js") || lower.endsWith(".mjs")) {
            return "text/javascript; charset=utf-8";
        } else if (lower.endsWith(".css")) {
            return "text/css; charset=utf-8";
        } else if (lower.endsWith(".svg")) {
            return "image/svg+xml";
        } else if (lower.endsWith(".json") || lower.endsWith(".webmanifest")) {
            return "application/json";
        } else if (lower.endsWith(".png")) {
            return "image/png";
        } else if (lower.endsWith(".ico")) {
            return "image/x-icon";
        } else if (lower.endsWith(".txt") || lower.endsWith(".md")) {
            return "text/plain; charset=utf-8";
        }
        return "application/octet-stream";
    }

    /** Every file under the folder that holds {@code index}, by its path relative to that folder. */
    private static Map<String, byte[]> read(URL index) {
        Map<String, byte[]> files = new TreeMap<>();
        try {
            if (index.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) index.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry entry = entries.nextElement();
                        if (!entry.isDirectory() && entry.getName().startsWith(FOLDER)) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                files.put(entry.getName().substring(FOLDER.length()), in.readAllBytes());
                            }
                        }
                    }
                }
            } else if (index.getProtocol().equals("file")) {
                Path folder = Path.of(index.toURI()).getParent();
                try (Stream<Path> paths = Files.walk(folder)) {
                    for (Path path : paths.filter(Files::isRegularFile).toList()) {
                        files.put(folder.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
                    }
                }
            } else {
                throw new IllegalStateException("The web console's files are at " + index
                        + ", which is neither a jar nor a folder; put the ferry-console jar in the worker's lib/");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the web console's files from " + index + ": " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Could not read the web console's files from " + index, e);
        }
        return files;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

package dev.ferry.dist;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds the {@code prometheus} and {@code promtool} binaries of Debian's {@code prometheus}
 * package for the monitoring test, without root and without installing anything.
 *
 * <p>Where they come from, first match wins:
 * <ol>
 *   <li>{@code FERRY_PROMETHEUS_HOME} (environment) or {@code ferry.prometheus.home} (system
 *       property): a directory holding both binaries, for machines without network access;</li>
 *   <li>{@code /usr/bin}, when the package is installed;</li>
 *   <li>the cache, {@code $XDG_CACHE_HOME/ferry/prometheus/<version>} (default
 *       {@code ~/.cache/ferry/...}), filled by an earlier run;</li>
 *   <li>otherwise the pinned {@code .deb} of Debian 12 (bookworm) is downloaded from
 *       deb.debian.org, checked against its SHA-256 from the archive's signed index, and unpacked
 *       with {@code dpkg-deb -x} into the cache. Should the mirror no longer carry that version (a
 *       stable update replaces it), {@code apt-get download prometheus} fetches the current one
 *       through apt's own signature checks; that needs no root either. Other architectures than
 *       amd64 always take that way.</li>
 * </ol>
 * The package's binaries are statically linked Go programs that need only libc, so an unpacked
 * copy runs anywhere on linux/amd64.
 */
final class PrometheusBinaries {
    /** The pinned package: bookworm's prometheus, as in the archive index (Filename, SHA256). */
    static final String DEB_VERSION = "2.42.0+ds-5+deb12u1";
    private static final String DEB_URL =
            "http://deb.debian.org/debian/pool/main/p/prometheus/prometheus_" + DEB_VERSION + "_amd64.deb";
    private static final String DEB_SHA256 = "81d59a24fce84f7fbe97a45a4f2914b6a5881b5cd1db2a6a0e129e515e1a5f55";

    final Path prometheus;
    final Path promtool;

    private PrometheusBinaries(Path binDir) {
        this.prometheus = binDir.resolve("prometheus");
        this.promtool = binDir.resolve("promtool");
    }

    /** The binaries, downloading and unpacking the package on first use. */
    static synchronized PrometheusBinaries locate() throws IOException, InterruptedException {
        String home = System.getenv("FERRY_PROMETHEUS_HOME");
        if (home == null) {
            home = System.getProperty("ferry.prometheus.home");
        }
        if (home != null) {
            PrometheusBinaries given = new PrometheusBinaries(Path.of(home));
            if (!given.present()) {
                throw new IllegalStateException("FERRY_PROMETHEUS_HOME=" + home
                        + " does not hold executable prometheus and promtool binaries; point it at their directory");
            }
            return given;
        }
        PrometheusBinaries installed = new PrometheusBinaries(Path.of("/usr/bin"));
        if (installed.present()) {
            return installed;
        }
        Path cacheRoot = cacheRoot();
        for (String version : List.of(DEB_VERSION, "apt")) {
            PrometheusBinaries cached = new PrometheusBinaries(cacheRoot.resolve(version).resolve("usr/bin"));
            if (cached.present()) {
                return cached;
            }
        }
        Files.createDirectories(cacheRoot);
        Path work = Files.createTempDirectory(cacheRoot, "download-");
        try {
            String version = DEB_VERSION;
            Path deb = work.resolve("prometheus.deb");
            boolean amd64 = List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
            if (!amd64 || !downloadPinned(deb)) {
                version = "apt";
                deb = aptGetDownload(work);
            }
            Path unpacked = work.resolve("root");
            run(work, List.of("dpkg-deb", "-x", deb.toString(), unpacked.toString()));
            Path target = cacheRoot.resolve(version);
            // The work directory is inside the cache, so the move is a rename: a concurrent run
            // sees either no copy or a complete one. If another run won the race, its copy is as
            // good as ours.
            try {
                Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isDirectory(target)) {
                    throw e;
                }
            }
            PrometheusBinaries result = new PrometheusBinaries(target.resolve("usr/bin"));
            if (!result.present()) {
                throw new IllegalStateException("The prometheus package unpacked into " + target
                        + " has no usr/bin/prometheus and usr/bin/promtool; delete that directory and retry");
            }
            return result;
        } finally {
            deleteTree(work);
        }
    }

    private boolean present() {
        return Files.isExecutable(prometheus) && Files.isExecutable(promtool);
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("ferry").resolve("prometheus");
    }

    /** Downloads the pinned .deb; false if the mirror no longer has it (404). */
    private static boolean downloadPinned(Path deb) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<Path> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(DEB_URL)).timeout(Duration.ofMinutes(3)).build(),
                    HttpResponse.BodyHandlers.ofFile(deb));
        } catch (IOException e) {
            throw new IOException("Cannot download " + DEB_URL + " (" + e + "). Without network access, unpack "
                    + "Debian's prometheus package elsewhere (dpkg-deb -x) and set FERRY_PROMETHEUS_HOME to its usr/bin", e);
        }
        if (response.statusCode() == 404) {
            return false;
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + DEB_URL + " answered " + response.statusCode());
        }
        String actual = sha256(deb);
        if (!DEB_SHA256.equals(actual)) {
            throw new IOException("The download of " + DEB_URL + " has SHA-256 " + actual + ", not the archive's "
                    + DEB_SHA256 + "; a broken mirror or proxy? Retry, or set FERRY_PROMETHEUS_HOME");
        }
        return true;
    }

    private static Path aptGetDownload(Path dir) throws IOException, InterruptedException {
        run(dir, List.of("apt-get", "download", "prometheus"));
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("prometheus_.*\\.deb")).findFirst()
                    .orElseThrow(() -> new IOException("apt-get download prometheus left no prometheus_*.deb in " + dir));
        }
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path output = dir.resolve("command-output.txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within 5 minutes");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
                    + Files.readString(output));
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package dev.ferry.installer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ferry plugin install <source>}: turns a source (Maven coordinate, Hub name, Hub or plugin archive by path
 * or URL, jar, folder) into one plugin folder of a {@link PluginDirectory}, atomically.
 *
 * <p>Order of work: check the plugin directory is writable (before any download), fetch, verify checksums, decide
 * the folder name and compare with what is installed (the same content again is a no-op), then stage, verify and
 * rename into place. Nothing in the plugin directory changes before the final rename.
 */
final class Installer {
    /** A Hub name: {@code owner/name:version}. */
    private static final Pattern HUB_NAME = Pattern.compile("([A-Za-z0-9_][A-Za-z0-9_.\\-]*)/([A-Za-z0-9_][A-Za-z0-9_.\\-]*)(?::(.+))?");
    /** A versioned file name: {@code name-1.2.3.jar}, {@code name-1.2.3-bin.tar.gz}. */
    private static final Pattern VERSIONED = Pattern.compile("(.+?)-(\\d[^/]*?)(\\.jar|\\.zip|\\.tar\\.gz|\\.tgz)");

    private final InstallOptions options;
    private final PrintStream out;
    private final PluginDirectory directory;

    Installer(InstallOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.directory = new PluginDirectory(options.pluginDir());
    }

    /** What a source gave: the files to lay out, how, and under which name. */
    private record Payload(String folder, String source, String version, List<Path> files, Kind kind,
                           List<String> leftOut) {
    }

    private enum Kind { ARCHIVE, JARS, FOLDER }

    int install(String source) throws IOException {
        boolean created = !Files.exists(directory.dir);
        if (!options.dryRun()) {
            directory.checkWritable();
        }
        Path downloads = Files.createTempDirectory("ferry-plugin-download-");
        boolean installed = false;
        try {
            int exit = install(fetch(source.trim(), downloads));
            installed = true;
            return exit;
        } finally {
            PluginDirectory.deleteQuietly(downloads);
            if (created && !installed) {
                // a failed install leaves the file system as it was: no empty plugin directory either
                try {
                    Files.deleteIfExists(directory.dir);
                } catch (IOException notEmpty) {
                    // something else was put there meanwhile: keep it
                }
            }
        }
    }

    private Payload fetch(String source, Path downloads) throws IOException {
        if (Downloads.isUrl(source)) {
            String fileName = Path.of(java.net.URI.create(source).getPath()).getFileName().toString();
            Path file = downloads.resolve(fileName);
            out.println("Downloading " + source);
            Downloads.fetch(source, file);
            return local(file, source);
        }
        Path path = Path.of(source);
        if (Files.exists(path)) {
            return local(path.toAbsolutePath().normalize(), path.toAbsolutePath().normalize().toString());
        }
        String lower = source.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".jar") || Archives.isArchive(lower)) {
            throw InstallException.usage("There is no file " + path.toAbsolutePath().normalize() + ". Check the "
                    + "path, or give a URL (http://, https://, file:).");
        }
        Matcher hub = HUB_NAME.matcher(source);
        if (hub.matches() && !MavenCoordinate.looksLikeCoordinate(source)) {
            return hub(hub.group(1), hub.group(2), hub.group(3), downloads);
        }
        if (MavenCoordinate.looksLikeCoordinate(source)) {
            return maven(MavenCoordinate.parse(source));
        }
        throw InstallException.usage("'" + source + "' is neither an existing file or folder, a URL, a Maven "
                + "coordinate (group:artifact:version[:classifier[@type]]) nor a Hub name (owner/name:version).");
    }

    private Payload maven(MavenCoordinate coordinate) {
        MavenSettings settings = MavenSettings.read(options.mavenSettings());
        MavenArtifacts artifacts = new MavenArtifacts(settings, options.repositories());
        out.println("Resolving " + coordinate + " with Maven's resolver (settings " + settings.file + ", local "
                + "repository " + settings.localRepository() + ")");
        MavenArtifacts.Resolved resolved = artifacts.resolve(coordinate);
        String source = coordinate.toString();
        if (coordinate.isArchive()) {
            return new Payload(coordinate.folderName(), source, coordinate.version(), resolved.files(), Kind.ARCHIVE,
                    List.of());
        }
        return new Payload(coordinate.folderName(), source, coordinate.version(), resolved.files(), Kind.JARS,
                resolved.leftOut());
    }

    private Payload hub(String owner, String name, String version, Path downloads) throws IOException {
        String base = options.hubUrl();
        if (base == null || base.isBlank()) {
            KnownHubNames.Mapping mapping = KnownHubNames.lookup(owner, name).orElse(null);
            if (mapping instanceof KnownHubNames.Bundled bundled) {
                throw new AlreadyBundled(owner + "/" + name + " is already part of Ferry: " + bundled.what()
                        + ". Nothing to install.");
            }
            if (mapping instanceof KnownHubNames.OnMaven onMaven && version != null && !version.equals("latest")) {
                String coordinate = onMaven.forVersion(version);
                out.println("No Confluent Hub is configured; " + owner + "/" + name + ":" + version
                        + " is published on Maven Central as " + coordinate + ", installing that instead.");
                return maven(MavenCoordinate.parse(coordinate));
            }
            throw InstallException.usage("Cannot install " + owner + "/" + name + (version == null ? "" : ":" + version)
                    + " (no such file or folder, so taken as a Confluent Hub name): Ferry does not contact Confluent "
                    + "Hub, and no Hub archive source is configured. Either install "
                    + "from Maven (ferry plugin install group:artifact:version, or a plugin archive such as "
                    + "io.debezium:debezium-connector-postgres:3.6.1.Final:tar.gz:plugin), or download the component's "
                    + "zip and install the file, or name a folder or URL holding " + owner + "-" + name + "-<version>.zip "
                    + "with --hub-url (or FERRY_HUB_URL)."
                    + (mapping instanceof KnownHubNames.OnMaven m ? " For this component: " + m.forVersion("<version>")
                    : ""));
        }
        if (version == null || version.equals("latest")) {
            throw InstallException.usage("Name the version to install: " + owner + "/" + name + ":<version> (a Hub "
                    + "archive folder or URL has no index to find the latest one).");
        }
        String fileName = owner + "-" + name + "-" + version + ".zip";
        String location = base.endsWith("/") ? base + fileName : base + "/" + fileName;
        Path file;
        if (Downloads.isUrl(base)) {
            file = downloads.resolve(fileName);
            out.println("Downloading " + location);
            Downloads.fetch(location, file);
        } else {
            file = Path.of(location);
            if (!Files.isRegularFile(file)) {
                throw InstallException.failed("There is no " + fileName + " in the Hub archive folder " + base
                        + " (--hub-url/FERRY_HUB_URL). Put the component's zip there or check the name and version.");
            }
        }
        return local(file, owner + "/" + name + ":" + version);
    }

    private Payload local(Path file, String source) throws IOException {
        String fileName = file.getFileName().toString();
        if (Files.isDirectory(file)) {
            return new Payload(fileName, source, "unknown", List.of(file), Kind.FOLDER, List.of());
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".zip")) {
            HubArchive hub = HubArchive.read(file);
            if (hub != null) {
                out.println("Confluent Hub archive " + hub.owner() + "/" + hub.name() + " " + hub.version());
                return new Payload(hub.folderName(), source, hub.version(), List.of(file), Kind.ARCHIVE, List.of());
            }
        }
        if (Archives.isArchive(lower)) {
            String top = Archives.commonTop(file);
            Matcher versioned = VERSIONED.matcher(fileName);
            String folder = top != null ? stripVersion(top) : versioned.matches() ? versioned.group(1)
                    : fileName.replaceFirst("(?i)(\\.zip|\\.tar\\.gz|\\.tgz)$", "");
            return new Payload(folder, source, versioned.matches() ? versioned.group(2) : "unknown", List.of(file),
                    Kind.ARCHIVE, List.of());
        }
        if (lower.endsWith(".jar")) {
            Matcher versioned = VERSIONED.matcher(fileName);
            String folder = versioned.matches() ? versioned.group(1) : fileName.substring(0, fileName.length() - 4);
            return new Payload(folder, source, versioned.matches() ? versioned.group(2) : "unknown", List.of(file),
                    Kind.JARS, List.of());
        }
        throw InstallException.usage(file + " is not a plugin: give a .jar, a .zip (Hub or plugin archive), a .tar.gz "
                + "or a folder.");
    }

    private static String stripVersion(String top) {
        Matcher m = Pattern.compile("(.+?)-\\d.*").matcher(top);
        return m.matches() ? m.group(1) : top;
    }

    private int install(Payload payload) throws IOException {
        if (options.sha512() != null) {
            if (payload.kind() == Kind.FOLDER) {
                throw InstallException.usage("--sha512 checks a downloaded file; " + payload.source()
                        + " is a folder.");
            }
            Checksums.verifySha512(payload.files().get(0), options.sha512(), payload.source());
            out.println("SHA-512 matches --sha512");
        }
        String digest = digest(payload);
        PluginDirectory.InstallRecord installed = directory.record(payload.folder()).orElse(null);
        if (installed != null && installed.sha512().equals(digest)) {
            out.println(payload.folder() + " " + installed.version() + " is already installed in "
                    + directory.dir.resolve(payload.folder()) + " from " + installed.source() + "; nothing changed.");
            return 0;
        }
        if (options.dryRun()) {
            out.println("Dry run: would install " + payload.source() + " as " + directory.dir.resolve(payload.folder())
                    + (directory.folder(payload.folder()).isPresent() ? ", replacing the folder there" : "") + ", from:");
            payload.files().forEach(f -> out.println("  " + f));
            reportLeftOut(payload.leftOut());
            return 0;
        }
        Path staging = directory.stage(payload.folder());
        try {
            List<String> leftOut = new ArrayList<>(payload.leftOut());
            lay(payload, staging, leftOut);
            verify(payload, staging);
            PluginDirectory.writeRecord(staging, new PluginDirectory.InstallRecord(payload.folder(), payload.source(),
                    payload.version(), digest, leftOut));
            boolean replacing = directory.folder(payload.folder()).isPresent();
            Path folder = directory.commit(staging, payload.folder());
            reportLeftOut(leftOut);
            out.println((replacing ? "Replaced " : "Installed ") + payload.folder() + " " + payload.version() + " in "
                    + folder + (replacing && installed != null ? " (was " + installed.version() + " from "
                    + installed.source() + ")" : "") + ".");
            out.println("Workers load it at their next start if " + directory.dir + " is on their plugin.path "
                    + "(`ferry plugin list --plugin-dir " + directory.dir + "` shows what they will find).");
            return 0;
        } catch (RuntimeException | IOException e) {
            PluginDirectory.deleteQuietly(staging);
            throw e;
        }
    }

    private void lay(Payload payload, Path staging, List<String> leftOut) throws IOException {
        switch (payload.kind()) {
            case ARCHIVE -> {
                Archives.unpack(payload.files().get(0), staging);
                try (Stream<Path> walk = Files.walk(staging)) {
                    for (Path p : walk.filter(Files::isRegularFile).toList()) {
                        if (ProvidedArtifacts.isProvidedJar(p.getFileName().toString())) {
                            leftOut.add(staging.relativize(p).toString());
                            Files.delete(p);
                        }
                    }
                }
            }
            case JARS -> {
                for (Path jar : payload.files()) {
                    Files.copy(jar, staging.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            case FOLDER -> {
                Path from = payload.files().get(0);
                try (Stream<Path> walk = Files.walk(from)) {
                    for (Path p : walk.toList()) {
                        Path to = staging.resolve(from.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
        }
    }

    /** A plugin folder must hold something a class loader can use. */
    private static void verify(Payload payload, Path staging) throws IOException {
        try (Stream<Path> walk = Files.walk(staging)) {
            boolean usable = walk.anyMatch(p -> p.toString().endsWith(".jar") || p.toString().endsWith(".class"));
            if (!usable) {
                throw InstallException.failed(payload.source() + " holds no .jar or .class files, so it is not a "
                        + "Connect plugin; nothing was installed.");
            }
        }
    }

    private void reportLeftOut(List<String> leftOut) {
        if (!leftOut.isEmpty()) {
            out.println("Left out " + String.join(", ", leftOut) + ": " + ProvidedArtifacts.reason()
                    + " (Apache's plugin guide: plugins must not include connect-api, kafka-clients or slf4j-api).");
        }
    }

    /** One SHA-512 over every file a payload installs (names and contents), so any change is a new version. */
    private static String digest(Payload payload) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path f : payload.files()) {
            if (Files.isDirectory(f)) {
                try (Stream<Path> walk = Files.walk(f)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else {
                files.add(f);
            }
        }
        String joined = files.stream().map(f -> f.getFileName() + "=" + Checksums.sha512(f))
                .collect(Collectors.joining("\n"));
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-512")
                    .digest(joined.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Hub name for something Ferry ships: not an error (a cp Dockerfile's RUN line must keep working). */
    static final class AlreadyBundled extends RuntimeException {
        AlreadyBundled(String message) {
            super(message);
        }
    }
}

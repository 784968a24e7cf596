package dev.ferry.installer;

import java.util.regex.Pattern;

/**
 * A Maven artifact named on the command line. Three spellings are accepted:
 * {@code group:artifact:version}, {@code group:artifact:version:classifier[@type]} (Maven's resolver and
 * Strimzi write the type after an {@code @}) and {@code group:artifact:version:type:classifier} (the order
 * {@code mvn dependency:get} and Debezium's documentation use, e.g.
 * {@code io.debezium:debezium-connector-postgres:3.6.1.Final:tar.gz:plugin}).
 *
 * @param extension the file type: {@code jar} unless given
 * @param classifier empty when none
 */
record MavenCoordinate(String groupId, String artifactId, String version, String classifier, String extension) {

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.\\-]+");
    /** File types that hold a whole plugin folder rather than one library. */
    private static final java.util.Set<String> ARCHIVE_TYPES = java.util.Set.of("zip", "tar.gz", "tgz");

    /** Whether {@code text} looks like a coordinate (two colons or more, no path or URL syntax). */
    static boolean looksLikeCoordinate(String text) {
        return !text.contains("/") && !text.contains("\\") && text.chars().filter(c -> c == ':').count() >= 2;
    }

    /**
     * Parses one of the three spellings.
     *
     * @throws InstallException saying which spellings are accepted when {@code text} is none of them
     */
    static MavenCoordinate parse(String text) {
        String[] parts = text.trim().split(":", -1);
        String classifier = "";
        String extension = "jar";
        switch (parts.length) {
            case 3 -> { }
            case 4 -> {
                String last = parts[3];
                int at = last.indexOf('@');
                if (at >= 0) {
                    classifier = last.substring(0, at);
                    extension = last.substring(at + 1);
                } else {
                    classifier = last;
                }
            }
            case 5 -> {
                extension = parts[3];
                classifier = parts[4];
            }
            default -> throw invalid(text, "it has " + parts.length + " parts separated by ':'");
        }
        MavenCoordinate coordinate = new MavenCoordinate(parts[0], parts[1], parts[2], classifier, extension);
        for (String part : new String[] {coordinate.groupId, coordinate.artifactId, coordinate.version,
                coordinate.extension}) {
            if (!PART.matcher(part).matches()) {
                throw invalid(text, "'" + part + "' is empty or holds characters a Maven coordinate cannot have");
            }
        }
        if (!classifier.isEmpty() && !PART.matcher(classifier).matches()) {
            throw invalid(text, "the classifier '" + classifier + "' holds characters a Maven coordinate cannot have");
        }
        if (coordinate.version.equalsIgnoreCase("latest") || coordinate.version.equalsIgnoreCase("release")) {
            throw invalid(text, "'" + coordinate.version + "' is not a version: name the exact version to install "
                    + "(a plugin folder must be reproducible)");
        }
        return coordinate;
    }

    private static InstallException invalid(String text, String why) {
        return InstallException.usage("'" + text + "' is not a Maven coordinate: " + why + ". Write "
                + "group:artifact:version, group:artifact:version:classifier@type or "
                + "group:artifact:version:type:classifier (e.g. "
                + "io.debezium:debezium-connector-postgres:3.6.1.Final:tar.gz:plugin).");
    }

    /** Whether the artifact is a plugin archive to unpack ({@code zip}, {@code tar.gz}) rather than a jar. */
    boolean isArchive() {
        return ARCHIVE_TYPES.contains(extension);
    }

    /** The plugin folder this artifact installs into: its artifact id. */
    String folderName() {
        return artifactId;
    }

    /** {@code group:artifact:extension[:classifier]:version}, the form Maven's resolver parses. */
    String resolverForm() {
        return groupId + ":" + artifactId + ":" + extension + (classifier.isEmpty() ? "" : ":" + classifier) + ":"
                + version;
    }

    /** {@code group:artifact:version[:classifier][@type]}, how the installer prints it. */
    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version + (classifier.isEmpty() ? "" : ":" + classifier)
                + (extension.equals("jar") ? "" : "@" + extension);
    }
}

package dev.ferry.installer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A Confluent Hub component archive: a zip whose top folder ({@code owner-name-version/}) holds
 * {@code manifest.json} and {@code lib/} (plus {@code etc/}, {@code doc/}, {@code assets/}). Installed as the cp
 * image's {@code confluent-hub install} does: into a folder named {@code <owner>-<name>}, with the archive's content
 * and {@code manifest.json} kept.
 *
 * @param owner   {@code owner.username} of the manifest
 * @param name    {@code name} of the manifest
 * @param version {@code version} of the manifest
 */
record HubArchive(String owner, String name, String version) {
    /** Hub owner and component names: lower-case letters, digits, {@code _}, {@code -} and {@code .}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The manifest of {@code zip} when it is a Hub archive (a {@code manifest.json} at its top or in its top folder). */
    static HubArchive read(Path zip) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            String top = Archives.commonTop(zip);
            ZipEntry entry = file.getEntry(top == null ? "manifest.json" : top + "/manifest.json");
            if (entry == null) {
                return null;
            }
            JsonNode manifest;
            try (InputStream in = file.getInputStream(entry)) {
                manifest = JSON.readTree(in);
            }
            String owner = manifest.path("owner").path("username").asText("");
            String name = manifest.path("name").asText("");
            String version = manifest.path("version").asText("");
            if (!NAME.matcher(owner).matches() || !NAME.matcher(name).matches()) {
                throw InstallException.failed(zip + " has a manifest.json without a usable owner.username ('" + owner
                        + "') and name ('" + name + "'), which name the plugin folder <owner>-<name>. Fix the "
                        + "manifest; nothing was installed.");
            }
            return new HubArchive(owner, name, version.isEmpty() ? "unknown" : version);
        } catch (IOException e) {
            throw InstallException.failed(zip + " is not a readable zip archive: " + e.getMessage()
                    + "; nothing was installed.", e);
        }
    }

    String folderName() {
        return owner + "-" + name;
    }
}

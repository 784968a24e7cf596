package dev.ferry.installer;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code ferry plugin install} was told besides its source.
 *
 * @param pluginDir      where plugin folders go
 * @param sha512         the expected SHA-512 of the downloaded file (archive or jar), or null
 * @param dryRun         resolve and print, but change nothing
 * @param hubUrl         a local folder or URL base holding Hub archives ({@code owner-name-version.zip}), or null
 * @param repositories   Maven repositories to use instead of Central and the settings' profiles (may be empty)
 * @param mavenSettings  the Maven user settings file, or null for {@code ~/.m2/settings.xml}
 */
record InstallOptions(Path pluginDir, String sha512, boolean dryRun, String hubUrl, List<String> repositories,
                      Path mavenSettings) {
}

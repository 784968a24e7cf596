package dev.ferry.installer;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Profile;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.eclipse.aether.repository.AuthenticationSelector;
import org.eclipse.aether.repository.MirrorSelector;
import org.eclipse.aether.repository.ProxySelector;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;

/**
 * Maven's settings as Maven itself reads them (its settings builder: the global {@code conf/settings.xml} of
 * {@code MAVEN_HOME} if there is one, then the user's {@code ~/.m2/settings.xml}, with {@code ${...}} interpolation),
 * turned into what the resolver needs: the local repository, the remote repositories (Maven Central plus those of
 * active profiles), mirrors, proxies and server credentials. Encrypted passwords ({@code {...}}) are not decrypted.
 */
final class MavenSettings {
    static final String CENTRAL_URL = "https://repo.maven.apache.org/maven2/";

    final Path file;
    final Settings settings;

    private MavenSettings(Path file, Settings settings) {
        this.file = file;
        this.settings = settings;
    }

    /**
     * Reads {@code userSettings} (Maven's default {@code ~/.m2/settings.xml} when null); a missing file means Maven's
     * defaults.
     *
     * @throws InstallException naming the file and the problem when it cannot be parsed
     */
    static MavenSettings read(Path userSettings) {
        Path user = userSettings != null ? userSettings
                : Path.of(System.getProperty("user.home"), ".m2", "settings.xml");
        DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest();
        request.setUserSettingsFile(user.toFile());
        String mavenHome = System.getenv("MAVEN_HOME");
        if (mavenHome != null && Files.isRegularFile(Path.of(mavenHome, "conf", "settings.xml"))) {
            request.setGlobalSettingsFile(new File(mavenHome, "conf/settings.xml"));
        }
        Properties system = new Properties();
        system.putAll(System.getProperties());
        System.getenv().forEach((k, v) -> system.setProperty("env." + k, v));
        request.setSystemProperties(system);
        try {
            return new MavenSettings(user, new DefaultSettingsBuilderFactory().newInstance().build(request)
                    .getEffectiveSettings());
        } catch (SettingsBuildingException e) {
            throw InstallException.usage("Maven settings " + user + " cannot be read: " + e.getMessage()
                    + " Fix the file, or name another with --maven-settings.");
        }
    }

    /**
     * The local repository: the settings' {@code localRepository}, else {@code ~/.m2/repository}; when that cannot be
     * created or written (a container running under an arbitrary user id, whose home is {@code /}), a folder under
     * {@code java.io.tmpdir}, so an install still works.
     */
    Path localRepository() {
        String configured = settings.getLocalRepository();
        Path wanted = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        return usable(wanted) ? wanted : Path.of(System.getProperty("java.io.tmpdir"), "ferry-maven-repository");
    }

    private static boolean usable(Path dir) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.isDirectory(existing) && Files.isWritable(existing);
    }

    /**
     * The repositories to resolve from: {@code explicit} when given (each {@code --repository URL}), else Maven
     * Central followed by the repositories of the settings' active profiles; checksums must match (Maven's
     * {@code .sha1}/{@code .sha512} files), snapshots are off.
     */
    List<RemoteRepository> repositories(List<String> explicit) {
        List<RemoteRepository> repositories = new ArrayList<>();
        if (!explicit.isEmpty()) {
            for (int i = 0; i < explicit.size(); i++) {
                repositories.add(repository(i == 0 ? "central" : "repository-" + (i + 1), explicit.get(i)));
            }
            return repositories;
        }
        repositories.add(repository("central", CENTRAL_URL));
        List<String> active = settings.getActiveProfiles();
        for (Profile profile : settings.getProfiles()) {
            boolean byDefault = profile.getActivation() != null && profile.getActivation().isActiveByDefault();
            if (active.contains(profile.getId()) || byDefault) {
                for (org.apache.maven.settings.Repository r : profile.getRepositories()) {
                    if (repositories.stream().noneMatch(existing -> existing.getId().equals(r.getId()))) {
                        repositories.add(repository(r.getId(), r.getUrl()));
                    }
                }
            }
        }
        return repositories;
    }

    private static RemoteRepository repository(String id, String url) {
        RepositoryPolicy releases = new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_DAILY,
                RepositoryPolicy.CHECKSUM_POLICY_FAIL);
        RepositoryPolicy snapshots = new RepositoryPolicy(false, RepositoryPolicy.UPDATE_POLICY_DAILY,
                RepositoryPolicy.CHECKSUM_POLICY_FAIL);
        return new RemoteRepository.Builder(id, "default", url).setReleasePolicy(releases)
                .setSnapshotPolicy(snapshots).build();
    }

    MirrorSelector mirrors() {
        DefaultMirrorSelector selector = new DefaultMirrorSelector();
        for (Mirror m : settings.getMirrors()) {
            selector.add(m.getId(), m.getUrl(), m.getLayout(), false, m.isBlocked(), m.getMirrorOf(),
                    m.getMirrorOfLayouts());
        }
        return selector;
    }

    ProxySelector proxies() {
        DefaultProxySelector selector = new DefaultProxySelector();
        for (Proxy p : settings.getProxies()) {
            if (!p.isActive()) {
                continue;
            }
            AuthenticationBuilder auth = new AuthenticationBuilder();
            if (p.getUsername() != null) {
                auth.addUsername(p.getUsername()).addPassword(p.getPassword());
            }
            selector.add(new org.eclipse.aether.repository.Proxy(p.getProtocol(), p.getHost(), p.getPort(),
                    auth.build()), p.getNonProxyHosts());
        }
        return selector;
    }

    AuthenticationSelector credentials() {
        DefaultAuthenticationSelector selector = new DefaultAuthenticationSelector();
        for (Server s : settings.getServers()) {
            AuthenticationBuilder auth = new AuthenticationBuilder();
            if (s.getUsername() != null) {
                auth.addUsername(s.getUsername()).addPassword(s.getPassword());
            }
            if (s.getPrivateKey() != null) {
                auth.addPrivateKey(s.getPrivateKey(), s.getPassphrase());
            }
            selector.add(s.getId(), auth.build());
        }
        return selector;
    }
}

package dev.ferry.installer;

import dev.ferry.runtime.model.Sentences;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ChecksumFailureException;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves Maven coordinates with Maven's own resolver, as Maven 3 is wired ({@code maven-resolver-supplier-mvn3}):
 * the local repository, mirrors, proxies and credentials of {@link MavenSettings}, checksums checked against the
 * repository's {@code .sha1}/{@code .sha512} files. A jar comes with its runtime dependencies, minus the
 * {@linkplain ProvidedArtifacts libraries the worker provides} and everything only they need; a plugin archive
 * ({@code tar.gz}, {@code zip}) comes alone.
 */
final class MavenArtifacts {

    /** What resolution gave: the files to install, in order, and the provided libraries left out. */
    record Resolved(List<Path> files, List<String> leftOut) {
    }

    private final MavenSettings settings;
    private final List<RemoteRepository> repositories;

    MavenArtifacts(MavenSettings settings, List<String> explicitRepositories) {
        this.settings = settings;
        this.repositories = settings.repositories(explicitRepositories);
    }

    Resolved resolve(MavenCoordinate coordinate) {
        RepositorySystem system = new RepositorySystemSupplier().get();
        try (RepositorySystemSession.CloseableSession session = session(system)) {
            List<RemoteRepository> remotes = system.newResolutionRepositories(session, repositories);
            Artifact artifact = new DefaultArtifact(coordinate.resolverForm());
            if (coordinate.isArchive()) {
                ArtifactResult result = system.resolveArtifact(session, new ArtifactRequest(artifact, remotes, null));
                return new Resolved(List.of(result.getArtifact().getPath()), List.of());
            }
            List<Exclusion> exclusions = ProvidedArtifacts.COORDINATES.stream()
                    .map(ga -> new Exclusion(ga.split(":")[0], ga.split(":")[1], "*", "*")).toList();
            CollectRequest collect = new CollectRequest(new Dependency(artifact, JavaScopes.RUNTIME, false, exclusions),
                    remotes);
            DependencyResult result = system.resolveDependencies(session, new DependencyRequest(collect,
                    DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME)));
            List<Path> files = new ArrayList<>();
            for (ArtifactResult r : result.getArtifactResults()) {
                files.add(r.getArtifact().getPath());
            }
            return new Resolved(files, leftOut(system, session, artifact, remotes));
        } catch (Exception e) {
            throw explain(coordinate, e);
        } finally {
            system.shutdown();
        }
    }

    /**
     * The provided libraries the exclusions cut off, as {@code group:artifact:version}: found in the graph collected
     * without exclusions (POMs only, which the session has cached by then).
     */
    private List<String> leftOut(RepositorySystem system, RepositorySystemSession session, Artifact artifact,
                                 List<RemoteRepository> remotes) throws Exception {
        CollectRequest whole = new CollectRequest(new Dependency(artifact, JavaScopes.RUNTIME), remotes);
        List<String> names = new ArrayList<>();
        collectProvided(system.collectDependencies(session, whole).getRoot(), names);
        return names.stream().distinct().sorted().toList();
    }

    private static void collectProvided(DependencyNode node, List<String> names) {
        for (DependencyNode child : node.getChildren()) {
            Artifact a = child.getArtifact();
            String scope = child.getDependency() == null ? "" : child.getDependency().getScope();
            if (a == null || JavaScopes.TEST.equals(scope) || JavaScopes.PROVIDED.equals(scope)) {
                continue;
            }
            if (ProvidedArtifacts.isProvided(a.getGroupId(), a.getArtifactId())) {
                names.add(a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getVersion());
            } else {
                collectProvided(child, names);
            }
        }
    }

    private RepositorySystemSession.CloseableSession session(RepositorySystem system) {
        SessionBuilderSupplier defaults = new SessionBuilderSupplier(system);
        RepositorySystemSession.SessionBuilder builder = defaults.get()
                .withLocalRepositoryBaseDirectories(settings.localRepository())
                .setMirrorSelector(settings.mirrors())
                .setProxySelector(settings.proxies())
                .setAuthenticationSelector(settings.credentials())
                .setSystemProperties(System.getProperties())
                .setOffline(settings.settings.isOffline())
                // one attempt: a network failure is reported at once rather than after retries and back-off
                .setConfigProperty("aether.transport.http.retryHandler.count", 0)
                .setConfigProperty("aether.transport.http.connectTimeout", 10_000)
                .setConfigProperty("aether.transport.http.requestTimeout", 60_000);
        return builder.build();
    }

    /** Repositories as the messages name them: {@code id (url)}, after mirrors. */
    private String describeRepositories() {
        return repositories.stream().map(r -> r.getId() + " (" + r.getUrl() + ")").collect(Collectors.joining(", "));
    }

    private InstallException explain(MavenCoordinate coordinate, Exception e) {
        Throwable networkCause = find(e, ConnectException.class, UnknownHostException.class,
                NoRouteToHostException.class, SocketTimeoutException.class);
        String where = "Maven repositories " + describeRepositories() + " (local repository "
                + settings.localRepository() + ", settings " + settings.file + ")";
        if (find(e, ChecksumFailureException.class) != null) {
            return InstallException.failed(coordinate + " failed its checksum check against the repository's "
                    + ".sha1/.sha512 file: " + Sentences.end(rootMessage(e)) + " The download or the repository is corrupt; "
                    + "nothing "
                    + "was installed. Retry, or check the mirror configured in " + settings.file + ".", e);
        }
        if (networkCause != null) {
            return InstallException.environment("Could not reach " + where + " to resolve " + coordinate + ": "
                    + Sentences.end(networkCause) + " Nothing was installed. Check the network, the proxies and mirrors in the "
                    + "Maven settings (or --maven-settings FILE), or name a reachable repository with "
                    + "--repository URL.", e);
        }
        if (find(e, ArtifactNotFoundException.class) != null) {
            return InstallException.failed(coordinate + " was not found in " + where + ": "
                    + Sentences.end(rootMessage(e)) + " Check the group, artifact, version, type and classifier (search.maven.org lists what is "
                    + "published); nothing was installed.", e);
        }
        return InstallException.failed(Sentences.then("Could not resolve " + coordinate + " from " + where + ": "
                + rootMessage(e), "Nothing was installed."), e);
    }

    @SafeVarargs
    private static Throwable find(Throwable e, Class<? extends Throwable>... types) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) {
                    return t;
                }
            }
            for (Throwable s : t.getSuppressed()) {
                Throwable found = find(s, types);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        String message = e.getMessage();
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }
}

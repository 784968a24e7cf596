package dev.ferry.rest.extensions;

import io.javalin.http.Context;
import jakarta.ws.rs.core.AbstractMultivaluedMap;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link UriInfo} of a request Ferry serves: the base URI is the server root ({@code /}), so
 * {@link #getPath()} is the request path without its leading slash ({@code connectors/x/tasks}),
 * decoded, as Jersey gives it on Apache's worker. Ferry's routes are not JAX-RS resources, so
 * {@link #getMatchedURIs()} and {@link #getMatchedResources()} are empty; path parameters are those
 * of the Ferry route that matched (names as Apache's resources use them), empty before matching.
 */
final class RequestUriInfo implements UriInfo {
    private final URI requestUri;
    private final URI baseUri;
    private final Map<String, String> pathParameters;

    RequestUriInfo(Context ctx, Map<String, String> pathParameters) {
        this.requestUri = requestUri(ctx);
        this.baseUri = requestUri.resolve("/");
        this.pathParameters = pathParameters;
    }

    @Override
    public String getPath() {
        return getPath(true);
    }

    @Override
    public String getPath(boolean decode) {
        String path = decode ? requestUri.getPath() : requestUri.getRawPath();
        return path.startsWith("/") ? path.substring(1) : path;
    }

    @Override
    public List<PathSegment> getPathSegments() {
        return getPathSegments(true);
    }

    @Override
    public List<PathSegment> getPathSegments(boolean decode) {
        List<PathSegment> segments = new ArrayList<>();
        for (String raw : getPath(false).split("/", -1)) {
            String path = raw.contains(";") ? raw.substring(0, raw.indexOf(';')) : raw;
            segments.add(new Segment(decode ? decode(path) : path));
        }
        return segments;
    }

    @Override
    public URI getRequestUri() {
        return requestUri;
    }

    @Override
    public UriBuilder getRequestUriBuilder() {
        return UriBuilder.fromUri(requestUri);
    }

    @Override
    public URI getAbsolutePath() {
        return requestUri.resolve(requestUri.getRawPath());
    }

    @Override
    public UriBuilder getAbsolutePathBuilder() {
        return UriBuilder.fromUri(getAbsolutePath());
    }

    @Override
    public URI getBaseUri() {
        return baseUri;
    }

    @Override
    public UriBuilder getBaseUriBuilder() {
        return UriBuilder.fromUri(baseUri);
    }

    @Override
    public MultivaluedMap<String, String> getPathParameters() {
        return getPathParameters(true);
    }

    @Override
    public MultivaluedMap<String, String> getPathParameters(boolean decode) {
        MultivaluedMap<String, String> map = new MultivaluedHashMap<>();
        pathParameters.forEach(map::add);
        return map;
    }

    @Override
    public MultivaluedMap<String, String> getQueryParameters() {
        return getQueryParameters(true);
    }

    @Override
    public MultivaluedMap<String, String> getQueryParameters(boolean decode) {
        MultivaluedMap<String, String> map = new MultivaluedHashMap<>();
        String raw = requestUri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return map;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            map.add(decode ? URLDecoder.decode(name, StandardCharsets.UTF_8) : name,
                    decode ? URLDecoder.decode(value, StandardCharsets.UTF_8) : value);
        }
        return map;
    }

    @Override
    public List<String> getMatchedURIs() {
        return List.of();
    }

    @Override
    public List<String> getMatchedURIs(boolean decode) {
        return List.of();
    }

    @Override
    public List<Object> getMatchedResources() {
        return List.of();
    }

    @Override
    public URI resolve(URI uri) {
        return baseUri.resolve(uri);
    }

    @Override
    public URI relativize(URI uri) {
        return requestUri.relativize(uri.isAbsolute() ? uri : resolve(uri));
    }

    /** The request's full URI as the client sent it (Jetty refuses paths a URI may not hold, with 400). */
    static URI requestUri(Context ctx) {
        String query = ctx.queryString();
        return URI.create(ctx.url() + (query == null || query.isEmpty() ? "" : "?" + query));
    }

    private static String decode(String raw) {
        return URI.create("http://h/" + raw).getPath().substring(1);
    }

    /** A path segment; matrix parameters are not offered (none of Connect's paths has them). */
    private record Segment(String path) implements PathSegment {
        @Override
        public String getPath() {
            return path;
        }

        @Override
        public MultivaluedMap<String, String> getMatrixParameters() {
            return new MultivaluedHashMap<>();
        }
    }

    /** Headers are case-insensitive in HTTP and in JAX-RS's maps. */
    static <V> MultivaluedMap<String, V> caseInsensitiveMap() {
        return new AbstractMultivaluedMap<>(new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER)) {
        };
    }
}

package dev.ferry.rest.console;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;

/**
 * Serves the web console at {@code /ui/}: {@code index.html} at {@code /ui/} ({@code no-cache}, so
 * a browser revalidates it and learns the current asset version), every other file at
 * {@code /ui/v/<version>/<file>} ({@code immutable}, cached for a year), both with strong ETags
 * ({@code 304} on {@code If-None-Match}) and gzip when the browser accepts it. {@code /ui} is
 * redirected to {@code /ui/} so that the page's relative URLs resolve, also behind a proxy that
 * adds a path prefix.
 *
 * <p>Nothing here runs or is loaded before the first request for {@code /ui}: {@code RestServer}
 * registers routes whose handlers call {@link #serve}, and this class (with its files, read by
 * {@link ConsoleAssets}) is initialised on that call. A request for a file of another version
 * (a page loaded from a worker with other assets, in a cluster being upgraded) gets the current
 * file, not cached, rather than a 404.
 *
 * <p>The console's files are public (no data, no secrets), so {@code /ui/} answers without REST
 * credentials; the console then calls the REST API like any client, with the user's
 * credentials when REST extensions require them.
 */
public final class ConsoleResource {
    /** The path under which the console is served. */
    public static final String PATH = "/ui";
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String REVALIDATE = "no-cache";
    /**
     * Only this worker's files and its REST API; inline styles are allowed for the small SVG charts and
     * style attributes set from scripts; no framing (clickjacking of the actions).
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private ConsoleResource() {
    }

    /** The files, read on first use (initialisation-on-demand holder: thread-safe, no lock afterwards). */
    private static final class Files {
        static final ConsoleAssets ASSETS = ConsoleAssets.load(ConsoleResource.class.getClassLoader());
    }

    /** True for {@code /ui} and every path under it. */
    public static boolean isConsolePath(String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    /**
     * Answers a GET for {@code /ui}, {@code /ui/} or {@code /ui/<path>}; {@code path} is the
     * request path (without context path).
     */
    public static void serve(Context ctx, String path) {
        if (path.equals(PATH)) {
            // Relative, so that it also works when a proxy serves the worker under a prefix.
            ctx.header("Cache-Control", REVALIDATE);
            ctx.redirect("ui/", HttpStatus.FOUND);
            return;
        }
        String file = path.substring(PATH.length() + 1);
        ConsoleAssets assets = Files.ASSETS;
        if (file.isEmpty() || file.equals(ConsoleAssets.INDEX)) {
            send(ctx, assets.index(), REVALIDATE);
            return;
        }
        String versionPrefix = "v/";
        if (file.startsWith(versionPrefix)) {
            int slash = file.indexOf('/', versionPrefix.length());
            if (slash > 0) {
                String version = file.substring(versionPrefix.length(), slash);
                ConsoleAssets.Asset asset = assets.get(file.substring(slash + 1));
                if (asset != null && !asset.name().equals(ConsoleAssets.INDEX)) {
                    send(ctx, asset, version.equals(assets.version()) ? IMMUTABLE : REVALIDATE);
                    return;
                }
            }
        }
        // Client-side routes use the fragment (#/connectors/x), so any other path is a mistake.
        throw new NotFoundResponse();
    }

    private static void send(Context ctx, ConsoleAssets.Asset asset, String cacheControl) {
        boolean gzip = asset.gzip() != null && acceptsGzip(ctx.header("Accept-Encoding"));
        String etag = gzip ? asset.gzipEtag() : asset.etag();
        ctx.header("Cache-Control", cacheControl);
        ctx.header("ETag", etag);
        ctx.header("X-Content-Type-Options", "nosniff");
        if (asset.gzip() != null) {
            ctx.header("Vary", "Accept-Encoding");
        }
        if (asset.name().equals(ConsoleAssets.INDEX)) {
            ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            ctx.header("Referrer-Policy", "no-referrer");
        }
        if (matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        ctx.status(200);
        ctx.contentType(asset.contentType());
        if (gzip) {
            ctx.header("Content-Encoding", "gzip");
            ctx.result(asset.gzip());
        } else {
            ctx.result(asset.bytes());
        }
    }

    /** {@code gzip} listed without {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.trim().split(";");
            String coding = pieces[0].trim();
            if (coding.equalsIgnoreCase("gzip") || coding.equals("*")) {
                for (int i = 1; i < pieces.length; i++) {
                    String parameter = pieces[i].trim().replace(" ", "");
                    if (parameter.equals("q=0") || parameter.matches("q=0\\.0*")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag) || tag.equals("*")) {
                return true;
            }
        }
        return false;
    }
}

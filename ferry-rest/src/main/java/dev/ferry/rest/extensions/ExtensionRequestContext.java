package dev.ferry.rest.extensions;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Variant;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JAX-RS's view of one request Ferry serves, handed to extensions' request and response filters.
 *
 * <p>What it offers: method, headers (a case-insensitive copy: changes are seen by later filters,
 * not by Ferry's handlers), the typed header getters, cookies, the body as a stream (read-only),
 * {@link UriInfo} ({@link RequestUriInfo}), properties shared by the filters of the request, the
 * security context (a filter may replace it), and {@link #abortWith}. Changing the request URI,
 * method or body is not supported on Ferry's routes: those setters throw, saying so.
 *
 * <p>One instance per request, used on the request's thread only.
 */
final class ExtensionRequestContext implements ContainerRequestContext {
    private final Context ctx;
    private final MultivaluedMap<String, String> headers = RequestUriInfo.caseInsensitiveMap();
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private UriInfo uriInfo;
    private SecurityContext security;
    private Response abortResponse;
    private boolean matched;

    ExtensionRequestContext(Context ctx) {
        this.ctx = ctx;
        HttpServletRequest request = ctx.req();
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                headers.add(name, value);
            }
        }
        this.uriInfo = new RequestUriInfo(ctx, Map.of());
        this.security = RequestSecurity.of(ctx);
    }

    /** Called once Ferry's router matched a route: from now on, filters are post-matching. */
    void matched(Map<String, String> pathParameters) {
        matched = true;
        uriInfo = new RequestUriInfo(ctx, pathParameters);
    }

    /** The response a filter aborted the request with, or null. */
    Response abortResponse() {
        return abortResponse;
    }

    void clearAbort() {
        abortResponse = null;
    }

    @Override
    public Object getProperty(String name) {
        return properties.get(name);
    }

    @Override
    public Collection<String> getPropertyNames() {
        return Collections.unmodifiableSet(properties.keySet());
    }

    @Override
    public void setProperty(String name, Object object) {
        if (object == null) {
            properties.remove(name);
        } else {
            properties.put(name, object);
        }
    }

    @Override
    public void removeProperty(String name) {
        properties.remove(name);
    }

    @Override
    public UriInfo getUriInfo() {
        return uriInfo;
    }

    @Override
    public void setRequestUri(URI requestUri) {
        throw unsupportedChange("request URI");
    }

    @Override
    public void setRequestUri(URI baseUri, URI requestUri) {
        throw unsupportedChange("request URI");
    }

    @Override
    public Request getRequest() {
        return new MethodOnlyRequest(ctx.method().name());
    }

    @Override
    public String getMethod() {
        return ctx.method().name();
    }

    @Override
    public void setMethod(String method) {
        throw unsupportedChange("request method");
    }

    @Override
    public MultivaluedMap<String, String> getHeaders() {
        return headers;
    }

    @Override
    public String getHeaderString(String name) {
        List<String> values = headers.get(name);
        return values == null ? null : String.join(",", values);
    }

    @Override
    public Date getDate() {
        return HeaderValues.date(headers.getFirst("Date"));
    }

    @Override
    public Locale getLanguage() {
        return HeaderValues.language(headers.getFirst("Content-Language"));
    }

    @Override
    public int getLength() {
        return HeaderValues.length(headers.getFirst("Content-Length"));
    }

    @Override
    public MediaType getMediaType() {
        return HeaderValues.mediaType(headers.getFirst("Content-Type"));
    }

    @Override
    public List<MediaType> getAcceptableMediaTypes() {
        List<MediaType> types = new ArrayList<>();
        List<String> accept = headers.get("Accept");
        if (accept != null) {
            for (String value : accept) {
                for (String type : value.split(",")) {
                    if (!type.isBlank()) {
                        types.add(MediaType.valueOf(type.trim()));
                    }
                }
            }
        }
        return types.isEmpty() ? List.of(MediaType.WILDCARD_TYPE) : types;
    }

    @Override
    public List<Locale> getAcceptableLanguages() {
        List<Locale> languages = new ArrayList<>();
        String value = headers.getFirst("Accept-Language");
        if (value != null) {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(value)) {
                languages.add(range.getRange().equals("*") ? new Locale("*") : Locale.forLanguageTag(range.getRange()));
            }
        }
        return languages.isEmpty() ? List.of(new Locale("*")) : languages;
    }

    @Override
    public Map<String, Cookie> getCookies() {
        Map<String, Cookie> cookies = new LinkedHashMap<>();
        ctx.cookieMap().forEach((name, value) -> cookies.put(name, new Cookie.Builder(name).value(value).build()));
        return cookies;
    }

    @Override
    public boolean hasEntity() {
        return ctx.bodyAsBytes().length > 0;
    }

    @Override
    public InputStream getEntityStream() {
        return new ByteArrayInputStream(ctx.bodyAsBytes());
    }

    @Override
    public void setEntityStream(InputStream input) {
        throw unsupportedChange("request body");
    }

    @Override
    public SecurityContext getSecurityContext() {
        return security;
    }

    @Override
    public void setSecurityContext(SecurityContext context) {
        this.security = context;
    }

    @Override
    public void abortWith(Response response) {
        if (response == null) {
            throw new NullPointerException("abortWith needs a response");
        }
        this.abortResponse = response;
    }

    private RuntimeException unsupportedChange(String what) {
        if (matched) {
            return new IllegalStateException("The " + what + " cannot be changed after the request was matched to a "
                    + "resource; only a @PreMatching filter may try.");
        }
        return new UnsupportedOperationException("Ferry does not let REST extension filters change the " + what
                + " of a request to its own REST API (see docs/REST.md, 'REST extensions').");
    }

    /** {@link Request} with its method only: Ferry's routes do no content negotiation or preconditions. */
    private record MethodOnlyRequest(String method) implements Request {
        @Override
        public String getMethod() {
            return method;
        }

        @Override
        public Variant selectVariant(List<Variant> variants) {
            throw unsupported("selectVariant");
        }

        @Override
        public Response.ResponseBuilder evaluatePreconditions(EntityTag eTag) {
            throw unsupported("evaluatePreconditions");
        }

        @Override
        public Response.ResponseBuilder evaluatePreconditions(Date lastModified) {
            throw unsupported("evaluatePreconditions");
        }

        @Override
        public Response.ResponseBuilder evaluatePreconditions(Date lastModified, EntityTag eTag) {
            throw unsupported("evaluatePreconditions");
        }

        @Override
        public Response.ResponseBuilder evaluatePreconditions() {
            throw unsupported("evaluatePreconditions");
        }

        private static UnsupportedOperationException unsupported(String method) {
            return new UnsupportedOperationException("Request." + method + " is not supported for Ferry's own REST "
                    + "routes (see docs/REST.md, 'REST extensions').");
        }
    }
}

package dev.ferry.rest.extensions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JAX-RS's view of the response Ferry produced, handed to extensions' response filters.
 *
 * <p>Status and headers are read from and, by {@link #apply()}, written back to the response;
 * the typed header getters parse those headers. The entity is the response body Ferry already
 * serialized, offered as a {@code String} (Ferry's answers are JSON text); {@link #setEntity}
 * replaces the body with a {@code String}, {@code byte[]} or an object written as JSON, and
 * {@link #getEntityStream()} lets a filter write a new body.
 *
 * <p>Used on the request's thread only.
 */
final class ExtensionResponseContext implements ContainerResponseContext {
    private final Context ctx;
    private final ObjectMapper mapper;
    private final Map<String, List<Object>> originalHeaders = new LinkedHashMap<>();
    private final MultivaluedMap<String, Object> headers = RequestUriInfo.caseInsensitiveMap();
    private int status;
    private byte[] body;
    private boolean bodyChanged;
    private ByteArrayOutputStream replacementStream;

    ExtensionResponseContext(Context ctx, ObjectMapper mapper) {
        this.ctx = ctx;
        this.mapper = mapper;
        this.status = ctx.statusCode();
        HttpServletResponse response = ctx.res();
        for (String name : new LinkedHashSet<>(response.getHeaderNames())) {
            List<Object> values = new ArrayList<>(response.getHeaders(name));
            originalHeaders.put(name, values);
            headers.put(name, new ArrayList<>(values));
        }
        if (response.getContentType() != null && !headers.containsKey("Content-Type")) {
            headers.putSingle("Content-Type", response.getContentType());
            originalHeaders.put("Content-Type", List.of(response.getContentType()));
        }
    }

    /** Writes what the filters changed back to the response. */
    void apply() {
        ctx.status(status);
        HttpServletResponse response = ctx.res();
        for (String name : originalHeaders.keySet()) {
            if (!headers.containsKey(name)) {
                response.setHeader(name, null);
            }
        }
        headers.forEach((name, values) -> {
            if (values.equals(originalHeaders.get(name))) {
                return;
            }
            response.setHeader(name, null);
            for (Object value : values) {
                response.addHeader(name, headerString(value));
            }
        });
        if (replacementStream != null) {
            ctx.result(replacementStream.toByteArray());
        } else if (bodyChanged) {
            ctx.result(body == null ? new byte[0] : body);
        }
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void setStatus(int code) {
        this.status = code;
    }

    @Override
    public Response.StatusType getStatusInfo() {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known;
        }
        int code = status;
        return new Response.StatusType() {
            @Override
            public int getStatusCode() {
                return code;
            }

            @Override
            public Response.Status.Family getFamily() {
                return Response.Status.Family.familyOf(code);
            }

            @Override
            public String getReasonPhrase() {
                return "";
            }
        };
    }

    @Override
    public void setStatusInfo(Response.StatusType statusInfo) {
        this.status = statusInfo.getStatusCode();
    }

    @Override
    public MultivaluedMap<String, Object> getHeaders() {
        return headers;
    }

    @Override
    public MultivaluedMap<String, String> getStringHeaders() {
        MultivaluedMap<String, String> strings = RequestUriInfo.caseInsensitiveMap();
        headers.forEach((name, values) -> values.forEach(v -> strings.add(name, headerString(v))));
        return strings;
    }

    @Override
    public String getHeaderString(String name) {
        List<Object> values = headers.get(name);
        if (values == null) {
            return null;
        }
        return String.join(",", values.stream().map(ExtensionResponseContext::headerString).toList());
    }

    @Override
    public Set<String> getAllowedMethods() {
        Set<String> methods = new LinkedHashSet<>();
        String allow = getHeaderString("Allow");
        if (allow != null) {
            for (String method : allow.split(",")) {
                if (!method.isBlank()) {
                    methods.add(method.trim().toUpperCase(Locale.ROOT));
                }
            }
        }
        return methods;
    }

    @Override
    public Date getDate() {
        return HeaderValues.date(getHeaderString("Date"));
    }

    @Override
    public Locale getLanguage() {
        return HeaderValues.language(getHeaderString("Content-Language"));
    }

    @Override
    public int getLength() {
        return HeaderValues.length(getHeaderString("Content-Length"));
    }

    @Override
    public MediaType getMediaType() {
        return HeaderValues.mediaType(getHeaderString("Content-Type"));
    }

    @Override
    public Map<String, NewCookie> getCookies() {
        Map<String, NewCookie> cookies = new LinkedHashMap<>();
        List<Object> values = headers.get("Set-Cookie");
        if (values != null) {
            RuntimeDelegate.HeaderDelegate<NewCookie> parser =
                    RuntimeDelegate.getInstance().createHeaderDelegate(NewCookie.class);
            for (Object value : values) {
                NewCookie cookie = parser.fromString(headerString(value));
                cookies.put(cookie.getName(), cookie);
            }
        }
        return cookies;
    }

    @Override
    public EntityTag getEntityTag() {
        String value = getHeaderString("ETag");
        return value == null ? null : EntityTag.valueOf(value);
    }

    @Override
    public Date getLastModified() {
        return HeaderValues.date(getHeaderString("Last-Modified"));
    }

    @Override
    public URI getLocation() {
        String value = getHeaderString("Location");
        return value == null ? null : URI.create(value);
    }

    @Override
    public Set<Link> getLinks() {
        Set<Link> links = new LinkedHashSet<>();
        List<Object> values = headers.get("Link");
        if (values != null) {
            values.forEach(v -> links.add(Link.valueOf(headerString(v))));
        }
        return links;
    }

    @Override
    public boolean hasLink(String relation) {
        return getLink(relation) != null;
    }

    @Override
    public Link getLink(String relation) {
        return getLinks().stream().filter(l -> l.getRels().contains(relation)).findFirst().orElse(null);
    }

    @Override
    public Link.Builder getLinkBuilder(String relation) {
        Link link = getLink(relation);
        return link == null ? null : Link.fromLink(link);
    }

    @Override
    public boolean hasEntity() {
        return body().length > 0;
    }

    @Override
    public Object getEntity() {
        byte[] bytes = body();
        return bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public Class<?> getEntityClass() {
        return hasEntity() ? String.class : null;
    }

    @Override
    public Type getEntityType() {
        return getEntityClass();
    }

    @Override
    public void setEntity(Object entity) {
        this.body = ResponseWriting.bytesOf(entity, mapper);
        this.bodyChanged = true;
    }

    @Override
    public void setEntity(Object entity, Annotation[] annotations, MediaType mediaType) {
        setEntity(entity);
        if (mediaType != null) {
            headers.putSingle("Content-Type", mediaType.toString());
        }
    }

    @Override
    public Annotation[] getEntityAnnotations() {
        return new Annotation[0];
    }

    @Override
    public OutputStream getEntityStream() {
        if (replacementStream == null) {
            replacementStream = new ByteArrayOutputStream();
        }
        return replacementStream;
    }

    @Override
    public void setEntityStream(OutputStream outputStream) {
        throw new UnsupportedOperationException("Ferry does not let REST extension filters replace the response's "
                + "entity stream; use setEntity or write to getEntityStream() (see docs/REST.md, 'REST extensions').");
    }

    private byte[] body() {
        if (body == null) {
            InputStream result = ctx.resultInputStream();
            try {
                body = result == null ? new byte[0] : result.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the response body for a REST extension filter", e);
            }
            ctx.result(body);
        }
        return body;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static String headerString(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        RuntimeDelegate.HeaderDelegate delegate;
        try {
            delegate = RuntimeDelegate.getInstance().createHeaderDelegate(value.getClass());
        } catch (IllegalArgumentException e) {
            delegate = null;
        }
        return delegate != null ? delegate.toString(value) : value.toString();
    }
}

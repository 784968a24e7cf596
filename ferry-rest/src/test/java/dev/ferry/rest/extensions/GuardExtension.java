package dev.ferry.rest.extensions;

import jakarta.annotation.Priority;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

/**
 * A test extension that guards the REST API with a token header, as an authentication extension
 * does: request filters at several priorities (one of them pre-matching), a response filter, and
 * a filter throwing a JAX-RS exception. Records what it was configured with and when it is closed.
 */
public class GuardExtension implements ConnectRestExtension {
    static final String TOKEN_HEADER = "X-Token";
    static final String TOKEN = "secret";
    static volatile Map<String, Object> configured;
    static final AtomicInteger closed = new AtomicInteger();
    static volatile String lastPath;
    static final AtomicInteger guardedRequests = new AtomicInteger();

    @Override
    public void configure(Map<String, ?> configs) {
        configured = new HashMap<>(configs);
    }

    @Override
    public void register(ConnectRestExtensionContext context) {
        // registered out of priority order on purpose; the class form is created by the runtime
        context.configurable().register(new TokenFilter());
        context.configurable().register(Second.class);
        context.configurable().register(new First());
        context.configurable().register(new Stamp());
        context.configurable().register(new Gatekeeper());
        context.configurable().register(new Forbidding());
        context.configurable().register(new First()); // a second component of a class: ignored, as by Jersey
    }

    @Override
    public void close() {
        closed.incrementAndGet();
    }

    @Override
    public String version() {
        return "1.0-test";
    }

    @SuppressWarnings("unchecked")
    static void note(ContainerRequestContext request, String step) {
        List<String> order = (List<String>) request.getProperty("order");
        if (order == null) {
            order = new ArrayList<>();
            request.setProperty("order", order);
        }
        order.add(step);
    }

    @Priority(Priorities.AUTHENTICATION)
    public static class TokenFilter implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            guardedRequests.incrementAndGet();
            lastPath = request.getUriInfo().getPath();
            note(request, "token");
            if (!TOKEN.equals(request.getHeaderString(TOKEN_HEADER))) {
                request.abortWith(Response.status(Response.Status.UNAUTHORIZED).entity("no token").build());
                return;
            }
            request.setSecurityContext(new SecurityContext() {
                @Override
                public Principal getUserPrincipal() {
                    return () -> "alice";
                }

                @Override
                public boolean isUserInRole(String role) {
                    return false;
                }

                @Override
                public boolean isSecure() {
                    return false;
                }

                @Override
                public String getAuthenticationScheme() {
                    return SecurityContext.BASIC_AUTH;
                }
            });
        }
    }

    @Priority(100)
    public static class First implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            note(request, "first");
        }
    }

    @Priority(200)
    public static class Second implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            note(request, "second");
        }
    }

    /** Reports what the request filters did in response headers. */
    public static class Stamp implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            Principal principal = request.getSecurityContext().getUserPrincipal();
            response.getHeaders().add("X-Principal", principal == null ? "none" : principal.getName());
            Object order = request.getProperty("order");
            response.getHeaders().add("X-Order", order == null ? "" : String.join(",", (List<String>) order));
            response.getHeaders().add("X-Seen-Status", response.getStatus());
            response.getHeaders().add("X-Seen-Type", String.valueOf(response.getMediaType()));
        }
    }

    /** Refuses any path under /blocked before routing, so even paths Ferry does not serve. */
    @PreMatching
    @Priority(1)
    public static class Gatekeeper implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            if (request.getUriInfo().getPath().startsWith("blocked")) {
                request.abortWith(Response.status(403).entity(Map.of("blocked", true)).build());
            }
        }
    }

    /** Throws a JAX-RS exception when asked to. */
    @Priority(Priorities.AUTHORIZATION)
    public static class Forbidding implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            if (request.getHeaderString("X-Forbid") != null) {
                throw new ForbiddenException("Forbidden by the test extension");
            }
        }
    }
}

package dev.ferry.runtime.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The worker settings for its REST server: where it listens, how other workers reach it, CORS,
 * extra response headers, REST extensions and the separate admin listener. Names and defaults are
 * Apache's; the definitions are added to every worker config by {@link WorkerConfig#baseConfigDef()}.
 */
public final class RestServerConfig {

    public static final String LISTENERS_CONFIG = "listeners";
    public static final List<String> LISTENERS_DEFAULT = List.of("http://:8083");
    private static final String LISTENERS_DOC = "Comma-separated URLs the REST API listens on, each "
            + "'http://host:port' or 'https://host:port'. Leave the host empty to listen on all interfaces, "
            + "e.g. http://:8083. HTTPS listeners read their TLS settings from 'listeners.https.'-prefixed "
            + "ssl.* properties, falling back to the worker's ssl.* properties.";

    public static final String LISTENERS_HTTPS_CONFIGS_PREFIX = "listeners.https.";

    public static final String REST_ADVERTISED_HOST_NAME_CONFIG = "rest.advertised.host.name";
    private static final String REST_ADVERTISED_HOST_NAME_DOC = "The host name other workers and clients "
            + "should use to reach this worker, if it differs from the host it binds to.";

    public static final String REST_ADVERTISED_PORT_CONFIG = "rest.advertised.port";
    private static final String REST_ADVERTISED_PORT_DOC = "The port other workers and clients should use "
            + "to reach this worker, if it differs from the port it binds to.";

    public static final String REST_ADVERTISED_LISTENER_CONFIG = "rest.advertised.listener";
    private static final String REST_ADVERTISED_LISTENER_DOC = "Which listener protocol (http or https) "
            + "to advertise to other workers.";

    public static final String ACCESS_CONTROL_ALLOW_ORIGIN_CONFIG = "access.control.allow.origin";
    public static final String ACCESS_CONTROL_ALLOW_ORIGIN_DEFAULT = "";
    private static final String ACCESS_CONTROL_ALLOW_ORIGIN_DOC = "Origins allowed to call the REST API "
            + "from a browser (CORS): '*' for any, or a comma-separated list of origins. Empty disables CORS.";

    public static final String ACCESS_CONTROL_ALLOW_METHODS_CONFIG = "access.control.allow.methods";
    public static final String ACCESS_CONTROL_ALLOW_METHODS_DEFAULT = "";
    private static final String ACCESS_CONTROL_ALLOW_METHODS_DOC = "HTTP methods allowed for cross-origin "
            + "requests, comma-separated, e.g. GET,POST,PUT,DELETE. Empty means the CORS defaults "
            + "(GET, POST, HEAD).";

    public static final String RESPONSE_HTTP_HEADERS_CONFIG = "response.http.headers.config";
    public static final String RESPONSE_HTTP_HEADERS_DEFAULT = "";
    private static final String RESPONSE_HTTP_HEADERS_DOC = "Headers to add to every REST response, as "
            + "comma-separated rules '[action] [name]:[value]' where action is set, add, setDate or addDate. "
            + "Quote a rule with double quotes if it contains a comma.";
    /** The actions a response header rule may use. */
    public static final List<String> HEADER_ACTIONS = List.of("set", "add", "setDate", "addDate");

    public static final String SSL_CLIENT_AUTH_CONFIG = "ssl.client.auth";
    public static final String SSL_CLIENT_AUTH_DEFAULT = "none";
    private static final String SSL_CLIENT_AUTH_DOC = "Whether HTTPS listeners ask for client certificates: "
            + "'required', 'requested' or 'none'.";

    public static final String REST_EXTENSION_CLASSES_CONFIG = "rest.extension.classes";
    private static final String REST_EXTENSION_CLASSES_DOC = "Comma-separated ConnectRestExtension classes "
            + "(or aliases) to load, in order, e.g. to add authentication filters to the REST API.";

    public static final String ADMIN_LISTENERS_CONFIG = "admin.listeners";
    public static final String ADMIN_LISTENERS_HTTPS_CONFIGS_PREFIX = "admin.listeners.https.";
    private static final String ADMIN_LISTENERS_DOC = "Where the admin endpoints (/admin/*) are served. "
            + "Unset: on the regular listeners. Empty: admin endpoints are disabled. A list of URLs: "
            + "on those listeners only. HTTPS admin listeners use 'admin.listeners.https.'-prefixed ssl.* properties.";

    // Ferry's own REST security settings (Apache needs a REST extension for authentication); read by
    // ferry-rest's AuthenticationSettings and RequestLimits, declared here so that they are documented,
    // typed, and the secrets among them are shown as [hidden] wherever the worker config is logged.
    public static final String REST_AUTHENTICATION_USERS_CONFIG = "rest.authentication.users";
    private static final String REST_AUTHENTICATION_USERS_DOC = "Users of the REST API, comma-separated "
            + "'name:role:pbkdf2-sha256$<iterations>$<salt>$<hash>' entries, role read-only or admin. "
            + "Setting any rest.authentication users or tokens turns authentication on. See docs/SECURITY.md.";
    public static final String REST_AUTHENTICATION_USERS_FILE_CONFIG = "rest.authentication.users.file";
    private static final String REST_AUTHENTICATION_USERS_FILE_DOC = "A file of user entries like "
            + "rest.authentication.users, one a line, re-read when it changes.";
    public static final String REST_AUTHENTICATION_TOKENS_CONFIG = "rest.authentication.tokens";
    private static final String REST_AUTHENTICATION_TOKENS_DOC = "Bearer tokens of the REST API, comma-separated "
            + "'name:role:token' (or 'name:role:sha256:<hex>') entries; best given through a config provider, "
            + "e.g. ${file:/run/secrets/ferry.properties:rest.tokens}.";
    public static final String REST_AUTHENTICATION_TOKENS_FILE_CONFIG = "rest.authentication.tokens.file";
    private static final String REST_AUTHENTICATION_TOKENS_FILE_DOC = "A file of token entries like "
            + "rest.authentication.tokens, one a line, re-read when it changes.";
    public static final String REST_AUTHENTICATION_REALM_CONFIG = "rest.authentication.realm";
    private static final String REST_AUTHENTICATION_REALM_DOC = "The realm named in WWW-Authenticate challenges.";
    public static final String REST_AUTHENTICATION_PUBLIC_PATHS_CONFIG = "rest.authentication.public.paths";
    private static final String REST_AUTHENTICATION_PUBLIC_PATHS_DOC = "Paths any client may GET without "
            + "credentials when authentication is on (the console's files under /ui/ always are).";
    public static final String REST_REQUEST_BODY_MAX_BYTES_CONFIG = "rest.request.body.max.bytes";
    private static final String REST_REQUEST_BODY_MAX_BYTES_DOC = "The largest request body the REST API "
            + "takes; larger ones are answered 413.";
    public static final String REST_REQUEST_HEADER_MAX_BYTES_CONFIG = "rest.request.header.max.bytes";
    private static final String REST_REQUEST_HEADER_MAX_BYTES_DOC = "The most bytes a request line and its "
            + "headers may have; larger requests are answered 431.";
    public static final String REST_REQUEST_IDLE_TIMEOUT_MS_CONFIG = "rest.request.idle.timeout.ms";
    private static final String REST_REQUEST_IDLE_TIMEOUT_MS_DOC = "How long a REST client's connection may "
            + "send nothing before it is answered 408 (a request begun) or closed.";

    private RestServerConfig() {
    }

    /** Adds the REST server definitions to {@code def}. */
    static void addTo(ConfigDef def) {
        def.define(LISTENERS_CONFIG, Type.LIST, LISTENERS_DEFAULT, listenersValidator(LISTENERS_CONFIG, false),
                        Importance.LOW, LISTENERS_DOC)
                .define(REST_ADVERTISED_HOST_NAME_CONFIG, Type.STRING, null, Importance.LOW, REST_ADVERTISED_HOST_NAME_DOC)
                .define(REST_ADVERTISED_PORT_CONFIG, Type.INT, null,
                        ConfigDefs.nullOr(ConfigDef.Range.between(0, 65535)), Importance.LOW, REST_ADVERTISED_PORT_DOC)
                .define(REST_ADVERTISED_LISTENER_CONFIG, Type.STRING, null,
                        ConfigDefs.nullOr(ConfigDef.CaseInsensitiveValidString.in("http", "https")),
                        Importance.LOW, REST_ADVERTISED_LISTENER_DOC)
                .define(ACCESS_CONTROL_ALLOW_ORIGIN_CONFIG, Type.STRING, ACCESS_CONTROL_ALLOW_ORIGIN_DEFAULT,
                        Importance.LOW, ACCESS_CONTROL_ALLOW_ORIGIN_DOC)
                .define(ACCESS_CONTROL_ALLOW_METHODS_CONFIG, Type.STRING, ACCESS_CONTROL_ALLOW_METHODS_DEFAULT,
                        Importance.LOW, ACCESS_CONTROL_ALLOW_METHODS_DOC)
                .define(RESPONSE_HTTP_HEADERS_CONFIG, Type.STRING, RESPONSE_HTTP_HEADERS_DEFAULT,
                        headerRulesValidator(), Importance.LOW, RESPONSE_HTTP_HEADERS_DOC)
                .define(SSL_CLIENT_AUTH_CONFIG, Type.STRING, SSL_CLIENT_AUTH_DEFAULT,
                        ConfigDef.ValidString.in("required", "requested", "none"), Importance.LOW, SSL_CLIENT_AUTH_DOC)
                .define(REST_EXTENSION_CLASSES_CONFIG, Type.LIST, "",
                        ConfigDefs.uniqueList(true, false, "org.example.MyRestExtension"),
                        Importance.LOW, REST_EXTENSION_CLASSES_DOC)
                .define(ADMIN_LISTENERS_CONFIG, Type.LIST, null, listenersValidator(ADMIN_LISTENERS_CONFIG, true),
                        Importance.LOW, ADMIN_LISTENERS_DOC)
                .define(REST_AUTHENTICATION_USERS_CONFIG, Type.PASSWORD, null, Importance.MEDIUM,
                        REST_AUTHENTICATION_USERS_DOC)
                .define(REST_AUTHENTICATION_USERS_FILE_CONFIG, Type.STRING, null, Importance.MEDIUM,
                        REST_AUTHENTICATION_USERS_FILE_DOC)
                .define(REST_AUTHENTICATION_TOKENS_CONFIG, Type.PASSWORD, null, Importance.MEDIUM,
                        REST_AUTHENTICATION_TOKENS_DOC)
                .define(REST_AUTHENTICATION_TOKENS_FILE_CONFIG, Type.STRING, null, Importance.MEDIUM,
                        REST_AUTHENTICATION_TOKENS_FILE_DOC)
                .define(REST_AUTHENTICATION_REALM_CONFIG, Type.STRING, "ferry", Importance.LOW,
                        REST_AUTHENTICATION_REALM_DOC)
                .define(REST_AUTHENTICATION_PUBLIC_PATHS_CONFIG, Type.LIST, "/health,/health/live,/health/ready",
                        Importance.LOW, REST_AUTHENTICATION_PUBLIC_PATHS_DOC)
                .define(REST_REQUEST_BODY_MAX_BYTES_CONFIG, Type.INT, 1_000_000,
                        ConfigDef.Range.atLeast(1024), Importance.LOW, REST_REQUEST_BODY_MAX_BYTES_DOC)
                .define(REST_REQUEST_HEADER_MAX_BYTES_CONFIG, Type.INT, 8192,
                        ConfigDef.Range.between(1024, 1 << 20), Importance.LOW, REST_REQUEST_HEADER_MAX_BYTES_DOC)
                .define(REST_REQUEST_IDLE_TIMEOUT_MS_CONFIG, Type.INT, 90_000,
                        ConfigDef.Range.atLeast(100), Importance.LOW, REST_REQUEST_IDLE_TIMEOUT_MS_DOC);
    }

    /**
     * Checks listener URLs up front, so a typo fails at startup with the offending entry named
     * rather than when the server binds.
     */
    private static ConfigDef.Validator listenersValidator(String key, boolean admin) {
        return ConfigDefs.described((name, value) -> {
            if (value == null && admin) {
                return;
            }
            if (!(value instanceof List<?> items)) {
                throw new ConfigException(name, value, "Expected a comma-separated list of URLs, e.g. "
                        + name + "=http://:8083");
            }
            if (items.isEmpty()) {
                if (admin) {
                    return;
                }
                throw new ConfigException(name, "", "At least one listener URL is required, e.g. "
                        + name + "=http://:8083");
            }
            List<String> seen = new ArrayList<>();
            for (Object item : items) {
                String url = String.valueOf(item).trim();
                checkListener(name, url);
                if (seen.contains(url)) {
                    throw new ConfigException(name, String.join(",", stringList(items)),
                            "'" + url + "' is listed more than once; list each listener once");
                }
                seen.add(url);
            }
        }, () -> "List of comma-separated URLs, e.g. http://localhost:8080,https://localhost:8443" + (admin ? " (or empty)" : ""));
    }

    private static void checkListener(String name, String url) {
        if (url.isEmpty()) {
            throw new ConfigException(name, url, "Empty URL in the listener list; remove the extra comma");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException(name, url, "Not a valid URL (" + e.getReason()
                    + "); write listeners as protocol://host:port, e.g. http://:8083");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ConfigException(name, url, "The listener protocol must be http or https, e.g. http://:8083");
        }
        int port = listenerPort(url);
        if (port < 0 || port > 65535) {
            throw new ConfigException(name, url, "The listener needs a port between 0 and 65535, e.g. "
                    + scheme + "://:8083");
        }
    }

    /** The port of a listener URL such as {@code http://:8083} (which {@link URI} cannot parse as a server authority). */
    static int listenerPort(String url) {
        int schemeEnd = url.indexOf("://");
        String rest = schemeEnd < 0 ? url : url.substring(schemeEnd + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        int colon = authority.lastIndexOf(':');
        if (colon < 0 || authority.endsWith("]")) {
            return -1;
        }
        try {
            return Integer.parseInt(authority.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static ConfigDef.Validator headerRulesValidator() {
        return ConfigDefs.described((name, value) -> {
            String rules = value == null ? "" : value.toString();
            if (rules.isBlank()) {
                return;
            }
            for (String rule : splitHeaderRules(rules)) {
                checkHeaderRule(name, rule);
            }
        }, () -> "Comma-separated header rules '[action] [name]:[value]', action one of " + HEADER_ACTIONS);
    }

    /** Splits header rules on commas outside double quotes and strips the quotes. */
    public static List<String> splitHeaderRules(String rules) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : rules.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                addRule(result, current);
            } else {
                current.append(c);
            }
        }
        addRule(result, current);
        return result;
    }

    private static void addRule(List<String> rules, StringBuilder current) {
        String rule = current.toString().trim();
        if (!rule.isEmpty()) {
            rules.add(rule);
        }
        current.setLength(0);
    }

    private static void checkHeaderRule(String name, String rule) {
        String[] actionAndHeader = rule.split("\\s+", 2);
        if (actionAndHeader.length != 2) {
            throw new ConfigException(name, rule, "A header rule must look like '[action] [name]:[value]', "
                    + "e.g. 'set X-Frame-Options:DENY'");
        }
        String action = actionAndHeader[0];
        if (HEADER_ACTIONS.stream().noneMatch(action::equalsIgnoreCase)) {
            throw new ConfigException(name, rule, "Unknown header action '" + action + "'; use one of " + HEADER_ACTIONS);
        }
        String header = actionAndHeader[1].trim();
        int colon = header.indexOf(':');
        if (colon <= 0) {
            throw new ConfigException(name, rule, "The header part must be '[name]:[value]', e.g. 'set X-Frame-Options:DENY'");
        }
        String headerName = header.substring(0, colon).trim();
        if (headerName.isEmpty() || headerName.chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigException(name, rule, "The header name '" + headerName + "' must be non-empty and contain no spaces");
        }
    }

    private static List<String> stringList(List<?> items) {
        List<String> result = new ArrayList<>();
        items.forEach(item -> result.add(String.valueOf(item)));
        return result;
    }
}

package dev.ferry.rest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/**
 * How the REST server listens and behaves, read from the worker configuration with Apache's config
 * names ({@code listeners}, {@code admin.listeners}, {@code rest.advertised.*},
 * {@code access.control.allow.*}, {@code response.http.headers.config},
 * {@code topic.tracking.*}). Build it with {@link #fromWorkerConfig(Map)}; tests may shorten the
 * timeouts with {@link #withTimeouts(Duration, Duration)}.
 *
 * @param listeners                 where the API listens; at least one
 * @param adminListeners            where {@code /admin/*} is served: null on the main listeners,
 *                                  empty when the admin endpoints are disabled, otherwise separate listeners
 * @param advertisedHost            host other workers and clients should use, or null for the listener's
 * @param advertisedPort            port to advertise, or null for the listener's actual port
 * @param advertisedListener        protocol ({@code http}/{@code https}) of the listener to advertise, or null
 * @param allowedOrigins            CORS origin patterns; empty disables CORS
 * @param allowedMethods            CORS methods; empty keeps the default (GET, POST, HEAD)
 * @param responseHeaders           headers added to every response
 * @param topicTrackingEnabled      whether {@code GET /connectors/{c}/topics} is allowed
 * @param topicTrackingResetEnabled whether {@code PUT /connectors/{c}/topics/reset} is allowed
 * @param requestTimeout            how long a request waits for the herder
 * @param healthCheckTimeout        how long {@code GET /health} waits for the herder
 * @param tls                       TLS settings of {@code https} main listeners
 * @param adminTls                  TLS settings of {@code https} admin listeners
 * @param authentication            Ferry's built-in authentication ({@code rest.authentication.*}); off when none is configured
 * @param limits                    request size limits and the slow-client timeout ({@code rest.request.*})
 */
public record RestSettings(List<Listener> listeners,
                           List<Listener> adminListeners,
                           String advertisedHost,
                           Integer advertisedPort,
                           String advertisedListener,
                           List<String> allowedOrigins,
                           List<String> allowedMethods,
                           List<HeaderRule> responseHeaders,
                           boolean topicTrackingEnabled,
                           boolean topicTrackingResetEnabled,
                           Duration requestTimeout,
                           Duration healthCheckTimeout,
                           TlsSettings tls,
                           TlsSettings adminTls,
                           dev.ferry.rest.security.AuthenticationSettings authentication,
                           RequestLimits limits) {

    /** Apache's fixed bound for herder-backed requests ({@code RestServer.DEFAULT_REST_REQUEST_TIMEOUT_MS}). */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(90);
    /** Apache's fixed bound for the health check ({@code DEFAULT_HEALTH_CHECK_TIMEOUT_MS}). */
    public static final Duration DEFAULT_HEALTH_CHECK_TIMEOUT = Duration.ofSeconds(10);
    /** The worker's listener when {@code listeners} is not set. */
    public static final String DEFAULT_LISTENERS = "http://:8083";

    static final String LISTENERS = "listeners";
    static final String ADMIN_LISTENERS = "admin.listeners";
    static final String ADVERTISED_HOST = "rest.advertised.host.name";
    static final String ADVERTISED_PORT = "rest.advertised.port";
    static final String ADVERTISED_LISTENER = "rest.advertised.listener";
    static final String ALLOW_ORIGIN = "access.control.allow.origin";
    static final String ALLOW_METHODS = "access.control.allow.methods";
    static final String RESPONSE_HEADERS = "response.http.headers.config";
    static final String TOPIC_TRACKING = "topic.tracking.enable";
    static final String TOPIC_TRACKING_RESET = "topic.tracking.allow.reset";

    /** Apache's listener syntax: {@code protocol://host:port}, host empty for all interfaces, IPv6 in brackets. */
    private static final Pattern LISTENER = Pattern.compile("^(.*)://\\[?([0-9a-zA-Z\\-%._:]*)\\]?:(-?[0-9]+)$");

    public RestSettings {
        Objects.requireNonNull(listeners, "listeners");
        if (listeners.isEmpty()) {
            throw new ConfigException("Invalid value for " + LISTENERS + ": at least one URL is expected, "
                    + "e.g. listeners=http://localhost:8083");
        }
        listeners = List.copyOf(listeners);
        adminListeners = adminListeners == null ? null : List.copyOf(adminListeners);
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedMethods = List.copyOf(allowedMethods);
        responseHeaders = List.copyOf(responseHeaders);
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(healthCheckTimeout, "healthCheckTimeout");
        authentication = authentication == null ? dev.ferry.rest.security.AuthenticationSettings.NONE : authentication;
        limits = limits == null ? RequestLimits.DEFAULT : limits;
    }

    /**
     * Reads the REST settings of a parsed worker configuration: its parsed values over the
     * originals, which also carry settings no ConfigDef declares.
     *
     * @throws ConfigException naming the offending key and value when a value is malformed
     */
    public static RestSettings fromWorkerConfig(dev.ferry.runtime.config.WorkerConfig config) {
        // originals too: the listeners.https.* TLS settings are prefixed copies of ssl.* that no ConfigDef declares
        Map<String, Object> values = new java.util.HashMap<>(config.originals());
        values.putAll(config.values());
        return fromWorkerConfig(values);
    }

    /**
     * Reads the REST settings from a worker configuration. Values may be strings (as read from a
     * properties file) or already parsed values (lists, integers, booleans); unknown keys are
     * ignored, missing keys take Apache's defaults.
     *
     * @throws ConfigException naming the offending key and value when a value is malformed
     */
    public static RestSettings fromWorkerConfig(Map<String, Object> values) {
        List<Listener> listeners = parseListeners(LISTENERS,
                values.containsKey(LISTENERS) ? list(values.get(LISTENERS)) : List.of(DEFAULT_LISTENERS));
        List<Listener> admin = values.get(ADMIN_LISTENERS) == null ? null
                : parseListeners(ADMIN_LISTENERS, list(values.get(ADMIN_LISTENERS)));
        String advertisedListener = string(values.get(ADVERTISED_LISTENER));
        if (advertisedListener != null) {
            advertisedListener = advertisedListener.toLowerCase(Locale.ROOT);
            checkProtocol(ADVERTISED_LISTENER, advertisedListener);
        }
        return new RestSettings(
                listeners,
                admin,
                string(values.get(ADVERTISED_HOST)),
                integer(ADVERTISED_PORT, values.get(ADVERTISED_PORT)),
                advertisedListener,
                list(values.get(ALLOW_ORIGIN)),
                list(values.get(ALLOW_METHODS)),
                HeaderRule.parseAll(Objects.toString(values.get(RESPONSE_HEADERS), "")),
                bool(TOPIC_TRACKING, values.get(TOPIC_TRACKING)),
                bool(TOPIC_TRACKING_RESET, values.get(TOPIC_TRACKING_RESET)),
                DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_HEALTH_CHECK_TIMEOUT,
                TlsSettings.from(values, TlsSettings.LISTENERS_PREFIX),
                TlsSettings.from(values, TlsSettings.ADMIN_LISTENERS_PREFIX),
                dev.ferry.rest.security.AuthenticationSettings.from(values),
                RequestLimits.from(values));
    }

    /** The same settings with other timeouts (for tests; Apache does not make them configurable). */
    public RestSettings withTimeouts(Duration request, Duration healthCheck) {
        return new RestSettings(listeners, adminListeners, advertisedHost, advertisedPort, advertisedListener,
                allowedOrigins, allowedMethods, responseHeaders, topicTrackingEnabled, topicTrackingResetEnabled,
                request, healthCheck, tls, adminTls, authentication, limits);
    }

    /** Whether {@code /admin/*} is served on listeners of its own. */
    boolean adminOnSeparateListeners() {
        return adminListeners != null && !adminListeners.isEmpty();
    }

    /** Whether {@code /admin/*} is served at all. */
    boolean adminEnabled() {
        return adminListeners == null || !adminListeners.isEmpty();
    }

    private static List<Listener> parseListeners(String key, List<String> urls) {
        List<Listener> result = new ArrayList<>();
        for (String url : urls) {
            result.add(Listener.parse(key, url));
        }
        return result;
    }

    private static List<String> list(Object value) {
        if (value == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        if (value instanceof Collection<?> items) {
            for (Object item : items) {
                addTrimmed(result, String.valueOf(item));
            }
        } else {
            for (String item : value.toString().split(",")) {
                addTrimmed(result, item);
            }
        }
        return result;
    }

    private static void addTrimmed(List<String> into, String item) {
        String trimmed = item.trim();
        if (!trimmed.isEmpty()) {
            into.add(trimmed);
        }
    }

    private static String string(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }

    private static Integer integer(String key, Object value) {
        String text = string(value);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "expected a port number, e.g. " + key + "=8083");
        }
    }

    private static boolean bool(String key, Object value) {
        String text = string(value);
        if (text == null) {
            return true;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new ConfigException(key, value, "expected true or false");
    }

    private static void checkProtocol(String key, String protocol) {
        if (!protocol.equals("http") && !protocol.equals("https")) {
            throw new ConfigException(key, protocol, "Listener protocol must be either \"http\" or \"https\".");
        }
    }

    /**
     * One listener URL.
     *
     * @param protocol {@code http} or {@code https}, lower case
     * @param host     the interface to bind, or empty for all interfaces
     * @param port     the port; 0 picks a free one
     */
    public record Listener(String protocol, String host, int port) {

        static Listener parse(String key, String url) {
            Matcher matcher = LISTENER.matcher(url.trim());
            if (!matcher.matches()) {
                throw new ConfigException(key, url,
                        "Listener doesn't have the right format (protocol://hostname:port), e.g. http://localhost:8083");
            }
            String protocol = matcher.group(1).toLowerCase(Locale.ROOT);
            checkProtocol(key, protocol);
            int port = Integer.parseInt(matcher.group(3));
            if (port < 0 || port > 65535) {
                throw new ConfigException(key, url, "the port must be between 0 and 65535");
            }
            return new Listener(protocol, matcher.group(2), port);
        }

        @Override
        public String toString() {
            String shownHost = host.contains(":") ? "[" + host + "]" : host;
            return protocol + "://" + shownHost + ":" + port;
        }
    }

    /**
     * One {@code response.http.headers.config} rule, {@code [action] [name]:[value]}.
     *
     * @param action {@code set} or {@code add} a header; {@code setDate}/{@code addDate} send the
     *               current time plus {@code value} milliseconds as an HTTP date
     */
    public record HeaderRule(Action action, String name, String value) {

        /** What a rule does with its header. */
        public enum Action { SET, ADD, SET_DATE, ADD_DATE }

        static List<HeaderRule> parseAll(String config) {
            List<HeaderRule> rules = new ArrayList<>();
            for (String rule : splitQuoted(config)) {
                rules.add(parse(rule));
            }
            return rules;
        }

        static HeaderRule parse(String rule) {
            String[] tokens = rule.trim().split("\\s+", 2);
            if (tokens.length != 2) {
                throw new ConfigException(RESPONSE_HEADERS, rule,
                        "Invalid format of header config: expected '[action] [header name]:[header value]', "
                                + "e.g. 'set X-Frame-Options:DENY'");
            }
            Action action = switch (tokens[0].toLowerCase(Locale.ROOT)) {
                case "set" -> Action.SET;
                case "add" -> Action.ADD;
                case "setdate" -> Action.SET_DATE;
                case "adddate" -> Action.ADD_DATE;
                default -> throw new ConfigException(RESPONSE_HEADERS, rule, "Invalid header config action '"
                        + tokens[0] + "': expected one of [set, add, setDate, addDate]");
            };
            int colon = tokens[1].indexOf(':');
            if (colon < 0) {
                throw new ConfigException(RESPONSE_HEADERS, rule,
                        "Invalid format of header name and header value pair: expected '[header name]:[header value]'");
            }
            String name = tokens[1].substring(0, colon).trim();
            if (name.isEmpty() || name.matches(".*\\s.*")) {
                throw new ConfigException(RESPONSE_HEADERS, rule,
                        "Invalid header name '" + name + "': it must be non-empty and contain no whitespace");
            }
            String value = tokens[1].substring(colon + 1).trim();
            if ((action == Action.SET_DATE || action == Action.ADD_DATE) && !value.matches("-?\\d+")) {
                throw new ConfigException(RESPONSE_HEADERS, rule,
                        "a date rule's value is a number of milliseconds to add to the current time, e.g. 'setDate Expires:3600000'");
            }
            return new HeaderRule(action, name, value);
        }

        /** Splits on commas outside double quotes, as Jetty's header filter does, dropping the quotes. */
        private static List<String> splitQuoted(String config) {
            List<String> parts = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            boolean quoted = false;
            for (char c : config.toCharArray()) {
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    addTrimmed(parts, current.toString());
                    current.setLength(0);
                } else {
                    current.append(c);
                }
            }
            addTrimmed(parts, current.toString());
            return parts;
        }
    }
}

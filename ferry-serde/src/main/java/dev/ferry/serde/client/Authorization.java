package dev.ferry.serde.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/**
 * The authentication headers a request carries, from Confluent's client keys: HTTP basic from the URL's user info
 * ({@code basic.auth.credentials.source=URL}, the default), from {@code basic.auth.user.info} or
 * {@code schema.registry.basic.auth.user.info} ({@code USER_INFO}) or from the Kafka client's {@code sasl.jaas.config}
 * ({@code SASL_INHERIT}); or a bearer token ({@code bearer.auth.credentials.source=STATIC_TOKEN} with
 * {@code bearer.auth.token}, plus Confluent Cloud's {@code target-sr-cluster} and {@code Confluent-Identity-Pool-Id}
 * headers when {@code bearer.auth.logical.cluster} / {@code bearer.auth.identity.pool.id} are set).
 */
final class Authorization {

    static final String BASIC_SOURCE = "basic.auth.credentials.source";
    static final String USER_INFO = "basic.auth.user.info";
    static final String SR_USER_INFO = "schema.registry.basic.auth.user.info";
    static final String BEARER_SOURCE = "bearer.auth.credentials.source";
    static final String BEARER_TOKEN = "bearer.auth.token";
    static final String BEARER_LOGICAL_CLUSTER = "bearer.auth.logical.cluster";
    static final String BEARER_IDENTITY_POOL = "bearer.auth.identity.pool.id";

    private static final Pattern JAAS_OPTION = Pattern.compile("(username|password)\\s*=\\s*\"([^\"]*)\"");

    private enum Kind { URL, FIXED_BASIC, BEARER }

    private final Kind kind;
    private final String fixedBasic;
    private final Map<String, String> bearerHeaders;

    private Authorization(Kind kind, String fixedBasic, Map<String, String> bearerHeaders) {
        this.kind = kind;
        this.fixedBasic = fixedBasic;
        this.bearerHeaders = bearerHeaders;
    }

    static Authorization from(ConfigValues config) {
        boolean basicSet = config.has(BASIC_SOURCE);
        boolean bearerSet = config.has(BEARER_SOURCE);
        if (basicSet && bearerSet) {
            throw new ConfigException("Only one of '" + BASIC_SOURCE + "' and '" + BEARER_SOURCE
                    + "' may be set: choose basic or bearer authentication to the schema registry.");
        }
        if (bearerSet) {
            return bearer(config);
        }
        String source = config.string(BASIC_SOURCE, "URL").toUpperCase(Locale.ROOT);
        return switch (source) {
            case "URL" -> new Authorization(Kind.URL, null, Map.of());
            case "USER_INFO" -> {
                String userInfo = config.has(USER_INFO) ? config.string(USER_INFO) : config.string(SR_USER_INFO);
                if (userInfo == null || userInfo.isBlank()) {
                    throw new ConfigException(BASIC_SOURCE + "=USER_INFO needs '" + USER_INFO + "' (or '"
                            + SR_USER_INFO + "') set to user:password.");
                }
                yield new Authorization(Kind.FIXED_BASIC, basic(userInfo), Map.of());
            }
            case "SASL_INHERIT" -> new Authorization(Kind.FIXED_BASIC, basic(fromJaas(config)), Map.of());
            default -> throw new ConfigException(BASIC_SOURCE, source, "Use URL, USER_INFO or SASL_INHERIT.");
        };
    }

    private static Authorization bearer(ConfigValues config) {
        String source = config.string(BEARER_SOURCE).toUpperCase(Locale.ROOT);
        if (!source.equals("STATIC_TOKEN")) {
            throw new ConfigException(BEARER_SOURCE, source, "Ferry's schema registry client supports "
                    + "STATIC_TOKEN (with " + BEARER_TOKEN + "); fetch the OAuth token outside and pass it as "
                    + BEARER_TOKEN + ".");
        }
        String token = config.string(BEARER_TOKEN);
        if (token == null || token.isBlank()) {
            throw new ConfigException(BEARER_SOURCE + "=STATIC_TOKEN needs '" + BEARER_TOKEN + "' set.");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        if (config.has(BEARER_LOGICAL_CLUSTER)) {
            headers.put("target-sr-cluster", config.string(BEARER_LOGICAL_CLUSTER));
        }
        if (config.has(BEARER_IDENTITY_POOL)) {
            headers.put("Confluent-Identity-Pool-Id", config.string(BEARER_IDENTITY_POOL));
        }
        return new Authorization(Kind.BEARER, null, Map.copyOf(headers));
    }

    private static String fromJaas(ConfigValues config) {
        String jaas = config.string("sasl.jaas.config");
        if (jaas == null) {
            throw new ConfigException(BASIC_SOURCE + "=SASL_INHERIT needs 'sasl.jaas.config' with username and "
                    + "password options.");
        }
        Map<String, String> options = new LinkedHashMap<>();
        Matcher matcher = JAAS_OPTION.matcher(jaas);
        while (matcher.find()) {
            options.put(matcher.group(1), matcher.group(2));
        }
        if (!options.containsKey("username") || !options.containsKey("password")) {
            throw new ConfigException(BASIC_SOURCE + "=SASL_INHERIT: 'sasl.jaas.config' has no username=\"...\" "
                    + "and password=\"...\" options.");
        }
        return options.get("username") + ":" + options.get("password");
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    /** The headers for a request to this endpoint. */
    Map<String, String> headersFor(RegistryEndpoint endpoint) {
        return switch (kind) {
            case URL -> endpoint.userInfo() == null ? Map.of() : Map.of("Authorization", basic(endpoint.userInfo()));
            case FIXED_BASIC -> Map.of("Authorization", fixedBasic);
            case BEARER -> bearerHeaders;
        };
    }
}

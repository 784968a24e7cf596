package dev.ferry.runtime.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/**
 * Worker properties from {@code CONNECT_*} environment variables, following the rule of
 * Confluent's {@code cp-kafka-connect} image so that existing compose files and Kubernetes
 * manifests work unchanged.
 *
 * <p>The rule, applied to every variable whose name starts with {@code CONNECT_}: drop the prefix,
 * lower-case the rest, turn each single {@code _} (one with no {@code _} on either side) into
 * {@code .}, then {@code ___} into {@code -} and {@code __} into {@code _}. So
 * {@code CONNECT_BOOTSTRAP_SERVERS} gives {@code bootstrap.servers} and
 * {@code CONNECT_KEY_WITH___DASH_AND__UNDERSCORE} gives {@code key.with-dash.and_underscore}.
 * Values are taken verbatim. Ferry follows the image's older Python implementation where the two
 * differ: the current Go one misses every second underscore in runs of one-letter segments
 * ({@code CONNECT_A_B_C} gives {@code a.b_c} there, {@code a.b.c} here).
 *
 * <p>Deliberate differences from the image: variables the image reads for itself and that only
 * leak junk keys into its worker file ({@code CONNECT_LOG4J_*}, {@code CONNECT_CUB_*},
 * {@code CONNECT_INTERNAL_*}) are skipped; {@code CONNECT_METRIC_REPORTERS} is kept, as the image
 * in fact does (its exclusion of it never worked); and {@code CONNECT_REST_PORT}, which the image
 * defaults to 8083 but Apache Kafka no longer reads, becomes {@code listeners=http://:<port>} when
 * no {@code listeners} is configured.
 *
 * <p>The image renders its worker file from the environment alone. Ferry also accepts a
 * properties file: {@link #merge} applies the environment on top of it, so a variable always
 * wins over the file, which is what a container user overriding one setting expects.
 */
public final class EnvironmentConfig {

    /** The prefix of the environment variables that become worker properties. */
    public static final String PREFIX = "CONNECT_";
    /** The image's REST port variable, mapped to {@code listeners}. */
    public static final String REST_PORT_VARIABLE = "CONNECT_REST_PORT";
    /** Prefixes (after {@code CONNECT_}) of variables meant for the image's scripts, not the worker. */
    static final List<String> SKIPPED_PREFIXES = List.of("LOG4J_", "CUB_", "INTERNAL_");

    private static final Pattern SINGLE_UNDERSCORE = Pattern.compile("(?<=[^_])_(?=[^_])");

    private EnvironmentConfig() {
    }

    /**
     * The worker properties that {@code env} defines.
     *
     * @param env environment variables, e.g. {@code System.getenv()}
     * @return the properties, sorted by name
     * @throws ConfigException if {@code CONNECT_REST_PORT} is not a port number
     */
    public static Map<String, String> workerPropsFromEnvironment(Map<String, String> env) {
        Map<String, String> props = new TreeMap<>();
        env.forEach((name, value) -> {
            if (!name.startsWith(PREFIX) || name.length() == PREFIX.length() || name.equals(REST_PORT_VARIABLE)) {
                return;
            }
            String rest = name.substring(PREFIX.length());
            if (SKIPPED_PREFIXES.stream().anyMatch(rest::startsWith)) {
                return;
            }
            props.put(propertyName(rest), value);
        });
        String restPort = env.get(REST_PORT_VARIABLE);
        if (restPort != null && !props.containsKey(RestServerConfig.LISTENERS_CONFIG)) {
            props.put(RestServerConfig.LISTENERS_CONFIG, listenerForPort(restPort));
        }
        return props;
    }

    /**
     * Worker properties from a file overlaid with those from the environment: a property set by a
     * {@code CONNECT_*} variable replaces the file's value. {@code CONNECT_REST_PORT} only applies
     * when neither the file nor a {@code CONNECT_LISTENERS} variable sets {@code listeners}.
     */
    public static Map<String, String> merge(Map<String, String> fileProps, Map<String, String> env) {
        Map<String, String> fromEnv = workerPropsFromEnvironment(env);
        boolean listenersFromPortAlias = !env.containsKey(PREFIX + "LISTENERS") && env.containsKey(REST_PORT_VARIABLE);
        if (listenersFromPortAlias && fileProps.containsKey(RestServerConfig.LISTENERS_CONFIG)) {
            fromEnv.remove(RestServerConfig.LISTENERS_CONFIG);
        }
        Map<String, String> merged = new LinkedHashMap<>(fileProps);
        merged.putAll(fromEnv);
        return merged;
    }

    /** The property name for a variable name without the {@code CONNECT_} prefix. */
    static String propertyName(String variableWithoutPrefix) {
        String lower = variableWithoutPrefix.toLowerCase(Locale.ROOT);
        String dotted = SINGLE_UNDERSCORE.matcher(lower).replaceAll(".");
        return dotted.replace("___", "-").replace("__", "_");
    }

    /** The {@code CONNECT_*} variable that sets worker property {@code key}; the inverse of the mapping rule. */
    public static String envVarFor(String key) {
        return PREFIX + key.replace("_", "__").replace("-", "___").replace(".", "_").toUpperCase(Locale.ROOT);
    }

    private static String listenerForPort(String port) {
        String trimmed = port.trim();
        try {
            int number = Integer.parseInt(trimmed);
            if (number < 0 || number > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(REST_PORT_VARIABLE, port, "Must be a port number between 0 and 65535, "
                    + "e.g. CONNECT_REST_PORT=8083; or set CONNECT_LISTENERS=http://:8083 instead");
        }
        return "http://:" + trimmed;
    }
}

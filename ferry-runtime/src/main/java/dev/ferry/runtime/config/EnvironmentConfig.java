package dev.ferry.runtime.config;

import java.util.ArrayList;
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
 * properties file: {@link #resolve} applies the environment on top of it, so a variable always
 * wins over the file (also {@code CONNECT_REST_PORT} over the file's {@code listeners}), which is
 * what a container user overriding one setting expects; each variable that replaced a value of the
 * file or was ignored comes with a note saying so, for the worker to log at start.
 */
public final class EnvironmentConfig {

    /** The prefix of the environment variables that become worker properties. */
    public static final String PREFIX = "CONNECT_";
    /** The image's REST port variable, mapped to {@code listeners}. */
    public static final String REST_PORT_VARIABLE = "CONNECT_REST_PORT";
    /** Prefixes (after {@code CONNECT_}) of variables meant for the image's scripts, not the worker, and why. */
    private static final Map<String, String> SKIPPED_PREFIXES = Map.of(
            "LOG4J_", "configure the cp image's logging, not the worker (Ferry's image maps them to its logging)",
            "CUB_", "configure the cp image's wait for Kafka before start, not the worker",
            "INTERNAL_", "set the internal converters, which Apache Kafka removed in 3.0; the worker ignores them");

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
        return new TreeMap<>(resolve(Map.of(), "", env).properties());
    }

    /**
     * Worker properties from a file overlaid with those from the environment: a property set by a
     * {@code CONNECT_*} variable replaces the file's value, and {@code CONNECT_REST_PORT} replaces the
     * file's {@code listeners} unless a {@code CONNECT_LISTENERS} variable sets them.
     */
    public static Map<String, String> merge(Map<String, String> fileProps, Map<String, String> env) {
        return resolve(fileProps, "the worker file", env).properties();
    }

    /**
     * Worker properties from {@code fileProps} (empty when there is no file) overlaid with the
     * {@code CONNECT_*} variables of {@code env}, as {@link #merge}, together with one note per
     * variable that replaced a value of the file or was ignored, saying why. Notes never show the
     * value of a secret setting ({@link SecretSettings}).
     *
     * @param source what the file properties came from, for the notes, e.g. the file's path
     * @throws ConfigException if {@code CONNECT_REST_PORT} is not a port number
     */
    public static Resolution resolve(Map<String, String> fileProps, String source, Map<String, String> env) {
        Map<String, String> merged = new LinkedHashMap<>(fileProps);
        List<String> notes = new ArrayList<>();
        boolean listenersVariable = env.containsKey(PREFIX + "LISTENERS");
        for (Map.Entry<String, String> variable : new TreeMap<>(env).entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String rest = name.substring(PREFIX.length());
            if (rest.isEmpty()) {
                notes.add(name + " is ignored: it names no setting after the CONNECT_ prefix.");
                continue;
            }
            String skipped = SKIPPED_PREFIXES.keySet().stream().filter(rest::startsWith).findFirst().orElse(null);
            if (skipped != null) {
                notes.add(name + " is ignored: " + PREFIX + skipped + "* " + SKIPPED_PREFIXES.get(skipped) + ".");
                continue;
            }
            String key;
            String value;
            if (name.equals(REST_PORT_VARIABLE)) {
                if (listenersVariable) {
                    notes.add(name + " is ignored: CONNECT_LISTENERS sets listeners, which is what the worker reads.");
                    continue;
                }
                key = RestServerConfig.LISTENERS_CONFIG;
                value = listenerForPort(variable.getValue());
            } else {
                key = propertyName(rest);
                value = variable.getValue();
            }
            String previous = merged.put(key, value);
            if (previous != null && !previous.equals(value)) {
                notes.add(name + " overrides " + key + " from " + source + ": " + key + "=" + shown(key, value)
                        + " instead of " + shown(key, previous) + ".");
            }
        }
        return new Resolution(merged, List.copyOf(notes));
    }

    /**
     * Worker properties and what the environment did to them.
     *
     * @param properties the effective worker properties: the file's in its order, then new ones from variables
     * @param notes      one sentence per variable that overrode the file or was ignored, with the reason
     */
    public record Resolution(Map<String, String> properties, List<String> notes) {
    }

    private static String shown(String key, String value) {
        return SecretSettings.isSecret(key) ? SecretSettings.HIDDEN : value;
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

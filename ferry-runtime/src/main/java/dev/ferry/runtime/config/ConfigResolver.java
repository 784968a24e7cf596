package dev.ferry.runtime.config;

import dev.ferry.runtime.model.Sentences;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.ConfigTransformerResult;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces {@code ${provider:path:key}} and {@code ${provider:key}} references in connector
 * configs with values from the worker's config providers ({@code config.providers}), e.g. secrets
 * from a file, a directory or environment variables.
 *
 * <p>Unlike Apache, which leaves a reference it cannot resolve in place (so a connector would use
 * the text {@code ${vault:db:password}} as its password), a reference to an unknown provider or
 * to a key the provider does not have is refused with the setting, the reference and the fix
 * ({@link ProviderReferences}). Resolved values are handed to the caller and never kept: stores, REST
 * answers and logs keep the raw config. When the JVM system property
 * {@value AbstractConfig#AUTOMATIC_CONFIG_PROVIDERS_PROPERTY} is set, only the provider classes it
 * lists may be created (a hardening switch; Apache's worker ignores it for connector configs).
 *
 * <p>Thread-safe as long as the providers are; Kafka's file, directory and environment providers are.
 */
public final class ConfigResolver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigResolver.class);

    private static final String PROVIDER_PREFIX = WorkerConfig.CONFIG_PROVIDERS_CONFIG + ".";
    private static final String PARAM_INFIX = ".param.";

    private final Map<String, ConfigProvider> providers;
    private final ConfigTransformer transformer;

    /** Creates config providers from a class name or alias, e.g. through the plugin registry. */
    @FunctionalInterface
    public interface ProviderFactory {
        /** Creates a provider from Kafka's own classes or the worker's classpath by fully qualified name. */
        ProviderFactory CLASSPATH = className -> Utils.newInstance(className, ConfigProvider.class);

        ConfigProvider create(String classNameOrAlias) throws Exception;
    }

    /**
     * The result of resolving one config.
     *
     * @param config the config with every resolvable reference replaced
     * @param ttls   for each provider path that reported one, how long its values stay valid, in ms
     */
    public record Resolution(Map<String, String> config, Map<String, Long> ttls) {

        /** The shortest validity reported, if any: when to reload the connector to pick up new values. */
        public OptionalLong earliestExpiryMs() {
            return ttls.values().stream().mapToLong(Long::longValue).min();
        }
    }

    ConfigResolver(Map<String, ConfigProvider> providers) {
        this.providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
        this.transformer = new ConfigTransformer(this.providers);
    }

    /**
     * Creates and configures the providers named in the worker's {@code config.providers}.
     *
     * @throws ConfigException naming the provider setting to fix when a provider cannot be created
     */
    public static ConfigResolver fromWorkerConfig(WorkerConfig config, ProviderFactory factory) {
        return create(config.configProviders(), config.originals(), factory);
    }

    /**
     * Creates and configures the named providers from {@code config.providers.<name>.class} and
     * {@code config.providers.<name>.param.*} entries in {@code workerProps}.
     */
    public static ConfigResolver create(List<String> providerNames, Map<String, ?> workerProps, ProviderFactory factory) {
        Set<String> allowed = allowedProviderClasses();
        Map<String, ConfigProvider> created = new LinkedHashMap<>();
        try {
            for (String name : providerNames) {
                created.put(name, createProvider(name, workerProps, factory, allowed));
            }
        } catch (RuntimeException e) {
            created.values().forEach(p -> Utils.closeQuietly(p, "config provider"));
            throw e;
        }
        return new ConfigResolver(created);
    }

    private static ConfigProvider createProvider(String name, Map<String, ?> workerProps, ProviderFactory factory,
                                                 Set<String> allowed) {
        String classKey = PROVIDER_PREFIX + name + ".class";
        Object className = workerProps.get(classKey);
        if (className == null || className.toString().isBlank()) {
            throw new ConfigException(classKey, null, "Config provider '" + name + "' is listed in config.providers "
                    + "but has no class; set e.g. " + classKey + "=org.apache.kafka.common.config.provider.FileConfigProvider");
        }
        ConfigProvider provider;
        try {
            provider = factory.create(className.toString().trim());
        } catch (Exception | LinkageError e) {
            throw new ConfigException(classKey, className, "Cannot create config provider '" + name + "': " + e.getMessage()
                    + ". Check the class name, or install the provider in a directory listed in plugin.path");
        }
        String actualClass = provider.getClass().getName();
        if (allowed != null && !allowed.contains(actualClass)) {
            Utils.closeQuietly(provider, "config provider");
            throw new ConfigException(classKey, className, "Config provider class " + actualClass + " is not allowed by "
                    + "the system property " + AbstractConfig.AUTOMATIC_CONFIG_PROVIDERS_PROPERTY
                    + "; add it to that comma-separated list to allow it");
        }
        provider.configure(params(name, workerProps));
        return provider;
    }

    private static Map<String, Object> params(String name, Map<String, ?> workerProps) {
        String prefix = PROVIDER_PREFIX + name + PARAM_INFIX;
        Map<String, Object> params = new LinkedHashMap<>();
        workerProps.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                params.put(key.substring(prefix.length()), value);
            }
        });
        return params;
    }

    /** The provider classes the system property allows, or null when it is not set. */
    private static Set<String> allowedProviderClasses() {
        String property = System.getProperty(AbstractConfig.AUTOMATIC_CONFIG_PROVIDERS_PROPERTY);
        if (property == null) {
            return null;
        }
        return Arrays.stream(property.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    /** The configured provider names. */
    public Set<String> providerNames() {
        return providers.keySet();
    }

    /**
     * Resolves the references in {@code raw}; every one must resolve.
     *
     * @throws ConfigException naming the setting, the reference and the fix when a reference names
     *         a provider this worker does not have, when the provider has no such key, or when the
     *         provider fails (e.g. it cannot read its file); never with a resolved value in the text
     */
    public Map<String, String> resolve(Map<String, String> raw) {
        return resolveWithTtls(raw).config();
    }

    /** {@link #resolve}, also reporting how long the values stay valid. */
    public Resolution resolveWithTtls(Map<String, String> raw) {
        Resolution resolution = resolveKnownProviders(raw);
        if (resolution != null) {
            refuse(ProviderReferences.missingKeys(raw, resolution.config(), providers.keySet()));
        }
        return resolution;
    }

    /**
     * Resolves what can be resolved for validating a config on the worker that received it:
     * references to providers this worker lacks are refused, while a key the provider lacks here is
     * left as written (the worker that runs the connector judges its own keys, e.g. its environment).
     *
     * @throws ConfigException as {@link #resolve}, except for missing keys
     */
    public Map<String, String> resolveForValidation(Map<String, String> raw) {
        Resolution resolution = resolveKnownProviders(raw);
        return resolution == null ? null : resolution.config();
    }

    private Resolution resolveKnownProviders(Map<String, String> raw) {
        if (raw == null) {
            return null;
        }
        if (raw.values().stream().noneMatch(ProviderReferences::mentionsAny)) {
            return new Resolution(new LinkedHashMap<>(raw), Map.of());
        }
        refuse(ProviderReferences.unknownProviders(raw, providers.keySet()));
        ConfigTransformerResult result;
        try {
            result = transformer.transform(raw);
        } catch (ConfigException e) {
            throw new ConfigException(Sentences.then("A config provider failed to read what the connector "
                    + "configuration refers to: " + e.getMessage(), "Check that the file or directory exists on this "
                    + "worker and that the worker's user can read it."));
        }
        Map<String, String> resolved = new LinkedHashMap<>(raw);
        resolved.putAll(result.data());
        return new Resolution(resolved, Map.copyOf(result.ttls()));
    }

    private static void refuse(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join(" ", problems));
        }
    }

    @Override
    public void close() {
        providers.forEach((name, provider) -> {
            try {
                provider.close();
            } catch (Exception e) {
                log.warn("Failed to close config provider '{}'", name, e);
            }
        });
    }
}

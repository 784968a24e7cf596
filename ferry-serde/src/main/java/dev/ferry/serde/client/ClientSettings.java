package dev.ferry.serde.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.ConfigException;

/**
 * Confluent's schema registry client keys, read once. Defaults are Confluent's: 60 s connect and read
 * timeouts, 3 retries starting at 1 s and capped at 20 s, 1000 cached schemas per subject, the latest version
 * cached for 60 s.
 */
record ClientSettings(List<RegistryEndpoint> endpoints, boolean randomize, Authorization authorization,
                      SSLContext sslContext, Duration connectTimeout, Duration readTimeout, int maxRetries,
                      long retriesWaitMs, long retriesMaxWaitMs, Map<String, String> headers, String proxyHost,
                      int proxyPort, int maxSchemasPerSubject, long latestCacheTtlSeconds) {

    static final String URL_RANDOMIZE = "url.randomize";
    static final String CONNECT_TIMEOUT = "http.connect.timeout.ms";
    static final String READ_TIMEOUT = "http.read.timeout.ms";
    static final String MAX_RETRIES = "max.retries";
    static final String RETRIES_WAIT = "retries.wait.ms";
    static final String RETRIES_MAX_WAIT = "retries.max.wait.ms";
    static final String HEADER_PREFIX = "request.header.";
    static final String PROXY_HOST = "proxy.host";
    static final String PROXY_PORT = "proxy.port";
    static final String MAX_SCHEMAS_PER_SUBJECT = "max.schemas.per.subject";
    static final String LATEST_CACHE_TTL = "latest.cache.ttl.sec";

    static ClientSettings from(Map<String, ?> configs) {
        ConfigValues config = new ConfigValues(configs);
        List<String> urls = config.list(SchemaRegistryClients.URL_CONFIG);
        if (urls.isEmpty()) {
            throw new ConfigException("Missing required configuration '" + SchemaRegistryClients.URL_CONFIG
                    + "': set it to the schema registry's URL, e.g. http://localhost:8081 (several separated by commas).");
        }
        List<RegistryEndpoint> endpoints = new ArrayList<>();
        urls.forEach(url -> endpoints.add(RegistryEndpoint.parse(url)));
        boolean randomize = config.bool(URL_RANDOMIZE, false);
        if (randomize) {
            Collections.shuffle(endpoints);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        configs.keySet().stream().filter(k -> k.startsWith(HEADER_PREFIX) && k.length() > HEADER_PREFIX.length())
                .sorted().forEach(k -> headers.put(k.substring(HEADER_PREFIX.length()), config.string(k)));
        return new ClientSettings(List.copyOf(endpoints), randomize, Authorization.from(config),
                TlsSettings.from(config),
                Duration.ofMillis(positive(config, CONNECT_TIMEOUT, 60_000)),
                Duration.ofMillis(positive(config, READ_TIMEOUT, 60_000)),
                (int) nonNegative(config, MAX_RETRIES, 3),
                nonNegative(config, RETRIES_WAIT, 1000),
                nonNegative(config, RETRIES_MAX_WAIT, 20_000),
                Map.copyOf(headers),
                config.string(PROXY_HOST, ""),
                config.intValue(PROXY_PORT, -1),
                (int) positive(config, MAX_SCHEMAS_PER_SUBJECT, 1000),
                config.longValue(LATEST_CACHE_TTL, 60));
    }

    boolean proxied() {
        return !proxyHost.isBlank() && proxyPort > 0;
    }

    private static long positive(ConfigValues config, String key, long defaultValue) {
        long value = config.longValue(key, defaultValue);
        if (value <= 0) {
            throw new ConfigException(key, value, "Expected a number above 0.");
        }
        return value;
    }

    private static long nonNegative(ConfigValues config, String key, long defaultValue) {
        long value = config.longValue(key, defaultValue);
        if (value < 0) {
            throw new ConfigException(key, value, "Expected 0 or more.");
        }
        return value;
    }
}

package dev.ferry.serde.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * Builds a {@link SchemaRegistryClient} from Confluent's client keys, the same map a Kafka serializer or a
 * Connect converter is configured with: {@code schema.registry.url} (comma-separated; {@code url.randomize}),
 * {@code basic.auth.credentials.source} with {@code basic.auth.user.info} / {@code schema.registry.basic.auth.user.info},
 * {@code bearer.auth.credentials.source=STATIC_TOKEN} with {@code bearer.auth.token}, {@code schema.registry.ssl.*},
 * {@code http.connect.timeout.ms}, {@code http.read.timeout.ms}, {@code max.retries}, {@code retries.wait.ms},
 * {@code retries.max.wait.ms}, {@code request.header.*}, {@code proxy.host}/{@code proxy.port},
 * {@code max.schemas.per.subject} and {@code latest.cache.ttl.sec}.
 */
public final class SchemaRegistryClients {

    public static final String URL_CONFIG = "schema.registry.url";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SchemaRegistryClients() {
    }

    /**
     * A new client; the caller closes it.
     *
     * @throws org.apache.kafka.common.config.ConfigException naming the key when a setting is missing or wrong
     */
    public static SchemaRegistryClient create(Map<String, ?> configs) {
        ClientSettings settings = ClientSettings.from(configs);
        return new CachingRegistryClient(new RegistryHttp(settings, MAPPER), settings.maxSchemasPerSubject(),
                settings.latestCacheTtlSeconds(), System::nanoTime);
    }
}

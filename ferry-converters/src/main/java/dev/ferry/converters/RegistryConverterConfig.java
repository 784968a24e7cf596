package dev.ferry.converters;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The config keys every schema-registry converter shares, declared with Confluent's names and defaults so that a
 * converter's {@code config()} documents and validates them: the registry client's ({@code schema.registry.url},
 * credentials, timeouts, retries, proxy) and the serde's ({@code auto.register.schemas}, {@code use.latest.version},
 * subject name strategies, ...). Parsing stays with ferry-serde ({@code SerdeConfig}, {@code SchemaRegistryClients});
 * prefixed keys ({@code schema.registry.ssl.*}, {@code request.header.*}) cannot be declared and pass through.
 */
public final class RegistryConverterConfig {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    private static final String TOPIC_NAME_STRATEGY = "io.confluent.kafka.serializers.subject.TopicNameStrategy";

    private RegistryConverterConfig() {
    }

    /** Adds the shared keys to a converter's own definition and returns it. */
    public static ConfigDef addTo(ConfigDef definition) {
        return definition
                .define(SCHEMA_REGISTRY_URL, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                        "Comma-separated URLs of the schema registry instances, e.g. http://registry:8081.")
                .define("auto.register.schemas", Type.BOOLEAN, true, Importance.MEDIUM,
                        "Whether a schema the registry does not know yet is registered when a record is written.")
                .define("use.latest.version", Type.BOOLEAN, false, Importance.LOW,
                        "With auto.register.schemas=false: write with the subject's latest registered schema.")
                .define("latest.compatibility.strict", Type.BOOLEAN, true, Importance.LOW,
                        "With use.latest.version: require the latest schema to be able to read the record's schema.")
                .define("normalize.schemas", Type.BOOLEAN, false, Importance.LOW,
                        "Whether schemas are normalised before they are registered or looked up.")
                .define("use.schema.id", Type.INT, -1, Importance.LOW,
                        "Write every record with this registered schema id (-1: decide per record).")
                .define("id.compatibility.strict", Type.BOOLEAN, true, Importance.LOW,
                        "With use.schema.id: require that schema to be able to read the record's schema.")
                .define("key.subject.name.strategy", Type.STRING, TOPIC_NAME_STRATEGY, Importance.MEDIUM,
                        "How the key schema's subject is named: TopicNameStrategy, RecordNameStrategy or "
                                + "TopicRecordNameStrategy (Confluent's class names or the simple names).")
                .define("value.subject.name.strategy", Type.STRING, TOPIC_NAME_STRATEGY, Importance.MEDIUM,
                        "How the value schema's subject is named: TopicNameStrategy, RecordNameStrategy or "
                                + "TopicRecordNameStrategy (Confluent's class names or the simple names).")
                .define("basic.auth.credentials.source", Type.STRING, "URL", Importance.MEDIUM,
                        "Where HTTP basic credentials for the registry come from: URL, USER_INFO or SASL_INHERIT.")
                .define("basic.auth.user.info", Type.PASSWORD, "", Importance.MEDIUM,
                        "user:password for the registry when basic.auth.credentials.source=USER_INFO.")
                .define("bearer.auth.credentials.source", Type.STRING, "STATIC_TOKEN", Importance.MEDIUM,
                        "Where a bearer token for the registry comes from.")
                .define("bearer.auth.token", Type.PASSWORD, "", Importance.MEDIUM,
                        "The bearer token when bearer.auth.credentials.source=STATIC_TOKEN.")
                .define("max.schemas.per.subject", Type.INT, 1000, Importance.LOW,
                        "How many schemas per subject the registry client caches.")
                .define("latest.cache.ttl.sec", Type.LONG, -1L, Importance.LOW,
                        "How long the latest version of a subject is cached, in seconds (-1: for ever).")
                .define("http.connect.timeout.ms", Type.INT, 60000, Importance.LOW,
                        "Connect timeout of registry requests.")
                .define("http.read.timeout.ms", Type.INT, 60000, Importance.LOW,
                        "Read timeout of registry requests.")
                .define("max.retries", Type.INT, 3, Importance.LOW,
                        "How often a failed registry request is retried.")
                .define("retries.wait.ms", Type.INT, 1000, Importance.LOW,
                        "First wait before a registry request is retried; it doubles per retry.")
                .define("retries.max.wait.ms", Type.INT, 20000, Importance.LOW,
                        "Longest wait between registry request retries.")
                .define("proxy.host", Type.STRING, "", Importance.LOW,
                        "HTTP proxy host for registry requests (empty: none).")
                .define("proxy.port", Type.INT, -1, Importance.LOW,
                        "HTTP proxy port for registry requests.");
    }
}

package dev.ferry.serde;

import dev.ferry.schema.ParsedSchema;
import dev.ferry.serde.client.ConfigValues;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema-registry serde keys common to the three formats, with Confluent's names and defaults:
 * {@code auto.register.schemas} (true), {@code use.latest.version} (false), {@code latest.compatibility.strict}
 * (true), {@code normalize.schemas} (false), {@code use.schema.id} (-1: none), {@code id.compatibility.strict}
 * (true) and {@code key.subject.name.strategy} / {@code value.subject.name.strategy} (TopicNameStrategy). The
 * registry client's own keys ({@code schema.registry.url}, auth, TLS, ...) are read from the same map by
 * {@link dev.ferry.serde.client.SchemaRegistryClients}.
 */
public record SerdeConfig(boolean isKey, boolean autoRegisterSchemas, boolean useLatestVersion,
                          boolean latestCompatibilityStrict, boolean normalizeSchemas, int useSchemaId,
                          boolean idCompatibilityStrict, SubjectNameStrategy subjectNameStrategy) {

    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String LATEST_COMPATIBILITY_STRICT = "latest.compatibility.strict";
    public static final String NORMALIZE_SCHEMAS = "normalize.schemas";
    public static final String USE_SCHEMA_ID = "use.schema.id";
    public static final String ID_COMPATIBILITY_STRICT = "id.compatibility.strict";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

    private static final Logger LOG = LoggerFactory.getLogger(SerdeConfig.class);

    /** Confluent keys whose feature Ferry lacks, with what happens instead; set, they are logged, not silently dropped. */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "use.latest.with.metadata", "the latest version is used regardless of metadata",
            "use.schema.guid", "schema ids, not GUIDs, are written",
            "key.schema.id.serializer", "the id is written as the record prefix (Confluent's default)",
            "value.schema.id.serializer", "the id is written as the record prefix (Confluent's default)",
            "context.name.strategy", "subjects are in the default context",
            "reference.subject.name.strategy", "Protobuf imports are registered under their import path",
            "rule.executors", "data-contract rules are not run");

    /**
     * Reads the serde keys of a key or value serde.
     *
     * @throws org.apache.kafka.common.config.ConfigException naming the key of a malformed value
     */
    public static SerdeConfig from(Map<String, ?> configs, boolean isKey) {
        ConfigValues values = new ConfigValues(configs);
        for (Map.Entry<String, String> unsupported : UNSUPPORTED.entrySet()) {
            if (values.has(unsupported.getKey())) {
                LOG.warn("'{}' is set but not supported by Ferry's serdes and is ignored: {}", unsupported.getKey(),
                        unsupported.getValue());
            }
        }
        String strategyKey = isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY;
        return new SerdeConfig(isKey,
                values.bool(AUTO_REGISTER_SCHEMAS, true),
                values.bool(USE_LATEST_VERSION, false),
                values.bool(LATEST_COMPATIBILITY_STRICT, true),
                values.bool(NORMALIZE_SCHEMAS, false),
                values.intValue(USE_SCHEMA_ID, -1),
                values.bool(ID_COMPATIBILITY_STRICT, true),
                SubjectNameStrategy.fromConfig(strategyKey, configs.get(strategyKey)));
    }

    /** The subject a schema written to {@code topic} goes under. */
    public String subject(String topic, ParsedSchema schema) {
        return subjectNameStrategy.subject(topic, isKey, schema);
    }
}

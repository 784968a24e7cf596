package dev.ferry.serde;

import dev.ferry.schema.CompatibilityLevel;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.serde.client.RegisteredSchema;
import dev.ferry.serde.client.SchemaRegistryClient;
import dev.ferry.serde.wire.WireFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Decides which registered schema a record is written with, as Confluent's serializers do, then frames the
 * payload. In order of precedence:
 * <ol>
 *   <li>{@code auto.register.schemas=true} (default): register the caller's schema under the subject (the
 *       registry returns the existing id when it is already there);</li>
 *   <li>{@code use.schema.id=N}: schema N, which with {@code id.compatibility.strict} must be able to read data
 *       written with the caller's schema;</li>
 *   <li>{@code use.latest.version=true}: the subject's latest version, which with
 *       {@code latest.compatibility.strict} must be backward compatible with the caller's schema;</li>
 *   <li>otherwise look the caller's schema up under the subject ({@code POST /subjects/{subject}}), failing when
 *       it is not registered.</li>
 * </ol>
 * Decisions are cached per topic and schema (bounded), so the per-record cost is a map lookup; the latest
 * version is re-read from the client's cache, which refreshes per {@code latest.cache.ttl.sec}. Thread-safe.
 */
public final class SchemaWriter {

    /** Distinct (topic, schema) decisions remembered; past it the least recently used is forgotten. */
    private static final int MAX_CACHED_DECISIONS = 1000;

    private final SchemaRegistryClient client;
    private final SerdeConfig config;
    private final Map<CacheKey, WriterSchema> decisions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CacheKey, WriterSchema> eldest) {
            return size() > MAX_CACHED_DECISIONS;
        }
    };

    public SchemaWriter(SchemaRegistryClient client, SerdeConfig config) {
        this.client = client;
        this.config = config;
    }

    public SerdeConfig config() {
        return config;
    }

    /**
     * Frames a payload for {@code topic} with the id {@link #resolve} chooses for {@code schema}. With
     * {@code use.latest.version} or {@code use.schema.id} the payload must already be encoded with the schema
     * {@link #resolve} returns; call it first in that case.
     *
     * @param messageIndexes the Protobuf message indexes, null for Avro and JSON Schema
     */
    public byte[] frame(String topic, ParsedSchema schema, byte[] payload, List<Integer> messageIndexes) {
        return WireFormat.frame(resolve(topic, schema).id(), messageIndexes, payload);
    }

    /**
     * The registered schema a record of {@code schema} written to {@code topic} is written with.
     *
     * @param schema the caller's schema; may be null only with {@code use.latest.version} or {@code use.schema.id}
     *               (a JSON value without a schema of its own, say)
     * @throws SerializationException when the chosen registry schema cannot take the caller's data
     * @throws dev.ferry.serde.client.SchemaRegistryException when the registry refuses (e.g. 409 incompatible,
     *                                                      404 not registered with auto-registration off)
     */
    public WriterSchema resolve(String topic, ParsedSchema schema) {
        boolean latestMode = !config.autoRegisterSchemas() && config.useSchemaId() < 0 && config.useLatestVersion();
        if (latestMode) {
            return latest(topic, schema);
        }
        CacheKey key = new CacheKey(topic, schema);
        synchronized (decisions) {
            WriterSchema cached = decisions.get(key);
            if (cached != null) {
                return cached;
            }
        }
        WriterSchema decided = decide(topic, schema);
        synchronized (decisions) {
            decisions.put(key, decided);
        }
        return decided;
    }

    private WriterSchema decide(String topic, ParsedSchema schema) {
        if (config.autoRegisterSchemas()) {
            requireSchema(schema, "auto.register.schemas=true");
            String subject = config.subject(topic, schema);
            return new WriterSchema(subject, client.register(subject, schema, config.normalizeSchemas()), schema);
        }
        if (config.useSchemaId() >= 0) {
            ParsedSchema pinned = client.schemaById(config.useSchemaId());
            String subject = config.subject(topic, schema != null ? schema : pinned);
            if (schema != null && config.idCompatibilityStrict()) {
                List<String> problems = pinned.incompatibilitiesWith(schema);
                if (!problems.isEmpty()) {
                    throw new SerializationException("Schema id " + config.useSchemaId() + " (use.schema.id) cannot "
                            + "read data written with the record's schema: " + String.join("; ", problems)
                            + ". Fix the schema or set id.compatibility.strict=false to skip this check.");
                }
            }
            return new WriterSchema(subject, config.useSchemaId(), pinned);
        }
        requireSchema(schema, "auto.register.schemas=false without use.latest.version");
        String subject = config.subject(topic, schema);
        RegisteredSchema found = client.lookup(subject, schema, config.normalizeSchemas());
        return new WriterSchema(subject, found.id(), schema);
    }

    private WriterSchema latest(String topic, ParsedSchema schema) {
        String subject;
        RegisteredSchema latest;
        if (schema == null && config.subjectNameStrategy() != SubjectNameStrategy.TOPIC) {
            throw new SerializationException("use.latest.version without a record schema needs TopicNameStrategy: "
                    + config.subjectNameStrategy().confluentClassName() + " derives the subject from the record's schema.");
        }
        subject = config.subject(topic, schema);
        latest = client.latest(subject);
        if (schema != null && config.latestCompatibilityStrict()) {
            CacheKey verdictKey = new CacheKey(subject + "#" + latest.id(), schema);
            boolean known;
            synchronized (decisions) {
                known = decisions.containsKey(verdictKey);
            }
            if (!known) {
                List<String> problems = CompatibilityLevel.BACKWARD.check(latest.schema(), List.of(schema));
                if (!problems.isEmpty()) {
                    throw new SerializationException("The latest schema of subject '" + subject + "' (version "
                            + latest.version() + ", id " + latest.id() + ") cannot read data written with the record's "
                            + "schema: " + String.join("; ", problems) + ". Register a compatible version or set "
                            + "latest.compatibility.strict=false to skip this check.");
                }
                synchronized (decisions) {
                    decisions.put(verdictKey, new WriterSchema(subject, latest.id(), latest.schema()));
                }
            }
        }
        return new WriterSchema(subject, latest.id(), latest.schema());
    }

    private static void requireSchema(ParsedSchema schema, String mode) {
        if (schema == null) {
            throw new SerializationException("The record has no schema, which " + mode + " needs. Give the record "
                    + "a schema, or set auto.register.schemas=false with use.latest.version=true (or use.schema.id).");
        }
    }

    /** Schemas compare by identity unless their class says otherwise, which is what per-record caching needs. */
    private record CacheKey(String topic, ParsedSchema schema) {
        @Override
        public boolean equals(Object o) {
            return o instanceof CacheKey other && topic.equals(other.topic) && Objects.equals(schema, other.schema);
        }

        @Override
        public int hashCode() {
            return 31 * topic.hashCode() + Objects.hashCode(schema);
        }
    }
}

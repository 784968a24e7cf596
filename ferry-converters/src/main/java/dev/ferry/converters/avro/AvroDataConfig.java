package dev.ferry.converters.avro;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

import java.util.Map;

/**
 * The settings of the Connect&lt;-&gt;Avro mapping, under Confluent's {@code AvroDataConfig} key names and defaults,
 * so that converter configs written for Confluent's AvroConverter mean the same here. Immutable.
 */
public final class AvroDataConfig {

    public static final String SCHEMAS_CACHE_SIZE_CONFIG = "schemas.cache.config";
    public static final String CONNECT_META_DATA_CONFIG = "connect.meta.data";
    public static final String ENHANCED_AVRO_SCHEMA_SUPPORT_CONFIG = "enhanced.avro.schema.support";
    public static final String SCRUB_INVALID_NAMES_CONFIG = "scrub.invalid.names";
    public static final String IGNORE_DEFAULT_FOR_NULLABLES_CONFIG = "ignore.default.for.nullables";
    public static final String GENERALIZED_SUM_TYPE_SUPPORT_CONFIG = "generalized.sum.type.support";
    public static final String ALLOW_OPTIONAL_MAP_KEYS_CONFIG = "allow.optional.map.keys";
    public static final String FLATTEN_SINGLETON_UNIONS_CONFIG = "flatten.singleton.unions";
    public static final String DISCARD_TYPE_DOC_DEFAULT_CONFIG = "discard.type.doc.default";

    private static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(SCHEMAS_CACHE_SIZE_CONFIG, Type.INT, 1000, Importance.LOW,
                    "How many Connect and Avro schemas each direction of the mapping keeps converted.")
            .define(CONNECT_META_DATA_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                    "Whether Connect's schema details (name, version, doc, parameters, defaults, int8/int16) are "
                            + "written into the Avro schema as connect.* properties and read back from them.")
            .define(ENHANCED_AVRO_SCHEMA_SUPPORT_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Whether Avro enums stay enums (not strings) on the way back to Avro, and union branches of "
                            + "named types are named by their full name.")
            .define(SCRUB_INVALID_NAMES_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Whether Connect names that Avro does not allow are rewritten into valid Avro names.")
            .define(IGNORE_DEFAULT_FOR_NULLABLES_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Whether a null in an optional struct field stays null instead of taking the field's default.")
            .define(GENERALIZED_SUM_TYPE_SUPPORT_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Whether Avro unions and enums map to the format-neutral Connect union and enum shapes "
                            + "(connect_union_N) that Protobuf and JSON Schema use too.")
            .define(ALLOW_OPTIONAL_MAP_KEYS_CONFIG, Type.BOOLEAN, false, Importance.LOW,
                    "Whether a Connect map with optional string keys is written as an Avro map (instead of an "
                            + "array of key/value records).")
            .define(FLATTEN_SINGLETON_UNIONS_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                    "Whether an Avro union of a single type reads as that type.")
            .define(DISCARD_TYPE_DOC_DEFAULT_CONFIG, Type.BOOLEAN, false, Importance.LOW,
                    "Deprecated by Confluent: keep only Avro field docs and defaults when mapping schemas.");

    private final int schemaCacheSize;
    private final boolean connectMetaData;
    private final boolean enhancedSchemaSupport;
    private final boolean scrubInvalidNames;
    private final boolean ignoreDefaultForNullables;
    private final boolean generalizedSumTypeSupport;
    private final boolean allowOptionalMapKeys;
    private final boolean flattenSingletonUnions;
    private final boolean discardTypeDocDefault;

    private AvroDataConfig(AbstractConfig parsed) {
        this.schemaCacheSize = Math.max(1, parsed.getInt(SCHEMAS_CACHE_SIZE_CONFIG));
        this.connectMetaData = parsed.getBoolean(CONNECT_META_DATA_CONFIG);
        this.enhancedSchemaSupport = parsed.getBoolean(ENHANCED_AVRO_SCHEMA_SUPPORT_CONFIG);
        this.scrubInvalidNames = parsed.getBoolean(SCRUB_INVALID_NAMES_CONFIG);
        this.ignoreDefaultForNullables = parsed.getBoolean(IGNORE_DEFAULT_FOR_NULLABLES_CONFIG);
        this.generalizedSumTypeSupport = parsed.getBoolean(GENERALIZED_SUM_TYPE_SUPPORT_CONFIG);
        this.allowOptionalMapKeys = parsed.getBoolean(ALLOW_OPTIONAL_MAP_KEYS_CONFIG);
        this.flattenSingletonUnions = parsed.getBoolean(FLATTEN_SINGLETON_UNIONS_CONFIG);
        this.discardTypeDocDefault = parsed.getBoolean(DISCARD_TYPE_DOC_DEFAULT_CONFIG);
    }

    /**
     * Reads the mapping's keys from a converter config; other keys are ignored.
     *
     * @throws org.apache.kafka.common.config.ConfigException naming a key whose value has the wrong type
     */
    public static AvroDataConfig from(Map<String, ?> configs) {
        return new AvroDataConfig(new AbstractConfig(CONFIG_DEF, configs, false));
    }

    /** Confluent's defaults. */
    public static AvroDataConfig defaults() {
        return from(Map.of());
    }

    /** The keys of the mapping, for a converter's {@code config()}. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    public int schemaCacheSize() {
        return schemaCacheSize;
    }

    public boolean connectMetaData() {
        return connectMetaData;
    }

    public boolean enhancedSchemaSupport() {
        return enhancedSchemaSupport;
    }

    public boolean scrubInvalidNames() {
        return scrubInvalidNames;
    }

    public boolean ignoreDefaultForNullables() {
        return ignoreDefaultForNullables;
    }

    public boolean generalizedSumTypeSupport() {
        return generalizedSumTypeSupport;
    }

    public boolean allowOptionalMapKeys() {
        return allowOptionalMapKeys;
    }

    public boolean flattenSingletonUnions() {
        return flattenSingletonUnions;
    }

    public boolean discardTypeDocDefault() {
        return discardTypeDocDefault;
    }
}

package dev.ferry.converters.protobuf;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.AbstractConfig;

/**
 * The Connect&lt;-&gt;Protobuf mapping options, under Confluent's {@code ProtobufDataConfig} names and defaults, so a
 * converter config written for Confluent's {@code ProtobufConverter} maps the same way here.
 */
public record ProtobufDataConfig(
        boolean enhancedSchemaSupport,
        boolean generateIndexForUnions,
        boolean intForEnums,
        boolean optionalForNullables,
        boolean wrapperForNullables,
        boolean wrapperForRawPrimitives,
        boolean scrubInvalidNames,
        boolean generateStructForNulls,
        boolean flattenUnions,
        int schemasCacheSize) {

    public static final String ENHANCED_SCHEMA_SUPPORT_CONFIG = "enhanced.protobuf.schema.support";
    public static final String GENERATE_INDEX_FOR_UNIONS_CONFIG = "generate.index.for.unions";
    public static final String INT_FOR_ENUMS_CONFIG = "int.for.enums";
    public static final String OPTIONAL_FOR_NULLABLES_CONFIG = "optional.for.nullables";
    public static final String WRAPPER_FOR_NULLABLES_CONFIG = "wrapper.for.nullables";
    public static final String WRAPPER_FOR_RAW_PRIMITIVES_CONFIG = "wrapper.for.raw.primitives";
    public static final String SCRUB_INVALID_NAMES_CONFIG = "scrub.invalid.names";
    public static final String GENERATE_STRUCT_FOR_NULLS_CONFIG = "generate.struct.for.nulls";
    public static final String FLATTEN_UNIONS_CONFIG = "flatten.unions";
    public static final String SCHEMAS_CACHE_SIZE_CONFIG = "schemas.cache.config";

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(ENHANCED_SCHEMA_SUPPORT_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Keep package names: Connect struct and enum names are the full Protobuf names.")
            .define(GENERATE_INDEX_FOR_UNIONS_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                    "Suffix the Connect field of a oneof with the oneof's index (name_0).")
            .define(INT_FOR_ENUMS_CONFIG, Type.BOOLEAN, false, Importance.LOW,
                    "Map Protobuf enums to Connect INT32 (the number) instead of STRING (the symbol).")
            .define(OPTIONAL_FOR_NULLABLES_CONFIG, Type.BOOLEAN, false, Importance.LOW,
                    "Write optional Connect fields as proto3 'optional' fields, and read only those as optional.")
            .define(WRAPPER_FOR_NULLABLES_CONFIG, Type.BOOLEAN, false, Importance.LOW,
                    "Write optional Connect primitives as google.protobuf wrapper messages, and read wrappers"
                            + " back as optional primitives.")
            .define(WRAPPER_FOR_RAW_PRIMITIVES_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                    "Read a top-level wrapper message (google.protobuf.Int32Value, ...) as a Connect primitive.")
            .define(SCRUB_INVALID_NAMES_CONFIG, Type.BOOLEAN, false, Importance.LOW,
                    "Replace characters that Protobuf names cannot hold.")
            .define(GENERATE_STRUCT_FOR_NULLS_CONFIG, Type.BOOLEAN, false, Importance.LOW,
                    "Read an unset message field as an empty struct instead of null.")
            .define(FLATTEN_UNIONS_CONFIG, Type.BOOLEAN, false, Importance.LOW,
                    "Read the members of a oneof as fields of the enclosing struct instead of a nested struct.")
            .define(SCHEMAS_CACHE_SIZE_CONFIG, Type.INT, 1000, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "How many Connect<->Protobuf schema pairs to keep.");

    /** The defaults, as Confluent's converter has them. */
    public static ProtobufDataConfig defaults() {
        return from(Map.of());
    }

    /** Reads the keys above from a converter config; other keys are ignored. */
    public static ProtobufDataConfig from(Map<String, ?> configs) {
        AbstractConfig config = new AbstractConfig(DEFINITION, configs, false);
        return new ProtobufDataConfig(
                config.getBoolean(ENHANCED_SCHEMA_SUPPORT_CONFIG),
                config.getBoolean(GENERATE_INDEX_FOR_UNIONS_CONFIG),
                config.getBoolean(INT_FOR_ENUMS_CONFIG),
                config.getBoolean(OPTIONAL_FOR_NULLABLES_CONFIG),
                config.getBoolean(WRAPPER_FOR_NULLABLES_CONFIG),
                config.getBoolean(WRAPPER_FOR_RAW_PRIMITIVES_CONFIG),
                config.getBoolean(SCRUB_INVALID_NAMES_CONFIG),
                config.getBoolean(GENERATE_STRUCT_FOR_NULLS_CONFIG),
                config.getBoolean(FLATTEN_UNIONS_CONFIG),
                config.getInt(SCHEMAS_CACHE_SIZE_CONFIG));
    }
}

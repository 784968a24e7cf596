package dev.ferry.converters.json;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The Connect&lt;-&gt;JSON Schema mapping options and the converter's validation switch, under the names and
 * defaults of Confluent's {@code JsonSchemaDataConfig} and JSON Schema serde.
 */
public record JsonSchemaDataConfig(
        boolean objectAdditionalProperties,
        boolean useOptionalForNonRequired,
        DecimalFormat decimalFormat,
        boolean flattenSingletonUnions,
        int schemasCacheSize,
        boolean failInvalidSchema) {

    /** How a Connect Decimal is written in JSON: base64 of its unscaled two's-complement bytes, or a number. */
    public enum DecimalFormat { BASE64, NUMERIC }

    public static final String OBJECT_ADDITIONAL_PROPERTIES_CONFIG = "object.additional.properties";
    public static final String USE_OPTIONAL_FOR_NON_REQUIRED_CONFIG = "use.optional.for.nonrequired";
    public static final String DECIMAL_FORMAT_CONFIG = "decimal.format";
    public static final String FLATTEN_SINGLETON_UNIONS_CONFIG = "flatten.singleton.unions";
    public static final String SCHEMAS_CACHE_SIZE_CONFIG = "schemas.cache.config";
    public static final String FAIL_INVALID_SCHEMA_CONFIG = "json.fail.invalid.schema";

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(OBJECT_ADDITIONAL_PROPERTIES_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                    "Whether the JSON Schema of a Connect struct allows properties it does not declare.")
            .define(USE_OPTIONAL_FOR_NON_REQUIRED_CONFIG, Type.BOOLEAN, false, Importance.LOW,
                    "Read properties missing from 'required' as optional Connect fields.")
            .define(DECIMAL_FORMAT_CONFIG, Type.STRING, DecimalFormat.BASE64.name(), Importance.LOW,
                    "How Connect Decimals are written: BASE64 (of the unscaled bytes) or NUMERIC.")
            .define(FLATTEN_SINGLETON_UNIONS_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                    "Read a oneOf/anyOf of one schema as that schema.")
            .define(SCHEMAS_CACHE_SIZE_CONFIG, Type.INT, 1000, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "How many Connect<->JSON Schema schema pairs to keep.")
            .define(FAIL_INVALID_SCHEMA_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Validate every record against its JSON Schema, failing those that do not conform.");

    public static JsonSchemaDataConfig defaults() {
        return from(Map.of());
    }

    /** Reads the keys above from a converter config; other keys are ignored. */
    public static JsonSchemaDataConfig from(Map<String, ?> configs) {
        AbstractConfig config = new AbstractConfig(DEFINITION, configs, false);
        String format = config.getString(DECIMAL_FORMAT_CONFIG);
        DecimalFormat decimalFormat;
        try {
            decimalFormat = DecimalFormat.valueOf(format.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(DECIMAL_FORMAT_CONFIG, format, "must be BASE64 or NUMERIC");
        }
        return new JsonSchemaDataConfig(
                config.getBoolean(OBJECT_ADDITIONAL_PROPERTIES_CONFIG),
                config.getBoolean(USE_OPTIONAL_FOR_NON_REQUIRED_CONFIG),
                decimalFormat,
                config.getBoolean(FLATTEN_SINGLETON_UNIONS_CONFIG),
                config.getInt(SCHEMAS_CACHE_SIZE_CONFIG),
                config.getBoolean(FAIL_INVALID_SCHEMA_CONFIG));
    }
}

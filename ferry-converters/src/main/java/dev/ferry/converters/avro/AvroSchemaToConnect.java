package dev.ferry.converters.avro;

import org.apache.avro.util.internal.JacksonUtils;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Converts an Avro schema into the Connect schema Confluent's AvroData gives for it. The {@code connect.*}
 * properties written by either converter restore the Connect name, version, doc, parameters, default and
 * INT8/INT16; Avro-only shapes map as Confluent maps them: a union of {@code null} and one type is that type,
 * optional; any other union is a struct named {@code io.confluent.connect.avro.Union} with one optional field per
 * branch; an enum is a string carrying its symbols as parameters; {@code fixed} is bytes with
 * {@code connect.fixed.size}; an array of {@code MapEntry} records is a map.
 *
 * <p>Thread-safe: the state of one conversion lives in its {@link ToConnectContext}.
 */
final class AvroSchemaToConnect {

    private static final Logger log = LoggerFactory.getLogger(AvroSchemaToConnect.class);
    private static final org.apache.avro.Schema NULL_SCHEMA = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL);

    private final AvroDataConfig config;
    private final ConnectShapes shapes;
    private final Function<org.apache.avro.Schema, Schema> topLevel;
    private AvroDefaults defaults;
    /** Numbers the {@code connect_union_N} names of generalized unions, as Confluent's converter does. */
    private final AtomicInteger unionIndex = new AtomicInteger();

    /**
     * @param topLevel converts a schema as a fresh, cached top-level conversion (used for map entry key and value
     *                 schemas, as Confluent's converter does)
     */
    AvroSchemaToConnect(AvroDataConfig config, ConnectShapes shapes, Function<org.apache.avro.Schema, Schema> topLevel) {
        this.config = config;
        this.shapes = shapes;
        this.topLevel = topLevel;
    }

    void defaults(AvroDefaults defaults) {
        this.defaults = defaults;
    }

    /** A top-level schema; {@code version} (the registry's) applies when the schema has no connect.version. */
    Schema convert(org.apache.avro.Schema schema, Integer version, ToConnectContext context) {
        return convert(schema, false, null, null, version, context);
    }

    /** A schema met inside another: a record already being converted becomes a reference to it. */
    Schema convertWithCycles(org.apache.avro.Schema schema, boolean forceOptional, Object fieldDefault,
                             String docDefault, ToConnectContext context) {
        CyclicSchema inProgress = context.referenceTo(schema);
        if (inProgress != null) {
            return new CyclicSchema(inProgress.schema(), forceOptional);
        }
        return convert(schema, forceOptional, fieldDefault, docDefault, null, context);
    }

    /**
     * @param fieldDefault when non-null, the default of the Avro record field of this schema (Avro puts defaults
     *                     on fields, Connect on schemas); it wins over a {@code connect.default}
     * @param docDefault   the Avro field's doc, used with {@code discard.type.doc.default}
     */
    private Schema convert(org.apache.avro.Schema schema, boolean forceOptional, Object fieldDefault, String docDefault,
                           Integer version, ToConnectContext context) {
        SchemaBuilder builder;
        switch (schema.getType()) {
            case BOOLEAN:
                builder = SchemaBuilder.bool();
                break;
            case BYTES:
            case FIXED:
                builder = bytesBuilder(schema);
                break;
            case DOUBLE:
                builder = SchemaBuilder.float64();
                break;
            case FLOAT:
                builder = SchemaBuilder.float32();
                break;
            case INT:
                builder = intBuilder(schema);
                break;
            case LONG:
                builder = AvroProps.LOGICAL_TIMESTAMP_MILLIS.equalsIgnoreCase(schema.getProp(AvroProps.LOGICAL_TYPE))
                        ? Timestamp.builder() : SchemaBuilder.int64();
                break;
            case STRING:
                builder = SchemaBuilder.string();
                break;
            case ARRAY:
                builder = arrayBuilder(schema, context);
                break;
            case MAP:
                builder = SchemaBuilder.map(Schema.STRING_SCHEMA,
                        convertWithCycles(schema.getValueType(), false, null, null, context));
                break;
            case RECORD:
                builder = recordBuilder(schema, context);
                break;
            case ENUM:
                builder = enumBuilder(schema);
                break;
            case UNION: {
                Schema single = nullableOrSingleton(schema, docDefault, context);
                if (single != null) {
                    return single;
                }
                builder = unionBuilder(schema, context);
                break;
            }
            case NULL:
                throw new DataException("Standalone null schemas are not supported by this converter: an Avro null "
                        + "type can only appear inside a union.");
            default:
                throw new DataException("Couldn't translate unsupported schema type " + schema.getType().getName() + ".");
        }
        applyDoc(schema, docDefault, builder);
        applyVersion(schema, version, builder);
        applyParameters(schema, builder);
        applyDefault(schema, fieldDefault, builder, context);
        applyName(schema, builder);
        if (forceOptional) {
            builder.optional();
        }
        context.finish(schema);
        return builder.build();
    }

    private SchemaBuilder bytesBuilder(org.apache.avro.Schema schema) {
        SchemaBuilder builder;
        if (AvroProps.LOGICAL_DECIMAL.equalsIgnoreCase(schema.getProp(AvroProps.LOGICAL_TYPE))) {
            Object scale = schema.getObjectProp(AvroProps.DECIMAL_SCALE);
            builder = Decimal.builder(scale instanceof Number ? ((Number) scale).intValue() : 0);
            Object precision = schema.getObjectProp(AvroProps.DECIMAL_PRECISION);
            if (precision != null) {
                if (!(precision instanceof Number)) {
                    throw new DataException("precision property must be a JSON Integer. "
                            + "https://avro.apache.org/docs/1.9.1/spec.html#Decimal");
                }
                int value = ((Number) precision).intValue();
                // Only a precision other than the default one is worth keeping in Connect.
                if (value != AvroProps.DECIMAL_PRECISION_DEFAULT) {
                    builder.parameter(AvroProps.CONNECT_DECIMAL_PRECISION, String.valueOf(value));
                }
            }
        } else {
            builder = SchemaBuilder.bytes();
        }
        if (schema.getType() == org.apache.avro.Schema.Type.FIXED) {
            builder.parameter(AvroProps.CONNECT_FIXED_SIZE, String.valueOf(schema.getFixedSize()));
        }
        return builder;
    }

    private static SchemaBuilder intBuilder(org.apache.avro.Schema schema) {
        String connectType = schema.getProp(AvroProps.CONNECT_TYPE);
        String logicalType = schema.getProp(AvroProps.LOGICAL_TYPE);
        if (logicalType != null) {
            if (AvroProps.LOGICAL_DATE.equalsIgnoreCase(logicalType)) {
                return Date.builder();
            }
            if (AvroProps.LOGICAL_TIME_MILLIS.equalsIgnoreCase(logicalType)) {
                return Time.builder();
            }
            return SchemaBuilder.int32();
        }
        if (connectType == null) {
            return SchemaBuilder.int32();
        }
        if (AvroProps.CONNECT_TYPE_INT8.equals(connectType)) {
            return SchemaBuilder.int8();
        }
        if (AvroProps.CONNECT_TYPE_INT16.equals(connectType)) {
            return SchemaBuilder.int16();
        }
        throw new DataException("Unknown Connect type annotation '" + connectType + "' on an Avro int: "
                + "connect.type must be int8 or int16.");
    }

    private SchemaBuilder arrayBuilder(org.apache.avro.Schema schema, ToConnectContext context) {
        org.apache.avro.Schema element = schema.getElementType();
        if (!isMapEntry(element)) {
            return SchemaBuilder.array(convertWithCycles(element, false, null, null, context));
        }
        if (element.getFields().size() != 2 || element.getField(AvroProps.KEY_FIELD) == null
                || element.getField(AvroProps.VALUE_FIELD) == null) {
            throw new DataException("Found map encoded as array of key-value pairs, but array elements do not match "
                    + "the expected format (a record with exactly the fields key and value).");
        }
        return SchemaBuilder.map(topLevel.apply(element.getField(AvroProps.KEY_FIELD).schema()),
                topLevel.apply(element.getField(AvroProps.VALUE_FIELD).schema()));
    }

    private static boolean isMapEntry(org.apache.avro.Schema element) {
        if (element.getType() != org.apache.avro.Schema.Type.RECORD) {
            return false;
        }
        return (AvroProps.NAMESPACE.equals(element.getNamespace())
                && AvroProps.MAP_ENTRY_TYPE_NAME.equals(element.getName()))
                || AvroProps.MAP_ENTRY_TYPE_NAME.equals(element.getProp(AvroProps.CONNECT_INTERNAL_TYPE));
    }

    private SchemaBuilder recordBuilder(org.apache.avro.Schema schema, ToConnectContext context) {
        SchemaBuilder builder = SchemaBuilder.struct();
        context.start(schema, builder);
        boolean keepDocs = !config.discardTypeDocDefault() && config.connectMetaData();
        if (keepDocs && schema.getDoc() != null) {
            builder.parameter(AvroProps.AVRO_RECORD_DOC, schema.getDoc());
        }
        for (org.apache.avro.Schema.Field field : schema.getFields()) {
            if (keepDocs && field.doc() != null) {
                builder.parameter(AvroProps.AVRO_FIELD_DOC_PREFIX + field.name(), field.doc());
            }
            Object defaultValue = null;
            try {
                defaultValue = field.defaultVal();
            } catch (RuntimeException e) {
                log.warn("Ignoring invalid default for field {}", field, e);
            }
            Schema fieldSchema = convert(field.schema(), false, defaultValue, field.doc(), null, context);
            if (config.connectMetaData()) {
                Object fieldParameters = field.getObjectProp(AvroProps.CONNECT_PARAMETERS);
                if (fieldParameters instanceof Map) {
                    fieldSchema = FieldParameters.apply(fieldSchema, (Map<?, ?>) fieldParameters);
                }
            }
            builder.field(field.name(), fieldSchema);
        }
        return builder;
    }

    private SchemaBuilder enumBuilder(org.apache.avro.Schema schema) {
        SchemaBuilder builder = SchemaBuilder.string();
        if (config.connectMetaData()) {
            if (schema.getDoc() != null) {
                builder.parameter(config.discardTypeDocDefault()
                        ? AvroProps.CONNECT_ENUM_DOC : AvroProps.AVRO_ENUM_DOC_PREFIX + schema.getName(), schema.getDoc());
            }
            if (!config.discardTypeDocDefault() && schema.getEnumDefault() != null) {
                builder.parameter(AvroProps.AVRO_ENUM_DEFAULT_PREFIX + schema.getName(), schema.getEnumDefault());
            }
        }
        String parameter = shapes.enumParameter();
        builder.parameter(parameter, schema.getFullName());
        int index = 0;
        for (String symbol : schema.getEnumSymbols()) {
            builder.parameter(parameter + "." + symbol,
                    config.generalizedSumTypeSupport() ? String.valueOf(index) : symbol);
            index++;
        }
        return builder;
    }

    /** A singleton union (when flattened) or {@code null} plus one type: that type; otherwise null. */
    private Schema nullableOrSingleton(org.apache.avro.Schema union, String docDefault, ToConnectContext context) {
        if (union.getTypes().size() == 1 && config.flattenSingletonUnions()) {
            return convertWithCycles(union.getTypes().get(0), false, null, docDefault, context);
        }
        if (union.getTypes().size() == 2 && union.getTypes().contains(NULL_SCHEMA)) {
            for (org.apache.avro.Schema branch : union.getTypes()) {
                if (!branch.equals(NULL_SCHEMA)) {
                    return convertWithCycles(branch, true, null, docDefault, context);
                }
            }
        }
        return null;
    }

    private SchemaBuilder unionBuilder(org.apache.avro.Schema union, ToConnectContext context) {
        String unionName = config.generalizedSumTypeSupport()
                ? AvroProps.GENERALIZED_TYPE_UNION_PREFIX + unionIndex.getAndIncrement() : AvroProps.AVRO_TYPE_UNION;
        SchemaBuilder builder = SchemaBuilder.struct().name(unionName);
        if (config.generalizedSumTypeSupport()) {
            builder.parameter(AvroProps.GENERALIZED_TYPE_UNION, unionName);
        }
        Set<String> fieldNames = new HashSet<>();
        int index = 0;
        for (org.apache.avro.Schema branch : union.getTypes()) {
            if (branch.getType() == org.apache.avro.Schema.Type.NULL) {
                builder.optional();
            } else {
                String fieldName = shapes.memberFieldName(branch, index);
                if (!fieldNames.add(fieldName)) {
                    throw new DataException("Multiple union schemas map to the Connect union field name " + fieldName
                            + "; set enhanced.avro.schema.support=true to name record branches by their full name.");
                }
                builder.field(fieldName, convertWithCycles(branch, true, null, null, context));
            }
            index++;
        }
        return builder;
    }

    private void applyDoc(org.apache.avro.Schema schema, String docDefault, SchemaBuilder builder) {
        if (config.discardTypeDocDefault()) {
            String doc = docDefault != null ? docDefault
                    : schema.getDoc() != null ? schema.getDoc() : schema.getProp(AvroProps.CONNECT_DOC);
            if (doc != null) {
                builder.doc(doc);
            }
            if (config.connectMetaData() && schema.getDoc() != null) {
                builder.parameter(AvroProps.CONNECT_RECORD_DOC, schema.getDoc());
            }
            return;
        }
        String doc = schema.getProp(AvroProps.CONNECT_DOC);
        if (config.connectMetaData() && doc != null) {
            builder.doc(doc);
        }
    }

    /** A connect.version wins over the registry's version, which Confluent's converter applies otherwise. */
    private static void applyVersion(org.apache.avro.Schema schema, Integer version, SchemaBuilder builder) {
        int resolved = -1;
        Object declared = schema.getObjectProp(AvroProps.CONNECT_VERSION);
        if (declared != null) {
            if (!(declared instanceof Number)) {
                throw new DataException("Invalid Connect version found: " + declared);
            }
            resolved = ((Number) declared).intValue();
        } else if (version != null) {
            resolved = version;
        }
        if (resolved < 0) {
            return;
        }
        if (builder.version() == null) {
            builder.version(resolved);
        } else if (resolved != builder.version()) {
            throw new DataException("Mismatched versions: version already added to SchemaBuilder ("
                    + builder.version() + ") differs from version in source schema (" + resolved + ")");
        }
    }

    private void applyParameters(org.apache.avro.Schema schema, SchemaBuilder builder) {
        Object parameters = schema.getObjectProp(AvroProps.CONNECT_PARAMETERS);
        if (config.connectMetaData() && parameters != null) {
            if (!(parameters instanceof Map)) {
                throw new DataException("Expected JSON object for schema parameters but found: " + parameters);
            }
            for (Map.Entry<?, ?> parameter : ((Map<?, ?>) parameters).entrySet()) {
                if (!(parameter.getValue() instanceof String)) {
                    throw new DataException("Expected schema parameter values to be strings but found: "
                            + parameter.getValue());
                }
                builder.parameter(String.valueOf(parameter.getKey()), (String) parameter.getValue());
            }
        }
        for (Map.Entry<String, Object> property : schema.getObjectProps().entrySet()) {
            if (property.getKey().startsWith(AvroProps.AVRO_PROP_PREFIX)) {
                builder.parameter(property.getKey(), property.getValue().toString());
            }
        }
    }

    private void applyDefault(org.apache.avro.Schema schema, Object fieldDefault, SchemaBuilder builder,
                              ToConnectContext context) {
        Object connectDefault = schema.getObjectProp(AvroProps.CONNECT_DEFAULT);
        Object defaultValue = fieldDefault;
        if (defaultValue == null) {
            defaultValue = JacksonUtils.toJsonNode(connectDefault);
        } else if (!config.discardTypeDocDefault() && config.connectMetaData() && connectDefault == null) {
            builder.parameter(AvroProps.AVRO_FIELD_DEFAULT_FLAG, "true");
        }
        if (defaultValue == null) {
            return;
        }
        try {
            builder.defaultValue(defaults.toConnect(builder, schema, defaultValue, context));
        } catch (DataException e) {
            log.warn("Ignoring invalid default for schema {}", schema.getName(), e);
        }
    }

    private static void applyName(org.apache.avro.Schema schema, SchemaBuilder builder) {
        Object connectName = schema.getObjectProp(AvroProps.CONNECT_NAME);
        String name = null;
        if (connectName != null) {
            if (!(connectName instanceof String)) {
                throw new DataException("Invalid schema name: " + connectName);
            }
            name = (String) connectName;
        } else if (schema.getType() == org.apache.avro.Schema.Type.RECORD
                || schema.getType() == org.apache.avro.Schema.Type.ENUM) {
            name = schema.getFullName();
        } else if (schema.getType() == org.apache.avro.Schema.Type.FIXED && !Decimal.LOGICAL_NAME.equals(builder.name())) {
            name = schema.getFullName();
        }
        if (name == null || name.startsWith(AvroProps.DEFAULT_SCHEMA_FULL_NAME)) {
            return;
        }
        if (builder.name() == null) {
            builder.name(name);
        } else if (!name.equals(builder.name())) {
            throw new DataException("Mismatched names: name already added to SchemaBuilder (" + builder.name()
                    + ") differs from name in source schema (" + name + ")");
        }
    }
}

package dev.ferry.converters.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.AvroTypeException;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.util.internal.JacksonUtils;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts a Connect schema into the Avro schema Confluent's AvroData gives for it, property for property, so that
 * both converters register the same schema text for the same Connect schema.
 *
 * <p>The shape: INT8/INT16 are {@code int} with {@code connect.type}; optional types are unions with {@code null}
 * (null first, or last when the schema has a non-null default, since an Avro union default must match its first
 * branch); unnamed structs are records {@code io.confluent.connect.avro.ConnectDefault}, numbered from the second
 * one on ({@code ConnectDefault2}, ...) within one conversion; maps with non-string keys are arrays of
 * {@code MapEntry} records; Decimal is {@code bytes} with the {@code decimal} logical type and a precision of 64
 * unless {@code connect.decimal.precision} says otherwise. With {@code connect.meta.data} the Connect name,
 * version, doc, parameters and default ride along as {@code connect.*} properties of the non-union schema.
 *
 * <p>Within one conversion, equal required schemas and records of one name are converted once and then referred
 * to, because Avro forbids defining a named type twice (and a record may refer to itself).
 */
final class ConnectSchemaToAvro {

    private static final Logger log = LoggerFactory.getLogger(ConnectSchemaToAvro.class);

    private final AvroDataConfig config;
    private final AvroNames names;
    private final ConnectDefaults defaults;

    ConnectSchemaToAvro(AvroDataConfig config, AvroNames names, ConnectDefaults defaults) {
        this.config = config;
        this.names = names;
        this.defaults = defaults;
    }

    /** The Avro schema of a Connect schema; {@code null} (schemaless data) gives the Anything record. */
    org.apache.avro.Schema convert(Schema schema) {
        if (schema == null) {
            return AnythingSchema.SCHEMA;
        }
        return convert(schema, new Context(), false);
    }

    /** What one conversion has produced so far. */
    private static final class Context {
        /** Required Connect schemas already converted: reused so a named type is defined only once. */
        final Map<Schema, org.apache.avro.Schema> converted = new HashMap<>();
        /** Records by Connect name, to refer back to one (a cycle, or a second use of the name). */
        final Map<String, org.apache.avro.Schema> recordsByName = new HashMap<>();
        final Set<String> seenNamedTypes = new HashSet<>();
        int unnamedCount;
    }

    private org.apache.avro.Schema convert(Schema schema, Context context, boolean ignoreOptional) {
        if (!ConnectShapes.isUnion(schema) && !schema.isOptional()) {
            org.apache.avro.Schema done = context.converted.get(schema);
            if (done != null) {
                return done;
            }
        }
        org.apache.avro.Schema base = baseSchema(schema, context);
        org.apache.avro.Schema result = base;
        if (base.getType() != org.apache.avro.Schema.Type.UNION) {
            // Avro has no properties on unions: everything is said on the non-null branch.
            if (config.connectMetaData()) {
                addConnectMetadata(schema, base);
            }
            addLogicalType(schema, base);
            if (schema.parameters() != null) {
                for (Map.Entry<String, String> parameter : schema.parameters().entrySet()) {
                    if (parameter.getKey().startsWith(AvroProps.AVRO_PROP_PREFIX)) {
                        base.addProp(parameter.getKey(), parameter.getValue());
                    }
                }
            }
            if (!ignoreOptional) {
                result = optional(schema, base);
            }
        }
        if (!schema.isOptional()) {
            context.converted.put(schema, result);
        }
        return result;
    }

    private org.apache.avro.Schema baseSchema(Schema schema, Context context) {
        switch (schema.type()) {
            case INT8:
            case INT16:
            case INT32:
                return SchemaBuilder.builder().intType();
            case INT64:
                return SchemaBuilder.builder().longType();
            case FLOAT32:
                return SchemaBuilder.builder().floatType();
            case FLOAT64:
                return SchemaBuilder.builder().doubleType();
            case BOOLEAN:
                return SchemaBuilder.builder().booleanType();
            case STRING:
                return stringSchema(schema, context);
            case BYTES:
                return bytesSchema(schema, context);
            case ARRAY:
                return SchemaBuilder.builder().array().items(convertWithCycle(schema.valueSchema(), context, false));
            case MAP:
                return mapSchema(schema, context);
            case STRUCT:
                return structSchema(schema, context);
            default:
                throw new DataException("Unknown schema type: " + schema.type());
        }
    }

    private org.apache.avro.Schema stringSchema(Schema schema, Context context) {
        boolean sumTypes = config.generalizedSumTypeSupport() || config.enhancedSchemaSupport();
        if (!sumTypes || !ConnectShapes.isEnum(schema)) {
            return SchemaBuilder.builder().stringType();
        }
        String parameter = config.generalizedSumTypeSupport() ? AvroProps.GENERALIZED_TYPE_ENUM : AvroProps.AVRO_TYPE_ENUM;
        Map<String, String> parameters = schema.parameters();
        List<String> symbols = new ArrayList<>();
        for (String key : parameters.keySet()) {
            if (key.startsWith(parameter + ".")) {
                symbols.add(key.substring(parameter.length() + 1));
            }
        }
        String name = nameOrDefault(context, schema.name())[1];
        String enumName = parameters.get(parameter);
        String[] symbolArray = symbols.toArray(new String[0]);
        if (config.discardTypeDocDefault()) {
            return SchemaBuilder.builder().enumeration(enumName).doc(parameters.get(AvroProps.CONNECT_ENUM_DOC))
                    .symbols(symbolArray);
        }
        return SchemaBuilder.builder().enumeration(enumName)
                .doc(parameters.get(AvroProps.AVRO_ENUM_DOC_PREFIX + name))
                .defaultSymbol(parameters.get(AvroProps.AVRO_ENUM_DEFAULT_PREFIX + name))
                .symbols(symbolArray);
    }

    private org.apache.avro.Schema bytesSchema(Schema schema, Context context) {
        org.apache.avro.Schema base;
        if (ConnectShapes.isFixed(schema)) {
            String[] name = nameOrDefault(context, schema.name());
            base = SchemaBuilder.builder().fixed(name[1]).namespace(name[0]).size(ConnectShapes.fixedSize(schema));
        } else {
            base = SchemaBuilder.builder().bytesType();
        }
        if (Decimal.LOGICAL_NAME.equalsIgnoreCase(schema.name())) {
            int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
            base.addProp(AvroProps.DECIMAL_SCALE, new IntNode(scale));
            String precision = schema.parameters().get(AvroProps.CONNECT_DECIMAL_PRECISION);
            base.addProp(AvroProps.DECIMAL_PRECISION,
                    new IntNode(precision == null ? AvroProps.DECIMAL_PRECISION_DEFAULT : Integer.parseInt(precision)));
        }
        return base;
    }

    private org.apache.avro.Schema mapSchema(Schema schema, Context context) {
        if (ConnectShapes.isAvroMap(schema, config.allowOptionalMapKeys())) {
            return SchemaBuilder.builder().map().values(convertWithCycle(schema.valueSchema(), context, false));
        }
        // Avro maps only have string keys: other keys become an array of key/value records.
        org.apache.avro.Schema entry;
        if (schema.name() == null) {
            entry = org.apache.avro.Schema.createRecord(AvroProps.MAP_ENTRY_TYPE_NAME, null, AvroProps.NAMESPACE, false);
        } else {
            String[] name = nameOrDefault(context, schema.name());
            entry = org.apache.avro.Schema.createRecord(name[1], null, name[0], false);
            entry.addProp(AvroProps.CONNECT_INTERNAL_TYPE, AvroProps.MAP_ENTRY_TYPE_NAME);
        }
        List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
        addField(fields, AvroProps.KEY_FIELD, schema.keySchema(), null, context);
        addField(fields, AvroProps.VALUE_FIELD, schema.valueSchema(), null, context);
        entry.setFields(fields);
        return org.apache.avro.Schema.createArray(entry);
    }

    private org.apache.avro.Schema structSchema(Schema schema, Context context) {
        if (ConnectShapes.isUnion(schema)) {
            List<org.apache.avro.Schema> branches = new ArrayList<>();
            if (schema.isOptional()) {
                branches.add(SchemaBuilder.builder().nullType());
            }
            for (Field field : schema.fields()) {
                branches.add(convertWithCycle(ConnectShapes.nonOptional(field.schema()), context, true));
            }
            return org.apache.avro.Schema.createUnion(branches);
        }
        if (schema.isOptional()) {
            List<org.apache.avro.Schema> branches = new ArrayList<>();
            branches.add(SchemaBuilder.builder().nullType());
            branches.add(convertWithCycle(ConnectShapes.nonOptional(schema), context, false));
            return org.apache.avro.Schema.createUnion(branches);
        }
        String[] name = nameOrDefault(context, schema.name());
        Map<String, String> parameters = schema.parameters();
        String doc = parameters == null ? null
                : parameters.get(config.discardTypeDocDefault() ? AvroProps.CONNECT_RECORD_DOC : AvroProps.AVRO_RECORD_DOC);
        org.apache.avro.Schema record = org.apache.avro.Schema.createRecord(name[1], doc, name[0], false);
        if (schema.name() != null) {
            context.recordsByName.put(schema.name(), record);
        }
        List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
        for (Field field : schema.fields()) {
            String fieldDoc = null;
            if (!config.discardTypeDocDefault() && parameters != null) {
                fieldDoc = parameters.get(AvroProps.AVRO_FIELD_DOC_PREFIX + field.name());
            }
            addField(fields, names.scrub(field.name()), field.schema(), fieldDoc, context);
        }
        record.setFields(fields);
        return record;
    }

    private org.apache.avro.Schema convertWithCycle(Schema schema, Context context, boolean ignoreOptional) {
        org.apache.avro.Schema known = schema.name() == null ? null : context.recordsByName.get(schema.name());
        if (known == null) {
            return convert(schema, context, ignoreOptional);
        }
        return ignoreOptional ? known : optional(schema, known);
    }

    private void addField(List<org.apache.avro.Schema.Field> fields, String fieldName, Schema fieldSchema,
                          String fieldDoc, Context context) {
        Object defaultValue = null;
        if (fieldSchema.defaultValue() != null) {
            defaultValue = JacksonUtils.toObject(defaults.toJson(fieldSchema, fieldSchema.defaultValue()));
        } else if (fieldSchema.isOptional()) {
            defaultValue = JsonProperties.NULL_VALUE;
        }
        String typeName = names.scrubFullName(fieldSchema.name());
        boolean alreadySeen = typeName != null && !context.seenNamedTypes.add(typeName);
        org.apache.avro.Schema schema = convert(fieldSchema, context, false);
        String doc = config.discardTypeDocDefault() ? fieldSchema.doc() : fieldDoc;
        org.apache.avro.Schema.Field field;
        try {
            field = new org.apache.avro.Schema.Field(fieldName, schema, doc, defaultValue);
        } catch (AvroTypeException e) {
            // Confluent's converter drops a default Avro cannot hold (a map with non-string keys, say); so do we.
            field = new org.apache.avro.Schema.Field(fieldName, schema, doc);
            log.warn("Ignoring invalid default for field {}", fieldName, e);
        }
        // A named type is written in full only at its first use; a later use that differs only in its
        // parameters keeps them on the field.
        if (config.connectMetaData() && alreadySeen && fieldSchema.parameters() != null
                && !fieldSchema.parameters().isEmpty() && isNamedType(schema)) {
            JsonNode parameters = parametersJson(fieldSchema.parameters());
            if (parameters.size() > 0) {
                field.addProp(AvroProps.CONNECT_PARAMETERS, parameters);
            }
        }
        fields.add(field);
    }

    private void addConnectMetadata(Schema schema, org.apache.avro.Schema base) {
        if (schema.doc() != null) {
            base.addProp(AvroProps.CONNECT_DOC, schema.doc());
        }
        if (schema.version() != null) {
            base.addProp(AvroProps.CONNECT_VERSION, JsonNodeFactory.instance.numberNode(schema.version()));
        }
        if (schema.parameters() != null) {
            JsonNode parameters = parametersJson(schema.parameters());
            if (!parameters.isEmpty()) {
                base.addProp(AvroProps.CONNECT_PARAMETERS, parameters);
            }
        }
        if (schema.defaultValue() != null && (config.discardTypeDocDefault() || schema.parameters() == null
                || !schema.parameters().containsKey(AvroProps.AVRO_FIELD_DEFAULT_FLAG))) {
            base.addProp(AvroProps.CONNECT_DEFAULT, defaults.toJson(schema, schema.defaultValue()));
        }
        if (schema.name() != null) {
            base.addProp(AvroProps.CONNECT_NAME, schema.name());
        }
        if (schema.type() == Schema.Type.INT8) {
            base.addProp(AvroProps.CONNECT_TYPE, AvroProps.CONNECT_TYPE_INT8);
        } else if (schema.type() == Schema.Type.INT16) {
            base.addProp(AvroProps.CONNECT_TYPE, AvroProps.CONNECT_TYPE_INT16);
        }
    }

    private void addLogicalType(Schema schema, org.apache.avro.Schema base) {
        String name = schema.name();
        if (name == null) {
            return;
        }
        if (Decimal.LOGICAL_NAME.equalsIgnoreCase(name)) {
            String precisionText = schema.parameters().get(AvroProps.CONNECT_DECIMAL_PRECISION);
            String scaleText = schema.parameters().get(Decimal.SCALE_FIELD);
            int precision = precisionText == null ? AvroProps.DECIMAL_PRECISION_DEFAULT : Integer.parseInt(precisionText);
            int scale = scaleText == null ? 0 : Integer.parseInt(scaleText);
            // Avro's decimal type refuses a negative scale or one above the precision; such decimals carry only
            // the logicalType property (as Confluent's converter writes them), not Avro's logical type.
            boolean legacy = scale < 0 || scale > precision;
            if (!legacy) {
                LogicalTypes.decimal(precision, scale).addToSchema(base);
            }
            if (legacy || precisionText != null) {
                base.addProp(AvroProps.LOGICAL_TYPE, AvroProps.LOGICAL_DECIMAL);
            }
        } else if (Time.LOGICAL_NAME.equalsIgnoreCase(name)) {
            LogicalTypes.timeMillis().addToSchema(base);
        } else if (Timestamp.LOGICAL_NAME.equalsIgnoreCase(name)) {
            LogicalTypes.timestampMillis().addToSchema(base);
        } else if (Date.LOGICAL_NAME.equalsIgnoreCase(name)) {
            LogicalTypes.date().addToSchema(base);
        }
    }

    private JsonNode parametersJson(Map<String, String> parameters) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, String> entry : parameters.entrySet()) {
            if (config.discardTypeDocDefault() || !entry.getKey().equals(AvroProps.AVRO_FIELD_DEFAULT_FLAG)) {
                result.put(entry.getKey(), entry.getValue());
            }
        }
        return result;
    }

    /** {namespace, name} of a Connect name, or the next ConnectDefault name for an unnamed type. */
    private String[] nameOrDefault(Context context, String name) {
        if (name != null) {
            return names.split(name);
        }
        int index = ++context.unnamedCount;
        return new String[] {AvroProps.NAMESPACE, AvroProps.DEFAULT_SCHEMA_NAME + (index > 1 ? index : "")};
    }

    private static org.apache.avro.Schema optional(Schema schema, org.apache.avro.Schema base) {
        if (!schema.isOptional()) {
            return base;
        }
        if (schema.defaultValue() != null) {
            return SchemaBuilder.builder().unionOf().type(base).and().nullType().endUnion();
        }
        return SchemaBuilder.builder().unionOf().nullType().and().type(base).endUnion();
    }

    private static boolean isNamedType(org.apache.avro.Schema schema) {
        if (isNamed(schema.getType())) {
            return true;
        }
        if (schema.getType() == org.apache.avro.Schema.Type.UNION) {
            for (org.apache.avro.Schema branch : schema.getTypes()) {
                if (isNamed(branch.getType())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isNamed(org.apache.avro.Schema.Type type) {
        return type == org.apache.avro.Schema.Type.RECORD || type == org.apache.avro.Schema.Type.ENUM
                || type == org.apache.avro.Schema.Type.FIXED;
    }
}

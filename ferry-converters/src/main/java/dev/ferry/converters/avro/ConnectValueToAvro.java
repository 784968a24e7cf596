package dev.ferry.converters.avro;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Converts a Connect value into the object Avro's generic writer writes with the converted schema: records as
 * {@link GenericData.Record}, logical types as their primitive, INT8/INT16 widened to int, maps with non-string
 * keys as lists of {@code MapEntry} records, a union struct as its one set branch, enums (with
 * {@code enhanced.avro.schema.support}) as enum symbols, {@code fixed} as {@link GenericData.Fixed}; schemaless
 * values wrapped in {@code Anything} records.
 */
final class ConnectValueToAvro {

    private final AvroDataConfig config;
    private final AvroNames names;
    private final ConnectShapes shapes;

    ConnectValueToAvro(AvroDataConfig config, AvroNames names, ConnectShapes shapes) {
        this.config = config;
        this.names = names;
        this.shapes = shapes;
    }

    /** The Avro datum of a top-level Connect value; null stays null. */
    Object toAvro(Schema schema, org.apache.avro.Schema avroSchema, Object value) {
        return toAvro(schema, avroSchema, value, false);
    }

    /**
     * @param nestedSchemaless whether a schemaless null sits inside an array or map, where it must be an empty
     *                         Anything record because the Anything type cannot be a union with null
     */
    @SuppressWarnings("unchecked")
    private Object toAvro(Schema schema, org.apache.avro.Schema avroSchema, Object logicalValue, boolean nestedSchemaless) {
        Schema.Type type = schema != null ? schema.type() : schemalessType(logicalValue);
        if (type == null) {
            return nestedSchemaless ? new GenericData.Record(AnythingSchema.SCHEMA) : null;
        }
        if (logicalValue == null) {
            if (schema != null && !schema.isOptional()) {
                throw new DataException("Found null value for non-optional schema");
            }
            return schema == null && nestedSchemaless ? new GenericData.Record(AnythingSchema.SCHEMA) : null;
        }
        Object value = schema != null ? ConnectLogicalTypes.toAvro(schema, logicalValue) : logicalValue;
        try {
            switch (type) {
                case INT8:
                    return wrapSchemaless(schema, ((Byte) value).intValue(), AnythingSchema.INT);
                case INT16:
                    return wrapSchemaless(schema, ((Short) value).intValue(), AnythingSchema.INT);
                case INT32:
                    return wrapSchemaless(schema, (Integer) value, AnythingSchema.INT);
                case INT64:
                    return wrapSchemaless(schema, (Long) value, AnythingSchema.LONG);
                case FLOAT32:
                    return wrapSchemaless(schema, (Float) value, AnythingSchema.FLOAT);
                case FLOAT64:
                    return wrapSchemaless(schema, (Double) value, AnythingSchema.DOUBLE);
                case BOOLEAN:
                    return wrapSchemaless(schema, (Boolean) value, AnythingSchema.BOOLEAN);
                case STRING:
                    return wrapSchemaless(schema, string(schema, avroSchema, value), AnythingSchema.STRING);
                case BYTES:
                    return wrapSchemaless(schema, bytes(schema, avroSchema, value), AnythingSchema.BYTES);
                case ARRAY:
                    return wrapSchemaless(schema, array(schema, avroSchema, (Collection<Object>) value), AnythingSchema.ARRAY);
                case MAP:
                    return map(schema, avroSchema, (Map<Object, Object>) value);
                case STRUCT:
                    return struct(schema, avroSchema, (Struct) value);
                default:
                    throw new DataException("Unknown schema type: " + type);
            }
        } catch (ClassCastException e) {
            throw new DataException("Invalid type for " + type + ": " + value.getClass());
        }
    }

    private Object string(Schema schema, org.apache.avro.Schema avroSchema, Object value) {
        if (schema != null && config.generalizedSumTypeSupport()
                && ConnectShapes.hasParameter(schema, AvroProps.GENERALIZED_TYPE_ENUM)) {
            return enumSymbol(avroSchema, (String) value, schema.parameters().get(AvroProps.GENERALIZED_TYPE_ENUM));
        }
        if (schema != null && config.enhancedSchemaSupport() && ConnectShapes.hasParameter(schema, AvroProps.AVRO_TYPE_ENUM)) {
            return enumSymbol(avroSchema, (String) value, schema.parameters().get(AvroProps.AVRO_TYPE_ENUM));
        }
        return (String) value;
    }

    private static GenericData.EnumSymbol enumSymbol(org.apache.avro.Schema avroSchema, String symbol, String enumName) {
        org.apache.avro.Schema enumSchema = avroSchema.getType() == org.apache.avro.Schema.Type.UNION
                ? avroSchema.getTypes().get(avroSchema.getIndexNamed(enumName)) : avroSchema;
        return new GenericData.EnumSymbol(enumSchema, symbol);
    }

    private Object bytes(Schema schema, org.apache.avro.Schema avroSchema, Object value) {
        ByteBuffer buffer = value instanceof byte[] ? ByteBuffer.wrap((byte[]) value) : (ByteBuffer) value;
        if (schema == null || !ConnectShapes.isFixed(schema)) {
            return buffer;
        }
        int size = ConnectShapes.fixedSize(schema);
        org.apache.avro.Schema fixedSchema = avroSchema;
        if (avroSchema.getType() == org.apache.avro.Schema.Type.UNION) {
            fixedSchema = null;
            int index = 0;
            for (org.apache.avro.Schema branch : avroSchema.getTypes()) {
                if (branch.getType() == org.apache.avro.Schema.Type.FIXED && branch.getFixedSize() == size
                        && shapes.memberFieldName(branch, index).equals(shapes.memberFieldName(schema, index))) {
                    fixedSchema = branch;
                }
                index++;
            }
            if (fixedSchema == null) {
                throw new DataException("Fixed size " + size + " not in union " + avroSchema);
            }
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        if (Decimal.LOGICAL_NAME.equalsIgnoreCase(schema.name())) {
            bytes = signExtend(bytes, size);
        }
        return new GenericData.Fixed(fixedSchema, bytes);
    }

    /** A decimal's minimal two's-complement bytes, sign-extended to a fixed size (Avro requires exactly that many). */
    private static byte[] signExtend(byte[] unscaled, int size) {
        if (unscaled.length == size) {
            return unscaled;
        }
        if (unscaled.length > size) {
            throw new DataException("Unscaled value byte array length " + unscaled.length
                    + " is greater than fixed size " + size);
        }
        byte[] padded = new byte[size];
        byte sign = unscaled.length > 0 && unscaled[0] < 0 ? (byte) 0xFF : 0x00;
        Arrays.fill(padded, 0, size - unscaled.length, sign);
        System.arraycopy(unscaled, 0, padded, size - unscaled.length, unscaled.length);
        return padded;
    }

    private List<Object> array(Schema schema, org.apache.avro.Schema avroSchema, Collection<Object> values) {
        Schema elementSchema = schema != null ? schema.valueSchema() : null;
        org.apache.avro.Schema elementAvro = schema != null
                ? nonNullBranch(schema, avroSchema).getElementType() : AnythingSchema.SCHEMA;
        List<Object> converted = new ArrayList<>(values.size());
        for (Object element : values) {
            converted.add(toAvro(elementSchema, elementAvro, element, true));
        }
        return converted;
    }

    private Object map(Schema schema, org.apache.avro.Schema avroSchema, Map<Object, Object> values) {
        if (schema != null && ConnectShapes.isAvroMap(schema, config.allowOptionalMapKeys())) {
            org.apache.avro.Schema valueAvro = nonNullBranch(schema, avroSchema).getValueType();
            Map<String, Object> converted = new HashMap<>((int) (values.size() / 0.75f) + 1);
            for (Map.Entry<Object, Object> entry : values.entrySet()) {
                converted.put((String) entry.getKey(), toAvro(schema.valueSchema(), valueAvro, entry.getValue(), true));
            }
            return converted;
        }
        org.apache.avro.Schema entrySchema = schema != null
                ? arrayBranch(schema, avroSchema).getElementType() : AnythingSchema.MAP_ENTRY;
        org.apache.avro.Schema.Field keyField = entrySchema.getField(AvroProps.KEY_FIELD);
        org.apache.avro.Schema.Field valueField = entrySchema.getField(AvroProps.VALUE_FIELD);
        List<GenericRecord> converted = new ArrayList<>(values.size());
        for (Map.Entry<Object, Object> entry : values.entrySet()) {
            GenericData.Record record = new GenericData.Record(entrySchema);
            record.put(keyField.pos(), toAvro(schema != null ? schema.keySchema() : null, keyField.schema(), entry.getKey(), true));
            record.put(valueField.pos(),
                    toAvro(schema != null ? schema.valueSchema() : null, valueField.schema(), entry.getValue(), true));
            converted.add(record);
        }
        return wrapSchemaless(schema, converted, AnythingSchema.MAP);
    }

    private Object struct(Schema schema, org.apache.avro.Schema avroSchema, Struct struct) {
        if (!struct.schema().equals(schema)) {
            throw new DataException("Mismatching struct schema: the struct's own schema is not the schema given with "
                    + "it. Build the value with new Struct(schema) of the record's value schema.");
        }
        if (ConnectShapes.isUnion(schema)) {
            // A union struct has at most one field set: that branch is the value.
            for (Field field : schema.fields()) {
                Object branch = config.ignoreDefaultForNullables() ? struct.getWithoutDefault(field.name()) : struct.get(field);
                if (branch != null) {
                    return toAvro(field.schema(), avroSchema, branch, true);
                }
            }
            return toAvro(schema, avroSchema, null, true);
        }
        org.apache.avro.Schema recordSchema = nonNullBranch(schema, avroSchema);
        GenericData.Record record = new GenericData.Record(recordSchema);
        int written = 0;
        for (Field field : schema.fields()) {
            org.apache.avro.Schema.Field avroField = recordSchema.getField(names.scrub(field.name()));
            if (avroField == null) {
                // Writing with the registry's schema (use.latest.version), which dropped this field.
                continue;
            }
            Object fieldValue = config.ignoreDefaultForNullables() ? struct.getWithoutDefault(field.name()) : struct.get(field);
            record.put(avroField.pos(), toAvro(field.schema(), avroField.schema(), fieldValue, true));
            written++;
        }
        if (written < recordSchema.getFields().size()) {
            fillDefaults(record, recordSchema, schema);
        }
        return record;
    }

    /** Fields of the registry's schema that the Connect schema lacks take their Avro default. */
    private static void fillDefaults(GenericData.Record record, org.apache.avro.Schema recordSchema, Schema schema) {
        for (org.apache.avro.Schema.Field avroField : recordSchema.getFields()) {
            if (schema.field(avroField.name()) == null && avroField.hasDefaultValue()) {
                record.put(avroField.pos(), GenericData.get().getDefaultValue(avroField));
            }
        }
    }

    /** The branch of an optional's {@code [null, T]} union that holds {@code schema}'s values. */
    private org.apache.avro.Schema nonNullBranch(Schema schema, org.apache.avro.Schema avroSchema) {
        if (!schema.isOptional()) {
            return avroSchema;
        }
        if (avroSchema.getType() != org.apache.avro.Schema.Type.UNION) {
            throw new DataException("An optional schema should have an Avro Union type, not " + schema.type());
        }
        String fullName = names.scrubFullName(schema.name());
        for (org.apache.avro.Schema branch : avroSchema.getTypes()) {
            if (branch.getType() != org.apache.avro.Schema.Type.NULL
                    && (Objects.equals(branch.getFullName(), fullName)
                    || branch.getType().getName().equals(schema.type().getName())
                    || (schema.name() == null && branch.getFullName().startsWith(AvroProps.DEFAULT_SCHEMA_FULL_NAME)))) {
                return branch;
            }
        }
        return avroSchema;
    }

    /** The array branch of an optional map's {@code [null, array<MapEntry>]} union. */
    private static org.apache.avro.Schema arrayBranch(Schema schema, org.apache.avro.Schema avroSchema) {
        if (!schema.isOptional()) {
            return avroSchema;
        }
        if (avroSchema.getType() != org.apache.avro.Schema.Type.UNION) {
            throw new DataException("An optional schema should have an Avro Union type, not " + schema.type());
        }
        for (org.apache.avro.Schema branch : avroSchema.getTypes()) {
            if (branch.getType() == org.apache.avro.Schema.Type.ARRAY) {
                return branch;
            }
        }
        return avroSchema;
    }

    private static Schema.Type schemalessType(Object value) {
        if (value == null) {
            return null;
        } else if (value instanceof Byte) {
            return Schema.Type.INT8;
        } else if (value instanceof Short) {
            return Schema.Type.INT16;
        } else if (value instanceof Integer) {
            return Schema.Type.INT32;
        } else if (value instanceof Long) {
            return Schema.Type.INT64;
        } else if (value instanceof Float) {
            return Schema.Type.FLOAT32;
        } else if (value instanceof Double) {
            return Schema.Type.FLOAT64;
        } else if (value instanceof Boolean) {
            return Schema.Type.BOOLEAN;
        } else if (value instanceof String) {
            return Schema.Type.STRING;
        } else if (value instanceof Collection) {
            return Schema.Type.ARRAY;
        } else if (value instanceof Map) {
            return Schema.Type.MAP;
        }
        throw new DataException("Unknown Java type for schemaless data: " + value.getClass()
                + ". Schemaless values can be numbers, booleans, strings, lists and maps of those.");
    }

    private static Object wrapSchemaless(Schema schema, Object value, String field) {
        if (schema != null) {
            return value;
        }
        GenericData.Record record = new GenericData.Record(AnythingSchema.SCHEMA);
        record.put(field, value);
        return record;
    }
}

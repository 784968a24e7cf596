package dev.ferry.converters.avro;

import org.apache.avro.JsonProperties;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a value Avro's generic reader produced ({@code GenericRecord}, {@code Utf8}, {@code ByteBuffer},
 * {@code GenericFixed}, enum symbols, lists, maps) into the Connect value of the converted schema: logical types
 * as their Java form, INT8/INT16 narrowed, a union as a struct with the matching branch field set, and schemaless
 * {@code Anything} records unwrapped.
 */
final class AvroValueToConnect {

    private final ConnectShapes shapes;
    private final AvroNames names;
    private final AvroSchemaToConnect schemas;

    AvroValueToConnect(ConnectShapes shapes, AvroNames names, AvroSchemaToConnect schemas) {
        this.shapes = shapes;
        this.names = names;
        this.schemas = schemas;
    }

    Object toConnect(Schema schema, Object value, ToConnectContext context) {
        return toConnect(schema, value, context, true);
    }

    /** @param logical whether to turn logical types into their Java form (defaults do that themselves) */
    @SuppressWarnings("unchecked")
    Object toConnect(Schema schema, Object value, ToConnectContext context, boolean logical) {
        if (value == null && schema != null && !schema.isOptional()) {
            throw new DataException("Found null value for non-optional schema");
        }
        if (value == null || value == JsonProperties.NULL_VALUE) {
            return null;
        }
        try {
            if (schema == null) {
                return schemaless(value, context);
            }
            Object converted;
            switch (schema.type()) {
                case INT32:
                    converted = (Integer) value;
                    break;
                case INT64:
                    converted = (Long) value;
                    break;
                case FLOAT32:
                    converted = (Float) value;
                    break;
                case FLOAT64:
                    converted = (Double) value;
                    break;
                case BOOLEAN:
                    converted = (Boolean) value;
                    break;
                case INT8:
                    converted = ((Integer) value).byteValue();
                    break;
                case INT16:
                    converted = ((Integer) value).shortValue();
                    break;
                case STRING:
                    converted = string(value);
                    break;
                case BYTES:
                    converted = bytes(value);
                    break;
                case ARRAY: {
                    Collection<Object> original = (Collection<Object>) value;
                    List<Object> result = new ArrayList<>(original.size());
                    for (Object element : original) {
                        result.add(toConnect(schema.valueSchema(), element, context));
                    }
                    converted = result;
                    break;
                }
                case MAP:
                    converted = map(schema, value, context);
                    break;
                case STRUCT:
                    if (ConnectShapes.isUnion(schema)) {
                        converted = union(schema, value, context);
                    } else if (value instanceof Map) {
                        // An Avro record default arrives as a map of field name to value; it needs no logical step.
                        return structFromMap(schema, (Map<CharSequence, Object>) value, context);
                    } else {
                        converted = struct(schema, (IndexedRecord) value, context);
                    }
                    break;
                default:
                    throw new DataException("Unknown Connect schema type: " + schema.type());
            }
            return logical && schema.name() != null ? ConnectLogicalTypes.toConnect(schema, converted) : converted;
        } catch (ClassCastException e) {
            throw new DataException("Invalid type for " + (schema != null ? schema.type() : "null") + ": "
                    + value.getClass());
        }
    }

    private static String string(Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof CharSequence || value instanceof GenericEnumSymbol || value instanceof Enum) {
            return value.toString();
        }
        throw new DataException("Invalid class for string type, expecting String or CharSequence but found "
                + value.getClass());
    }

    private static ByteBuffer bytes(Object value) {
        if (value instanceof byte[]) {
            return ByteBuffer.wrap((byte[]) value);
        }
        if (value instanceof ByteBuffer) {
            return (ByteBuffer) value;
        }
        if (value instanceof GenericFixed) {
            return ByteBuffer.wrap(((GenericFixed) value).bytes());
        }
        throw new DataException("Invalid class for bytes type, expecting byte[] or ByteBuffer but found "
                + value.getClass());
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> map(Schema schema, Object value, ToConnectContext context) {
        Schema keySchema = schema.keySchema();
        Schema valueSchema = schema.valueSchema();
        if (keySchema != null && keySchema.type() == Schema.Type.STRING && !keySchema.isOptional()) {
            Map<CharSequence, Object> original = (Map<CharSequence, Object>) value;
            Map<Object, Object> result = new HashMap<>(capacity(original.size()));
            for (Map.Entry<CharSequence, Object> entry : original.entrySet()) {
                result.put(entry.getKey().toString(), toConnect(valueSchema, entry.getValue(), context));
            }
            return result;
        }
        Collection<IndexedRecord> entries = (Collection<IndexedRecord>) value;
        Map<Object, Object> result = new HashMap<>(capacity(entries.size()));
        for (IndexedRecord entry : entries) {
            org.apache.avro.Schema entrySchema = entry.getSchema();
            Object key = entry.get(entrySchema.getField(AvroProps.KEY_FIELD).pos());
            Object entryValue = entry.get(entrySchema.getField(AvroProps.VALUE_FIELD).pos());
            result.put(toConnect(keySchema, key, context), toConnect(valueSchema, entryValue, context));
        }
        return result;
    }

    private Struct union(Schema schema, Object value, ToConnectContext context) {
        Schema recordSchema = null;
        if (value instanceof IndexedRecord) {
            recordSchema = schemas.convertWithCycles(((IndexedRecord) value).getSchema(), true, null, null, context);
        }
        int index = 0;
        for (Field field : schema.fields()) {
            Schema branch = field.schema();
            if (isSimpleBranchOf(branch, value, index)
                    || (recordSchema != null && ConnectSchemaEquality.equal(recordSchema, branch))) {
                return new Struct(schema).put(field, toConnect(branch, value, context));
            }
            index++;
        }
        throw new DataException("Did not find matching union field for data of " + value.getClass().getName()
                + " in the union " + schema.fields().stream().map(Field::name).toList());
    }

    /** Whether a value of a non-record Avro branch belongs to the union field of schema {@code branch}. */
    private boolean isSimpleBranchOf(Schema branch, Object value, int index) {
        if (ConnectShapes.isEnum(branch)) {
            String enumName = branch.parameters().get(shapes.enumParameter());
            if (value instanceof GenericData.EnumSymbol) {
                return ((GenericData.EnumSymbol) value).getSchema().getFullName().equals(enumName);
            }
            return value.getClass().getName().equals(enumName);
        }
        switch (branch.type()) {
            case INT32:
                return value instanceof Integer;
            case INT64:
                return value instanceof Long;
            case FLOAT32:
                return value instanceof Float;
            case FLOAT64:
                return value instanceof Double;
            case BOOLEAN:
                return value instanceof Boolean;
            case STRING:
                return value instanceof CharSequence;
            case ARRAY:
                return value instanceof Collection;
            case MAP:
                return value instanceof Map;
            case BYTES:
                if (!(value instanceof ByteBuffer || value instanceof byte[] || value instanceof GenericFixed)) {
                    return false;
                }
                return !ConnectShapes.isFixed(branch) || fixedMatches(branch, value, index);
            default:
                return false;
        }
    }

    private boolean fixedMatches(Schema branch, Object value, int index) {
        int size = ConnectShapes.fixedSize(branch);
        if (value instanceof byte[]) {
            return ((byte[]) value).length == size;
        }
        if (value instanceof ByteBuffer) {
            return ((ByteBuffer) value).remaining() == size;
        }
        return shapes.memberFieldName(((GenericFixed) value).getSchema(), index).equals(shapes.memberFieldName(branch, index));
    }

    private Struct struct(Schema schema, IndexedRecord record, ToConnectContext context) {
        Struct result = new Struct(schema);
        org.apache.avro.Schema recordSchema = record.getSchema();
        for (Field field : schema.fields()) {
            int position = recordSchema.getField(names.scrub(field.name())).pos();
            result.put(field, toConnect(field.schema(), record.get(position), context));
        }
        return result;
    }

    private Struct structFromMap(Schema schema, Map<CharSequence, Object> values, ToConnectContext context) {
        Struct result = new Struct(schema);
        for (Field field : schema.fields()) {
            Object value = values.getOrDefault(names.scrub(field.name()), field.schema().defaultValue());
            result.put(field, toConnect(field.schema(), value, context));
        }
        return result;
    }

    /** Unwraps an {@code Anything} record: the first set field is the value. */
    @SuppressWarnings("unchecked")
    private Object schemaless(Object value, ToConnectContext context) {
        if (!(value instanceof IndexedRecord)) {
            throw new DataException("Invalid Avro data for schemaless Connect data: expected an "
                    + AvroProps.AVRO_TYPE_ANYTHING + " record but found " + value.getClass().getName());
        }
        IndexedRecord record = (IndexedRecord) value;
        Object[][] simple = {
            {AnythingSchema.BOOLEAN, Schema.BOOLEAN_SCHEMA},
            {AnythingSchema.BYTES, Schema.BYTES_SCHEMA},
            {AnythingSchema.DOUBLE, Schema.FLOAT64_SCHEMA},
            {AnythingSchema.FLOAT, Schema.FLOAT32_SCHEMA},
            {AnythingSchema.INT, Schema.INT32_SCHEMA},
            {AnythingSchema.LONG, Schema.INT64_SCHEMA},
            {AnythingSchema.STRING, Schema.STRING_SCHEMA},
        };
        for (Object[] kind : simple) {
            Object field = record.get(AnythingSchema.SCHEMA.getField((String) kind[0]).pos());
            if (field != null) {
                return toConnect((Schema) kind[1], field, context);
            }
        }
        Object array = record.get(AnythingSchema.SCHEMA.getField(AnythingSchema.ARRAY).pos());
        if (array != null) {
            if (!(array instanceof Collection)) {
                throw new DataException("Expected a Collection for schemaless array field but found a "
                        + array.getClass().getName());
            }
            List<Object> result = new ArrayList<>();
            for (Object element : (Collection<Object>) array) {
                result.add(toConnect(null, element, context));
            }
            return result;
        }
        Object map = record.get(AnythingSchema.SCHEMA.getField(AnythingSchema.MAP).pos());
        if (map != null) {
            if (!(map instanceof Collection)) {
                throw new DataException("Expected a List for schemaless map field but found a " + map.getClass().getName());
            }
            Map<Object, Object> result = new HashMap<>();
            for (IndexedRecord entry : (Collection<IndexedRecord>) map) {
                Object key = entry.get(entry.getSchema().getField(AvroProps.KEY_FIELD).pos());
                Object entryValue = entry.get(entry.getSchema().getField(AvroProps.VALUE_FIELD).pos());
                result.put(toConnect(null, key, context), toConnect(null, entryValue, context));
            }
            return result;
        }
        return null;
    }

    private static int capacity(int size) {
        return (int) (size / 0.75f) + 1;
    }
}

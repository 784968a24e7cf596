package dev.ferry.converters.avro;

import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

import java.util.Map;

/**
 * Recognises the Connect schemas that stand for Avro-only shapes (unions, enums, fixed) and names the fields of a
 * union struct. A union's fields are named after the branch type ({@code int}, {@code string}, the record's
 * simple name, or its full name with {@code enhanced.avro.schema.support}), or {@code connect_union_field_N} with
 * {@code generalized.sum.type.support}.
 */
final class ConnectShapes {

    private final AvroDataConfig config;
    private final AvroNames names;

    ConnectShapes(AvroDataConfig config, AvroNames names) {
        this.config = config;
        this.names = names;
    }

    static boolean isUnion(Schema schema) {
        return AvroProps.AVRO_TYPE_UNION.equals(schema.name()) || hasParameter(schema, AvroProps.GENERALIZED_TYPE_UNION);
    }

    static boolean isEnum(Schema schema) {
        return schema.type() == Schema.Type.STRING
                && (hasParameter(schema, AvroProps.GENERALIZED_TYPE_ENUM) || hasParameter(schema, AvroProps.AVRO_TYPE_ENUM));
    }

    static boolean isFixed(Schema schema) {
        return schema.type() == Schema.Type.BYTES && schema.name() != null
                && hasParameter(schema, AvroProps.CONNECT_FIXED_SIZE);
    }

    /**
     * Whether a Connect map is an Avro {@code map} (string keys; optional ones only when allowed) rather than an
     * array of {@code MapEntry} records.
     */
    static boolean isAvroMap(Schema map, boolean allowOptionalKeys) {
        return map.keySchema().type() == Schema.Type.STRING && (!map.keySchema().isOptional() || allowOptionalKeys);
    }

    static int fixedSize(Schema schema) {
        return Integer.parseInt(schema.parameters().get(AvroProps.CONNECT_FIXED_SIZE));
    }

    static boolean hasParameter(Schema schema, String name) {
        Map<String, String> parameters = schema == null ? null : schema.parameters();
        return parameters != null && parameters.containsKey(name);
    }

    /** The parameter that names an enum: the generalized one or Avro's. */
    String enumParameter() {
        return config.generalizedSumTypeSupport() ? AvroProps.GENERALIZED_TYPE_ENUM : AvroProps.AVRO_TYPE_ENUM;
    }

    /** The union struct field that holds a value of the Avro branch {@code branch} at {@code index}. */
    String memberFieldName(org.apache.avro.Schema branch, int index) {
        if (config.generalizedSumTypeSupport()) {
            return AvroProps.GENERALIZED_TYPE_UNION_FIELD_PREFIX + index;
        }
        switch (branch.getType()) {
            case RECORD:
            case ENUM:
            case FIXED:
                return config.enhancedSchemaSupport() ? branch.getFullName() : names.simpleName(branch.getName());
            default:
                return branch.getType().getName();
        }
    }

    /** The union struct field name of the Connect branch schema {@code branch} at {@code index}. */
    String memberFieldName(Schema branch, int index) {
        if (config.generalizedSumTypeSupport()) {
            return AvroProps.GENERALIZED_TYPE_UNION_FIELD_PREFIX + index;
        }
        if (branch.type() == Schema.Type.STRUCT || isEnum(branch) || isFixed(branch)) {
            return config.enhancedSchemaSupport() ? names.scrubFullName(branch.name()) : names.simpleName(branch.name());
        }
        return avroTypeName(branch.type());
    }

    private static String avroTypeName(Schema.Type type) {
        switch (type) {
            case INT32:
                return "int";
            case INT64:
                return "long";
            case FLOAT32:
                return "float";
            case FLOAT64:
                return "double";
            case BOOLEAN:
                return "boolean";
            case STRING:
                return "string";
            case BYTES:
                return "bytes";
            case ARRAY:
                return "array";
            case MAP:
                return "map";
            default:
                // Confluent's converter fails here too: INT8/INT16 have no Avro type name of their own.
                throw new DataException("A union branch of Connect type " + type
                        + " has no Avro type name; use INT32 for union branches.");
        }
    }

    /** The same schema, required. */
    static Schema nonOptional(Schema schema) {
        return new ConnectSchema(schema.type(), false, schema.defaultValue(), schema.name(), schema.version(),
                schema.doc(), schema.parameters(),
                schema.type() == Schema.Type.STRUCT ? schema.fields() : null,
                schema.type() == Schema.Type.MAP ? schema.keySchema() : null,
                schema.type() == Schema.Type.MAP || schema.type() == Schema.Type.ARRAY ? schema.valueSchema() : null);
    }
}

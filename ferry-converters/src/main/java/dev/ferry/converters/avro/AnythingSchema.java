package dev.ferry.converters.avro;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * The Avro schema of schemaless Connect data: a self-referencing record {@code io.confluent.connect.avro.Anything}
 * with one optional field per kind of value (a union cannot be named, and the type must refer to itself for
 * arrays and maps). The field order and names are Confluent's, so schemaless data reads the same in both
 * converters.
 */
final class AnythingSchema {

    static final String BOOLEAN = "boolean";
    static final String BYTES = "bytes";
    static final String DOUBLE = "double";
    static final String FLOAT = "float";
    static final String INT = "int";
    static final String LONG = "long";
    static final String STRING = "string";
    static final String ARRAY = "array";
    static final String MAP = "map";

    static final Schema SCHEMA = SchemaBuilder.record(AvroProps.AVRO_TYPE_ANYTHING).namespace(AvroProps.NAMESPACE)
            .fields()
            .optionalBoolean(BOOLEAN)
            .optionalBytes(BYTES)
            .optionalDouble(DOUBLE)
            .optionalFloat(FLOAT)
            .optionalInt(INT)
            .optionalLong(LONG)
            .optionalString(STRING)
            .name(ARRAY).type().optional().array().items().type(AvroProps.AVRO_TYPE_ANYTHING)
            .name(MAP).type().optional().array().items()
                .record(AvroProps.MAP_ENTRY_TYPE_NAME).namespace(AvroProps.NAMESPACE).fields()
                .name(AvroProps.KEY_FIELD).type(AvroProps.AVRO_TYPE_ANYTHING).noDefault()
                .name(AvroProps.VALUE_FIELD).type(AvroProps.AVRO_TYPE_ANYTHING).noDefault()
                .endRecord()
            .endRecord();

    /** The record type of the entries of the {@code map} field. */
    static final Schema MAP_ENTRY = SCHEMA.getField(MAP).schema().getTypes().get(1).getElementType();

    private AnythingSchema() {
    }
}

package dev.ferry.converters.avro;

/**
 * The names the Connect&lt;-&gt;Avro mapping writes into Avro schemas and Connect schema parameters. They are a wire
 * contract shared with Confluent's converter (schemas registered by one are read by the other), so they must never
 * change.
 */
final class AvroProps {

    /** Namespace of the records the mapping invents (unnamed structs, map entries, unions, schemaless values). */
    static final String NAMESPACE = "io.confluent.connect.avro";
    static final String DEFAULT_SCHEMA_NAME = "ConnectDefault";
    static final String DEFAULT_SCHEMA_FULL_NAME = NAMESPACE + "." + DEFAULT_SCHEMA_NAME;
    static final String MAP_ENTRY_TYPE_NAME = "MapEntry";
    static final String KEY_FIELD = "key";
    static final String VALUE_FIELD = "value";

    static final String CONNECT_NAME = "connect.name";
    static final String CONNECT_DOC = "connect.doc";
    static final String CONNECT_RECORD_DOC = "connect.record.doc";
    static final String CONNECT_ENUM_DOC = "connect.enum.doc";
    static final String CONNECT_VERSION = "connect.version";
    static final String CONNECT_DEFAULT = "connect.default";
    static final String CONNECT_PARAMETERS = "connect.parameters";
    static final String CONNECT_INTERNAL_TYPE = "connect.internal.type";
    static final String CONNECT_TYPE = "connect.type";
    static final String CONNECT_TYPE_INT8 = "int8";
    static final String CONNECT_TYPE_INT16 = "int16";

    /** Connect parameters that carry Avro-only details through a Connect schema. */
    static final String AVRO_RECORD_DOC = NAMESPACE + ".record.doc";
    static final String AVRO_ENUM_DOC_PREFIX = NAMESPACE + ".enum.doc.";
    static final String AVRO_FIELD_DOC_PREFIX = NAMESPACE + ".field.doc.";
    /** Marks a Connect default that came from an Avro field default (so it is written back as one). */
    static final String AVRO_FIELD_DEFAULT_FLAG = NAMESPACE + ".field.default";
    static final String AVRO_ENUM_DEFAULT_PREFIX = NAMESPACE + ".enum.default.";

    static final String AVRO_TYPE_UNION = NAMESPACE + ".Union";
    static final String AVRO_TYPE_ENUM = NAMESPACE + ".Enum";
    static final String AVRO_TYPE_ANYTHING = NAMESPACE + ".Anything";

    /** The format-neutral sum types of {@code generalized.sum.type.support}, shared with Protobuf and JSON Schema. */
    static final String GENERALIZED_TYPE_UNION = "org.apache.kafka.connect.data.Union";
    static final String GENERALIZED_TYPE_ENUM = "org.apache.kafka.connect.data.Enum";
    static final String GENERALIZED_TYPE_UNION_PREFIX = "connect_union_";
    static final String GENERALIZED_TYPE_UNION_FIELD_PREFIX = GENERALIZED_TYPE_UNION_PREFIX + "field_";

    /** Connect parameters starting with this are copied to Avro schema properties and back. */
    static final String AVRO_PROP_PREFIX = "avro";
    static final String LOGICAL_TYPE = "logicalType";
    static final String LOGICAL_TIMESTAMP_MILLIS = "timestamp-millis";
    static final String LOGICAL_TIME_MILLIS = "time-millis";
    static final String LOGICAL_DATE = "date";
    static final String LOGICAL_DECIMAL = "decimal";
    static final String DECIMAL_SCALE = "scale";
    static final String DECIMAL_PRECISION = "precision";
    static final String CONNECT_FIXED_SIZE = "connect.fixed.size";
    static final String CONNECT_DECIMAL_PRECISION = "connect.decimal.precision";
    /** The precision written for a Connect Decimal that names none (Avro requires one). */
    static final int DECIMAL_PRECISION_DEFAULT = 64;

    private AvroProps() {
    }
}

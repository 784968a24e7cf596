package dev.ferry.converters.json;

/** The keywords and Connect parameters Confluent's JSON Schema converter writes and reads. */
final class JsonNames {

    static final String NAMESPACE = "io.confluent.connect.json";
    static final String ENUM = NAMESPACE + ".Enum";
    static final String ONE_OF = NAMESPACE + ".OneOf";
    static final String ONE_OF_FIELD_PREFIX = ONE_OF + ".field.";
    static final String NULL_MARKER = "<NULL>";

    static final String CONNECT_TYPE = "connect.type";
    static final String CONNECT_VERSION = "connect.version";
    static final String CONNECT_PARAMETERS = "connect.parameters";
    static final String CONNECT_INDEX = "connect.index";

    static final String TYPE_INT8 = "int8";
    static final String TYPE_INT16 = "int16";
    static final String TYPE_INT32 = "int32";
    static final String TYPE_INT64 = "int64";
    static final String TYPE_FLOAT32 = "float32";
    static final String TYPE_FLOAT64 = "float64";
    static final String TYPE_BYTES = "bytes";
    static final String TYPE_MAP = "map";

    static final String KEY = "key";
    static final String VALUE = "value";

    private JsonNames() {
    }

    static boolean isUnion(org.apache.kafka.connect.data.Schema schema) {
        return schema.type() == org.apache.kafka.connect.data.Schema.Type.STRUCT && ONE_OF.equals(schema.name());
    }
}

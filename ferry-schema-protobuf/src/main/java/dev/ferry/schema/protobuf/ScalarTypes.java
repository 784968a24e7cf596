package dev.ferry.schema.protobuf;

import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import java.util.Map;

/** The {@code .proto} keywords of the scalar types and their descriptor types, both ways. */
final class ScalarTypes {

    private static final Map<String, FieldDescriptorProto.Type> BY_NAME = Map.ofEntries(
            Map.entry("double", FieldDescriptorProto.Type.TYPE_DOUBLE),
            Map.entry("float", FieldDescriptorProto.Type.TYPE_FLOAT),
            Map.entry("int64", FieldDescriptorProto.Type.TYPE_INT64),
            Map.entry("uint64", FieldDescriptorProto.Type.TYPE_UINT64),
            Map.entry("int32", FieldDescriptorProto.Type.TYPE_INT32),
            Map.entry("fixed64", FieldDescriptorProto.Type.TYPE_FIXED64),
            Map.entry("fixed32", FieldDescriptorProto.Type.TYPE_FIXED32),
            Map.entry("bool", FieldDescriptorProto.Type.TYPE_BOOL),
            Map.entry("string", FieldDescriptorProto.Type.TYPE_STRING),
            Map.entry("bytes", FieldDescriptorProto.Type.TYPE_BYTES),
            Map.entry("uint32", FieldDescriptorProto.Type.TYPE_UINT32),
            Map.entry("sfixed32", FieldDescriptorProto.Type.TYPE_SFIXED32),
            Map.entry("sfixed64", FieldDescriptorProto.Type.TYPE_SFIXED64),
            Map.entry("sint32", FieldDescriptorProto.Type.TYPE_SINT32),
            Map.entry("sint64", FieldDescriptorProto.Type.TYPE_SINT64));

    private ScalarTypes() {
    }

    /** The descriptor type of a scalar keyword, or null when {@code name} names a message or enum. */
    static FieldDescriptorProto.Type of(String name) {
        return BY_NAME.get(name);
    }

    static boolean isScalar(String name) {
        return BY_NAME.containsKey(name);
    }

    /** The keyword of a scalar descriptor type ({@code TYPE_INT32} -> {@code int32}). */
    static String keyword(FieldDescriptorProto.Type type) {
        return type.name().substring("TYPE_".length()).toLowerCase(java.util.Locale.ROOT);
    }
}
